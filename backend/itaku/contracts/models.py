import uuid
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from itaku.core.models import Base, IdMixin, TimestampMixin, VersionedMixin


class ContractStatus(StrEnum):
    draft = "draft"
    active = "active"
    expired = "expired"
    terminated = "terminated"


class Contract(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "contracts"
    __table_args__ = (
        Index("ix_contracts_org_vendor", "organization_id", "vendor_id"),
        Index("ix_contracts_org_status_end", "organization_id", "status", "end_date"),
        Index("ix_contracts_org_status_notice", "organization_id", "status", "notice_date"),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    vendor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vendors.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(300))
    number: Mapped[str | None] = mapped_column(String(100))
    signed_date: Mapped[date | None]
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    auto_renewal: Mapped[bool] = mapped_column(Boolean, default=False)
    notice_period_days: Mapped[int | None] = mapped_column(Integer)
    # end_date less the notice period, kept on every write so "renewal due" is a plain indexed comparison.
    notice_date: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(16), default=ContractStatus.draft.value)
    # The vendor's entrusted processing this contract covers (ids of vendor_processing rows).
    processing_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    document_file_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("stored_files.id", ondelete="SET NULL"))
    notes: Mapped[str | None] = mapped_column(Text)


class ContractClause(IdMixin, TimestampMixin, Base):
    """A clause the contract contains: which requirement it meets, the values it states, and where it stands."""

    __tablename__ = "contract_clauses"

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    contract_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"), index=True)
    requirement_key: Mapped[str] = mapped_column(String(64))
    values: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    article: Mapped[str | None] = mapped_column(String(100))
    excerpt: Mapped[str | None] = mapped_column(Text)


class OrganizationRequirement(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A clause requirement the organisation adds to the built-in library; it applies at `level` under every
    profile. Its key (starting "org_", so no built-in key ever collides) is what contract clauses name."""

    __tablename__ = "organization_clause_requirements"
    __table_args__ = (UniqueConstraint("organization_id", "key", name="uq_organization_clause_requirements_org_key"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    title_ja: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    wording_ja: Mapped[str | None] = mapped_column(Text)
    wording_en: Mapped[str | None] = mapped_column(Text)
    level: Mapped[str] = mapped_column(String(16))
