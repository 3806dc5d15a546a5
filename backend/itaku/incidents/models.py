import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from itaku.core.models import Base, IdMixin, TimestampMixin, VersionedMixin, utcnow

Count = BigInteger().with_variant(Integer, "sqlite")


class IncidentStatus(StrEnum):
    suspected = "suspected"  # the clocks run from here (REGULATION.md §1.3)
    confirmed = "confirmed"
    not_a_breach = "not_a_breach"
    contained = "contained"
    closed = "closed"


class ReportedVia(StrEnum):
    staff = "staff"
    portal = "portal"


class Incident(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A personal-data incident at a vendor, from "suspected" on: the facts the regulation engine judges, and the
    nine items of the regulator report (REGULATION.md §1.7) as they become known."""

    __tablename__ = "incidents"
    __table_args__ = (
        Index("ix_incidents_org_status", "organization_id", "status"),
        Index("ix_incidents_org_vendor", "organization_id", "vendor_id"),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    vendor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vendors.id", ondelete="CASCADE"))
    contract_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("contracts.id", ondelete="SET NULL"))
    processing_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The incident at the vendor where it started, when this one was registered through the supply chain.
    source_incident_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("incidents.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(16), default=IncidentStatus.suspected.value)
    occurred_at: Mapped[datetime | None]
    vendor_discovered_at: Mapped[datetime | None]
    vendor_notified_at: Mapped[datetime | None]
    aware_at: Mapped[datetime]  # when any of our departments knew
    discovered_by: Mapped[str | None] = mapped_column(String(300))
    # The facts the triggers are judged on (rules.Facts)
    data_categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    data_items: Mapped[str | None] = mapped_column(Text)
    affected_persons_estimate: Mapped[int | None] = mapped_column(Count)
    affected_persons_max: Mapped[int | None] = mapped_column(Count)
    financial_damage_possible: Mapped[bool | None] = mapped_column(Boolean)
    wrongful_intent_possible: Mapped[bool] = mapped_column(Boolean, default=False)
    data_being_acquired: Mapped[bool] = mapped_column(Boolean, default=False)
    strongly_encrypted: Mapped[bool] = mapped_column(Boolean, default=False)
    my_number_system: Mapped[bool] = mapped_column(Boolean, default=False)
    wrongful_use: Mapped[bool] = mapped_column(Boolean, default=False)
    publicly_viewable: Mapped[bool] = mapped_column(Boolean, default=False)
    gdpr_risk: Mapped[str] = mapped_column(String(16), default="risk")
    # The report's narrative items
    description: Mapped[str | None] = mapped_column(Text)
    cause: Mapped[str | None] = mapped_column(Text)
    containment: Mapped[str | None] = mapped_column(Text)
    secondary_harm: Mapped[str | None] = mapped_column(Text)
    secondary_harm_occurred: Mapped[bool] = mapped_column(Boolean, default=False)
    individual_response: Mapped[str | None] = mapped_column(Text)
    publication_status: Mapped[str | None] = mapped_column(Text)
    measures_done: Mapped[str | None] = mapped_column(Text)
    measures_planned: Mapped[str | None] = mapped_column(Text)
    other: Mapped[str | None] = mapped_column(Text)
    contact_point: Mapped[str | None] = mapped_column(Text)  # where people can ask (the notice to individuals)
    vendor_contact_point: Mapped[str | None] = mapped_column(Text)  # whom at the vendor to ask, as it reported
    reported_via: Mapped[str] = mapped_column(String(16), default=ReportedVia.staff.value)
    reporter_contact_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("vendor_contacts.id", ondelete="SET NULL"))
    closed_at: Mapped[datetime | None]


class IncidentObligation(IdMixin, TimestampMixin, VersionedMixin, Base):
    """One obligation of an incident under one jurisdiction: the engine's latest answer (kept so deadlines can be
    listed across incidents) and what people did about it."""

    __tablename__ = "incident_obligations"
    __table_args__ = (
        UniqueConstraint("incident_id", "jurisdiction", "kind", name="uq_incident_obligations_incident_kind"),
        Index("ix_incident_obligations_org_due", "organization_id", "required", "due_at"),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    incident_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    jurisdiction: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(40))
    party: Mapped[str] = mapped_column(String(16))  # "principal" (ours) or "vendor" (the vendor's notice to us)
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    due_date: Mapped[date | None]
    due_at: Mapped[datetime | None]
    target_date: Mapped[date | None]
    legal_reference: Mapped[str] = mapped_column(String(300))
    legal_reference_en: Mapped[str] = mapped_column(String(300), default="")
    reason_ja: Mapped[str] = mapped_column(Text)
    reason_en: Mapped[str] = mapped_column(Text)
    done_at: Mapped[datetime | None]
    reference: Mapped[str | None] = mapped_column(String(200))  # e.g. the regulator's receipt number
    note: Mapped[str | None] = mapped_column(Text)
    waived_reason: Mapped[str | None] = mapped_column(Text)  # marked not required by a person, and why


class IncidentEvent(IdMixin, Base):
    """The incident's timeline: every change and note, with who and when."""

    __tablename__ = "incident_events"
    __table_args__ = (Index("ix_incident_events_incident_at", "incident_id", "at"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    incident_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(32))
    actor_type: Mapped[str] = mapped_column(String(16))
    actor_name: Mapped[str] = mapped_column(String(320))
    message: Mapped[str | None] = mapped_column(Text)
    changes: Mapped[dict[str, Any] | None] = mapped_column(JSON)
