"""The dashboard in one read: what each of its cards counts and lists, asked of the domains' own services.

The screen used to make seventeen requests for it: fourteen list reads for one `total` each, the organisation, the
audit trail and this endpoint (then incidents only). This asks the same lists, with the same filters, in one request
and one transaction, so the cards agree with each other, and a count is the total of the list its card opens."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.api_keys import service as api_key_service
from itaku.assessments import findings as finding_service
from itaku.assessments import service as assessment_service
from itaku.assessments.models import AssessmentStatus, FindingStatus
from itaku.audit import service as audit_service
from itaku.core.pagination import PageParams
from itaku.core.views import Overlay
from itaku.core.vocabulary import Tier
from itaku.identity.principals import Principal, StaffUser
from itaku.incidents import deadlines as incident_deadlines
from itaku.monitoring import calendar, changes, reports
from itaku.monitoring.models import ChangeStatus, ReportStatus
from itaku.monitoring.schedule import Stage
from itaku.organizations import service as organization_service
from itaku.users import service as user_service
from itaku.vendors import service as vendor_service

HORIZON_DAYS = 14
RECENT_EVENTS = 8
# A page of no rows: the lists' totals, counted exactly, without reading any of their rows.
TOTAL_ONLY = PageParams(page=1, size=0, exact_total=True)


@dataclass(frozen=True)
class OrganizationFigures:
    jurisdiction: str
    members: int
    active_api_keys: int | None  # only administrators see keys


@dataclass(frozen=True)
class TierCounts:
    critical: int
    high: int
    medium: int
    low: int


@dataclass(frozen=True)
class AssessmentCounts:
    awaiting_review: int
    overdue: int
    open_findings: int
    overdue_findings: int


@dataclass(frozen=True)
class MonitoringCounts:
    overdue: int
    due_soon: int
    reports_to_review: int
    changes_to_decide: int


@dataclass(frozen=True)
class Dashboard:
    organization: OrganizationFigures
    open_incidents: int
    deadlines: list[Overlay]
    vendors_by_tier: TierCounts
    assessments: AssessmentCounts
    monitoring: MonitoringCounts
    recent_activity: list[Any]


async def dashboard(session: AsyncSession, principal: Principal) -> Dashboard:
    incidents = await incident_deadlines.upcoming_deadlines(session, principal, days=HORIZON_DAYS)
    events = await audit_service.list_events(
        session, principal.organization_id, PageParams(page=1, size=RECENT_EVENTS), "-occurred_at"
    )
    return Dashboard(
        organization=await _organization(session, principal),
        open_incidents=incidents.open_incidents,
        deadlines=[
            Overlay(
                d.obligation,
                obligation_id=d.obligation.id,
                incident_title=d.incident.title,
                vendor_id=d.incident.vendor_id,
                vendor_name=d.vendor_name,
                days_left=d.days_left,
                overdue=d.overdue,
            )
            for d in incidents.deadlines
            if d.obligation.due_at is not None  # an obligation without a date (notice to individuals) is not a deadline
        ],
        vendors_by_tier=TierCounts(**{tier.value: await _vendors(session, principal, tier) for tier in Tier}),
        assessments=await _assessments(session, principal),
        monitoring=await _monitoring(session, principal),
        recent_activity=events.rows,
    )


async def _organization(session: AsyncSession, principal: Principal) -> OrganizationFigures:
    org = await organization_service.get(session, principal.organization_id)
    members = await user_service.list_members(session, principal, TOTAL_ONLY, "name", q=None, role=None, is_active=None)
    keys = None
    if isinstance(principal, StaffUser) and principal.is_admin:
        keys = (await api_key_service.list_keys(session, principal, TOTAL_ONLY, include_revoked=False)).total
    return OrganizationFigures(jurisdiction=org.jurisdiction, members=members.total, active_api_keys=keys)


async def _vendors(session: AsyncSession, principal: Principal, tier: Tier) -> int:
    paged = await vendor_service.list_vendors(session, principal, TOTAL_ONLY, "name", time_zone=None, tiers=[tier])
    return paged.total


async def _assessments(session: AsyncSession, principal: Principal) -> AssessmentCounts:
    async def assessments(**filters: Any) -> int:
        page = await assessment_service.list_assessments(session, principal, TOTAL_ONLY, "-created_at", **filters)
        return page.total

    async def findings(**filters: Any) -> int:
        return (await finding_service.list_findings(session, principal, TOTAL_ONLY, "-created_at", **filters)).total

    return AssessmentCounts(
        awaiting_review=await assessments(statuses=[AssessmentStatus.submitted, AssessmentStatus.under_review]),
        overdue=await assessments(overdue=True),
        open_findings=await findings(statuses=[FindingStatus.open, FindingStatus.in_remediation]),
        overdue_findings=await findings(overdue=True),
    )


async def _monitoring(session: AsyncSession, principal: Principal) -> MonitoringCounts:
    async def items(*stages: Stage) -> int:
        return (await calendar.list_items(session, principal, TOTAL_ONLY, "due_date", stages=list(stages))).total

    reports_to_review = await reports.list_reports(
        session, principal, TOTAL_ONLY, "-period_start", statuses=[ReportStatus.submitted]
    )
    changes_to_decide = await changes.list_change_requests(
        session, principal, TOTAL_ONLY, "-requested_at", statuses=[ChangeStatus.pending]
    )
    return MonitoringCounts(
        overdue=await items(Stage.overdue),
        due_soon=await items(Stage.due, Stage.due_soon),
        reports_to_review=reports_to_review.total,
        changes_to_decide=changes_to_decide.total,
    )
