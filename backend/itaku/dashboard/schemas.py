import uuid
from datetime import date, datetime

from pydantic import Field

from itaku.core.schemas import ReadSchema
from itaku.core.vocabulary import Jurisdiction
from itaku.regulation.rules import Kind


class DeadlineRead(ReadSchema):
    incident_id: uuid.UUID
    incident_title: str
    vendor_id: uuid.UUID
    vendor_name: str
    obligation_id: uuid.UUID
    jurisdiction: Jurisdiction
    kind: Kind
    due_date: date | None
    due_at: datetime
    days_left: int | None = Field(description="from today in the organisation's time zone; negative: late")
    overdue: bool


class OrganizationFiguresRead(ReadSchema):
    jurisdiction: Jurisdiction = Field(description="the organisation's profile")
    members: int = Field(description="people of the organisation, invited and deactivated ones included")
    active_api_keys: int | None = Field(description="API keys not revoked; null unless the caller is an administrator")


class TierCountsRead(ReadSchema):
    critical: int
    high: int
    medium: int
    low: int


class AssessmentCountsRead(ReadSchema):
    awaiting_review: int = Field(description="assessments submitted or under review")
    overdue: int = Field(description="assessments with the vendor and past the due date")
    open_findings: int = Field(description="findings open or in remediation")
    overdue_findings: int = Field(description="findings still open and past the due date")


class MonitoringCountsRead(ReadSchema):
    overdue: int = Field(description="review-calendar items past their due date and not done")
    due_soon: int = Field(description="items open for doing now or due within the due-soon window")
    reports_to_review: int = Field(description="periodic reports submitted by vendors, waiting for review")
    changes_to_decide: int = Field(description="change requests waiting for a decision")


class ActivityRead(ReadSchema):
    id: uuid.UUID
    occurred_at: datetime
    actor_label: str
    entity_type: str
    action: str


class DashboardRead(ReadSchema):
    """Each count is the `total` of the list its card links to, with the same filters."""

    organization: OrganizationFiguresRead
    open_incidents: int = Field(description="suspected, confirmed or contained")
    deadlines: list[DeadlineRead] = Field(
        description="our obligations of open incidents due within the next 14 days, late ones included, soonest first"
    )
    vendors_by_tier: TierCountsRead = Field(description="vendors of each inherent-risk tier")
    assessments: AssessmentCountsRead
    monitoring: MonitoringCountsRead
    recent_activity: list[ActivityRead] = Field(description="the newest 8 events of the audit trail")
