import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from itaku.core.models import Base, IdMixin, TimestampMixin, VersionedMixin, utcnow


class MonitoringItem(IdMixin, TimestampMixin, VersionedMixin, Base):
    """One thing a vendor owes on the review calendar (schedule.py plans them; `key` finds the same item again)."""

    __tablename__ = "monitoring_items"
    __table_args__ = (
        UniqueConstraint("vendor_id", "key", name="uq_monitoring_items_vendor_key"),
        Index("ix_monitoring_items_org_due", "organization_id", "due_date"),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    # Found by vendor through the unique (vendor_id, key) index: a million rows are planned at once, and every index
    # costs each of them.
    vendor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vendors.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(120))
    due_date: Mapped[date]
    opens_on: Mapped[date]
    period_start: Mapped[date | None]
    period_end: Mapped[date | None]
    subject_id: Mapped[uuid.UUID | None]  # the certification or contract it is about
    subject_label: Mapped[str | None] = mapped_column(String(300))
    done_at: Mapped[datetime | None]
    done_note: Mapped[str | None] = mapped_column(Text)
    done_by: Mapped[str | None] = mapped_column(String(320))
    done_ref_id: Mapped[uuid.UUID | None]  # the report, audit or assessment that settled it


class CalendarPlanned(Base):
    """How far ahead the organisation's whole calendar was last planned: the daily run plans it again only when the
    horizon, moving on, reaches a report not planned yet (schedule.horizon_reaches_new_reports)."""

    __tablename__ = "monitoring_calendar_planned"

    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True
    )
    planned_until: Mapped[date]
    planned_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReportStatus(StrEnum):
    draft = "draft"  # the vendor has started it
    submitted = "submitted"
    queried = "queried"  # staff asked a question; the vendor answers and submits again
    accepted = "accepted"


class AccessChange(StrEnum):
    joined = "joined"
    left = "left"
    role_changed = "role_changed"


class VendorReport(IdMixin, TimestampMixin, VersionedMixin, Base):
    """The vendor's periodic report for one item of the calendar (REGULATION.md §2.2 (3))."""

    __tablename__ = "vendor_reports"
    __table_args__ = (Index("ix_vendor_reports_org_status", "organization_id", "status"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    vendor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vendors.id", ondelete="CASCADE"), index=True)
    # RESTRICT: planning again never takes away an item a report was written for (a race fails loudly instead).
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("monitoring_items.id", ondelete="RESTRICT"), unique=True)
    period_start: Mapped[date]
    period_end: Mapped[date]
    status: Mapped[str] = mapped_column(String(16), default=ReportStatus.draft.value)
    handling: Mapped[str | None] = mapped_column(Text)  # how the entrusted data was handled in the period
    incidents_occurred: Mapped[bool | None] = mapped_column(Boolean)
    incident_summary: Mapped[str | None] = mapped_column(Text)  # incidents and near misses
    incident_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("incidents.id", ondelete="SET NULL"))
    # [{"person": str, "change": AccessChange, "changed_on": "YYYY-MM-DD", "applied": bool, "applied_on": ...}]
    access_changes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    access_changes_applied: Mapped[bool | None] = mapped_column(Boolean)  # every change was applied
    measures_changed: Mapped[bool | None] = mapped_column(Boolean)
    measures_changes: Mapped[str | None] = mapped_column(Text)
    attachment_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    submitted_at: Mapped[datetime | None]
    submitted_by: Mapped[str | None] = mapped_column(String(320))
    review_comment: Mapped[str | None] = mapped_column(Text)  # the question asked, or the note on acceptance
    reviewed_at: Mapped[datetime | None]
    reviewed_by: Mapped[str | None] = mapped_column(String(320))


class AuditKind(StrEnum):
    documents = "documents"
    on_site = "on_site"
    remote = "remote"
    third_party = "third_party"  # a third party's diagnosis (penetration test, external audit)


class AuditStatus(StrEnum):
    planned = "planned"
    in_progress = "in_progress"
    completed = "completed"
    cancelled = "cancelled"


class Audit(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "audits"
    __table_args__ = (Index("ix_audits_org_status_planned", "organization_id", "status", "planned_date"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    vendor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vendors.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("monitoring_items.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(16))
    planned_date: Mapped[date]
    auditor: Mapped[str | None] = mapped_column(String(300))
    scope: Mapped[str | None] = mapped_column(Text)
    # The checklist: an assessment of a template (e.g. the periodic audit checklist of issue 4/7); its findings are
    # the audit's findings.
    assessment_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("assessments.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16), default=AuditStatus.planned.value)
    started_date: Mapped[date | None]
    completed_date: Mapped[date | None]
    results: Mapped[str | None] = mapped_column(Text)
    report_file_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("stored_files.id", ondelete="SET NULL"))


class ChangeKind(StrEnum):
    new_subcontractor = "new_subcontractor"
    measures_change = "measures_change"


class ChangeStatus(StrEnum):
    pending = "pending"
    approved = "approved"
    refused = "refused"
    withdrawn = "withdrawn"


class ChangeRequest(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A vendor asks before it changes its measures or brings in a subcontractor (REGULATION.md §2.4)."""

    __tablename__ = "change_requests"
    __table_args__ = (Index("ix_change_requests_org_status", "organization_id", "status"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    vendor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vendors.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    title: Mapped[str] = mapped_column(String(300))
    details: Mapped[str] = mapped_column(Text)
    planned_date: Mapped[date | None]  # when the vendor means to make the change
    # new_subcontractor: who, for what work, with which data, where
    subcontractor_name: Mapped[str | None] = mapped_column(String(200))
    subcontractor_corporate_number: Mapped[str | None] = mapped_column(String(13))
    subcontractor_country: Mapped[str | None] = mapped_column(String(2))
    work: Mapped[str | None] = mapped_column(String(300))
    data_handled: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default=ChangeStatus.pending.value)
    requested_by: Mapped[str] = mapped_column(String(320))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    decision_reason: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(String(320))
    decided_at: Mapped[datetime | None]
    # The subcontract link an approved request added to the register's tree (issue 3/7).
    subcontract_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("vendor_subcontracts.id", ondelete="SET NULL"))


class CalendarFeed(IdMixin, TimestampMixin, Base):
    """A user's secret iCalendar address; only the token's hash is kept, and revoking ends it."""

    __tablename__ = "calendar_feeds"

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    lang: Mapped[str] = mapped_column(String(2), default="ja")  # the events' language, the user's at creation
    revoked_at: Mapped[datetime | None]


class ReminderSent(IdMixin, Base):
    """One reminder per item, stage and address: the unique key is what keeps two workers from both sending."""

    __tablename__ = "monitoring_reminders"
    __table_args__ = (UniqueConstraint("item_id", "stage", "recipient", name="uq_monitoring_reminders_once"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("monitoring_items.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(16))
    recipient: Mapped[str] = mapped_column(String(320))
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
