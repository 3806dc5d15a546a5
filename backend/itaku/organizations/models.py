from enum import StrEnum

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from itaku.core.models import Base, IdMixin, TimestampMixin, VersionedMixin


class Role(StrEnum):
    admin = "admin"
    manager = "manager"
    viewer = "viewer"


class Jurisdiction(StrEnum):
    jp_appi = "JP-APPI"
    jp_mynumber = "JP-MYNUMBER"
    eu_gdpr = "EU-GDPR"


class Organization(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A tenant. Every other row belongs to exactly one organisation."""

    __tablename__ = "organizations"

    name: Mapped[str] = mapped_column(String(200))
    time_zone: Mapped[str] = mapped_column(String(64), default="Asia/Tokyo")
    jurisdiction: Mapped[str] = mapped_column(String(32), default=Jurisdiction.jp_appi.value)
