import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Response

from itaku.assessments import errors as assessment_errors
from itaku.auth.dependencies import Reader, Staff, Writer
from itaku.core.dependencies import SessionDep, SettingsDep
from itaku.core.errors import Forbidden, NotAuthenticated, StaleVersion, error_responses
from itaku.core.pagination import PageParams, page_params
from itaku.core.schemas import Day, Page
from itaku.core.views import Overlay
from itaku.core.vocabulary import Tier
from itaku.files import service as file_service
from itaku.monitoring import audits, calendar, changes, errors, feed, policy, reports, summary
from itaku.monitoring.models import AuditStatus, ChangeKind, ChangeStatus, ReportStatus
from itaku.monitoring.schedule import ItemKind, Stage
from itaku.monitoring.schemas import (
    AuditCreate,
    AuditRead,
    AuditSummary,
    AuditUpdate,
    CalendarFeedCreated,
    CalendarFeedRead,
    ChangeDecision,
    ChangeRequestRead,
    MonitoringCounts,
    MonitoringItemRead,
    MonitoringPolicyRead,
    MonitoringPolicyUpdate,
    ReportReview,
    VendorMonitoringRead,
    VendorReportRead,
    VendorReportSummary,
)
from itaku.organizations import service as organization_service
from itaku.vendors import errors as vendor_errors

COMMON = error_responses(NotAuthenticated, Forbidden)
items_router = APIRouter(prefix="/monitoring-items", tags=["monitoring"], responses=COMMON)
policy_router = APIRouter(prefix="/monitoring-policy", tags=["monitoring"], responses=COMMON)
summary_router = APIRouter(prefix="/vendors", tags=["monitoring"], responses=COMMON)
ItemSort = Literal["due_date", "-due_date", "vendor", "-vendor"]


def item_read(v: calendar.ItemView) -> MonitoringItemRead:
    return MonitoringItemRead.model_validate(v, from_attributes=True)


@items_router.get("", response_model=Page[MonitoringItemRead])
async def list_monitoring_items(
    session: SessionDep,
    principal: Reader,
    params: Annotated[PageParams, Depends(page_params)],
    sort: ItemSort = "due_date",
    vendor_id: uuid.UUID | None = None,
    kind: Annotated[list[ItemKind] | None, Query()] = None,
    stage: Annotated[list[Stage] | None, Query(description="overdue, due, due_soon, scheduled, done")] = None,
    due_from: Day | None = None,
    due_to: Day | None = None,
) -> Page[MonitoringItemRead]:
    """The review calendar: what vendors owe and when, with each item's stage as of today (the overdue list is
    `stage=overdue`; a month of the calendar is `due_from` and `due_to`)."""
    paged = await calendar.list_items(
        session,
        principal,
        params,
        sort,
        vendor_id=vendor_id,
        kinds=[k.value for k in kind] if kind else None,
        stages=stage,
        due_from=due_from,
        due_to=due_to,
    )
    return Page.of([item_read(v) for v in paged.rows], paged, params)


@items_router.get(
    "/{item_id}", response_model=MonitoringItemRead, responses=error_responses(errors.MonitoringItemNotFound)
)
async def get_monitoring_item(item_id: uuid.UUID, session: SessionDep, principal: Reader) -> MonitoringItemRead:
    """One item of the review calendar."""
    return item_read(await calendar.get_item(session, principal, item_id))


def policy_read(org: Any) -> MonitoringPolicyRead:
    values = policy.policy_values(org.monitoring_policy)
    return MonitoringPolicyRead(**values.model_dump(), is_default=org.monitoring_policy is None, version=org.version)


@policy_router.get("", response_model=MonitoringPolicyRead)
async def get_monitoring_policy(session: SessionDep, principal: Reader) -> MonitoringPolicyRead:
    """How often each tier is reassessed, reports and is audited, when reports fall due, and from when."""
    return policy_read(await organization_service.get(session, principal.organization_id))


@policy_router.put("", response_model=MonitoringPolicyRead, responses=error_responses(StaleVersion))
async def update_monitoring_policy(
    body: MonitoringPolicyUpdate, session: SessionDep, principal: Reader
) -> MonitoringPolicyRead:
    """Set the monitoring policy (administrators); every vendor's calendar is planned again at once."""
    return policy_read(await calendar.update_policy(session, principal, body))


@summary_router.get(
    "/{vendor_id}/monitoring",
    response_model=VendorMonitoringRead,
    responses=error_responses(vendor_errors.VendorNotFound),
)
async def get_vendor_monitoring(vendor_id: uuid.UUID, session: SessionDep, principal: Reader) -> VendorMonitoringRead:
    """A vendor's monitoring at a glance: its plan, counts by stage, the next item, what is overdue."""
    s = await summary.vendor_summary(session, principal, vendor_id)
    return VendorMonitoringRead(
        vendor_id=s.vendor_id,
        tier=Tier(s.tier),
        plan=s.plan,
        counts=MonitoringCounts(**{k.value: n for k, n in s.counts.items()}),
        next_item=item_read(s.next_item) if s.next_item else None,
        overdue=[item_read(v) for v in s.overdue],
        last_report=report_summary(s.last_report) if s.last_report else None,
        last_audit=audit_summary(s.last_audit) if s.last_audit else None,
        pending_change_requests=s.pending_change_requests,
    )


# --- vendor reports -------------------------------------------------------------------------------------------------

reports_router = APIRouter(prefix="/vendor-reports", tags=["monitoring"], responses=COMMON)
REPORT_NOT_FOUND = error_responses(reports.VendorReportNotFound)
ReportSort = Literal["period_start", "-period_start", "submitted_at", "-submitted_at"]


def report_summary(v: reports.ReportView) -> VendorReportSummary:
    return VendorReportSummary.model_validate(v, from_attributes=True)


def report_read(v: reports.ReportView) -> VendorReportRead:
    return VendorReportRead.model_validate(v, from_attributes=True)


@reports_router.get("", response_model=Page[VendorReportSummary])
async def list_vendor_reports(
    session: SessionDep,
    principal: Reader,
    params: Annotated[PageParams, Depends(page_params)],
    sort: ReportSort = "-period_start",
    vendor_id: uuid.UUID | None = None,
    status: Annotated[list[ReportStatus] | None, Query(description="submitted: waiting for review")] = None,
) -> Page[VendorReportSummary]:
    """The vendors' periodic reports (those they have started); what awaits a vendor is on the calendar."""
    paged = await reports.list_reports(
        session, principal, params, sort, vendor_id=vendor_id, statuses=[s.value for s in status] if status else None
    )
    return Page.of([report_summary(v) for v in paged.rows], paged, params)


@reports_router.get("/{report_id}", response_model=VendorReportRead, responses=REPORT_NOT_FOUND)
async def get_vendor_report(report_id: uuid.UUID, session: SessionDep, principal: Reader) -> VendorReportRead:
    """One periodic report with everything the vendor wrote."""
    return report_read(await reports.get_report(session, principal, report_id))


@reports_router.post(
    "/{report_id}/review",
    response_model=VendorReportRead,
    responses=error_responses(
        reports.VendorReportNotFound, reports.ReportNotSubmitted, errors.InvalidMonitoring, StaleVersion
    ),
)
async def review_vendor_report(
    report_id: uuid.UUID, body: ReportReview, session: SessionDep, principal: Writer
) -> VendorReportRead:
    """Accept a submitted report (its calendar item is done) or ask the vendor a question about it."""
    return report_read(await reports.review_report(session, principal, report_id, body))


# --- audits ---------------------------------------------------------------------------------------------------------

audits_router = APIRouter(prefix="/audits", tags=["monitoring"], responses=COMMON)
AUDIT_NOT_FOUND = error_responses(audits.AuditNotFound)
AuditSort = Literal["planned_date", "-planned_date", "updated_at", "-updated_at"]


def audit_summary(v: audits.AuditView) -> AuditSummary:
    return AuditSummary.model_validate(v, from_attributes=True)


def audit_read(v: audits.AuditView) -> AuditRead:
    return AuditRead.model_validate(v, from_attributes=True)


@audits_router.get("", response_model=Page[AuditSummary])
async def list_audits(
    session: SessionDep,
    principal: Reader,
    params: Annotated[PageParams, Depends(page_params)],
    sort: AuditSort = "-planned_date",
    vendor_id: uuid.UUID | None = None,
    status: Annotated[list[AuditStatus] | None, Query()] = None,
) -> Page[AuditSummary]:
    """Audits of vendors: planned, in progress, completed."""
    paged = await audits.list_audits(
        session, principal, params, sort, vendor_id=vendor_id, statuses=[s.value for s in status] if status else None
    )
    return Page.of([audit_summary(v) for v in paged.rows], paged, params)


@audits_router.post(
    "",
    response_model=AuditRead,
    status_code=201,
    responses=error_responses(
        vendor_errors.VendorNotFound,
        errors.InvalidMonitoring,
        assessment_errors.QuestionnaireNotFound,
        assessment_errors.QuestionnaireArchived,
        assessment_errors.NotPublished,
    ),
)
async def create_audit(body: AuditCreate, session: SessionDep, principal: Writer) -> AuditRead:
    """Plan an audit; it fulfils the vendor's next audit on the calendar unless an item is named, and a checklist
    template makes an assessment whose findings are the audit's."""
    return audit_read(await audits.create_audit(session, principal, body))


@audits_router.get("/{audit_id}", response_model=AuditRead, responses=AUDIT_NOT_FOUND)
async def get_audit(audit_id: uuid.UUID, session: SessionDep, principal: Reader) -> AuditRead:
    """One audit."""
    return audit_read(await audits.get_audit(session, principal, audit_id))


@audits_router.patch(
    "/{audit_id}",
    response_model=AuditRead,
    responses=error_responses(
        audits.AuditNotFound,
        audits.InvalidAuditTransition,
        errors.InvalidMonitoring,
        file_service.FileNotFound,
        StaleVersion,
    ),
)
async def update_audit(audit_id: uuid.UUID, body: AuditUpdate, session: SessionDep, principal: Writer) -> AuditRead:
    """Change an audit or move it along (planned → in_progress → completed: its calendar item is done)."""
    return audit_read(await audits.update_audit(session, principal, audit_id, body))


# --- change requests ------------------------------------------------------------------------------------------------

changes_router = APIRouter(prefix="/change-requests", tags=["monitoring"], responses=COMMON)
CHANGE_NOT_FOUND = error_responses(changes.ChangeRequestNotFound)
ChangeSort = Literal["requested_at", "-requested_at"]


def change_read(row: Any, vendor_name: str, subcontractor_id: uuid.UUID | None) -> ChangeRequestRead:
    overlay = Overlay(row, vendor_name=vendor_name, subcontractor_vendor_id=subcontractor_id)
    return ChangeRequestRead.model_validate(overlay, from_attributes=True)


async def change_reads(session: SessionDep, rows: list[tuple[Any, str]]) -> list[ChangeRequestRead]:
    subs = await changes.subcontractor_of(session, [r.subcontract_id for r, _ in rows if r.subcontract_id])
    return [change_read(r, name, subs.get(r.subcontract_id) if r.subcontract_id else None) for r, name in rows]


@changes_router.get("", response_model=Page[ChangeRequestRead])
async def list_change_requests(
    session: SessionDep,
    principal: Reader,
    params: Annotated[PageParams, Depends(page_params)],
    sort: ChangeSort = "-requested_at",
    vendor_id: uuid.UUID | None = None,
    status: Annotated[list[ChangeStatus] | None, Query(description="pending: waiting for a decision")] = None,
    kind: Annotated[list[ChangeKind] | None, Query()] = None,
) -> Page[ChangeRequestRead]:
    """Vendors' requests to bring in a subcontractor or change their measures."""
    paged = await changes.list_change_requests(
        session,
        principal,
        params,
        sort,
        vendor_id=vendor_id,
        statuses=[s.value for s in status] if status else None,
        kinds=[k.value for k in kind] if kind else None,
    )
    return Page.of(await change_reads(session, paged.rows), paged, params)


@changes_router.get("/{request_id}", response_model=ChangeRequestRead, responses=CHANGE_NOT_FOUND)
async def get_change_request(request_id: uuid.UUID, session: SessionDep, principal: Reader) -> ChangeRequestRead:
    """One change request."""
    return (await change_reads(session, [await changes.get_change_request(session, principal, request_id)]))[0]


@changes_router.post(
    "/{request_id}/decision",
    response_model=ChangeRequestRead,
    responses=error_responses(
        changes.ChangeRequestNotFound,
        changes.ChangeRequestDecided,
        errors.InvalidMonitoring,
        vendor_errors.InvalidReference,
        vendor_errors.DuplicateSubcontract,
        vendor_errors.SubcontractCycle,
        StaleVersion,
    ),
)
async def decide_change_request(
    request_id: uuid.UUID, body: ChangeDecision, session: SessionDep, principal: Writer
) -> ChangeRequestRead:
    """Approve or refuse with a reason; an approved new subcontractor is added under the vendor in the register."""
    return (await change_reads(session, [await changes.decide_change(session, principal, request_id, body)]))[0]


# --- calendar feeds -------------------------------------------------------------------------------------------------

feeds_router = APIRouter(prefix="/calendar-feeds", tags=["monitoring"], responses=COMMON)
calendar_router = APIRouter(prefix="/calendar", tags=["monitoring"])


@feeds_router.get("", response_model=list[CalendarFeedRead])
async def list_calendar_feeds(session: SessionDep, staff: Staff) -> list[CalendarFeedRead]:
    """Your iCalendar addresses in this organisation (the secret itself is shown only when made)."""
    return [CalendarFeedRead.model_validate(f) for f in await feed.list_feeds(session, staff)]


@feeds_router.post("", response_model=CalendarFeedCreated, status_code=201)
async def create_calendar_feed(session: SessionDep, staff: Staff, settings: SettingsDep) -> CalendarFeedCreated:
    """A secret address to subscribe to in your calendar app: review items and incident deadlines."""
    created, token = await feed.create_feed(session, staff)
    return CalendarFeedCreated(
        id=created.id,
        created_at=created.created_at,
        revoked_at=None,
        url=f"{settings.base_url}/api/v1/calendar/{token}.ics",
    )


@feeds_router.delete(
    "/{feed_id}", response_model=CalendarFeedRead, responses=error_responses(feed.CalendarFeedNotFound)
)
async def revoke_calendar_feed(feed_id: uuid.UUID, session: SessionDep, principal: Reader) -> CalendarFeedRead:
    """Revoke an address: calendars subscribed to it get nothing more."""
    return CalendarFeedRead.model_validate(await feed.revoke_feed(session, principal, feed_id))


@calendar_router.get(
    "/{token}.ics",
    response_class=Response,
    responses={
        200: {"content": {"text/calendar": {"schema": {"type": "string"}}}, "description": "the iCalendar feed"},
        **error_responses(feed.CalendarFeedNotFound),
    },
)
async def get_calendar(
    token: Annotated[str, Path(min_length=20, max_length=100)], session: SessionDep, settings: SettingsDep
) -> Response:
    """The deadlines as iCalendar, for the calendar app holding this secret address (no other sign-in)."""
    body = await feed.feed_calendar(session, token, base_url=settings.base_url)
    return Response(body, media_type="text/calendar; charset=utf-8")
