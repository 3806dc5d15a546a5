import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import Field, field_validator, model_validator

from itaku.core.schemas import InputSchema, ReadSchema, TextRead
from itaku.core.vocabulary import Tier
from itaku.files.schemas import PortalFile
from itaku.monitoring.models import (
    AccessChange,
    AuditKind,
    AuditStatus,
    ChangeKind,
    ChangeStatus,
    ReportStatus,
)
from itaku.monitoring.schedule import Cadence, ItemKind, Stage
from itaku.vendors.schemas import check_corporate_number

# --- policy ---------------------------------------------------------------------------------------------------------


class TierPlanValues(InputSchema):
    reassessment_months: int = Field(ge=1, le=120)
    report: Cadence = Field(description="how often the vendor reports; on_demand: no periodic report")
    audit_months: int | None = Field(ge=1, le=120, description="months between audits; null: on demand")


def _default_plans() -> dict[Tier, TierPlanValues]:
    from itaku.monitoring.schedule import DEFAULT_PLANS

    return {
        t: TierPlanValues(reassessment_months=p.reassessment_months, report=p.report, audit_months=p.audit_months)
        for t, p in DEFAULT_PLANS.items()
    }


class MonitoringPolicyValues(InputSchema):
    """How closely each tier is watched (REGULATION.md §2.2 (3): the law sets no numbers; these are policy)."""

    plans: dict[Tier, TierPlanValues] = Field(default_factory=_default_plans)
    report_due_days: int = Field(default=10, ge=1, le=60, description="a period's report is due this many days after")
    due_soon_days: int = Field(default=14, ge=1, le=60, description="items due within this many days are due soon")
    fiscal_year_start_month: int = Field(default=4, ge=1, le=12, description="quarters and years count from here")
    since: date | None = Field(
        default=None, description="nothing is owed for periods before this date; null: since the organisation joined"
    )

    @model_validator(mode="after")
    def _every_tier(self) -> "MonitoringPolicyValues":
        missing = [t.value for t in Tier if t not in self.plans]
        if missing:
            raise ValueError(f"plans lack the tiers {missing}")
        return self


class MonitoringPolicyRead(MonitoringPolicyValues):
    is_default: bool
    version: int = Field(description="the organisation's version, for the next update")


class MonitoringPolicyUpdate(InputSchema):
    version: int = Field(ge=1)
    policy: MonitoringPolicyValues | None = Field(description="null restores the defaults")


# --- the calendar ---------------------------------------------------------------------------------------------------


class MonitoringItemRead(ReadSchema):
    id: uuid.UUID
    vendor_id: uuid.UUID
    vendor_name: str
    vendor_tier: Tier
    kind: ItemKind
    title: TextRead
    due_date: date
    opens_on: date = Field(description="from this day it can be done (a report: the day after its period)")
    period_start: date | None
    period_end: date | None
    subject_id: uuid.UUID | None = Field(description="the certification or contract it is about")
    stage: Stage
    days_left: int = Field(description="days from today (the organisation's) to the due date; negative: late")
    done_at: datetime | None
    done_by: str | None
    done_note: str | None
    done_ref_id: uuid.UUID | None = Field(description="the report, audit or assessment that settled it")
    report_id: uuid.UUID | None = Field(description="the vendor's report for this item, once started")
    report_status: ReportStatus | None = Field(description="where that report stands (submitted: waiting for us)")
    audit_id: uuid.UUID | None = Field(description="the audit planned for this item")


class MonitoringCounts(ReadSchema):
    overdue: int
    due: int
    due_soon: int
    scheduled: int
    done: int


class VendorMonitoringRead(ReadSchema):
    """A vendor's monitoring at a glance."""

    vendor_id: uuid.UUID
    tier: Tier
    plan: TierPlanValues
    counts: MonitoringCounts
    next_item: MonitoringItemRead | None
    overdue: list[MonitoringItemRead]
    last_report: "VendorReportSummary | None"
    last_audit: "AuditSummary | None"
    pending_change_requests: int


# --- vendor reports -------------------------------------------------------------------------------------------------


class AccessChangeEntry(InputSchema):
    person: str = Field(min_length=1, max_length=200, description="who (name or staff number)")
    change: AccessChange
    changed_on: date = Field(description="the day the person joined, left or changed role")
    applied: bool = Field(description="the access rights were granted or removed accordingly")
    applied_on: date | None = None


class AccessChangeRead(ReadSchema):
    person: str
    change: AccessChange
    changed_on: date
    applied: bool
    applied_on: date | None


class ReportAnswers(InputSchema):
    """What the vendor tells about the period; every field may be saved unfinished and completed later."""

    handling: str | None = Field(default=None, max_length=10_000, description="how the entrusted data was handled")
    incidents_occurred: bool | None = Field(default=None, description="incidents or near misses in the period")
    incident_summary: str | None = Field(default=None, max_length=10_000)
    access_changes: list[AccessChangeEntry] = Field(default_factory=list, max_length=500)
    access_changes_applied: bool | None = Field(
        default=None, description="every joiner's and leaver's access rights were changed accordingly"
    )
    measures_changed: bool | None = None
    measures_changes: str | None = Field(default=None, max_length=10_000)
    incident_id: uuid.UUID | None = Field(
        default=None, description="the incident your company reported in the portal for what happened"
    )


class PortalReportSave(ReportAnswers):
    version: int | None = Field(default=None, ge=1, description="the report's version; null for the first save")
    submit: bool = Field(default=False, description="submit for review (every question must be answered)")


class VendorReportSummary(ReadSchema):
    id: uuid.UUID
    item_id: uuid.UUID
    vendor_id: uuid.UUID
    vendor_name: str
    period_start: date
    period_end: date
    due_date: date
    status: ReportStatus
    submitted_at: datetime | None
    reviewed_at: datetime | None
    incidents_occurred: bool | None
    access_changes: int


class ReportFile(ReadSchema):
    id: uuid.UUID
    filename: str
    content_type: str
    size: int


class VendorReportRead(VendorReportSummary):
    handling: str | None
    incident_summary: str | None
    incident_id: uuid.UUID | None
    access_change_list: list[AccessChangeRead]
    access_changes_applied: bool | None
    measures_changed: bool | None
    measures_changes: str | None
    attachments: list[ReportFile]
    submitted_by: str | None
    review_comment: str | None
    reviewed_by: str | None
    version: int


class ReportReview(InputSchema):
    version: int = Field(ge=1)
    decision: ReportStatus = Field(description="accepted, or queried to ask the vendor something")
    comment: str | None = Field(default=None, max_length=10_000, description="required when querying")


# --- audits ---------------------------------------------------------------------------------------------------------


class AuditCreate(InputSchema):
    vendor_id: uuid.UUID
    title: str = Field(min_length=1, max_length=300)
    kind: AuditKind
    planned_date: date
    auditor: str | None = Field(default=None, max_length=300)
    scope: str | None = Field(default=None, max_length=10_000)
    item_id: uuid.UUID | None = Field(default=None, description="the calendar item it fulfils; the next open one")
    questionnaire_id: uuid.UUID | None = Field(
        default=None, description="the checklist template (e.g. the periodic audit checklist); an assessment is made"
    )


class AuditUpdate(InputSchema):
    version: int = Field(ge=1)
    title: str | None = Field(default=None, min_length=1, max_length=300)
    kind: AuditKind | None = None
    planned_date: date | None = None
    auditor: str | None = Field(default=None, max_length=300)
    scope: str | None = Field(default=None, max_length=10_000)
    status: AuditStatus | None = None
    started_date: date | None = None
    completed_date: date | None = None
    results: str | None = Field(default=None, max_length=20_000)
    report_file_id: uuid.UUID | None = None


class AuditSummary(ReadSchema):
    id: uuid.UUID
    vendor_id: uuid.UUID
    vendor_name: str
    title: str
    kind: AuditKind
    status: AuditStatus
    planned_date: date
    completed_date: date | None
    auditor: str | None
    findings_open: int


class AuditRead(AuditSummary):
    item_id: uuid.UUID | None
    scope: str | None
    assessment_id: uuid.UUID | None
    started_date: date | None
    results: str | None
    report_file_id: uuid.UUID | None
    allowed_statuses: list[AuditStatus]
    version: int


# --- change requests ------------------------------------------------------------------------------------------------


class ChangeRequestCreate(InputSchema):
    kind: ChangeKind
    title: str = Field(min_length=1, max_length=300)
    details: str = Field(min_length=1, max_length=20_000)
    planned_date: date | None = None
    subcontractor_name: str | None = Field(default=None, max_length=200)
    subcontractor_corporate_number: str | None = Field(default=None, description="法人番号, 13 digits")
    subcontractor_country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    work: str | None = Field(default=None, max_length=300, description="the work the subcontractor would do")
    data_handled: str | None = Field(default=None, max_length=10_000)

    _cn = field_validator("subcontractor_corporate_number")(check_corporate_number)

    @model_validator(mode="after")
    def _who_for_a_subcontractor(self) -> "ChangeRequestCreate":
        if self.kind == ChangeKind.new_subcontractor and not (self.subcontractor_name and self.work):
            raise ValueError("a new subcontractor needs subcontractor_name and work")
        return self


class ChangeDecision(InputSchema):
    version: int = Field(ge=1)
    decision: ChangeStatus = Field(description="approved or refused")
    reason: str | None = Field(default=None, max_length=10_000, description="required when refusing")
    subcontractor_id: uuid.UUID | None = Field(
        default=None,
        description="approving a new subcontractor: link this vendor of the register instead of adding one",
    )


# --- calendar feeds -------------------------------------------------------------------------------------------------


class CalendarFeedRead(ReadSchema):
    id: uuid.UUID
    created_at: datetime
    revoked_at: datetime | None


class CalendarFeedCreated(CalendarFeedRead):
    url: str = Field(description="shown once: the secret address to subscribe to")


VendorMonitoringRead.model_rebuild()


# --- what a vendor's contact sees in the portal: classes of their own, so an internal score, note or rule
# cannot reach the vendor by being added to a staff shape ----------------------------------------------------


class PortalVendorReport(ReadSchema):
    """A periodic report the vendor owes: the period, when it is due, and what was written so far."""

    item_id: uuid.UUID
    title: TextRead
    period_start: date
    period_end: date
    due_date: date
    overdue: bool
    status: Literal["not_started", "draft", "submitted", "queried", "accepted"]
    question: str | None = Field(description="what staff asked, when they queried the report")
    handling: str | None
    incidents_occurred: bool | None
    incident_summary: str | None
    incident_id: uuid.UUID | None
    access_changes: list[AccessChangeRead]
    access_changes_applied: bool | None
    measures_changed: bool | None
    measures_changes: str | None
    attachments: list[PortalFile]
    submitted_at: datetime | None
    version: int | None = Field(description="send it back with the next save; null until the first save")


class PortalChangeRequest(ReadSchema):
    id: uuid.UUID
    kind: ChangeKind
    title: str
    details: str
    planned_date: date | None
    subcontractor_name: str | None
    subcontractor_corporate_number: str | None
    subcontractor_country: str | None
    work: str | None
    data_handled: str | None
    status: ChangeStatus
    requested_by: str
    requested_at: datetime
    decision_reason: str | None
    decided_at: datetime | None


class ChangeRequestRead(PortalChangeRequest):
    """What staff see of a change request: what the vendor sees, and the register's side of it. (The staff shape
    extends the vendor's, never the other way, so nothing internal can reach the vendor by being added here.)"""

    vendor_id: uuid.UUID
    vendor_name: str
    decided_by: str | None
    subcontract_id: uuid.UUID | None
    subcontractor_vendor_id: uuid.UUID | None
    version: int
