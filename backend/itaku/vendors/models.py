import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Computed,
    Date,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column

from itaku.core.models import Base, IdMixin, TimestampMixin, VersionedMixin, utcnow
from itaku.vendors import search

TIER_RANK_SQL = "CASE tier WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END"


class VendorStatus(StrEnum):
    candidate = "candidate"
    under_review = "under_review"
    approved = "approved"
    active = "active"
    suspended = "suspended"
    terminated = "terminated"


class ContactRole(StrEnum):
    security_officer = "security_officer"
    incident_contact = "incident_contact"  # reachable 24/365
    account_manager = "account_manager"
    other = "other"


class StorageType(StrEnum):
    on_premises = "on_premises"
    cloud = "cloud"
    paper = "paper"


class ApprovalStatus(StrEnum):
    requested = "requested"
    approved = "approved"
    refused = "refused"


class CertificationKind(StrEnum):
    iso27001 = "iso27001"
    privacy_mark = "privacy_mark"
    ismap = "ismap"
    soc2 = "soc2"
    security_action_1 = "security_action_1"
    security_action_2 = "security_action_2"
    scs_3 = "scs_3"
    scs_4 = "scs_4"
    other = "other"


class Vendor(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "vendors"
    __table_args__ = (
        UniqueConstraint("organization_id", "corporate_number"),
        # Every sort the register offers ends on the id, for stable pages and cursors (core/pagination.py).
        Index("ix_vendors_org_name", "organization_id", "name", "id"),
        Index("ix_vendors_org_updated", "organization_id", "updated_at", "id"),
        Index("ix_vendors_org_tier_rank", "organization_id", "tier_rank", "id"),
        Index("ix_vendors_org_persons", "organization_id", "persons_total", "id"),
        Index("ix_vendors_org_tier", "organization_id", "tier"),
        Index("ix_vendors_org_status", "organization_id", "status"),
        # The search index is not declared here: a trigram GIN index on PostgreSQL, an FTS5 table on SQLite
        # (migration 0019, vendors/search.py).
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    name_kana: Mapped[str | None] = mapped_column(String(200))
    corporate_number: Mapped[str | None] = mapped_column(String(13))
    address: Mapped[str | None] = mapped_column(String(400))
    country: Mapped[str] = mapped_column(String(2), default="JP")
    website: Mapped[str | None] = mapped_column(String(400))
    status: Mapped[str] = mapped_column(String(16), default=VendorStatus.candidate.value)
    owner_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    notes: Mapped[str | None] = mapped_column(Text)
    # Business-criticality answers (METI supply-chain evaluation model flow, REGULATION.md §3.1).
    handles_confidential_info: Mapped[bool] = mapped_column(Boolean, default=False)
    critical_to_continuity: Mapped[bool] = mapped_column(Boolean, default=False)
    network_access: Mapped[bool] = mapped_column(Boolean, default=False)
    # Derived from processing, subcontractors and the answers above; recomputed on every change.
    computed_tier: Mapped[str] = mapped_column(String(16), default="low")
    tier: Mapped[str] = mapped_column(String(16), default="low")
    # 4 critical … 1 low, for sorting by tier through an index; computed by the database from `tier`.
    tier_rank: Mapped[int] = mapped_column(SmallInteger, Computed(TIER_RANK_SQL, persisted=True))
    tier_score: Mapped[int] = mapped_column(Integer, default=0)
    tier_reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    tier_override: Mapped[str | None] = mapped_column(String(16))
    tier_override_reason: Mapped[str | None] = mapped_column(Text)
    required_star: Mapped[int] = mapped_column(Integer, default=3)
    # ",special_care,ordinary," — lets one indexed-free LIKE filter by category on SQLite and PostgreSQL alike.
    category_keys: Mapped[str] = mapped_column(String(200), default=",")
    persons_total: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), default=0)
    # Kept by the records service whenever a contact is added, changed or removed, so a page of the register costs
    # no look-up per row.
    has_incident_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    # Name, reading and corporate number folded for search (vendors/search.py); set on every flush below.
    search_text: Mapped[str] = mapped_column(Text, default="")


@event.listens_for(Vendor, "before_insert")
@event.listens_for(Vendor, "before_update")
def _fold_for_search(_mapper: Any, _connection: Any, vendor: Vendor) -> None:
    vendor.search_text = search.search_text(vendor.name, vendor.name_kana, vendor.corporate_number)


class VendorContact(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "vendor_contacts"

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    vendor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vendors.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(32))
    notes: Mapped[str | None] = mapped_column(Text)


class Processing(IdMixin, TimestampMixin, VersionedMixin, Base):
    """One entrusted processing: what service, which data about how many people, where, how reached."""

    __tablename__ = "vendor_processing"

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    vendor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vendors.id", ondelete="CASCADE"), index=True)
    service: Mapped[str] = mapped_column(String(300))
    data_categories: Mapped[list[str]] = mapped_column(JSON)
    persons_estimate: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    storage_country: Mapped[str] = mapped_column(String(2), default="JP")
    storage_type: Mapped[str] = mapped_column(String(16), default=StorageType.cloud.value)
    cloud_provider: Mapped[str | None] = mapped_column(String(200))
    retention: Mapped[str | None] = mapped_column(String(200))
    access_type: Mapped[str] = mapped_column(String(16))
    leaves_japan: Mapped[bool] = mapped_column(Boolean, default=False)
    foreign_regime_notes: Mapped[str | None] = mapped_column(Text)


class Subcontract(IdMixin, TimestampMixin, VersionedMixin, Base):
    """`vendor` entrusts part of its work for us to `subcontractor` (再委託)."""

    __tablename__ = "vendor_subcontracts"
    __table_args__ = (UniqueConstraint("vendor_id", "subcontractor_id"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    vendor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vendors.id", ondelete="CASCADE"), index=True)
    subcontractor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vendors.id", ondelete="CASCADE"), index=True)
    work: Mapped[str] = mapped_column(String(300))
    approval_status: Mapped[str] = mapped_column(String(16), default=ApprovalStatus.requested.value)
    approval_date: Mapped[date | None] = mapped_column(Date)


class Certification(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "vendor_certifications"
    __table_args__ = (Index("ix_vendor_certifications_org_expiry", "organization_id", "expiry_date"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    vendor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vendors.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    name: Mapped[str | None] = mapped_column(String(200))
    number: Mapped[str | None] = mapped_column(String(100))
    scope: Mapped[str | None] = mapped_column(Text)
    issued_date: Mapped[date | None] = mapped_column(Date)
    expiry_date: Mapped[date | None] = mapped_column(Date)
    evidence_file_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("stored_files.id", ondelete="SET NULL"))


class TierChange(IdMixin, Base):
    __tablename__ = "vendor_tier_changes"

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    vendor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vendors.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    from_tier: Mapped[str | None] = mapped_column(String(16))
    to_tier: Mapped[str] = mapped_column(String(16))
    cause: Mapped[str] = mapped_column(String(32))  # computed | override_set | override_removed
    reason: Mapped[str | None] = mapped_column(Text)
    actor_label: Mapped[str] = mapped_column(String(320))
