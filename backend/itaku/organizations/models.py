from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from itaku.core.models import Base, IdMixin, TimestampMixin, VersionedMixin
from itaku.core.vocabulary import Jurisdiction


class TwoFactorPolicy(StrEnum):
    """Who must sign in with a second factor in this organisation."""

    off = "off"
    admins = "admins"
    everyone = "everyone"


class Organization(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A tenant. Every other row belongs to exactly one organisation."""

    __tablename__ = "organizations"

    name: Mapped[str] = mapped_column(String(200))
    time_zone: Mapped[str] = mapped_column(String(64), default="Asia/Tokyo")
    jurisdiction: Mapped[str] = mapped_column(String(32), default=Jurisdiction.jp_appi.value)
    two_factor_required: Mapped[str] = mapped_column(String(16), default=TwoFactorPolicy.off.value)
    # The organisation's own weights and thresholds for the vendor tier; None keeps the defaults.
    risk_policy: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    # The values contracts are held against (incident-notice hours, audit frequency...); None keeps the defaults.
    contract_policy: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    # Reporting days the law leaves open and the damages amounts of the exposure estimate; None keeps the defaults.
    incident_policy: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    # Review cadences per tier, report due days and the date monitoring is owed from; None keeps the defaults.
    monitoring_policy: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
