"""The vendor's periodic reports: written and submitted by the contact in the portal for every period that has ended,
accepted or queried by staff."""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.audit import service as audit
from itaku.core.errors import (
    Conflict,
    NotFound,
    StaleVersion,
    ensure_version,
    field_problem,
)
from itaku.core.models import utcnow
from itaku.core.pagination import Paged, PageParams
from itaku.core.storage import Storage
from itaku.core.views import RowView
from itaku.files import service as file_service
from itaku.identity.principals import PortalContact, Principal
from itaku.incidents import errors as incident_errors
from itaku.incidents import service as incident_service
from itaku.monitoring import repository
from itaku.monitoring.calendar import ItemView, get_item, item_view, settle
from itaku.monitoring.errors import InvalidMonitoring, MonitoringItemNotFound
from itaku.monitoring.models import (
    MonitoringItem,
    ReportStatus,
    VendorReport,
)
from itaku.monitoring.policy import context
from itaku.monitoring.schedule import ItemKind


class VendorReportNotFound(NotFound):
    code = "vendor_report_not_found"
    message = "No such vendor report."


class ReportNotEditable(Conflict):
    code = "vendor_report_not_editable"
    message = "This report has been submitted; it can be changed again only when staff ask a question about it."


class ReportNotOpen(Conflict):
    code = "vendor_report_not_open"
    message = "This period has not ended yet; its report can be written from the day after."


class ReportIncomplete(InvalidMonitoring):
    code = "vendor_report_incomplete"
    message = "Some questions of the report are not answered."


class ReportNotSubmitted(Conflict):
    code = "vendor_report_not_submitted"
    message = "Only a submitted report can be accepted or queried."


REPORT_FIELDS = (
    "handling",
    "incidents_occurred",
    "incident_summary",
    "access_changes_applied",
    "measures_changed",
    "measures_changes",
)
REPORT_AUDITED = ("status", *REPORT_FIELDS, "access_changes", "attachment_ids", "review_comment")


def missing_answers(report: VendorReport) -> list[dict[str, Any]]:
    """What a report must say before it is submitted; follow-up questions only where the answer opens them."""
    problems = []
    if not (report.handling or "").strip():
        problems.append(field_problem("handling", msg="say how the entrusted data was handled in the period"))
    if report.incidents_occurred is None:
        problems.append(field_problem("incidents_occurred", msg="say whether anything happened in the period"))
    elif report.incidents_occurred and not (report.incident_summary or "").strip():
        problems.append(field_problem("incident_summary", msg="describe the incidents or near misses"))
    if report.access_changes and report.access_changes_applied is None:
        problems.append(field_problem("access_changes_applied", msg="confirm whether every access change was applied"))
    elif report.access_changes_applied and not all(c.get("applied") for c in report.access_changes or []):
        problems.append(field_problem("access_changes_applied", msg="a change is listed as not applied"))
    if report.measures_changed is None:
        problems.append(field_problem("measures_changed", msg="say whether the security measures changed"))
    elif report.measures_changed and not (report.measures_changes or "").strip():
        problems.append(field_problem("measures_changes", msg="describe the changes to the security measures"))
    return problems


async def _report_item(
    session: AsyncSession, contact: PortalContact, item_id: uuid.UUID, *, lock: bool = False
) -> MonitoringItem:
    found = await repository.item(session, contact.organization_id, item_id, vendor_id=contact.vendor_id, lock=lock)
    if found is None or found[0].kind != ItemKind.vendor_report.value:
        raise MonitoringItemNotFound()
    return found[0]


@dataclass(frozen=True)
class PortalReportView:
    item: ItemView
    report: VendorReport | None
    files: dict[str, Any]


async def portal_reports(session: AsyncSession, contact: PortalContact) -> list[PortalReportView]:
    """The reports of every period that has ended, newest first (the latest hundred): what the vendor still owes,
    and what it has sent."""
    ctx = await context(session, contact.organization_id)
    rows = (
        await repository.list_items(
            session,
            contact.organization_id,
            PageParams(page=1, size=100),
            "-due_date",
            today=ctx.today,
            due_soon_days=ctx.values.due_soon_days,
            vendor_id=contact.vendor_id,
            kinds=[ItemKind.vendor_report.value],
            due_to=ctx.today + timedelta(days=ctx.values.due_soon_days + 31),
        )
    ).rows
    reports = await repository.reports_for_items(session, [r[0].id for r in rows])
    return [PortalReportView(item_view(ctx, r), reports.get(r[0].id), {}) for r in rows if r[0].opens_on <= ctx.today]


async def portal_report(session: AsyncSession, contact: PortalContact, item_id: uuid.UUID) -> PortalReportView:
    item = await _report_item(session, contact, item_id)
    report = (await repository.reports_for_items(session, [item.id])).get(item.id)
    files = await file_service.by_ids(session, contact.organization_id, report.attachment_ids) if report else {}
    return PortalReportView(await get_item(session, contact, item.id), report, files)


async def save_portal_report(
    session: AsyncSession, contact: PortalContact, item_id: uuid.UUID, body: Any
) -> PortalReportView:
    """The vendor writes its report (any number of saves) and submits it; staff then accept it or ask."""
    item = await _report_item(session, contact, item_id, lock=True)
    report, created = await _editable_report(session, contact, item)
    if not created and body.version != report.version:  # a report that exists is saved with the version read
        raise StaleVersion()
    before = None if created else audit.snapshot(report, REPORT_AUDITED)
    for name in REPORT_FIELDS:
        setattr(report, name, getattr(body, name))
    report.access_changes = [c.model_dump(mode="json") for c in body.access_changes]
    if body.incident_id is not None:
        await _check_incident(session, contact, body.incident_id)
    report.incident_id = body.incident_id
    action = "saved"
    if body.submit:
        problems = missing_answers(report)
        if problems:
            raise ReportIncomplete(problems)
        report.status = ReportStatus.submitted.value
        report.submitted_at = utcnow()
        report.submitted_by = contact.actor_label
        action = "submitted"
    await session.flush()
    await audit.record(
        session,
        contact,
        entity_type="vendor_report",
        entity_id=report.id,
        action=action,
        before=before,
        after=audit.snapshot(report, REPORT_AUDITED),
        scope_id=report.vendor_id,
    )
    return await portal_report(session, contact, item.id)


async def _editable_report(
    session: AsyncSession, contact: PortalContact, item: MonitoringItem
) -> tuple[VendorReport, bool]:
    """The item's report for the vendor to write in, made on first use; refused once submitted or accepted."""
    ctx = await context(session, contact.organization_id)
    if item.opens_on > ctx.today:
        raise ReportNotOpen()
    report = (await repository.reports_for_items(session, [item.id])).get(item.id)
    if report is not None:
        if report.status not in (ReportStatus.draft.value, ReportStatus.queried.value):
            raise ReportNotEditable()
        return report, False
    assert item.period_start and item.period_end
    report = VendorReport(
        organization_id=item.organization_id,
        vendor_id=item.vendor_id,
        item_id=item.id,
        period_start=item.period_start,
        period_end=item.period_end,
        status=ReportStatus.draft.value,
        access_changes=[],
        attachment_ids=[],
    )
    await repository.add(session, report)
    return report, True


async def add_report_attachment(
    session: AsyncSession,
    contact: PortalContact,
    item_id: uuid.UUID,
    *,
    storage: Storage,
    data: bytes,
    filename: str,
    max_bytes: int,
) -> Any:
    item = await _report_item(session, contact, item_id, lock=True)
    report, _ = await _editable_report(session, contact, item)
    stored = await file_service.store(session, contact, storage, data=data, filename=filename, max_bytes=max_bytes)
    report.attachment_ids = [*(report.attachment_ids or []), str(stored.id)]
    await session.flush()
    await audit.record(
        session,
        contact,
        entity_type="vendor_report",
        entity_id=report.id,
        action="attachment_added",
        after={"file_id": stored.id, "filename": stored.filename},
        scope_id=report.vendor_id,
    )
    return stored


async def remove_report_attachment(
    session: AsyncSession, contact: PortalContact, item_id: uuid.UUID, file_id: uuid.UUID
) -> None:
    item = await _report_item(session, contact, item_id, lock=True)
    report, _ = await _editable_report(session, contact, item)
    if str(file_id) not in (report.attachment_ids or []):
        raise file_service.FileNotFound()
    report.attachment_ids = [f for f in report.attachment_ids if f != str(file_id)]
    await session.flush()
    await audit.record(
        session,
        contact,
        entity_type="vendor_report",
        entity_id=report.id,
        action="attachment_removed",
        before={"file_id": file_id},
        scope_id=report.vendor_id,
    )


async def _check_incident(session: AsyncSession, contact: PortalContact, incident_id: uuid.UUID) -> None:
    try:
        await incident_service.get_incident(session, contact, incident_id)
    except incident_errors.IncidentNotFound:
        raise InvalidMonitoring([field_problem("incident_id", msg="not an incident your company reported")]) from None


@dataclass(frozen=True)
class ReportView(RowView):
    row_field = "report"
    report: VendorReport
    item: MonitoringItem
    vendor_name: str
    files: dict[str, Any]

    @property
    def due_date(self) -> date:
        return self.item.due_date

    @property
    def access_change_list(self) -> list[Any]:
        return self.report.access_changes or []

    @property
    def access_changes(self) -> int:
        """How many joiners and leavers the report lists (the list itself: access_change_list)."""
        return len(self.report.access_changes or [])

    @property
    def attachments(self) -> list[Any]:
        return [self.files[f] for f in self.report.attachment_ids or [] if f in self.files]


async def list_reports(
    session: AsyncSession, principal: Principal, params: PageParams, sort: str, **filters: Any
) -> Paged[ReportView]:
    paged = await repository.list_reports(session, principal.organization_id, params, sort, **filters)
    return paged.with_rows([ReportView(r, i, name, {}) for r, i, name in paged.rows])


async def get_report(session: AsyncSession, principal: Principal, report_id: uuid.UUID) -> ReportView:
    found = await repository.report(session, principal.organization_id, report_id)
    if found is None:
        raise VendorReportNotFound()
    report, item, name = found
    files = await file_service.by_ids(session, principal.organization_id, report.attachment_ids or [])
    return ReportView(report, item, name, files)


async def review_report(session: AsyncSession, principal: Principal, report_id: uuid.UUID, body: Any) -> ReportView:
    """Accept a submitted report (its calendar item is done) or query it (the vendor answers and submits again)."""
    view = await get_report(session, principal, report_id)
    report = view.report
    ensure_version(report, body.version)
    if report.status != ReportStatus.submitted.value:
        raise ReportNotSubmitted()
    if body.decision not in (ReportStatus.accepted, ReportStatus.queried):
        raise InvalidMonitoring([field_problem("decision", msg="accepted or queried")])
    if body.decision == ReportStatus.queried and not (body.comment or "").strip():
        raise InvalidMonitoring([field_problem("comment", msg="say what the vendor should answer")])
    before = audit.snapshot(report, REPORT_AUDITED)
    report.status = body.decision.value
    report.review_comment = body.comment
    report.reviewed_at = utcnow()
    report.reviewed_by = principal.actor_label
    if body.decision == ReportStatus.accepted:
        await settle(session, view.item, by=principal.actor_label, note="report accepted", ref_id=report.id)
    await session.flush()
    await audit.record(
        session,
        principal,
        entity_type="vendor_report",
        entity_id=report.id,
        action="accepted" if body.decision == ReportStatus.accepted else "queried",
        before=before,
        after=audit.snapshot(report, REPORT_AUDITED),
        scope_id=report.vendor_id,
    )
    return await get_report(session, principal, report_id)
