"""Monitoring: the review calendar kept in step with the register, the organisation's monitoring policy, and the
vendor's periodic reports, audits and change requests (issue 7/7; REGULATION.md §2.2 (3), §2.4).

The calendar follows the register by itself: a flush that changes a vendor's tier or status, a certification, a
contract or an assessment marks the vendor, and just before the transaction commits its items are planned again
(schedule.py decides; what was done is never touched). So no other domain has to call in here.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import event, inspect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from itaku.assessments import service as assessment_service
from itaku.audit import service as audit
from itaku.auth.principals import PortalContact, Principal, ensure_admin
from itaku.contracts import service as contract_service
from itaku.core.db import before_commit
from itaku.core.errors import AppError, Conflict, NotFound, StaleVersion
from itaku.core.models import utcnow
from itaku.core.pagination import PageParams
from itaku.core.schemas import TextRead
from itaku.core.storage import Storage
from itaku.files import service as file_service
from itaku.incidents import service as incident_service
from itaku.monitoring import repository, schedule
from itaku.monitoring.models import MonitoringItem, ReportStatus, VendorReport
from itaku.monitoring.schedule import Cadence, ItemKind, Stage
from itaku.monitoring.schemas import MonitoringPolicyUpdate, MonitoringPolicyValues, TierPlanValues
from itaku.organizations import service as organization_service
from itaku.risk.tier import Tier
from itaku.vendors import service as vendor_service

# Vendors under entrustment are watched; candidates are not yet, terminated ones no more.
MONITORED = ["approved", "active", "suspended"]

Actor = Principal | PortalContact


class MonitoringItemNotFound(NotFound):
    code = "monitoring_item_not_found"
    message = "No such item on the review calendar."


class InvalidMonitoring(AppError):
    status_code = 422
    code = "invalid_monitoring"
    message = "The request cannot be applied."

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        super().__init__(detail=problems)


class ItemAlreadyDone(Conflict):
    code = "monitoring_item_done"
    message = "This item is already done."


def problem(field_name: str, msg: str) -> dict[str, Any]:
    return {"loc": ["body", field_name], "msg": msg, "type": "invalid"}


# --- policy ---------------------------------------------------------------------------------------------------------


def policy_values(stored: dict[str, Any] | None) -> MonitoringPolicyValues:
    return MonitoringPolicyValues.model_validate(stored or {})


def schedule_policy(values: MonitoringPolicyValues) -> schedule.Policy:
    plans = {
        tier: schedule.TierPlan(
            reassessment_months=p.reassessment_months,
            report=p.report,
            audit=Cadence.on_demand if p.audit_months is None else Cadence.yearly,
            audit_months=p.audit_months,
        )
        for tier, p in values.plans.items()
    }
    return schedule.Policy(
        plans=plans,
        report_due_days=values.report_due_days,
        due_soon_days=values.due_soon_days,
        fiscal_year_start_month=values.fiscal_year_start_month,
    )


@dataclass(frozen=True)
class OrgContext:
    organization_id: uuid.UUID
    time_zone: str
    today: date
    values: MonitoringPolicyValues
    policy: schedule.Policy
    since: date  # nothing is owed before this


async def context(session: AsyncSession, organization_id: uuid.UUID, *, today: date | None = None) -> OrgContext:
    org = await organization_service.get(session, organization_id)
    values = policy_values(org.monitoring_policy)
    zone = ZoneInfo(org.time_zone)
    joined = org.created_at.astimezone(zone).date()
    return OrgContext(
        organization_id=org.id,
        time_zone=org.time_zone,
        today=today or datetime.now(zone).date(),
        values=values,
        policy=schedule_policy(values),
        since=values.since or joined,
    )


async def update_policy(session: AsyncSession, principal: Principal, body: MonitoringPolicyUpdate) -> Any:
    admin = ensure_admin(principal)
    org = await organization_service.get(session, admin.organization_id, lock=True)
    if org.version != body.version:
        raise StaleVersion()
    before = {"monitoring_policy": org.monitoring_policy}
    org.monitoring_policy = body.policy.model_dump(mode="json") if body.policy else None
    await session.flush()
    await audit.record(
        session,
        admin,
        entity_type="organization",
        entity_id=org.id,
        action="monitoring_policy_updated",
        before=before,
        after={"monitoring_policy": org.monitoring_policy},
    )
    await replan_organization(session, org.id)
    return org


# --- keeping the calendar in step ---------------------------------------------------------------------------------

_WATCHED_VENDOR_FIELDS = ("tier", "status")
_WATCHED_TABLES = {"vendor_certifications", "contracts", "assessments", "audits"}


def _changed(obj: Any, fields: tuple[str, ...]) -> bool:
    state = inspect(obj)
    return any(state.attrs[f].history.has_changes() for f in fields)


def _mark(session: Session, flush_context: Any, instances: Any) -> None:
    """Before every flush: note the vendors whose calendar may have moved, and plan them before commit."""
    marked: set[tuple[uuid.UUID, uuid.UUID]] = session.info.setdefault("monitoring_replan", set())
    before = len(marked)
    for obj in (*session.new, *session.dirty, *session.deleted):
        table = getattr(obj, "__tablename__", None)
        if table == "vendors":
            if obj in session.new or obj in session.deleted or _changed(obj, _WATCHED_VENDOR_FIELDS):
                marked.add((obj.organization_id, obj.id))
        elif table in _WATCHED_TABLES:
            marked.add((obj.organization_id, obj.vendor_id))
    if len(marked) > before:
        before_commit(session, "monitoring_replan", _replan_marked)


event.listen(Session, "before_flush", _mark)


async def _replan_marked(session: AsyncSession) -> None:
    marked: set[tuple[uuid.UUID, uuid.UUID]] = session.info.pop("monitoring_replan", set())
    by_org: dict[uuid.UUID, set[uuid.UUID]] = {}
    for org_id, vendor_id in marked:
        by_org.setdefault(org_id, set()).add(vendor_id)
    for org_id, vendor_ids in by_org.items():
        await replan_vendors(session, await context(session, org_id), vendor_ids)


async def replan_organization(session: AsyncSession, organization_id: uuid.UUID, *, today: date | None = None) -> int:
    """Every monitored vendor of the organisation (a policy change; the daily run that moves the horizon)."""
    ctx = await context(session, organization_id, today=today)
    ids = await vendor_service.vendor_ids_in(session, organization_id, MONITORED)
    for start in range(0, len(ids), 200):
        await replan_vendors(session, ctx, set(ids[start : start + 200]))
    return len(ids)


async def replan_vendors(session: AsyncSession, ctx: OrgContext, vendor_ids: set[uuid.UUID]) -> None:
    vendors = await vendor_service.vendors_of(session, ctx.organization_id, vendor_ids)
    certifications = await vendor_service.certifications_by_vendor(session, set(vendors))
    contracts = await contract_service.active_contracts_by_vendor(session, ctx.organization_id, set(vendors))
    valid_until = await assessment_service.valid_until_by_vendor(session, ctx.organization_id, set(vendors))
    audited = await repository.last_completed_audits(session, ctx.organization_id, set(vendors))
    existing: dict[uuid.UUID, list[MonitoringItem]] = {v: [] for v in vendor_ids}
    for row in await repository.items_of(session, vendor_ids):
        existing[row.vendor_id].append(row)
    drop: list[uuid.UUID] = []
    attached = await repository.attached_item_ids(
        session, [r.id for rows in existing.values() for r in rows if r.done_at is None]
    )
    for vendor_id in vendor_ids:
        vendor = vendors.get(vendor_id)
        rows = existing[vendor_id]
        if vendor is None or vendor.status not in MONITORED:
            # No longer watched (or gone): what is still open goes, what was done stays as the record.
            drop.extend(r.id for r in rows if r.done_at is None and r.id not in attached)
            continue
        active = contracts[vendor_id]
        starts = [c.start_date for c in active if c.start_date]
        facts = schedule.VendorFacts(
            tier=Tier(vendor.tier),
            since=max(ctx.since, min(starts) if starts else vendor.created_at.date()),
            assessment_valid_until=valid_until.get(vendor_id),
            last_audit_date=audited.get(vendor_id),
            certifications=tuple(
                schedule.Certification(str(c.id), c.name or c.kind, c.expiry_date)
                for c in certifications[vendor_id]
                if c.expiry_date
            ),
            contracts=tuple(
                schedule.ContractDates(str(c.id), c.title, decide_by)
                for c in active
                if (decide_by := c.notice_date or c.end_date) is not None
            ),
        )
        planned = schedule.plan(facts, ctx.policy, ctx.today)
        by_key = {r.key: r for r in rows}
        change = schedule.replan(
            planned, [r.key for r in rows if r.done_at is None], [r.key for r in rows if r.done_at is not None]
        )
        drop.extend(by_key[k].id for k in change.drop if by_key[k].id not in attached)
        session.add_all(_row(ctx.organization_id, vendor_id, i) for i in change.add)
    await repository.drop_items(session, drop)
    await session.flush()


def _row(organization_id: uuid.UUID, vendor_id: uuid.UUID, i: schedule.PlannedItem) -> MonitoringItem:
    return MonitoringItem(
        organization_id=organization_id,
        vendor_id=vendor_id,
        kind=i.kind.value,
        key=i.key,
        due_date=i.due_date,
        opens_on=i.opens_on,
        period_start=i.period_start,
        period_end=i.period_end,
        subject_id=uuid.UUID(i.subject_id) if i.subject_id else None,
        subject_label=i.subject_label,
    )


async def settle(session: AsyncSession, item: MonitoringItem, *, by: str, note: str, ref_id: uuid.UUID | None) -> None:
    """Mark an item done: the record of what settled it stays when the plan moves on."""
    if item.done_at is not None:
        raise ItemAlreadyDone()
    item.done_at = utcnow()
    item.done_by = by
    item.done_note = note
    item.done_ref_id = ref_id
    await session.flush()


# --- reading the calendar -------------------------------------------------------------------------------------------

CADENCE_LABELS = {
    "monthly": ("月次", "Monthly"),
    "quarterly": ("四半期", "Quarterly"),
    "half_yearly": ("半期", "Half-yearly"),
    "yearly": ("年次", "Yearly"),
}
KIND_LABELS = {
    ItemKind.reassessment: ("再評価", "Reassessment"),
    ItemKind.vendor_report: ("報告", "report"),
    ItemKind.audit: ("監査", "Audit"),
    ItemKind.certification_renewal: ("認証の更新", "Certification renewal"),
    ItemKind.contract_renewal: ("契約の更新判断", "Contract renewal decision"),
}


def item_title(item: MonitoringItem) -> TextRead:
    kind = ItemKind(item.kind)
    ja, en = KIND_LABELS[kind]
    if kind == ItemKind.vendor_report and item.period_start and item.period_end:
        cadence = item.key.split(":")[1]
        cja, cen = CADENCE_LABELS.get(cadence, ("", ""))
        span = f"{item.period_start.isoformat()}〜{item.period_end.isoformat()}"
        return TextRead(
            ja=f"{cja}報告（{span}）",
            en=f"{cen} report ({item.period_start.isoformat()} – {item.period_end.isoformat()})",
        )
    if item.subject_label:
        return TextRead(ja=f"{ja}：{item.subject_label}", en=f"{en}: {item.subject_label}")
    return TextRead(ja=ja, en=en)


@dataclass(frozen=True)
class ItemView:
    item: MonitoringItem
    vendor_name: str
    vendor_tier: str
    report_id: uuid.UUID | None
    audit_id: uuid.UUID | None
    stage: Stage
    days_left: int
    title: TextRead


def _view(ctx: OrgContext, row: repository.ItemRow) -> ItemView:
    item, name, tier, report_id, audit_id = row
    return ItemView(
        item=item,
        vendor_name=name,
        vendor_tier=tier,
        report_id=report_id,
        audit_id=audit_id,
        stage=schedule.stage(
            item.due_date, item.opens_on, item.done_at is not None, ctx.today, ctx.values.due_soon_days
        ),
        days_left=(item.due_date - ctx.today).days,
        title=item_title(item),
    )


async def list_items(
    session: AsyncSession, principal: Principal, params: PageParams, sort: str, **filters: Any
) -> tuple[list[ItemView], int]:
    ctx = await context(session, principal.organization_id)
    rows, total = await repository.list_items(
        session,
        principal.organization_id,
        params,
        sort,
        today=ctx.today,
        due_soon_days=ctx.values.due_soon_days,
        **filters,
    )
    return [_view(ctx, r) for r in rows], total


async def get_item(session: AsyncSession, actor: Actor, item_id: uuid.UUID) -> ItemView:
    vendor_id = actor.vendor_id if isinstance(actor, PortalContact) else None
    found = await repository.item(session, actor.organization_id, item_id, vendor_id=vendor_id)
    if found is None:
        raise MonitoringItemNotFound()
    return _view(await context(session, actor.organization_id), found)


def end_of_day(day: date, time_zone: str) -> datetime:
    return datetime.combine(day, time(23, 59, 59), tzinfo=ZoneInfo(time_zone)).astimezone(UTC)


@dataclass(frozen=True)
class VendorSummary:
    vendor_id: uuid.UUID
    tier: str
    plan: TierPlanValues
    counts: dict[Stage, int]
    next_item: ItemView | None
    overdue: list[ItemView]
    pending_change_requests: int


async def vendor_summary(session: AsyncSession, principal: Principal, vendor_id: uuid.UUID) -> VendorSummary:
    vendor = await vendor_service.get_vendor(session, principal, vendor_id)
    ctx = await context(session, principal.organization_id)
    counts = await repository.stage_counts(session, ctx.organization_id, vendor.id, ctx.today, ctx.values.due_soon_days)
    upcoming, _ = await repository.list_items(
        session,
        ctx.organization_id,
        PageParams(page=1, size=1),
        "due_date",
        today=ctx.today,
        due_soon_days=ctx.values.due_soon_days,
        vendor_id=vendor.id,
        stages=[Stage.due, Stage.due_soon, Stage.scheduled],
    )
    late, _ = await repository.list_items(
        session,
        ctx.organization_id,
        PageParams(page=1, size=50),
        "due_date",
        today=ctx.today,
        due_soon_days=ctx.values.due_soon_days,
        vendor_id=vendor.id,
        stages=[Stage.overdue],
    )
    return VendorSummary(
        vendor_id=vendor.id,
        tier=vendor.tier,
        plan=ctx.values.plans[Tier(vendor.tier)],
        counts=counts,
        next_item=_view(ctx, upcoming[0]) if upcoming else None,
        overdue=[_view(ctx, r) for r in late],
        pending_change_requests=await repository.pending_change_requests(session, vendor.id),
    )


# --- vendor reports -------------------------------------------------------------------------------------------------


class VendorReportNotFound(NotFound):
    code = "vendor_report_not_found"
    message = "No such vendor report."


class ReportNotEditable(Conflict):
    code = "vendor_report_not_editable"
    message = "This report has been submitted; it can be changed again only when staff ask a question about it."


class ReportNotOpen(Conflict):
    code = "vendor_report_not_open"
    message = "This period has not ended yet; its report can be written from the day after."


class ReportIncomplete(AppError):
    status_code = 422
    code = "vendor_report_incomplete"
    message = "Some questions of the report are not answered."

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        super().__init__(detail=problems)


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
        problems.append(problem("handling", "say how the entrusted data was handled in the period"))
    if report.incidents_occurred is None:
        problems.append(problem("incidents_occurred", "say whether anything happened in the period"))
    elif report.incidents_occurred and not (report.incident_summary or "").strip():
        problems.append(problem("incident_summary", "describe the incidents or near misses"))
    if report.access_changes and report.access_changes_applied is None:
        problems.append(problem("access_changes_applied", "confirm whether every access change was applied"))
    if report.measures_changed is None:
        problems.append(problem("measures_changed", "say whether the security measures changed"))
    elif report.measures_changed and not (report.measures_changes or "").strip():
        problems.append(problem("measures_changes", "describe the changes to the security measures"))
    return problems


async def _report_item(session: AsyncSession, contact: PortalContact, item_id: uuid.UUID) -> MonitoringItem:
    found = await repository.item(session, contact.organization_id, item_id, vendor_id=contact.vendor_id)
    if found is None or found[0].kind != ItemKind.vendor_report.value:
        raise MonitoringItemNotFound()
    return found[0]


@dataclass(frozen=True)
class PortalReportView:
    item: ItemView
    report: VendorReport | None
    files: dict[str, Any]


async def portal_reports(session: AsyncSession, contact: PortalContact) -> list[PortalReportView]:
    """The reports a vendor owes: every period that has ended and is not yet accepted, and the accepted ones of the
    last year, newest first."""
    ctx = await context(session, contact.organization_id)
    rows, _ = await repository.list_items(
        session,
        contact.organization_id,
        PageParams(page=1, size=100),
        "-due_date",
        today=ctx.today,
        due_soon_days=ctx.values.due_soon_days,
        vendor_id=contact.vendor_id,
        kinds=[ItemKind.vendor_report.value],
        due_from=ctx.today - timedelta(days=400),
        due_to=ctx.today + timedelta(days=ctx.values.due_soon_days + 31),
    )
    reports = await repository.reports_for_items(session, [r[0].id for r in rows])
    return [PortalReportView(_view(ctx, r), reports.get(r[0].id), {}) for r in rows if r[0].opens_on <= ctx.today]


async def portal_report(session: AsyncSession, contact: PortalContact, item_id: uuid.UUID) -> PortalReportView:
    item = await _report_item(session, contact, item_id)
    report = (await repository.reports_for_items(session, [item.id])).get(item.id)
    files = await file_service.by_ids(session, contact.organization_id, report.attachment_ids) if report else {}
    return PortalReportView(await get_item(session, contact, item.id), report, files)


async def save_portal_report(
    session: AsyncSession, contact: PortalContact, item_id: uuid.UUID, body: Any
) -> PortalReportView:
    """The vendor writes its report (any number of saves) and submits it; staff then accept it or ask."""
    item = await _report_item(session, contact, item_id)
    report, created = await _editable_report(session, contact, item)
    if not created and body.version is not None and body.version != report.version:
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
    item = await _report_item(session, contact, item_id)
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
    item = await _report_item(session, contact, item_id)
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
    except incident_service.IncidentNotFound:
        raise InvalidMonitoring([problem("incident_id", "not an incident your company reported")]) from None


@dataclass(frozen=True)
class ReportView:
    report: VendorReport
    item: MonitoringItem
    vendor_name: str
    files: dict[str, Any]


async def list_reports(
    session: AsyncSession, principal: Principal, params: PageParams, sort: str, **filters: Any
) -> tuple[list[ReportView], int]:
    rows, total = await repository.list_reports(session, principal.organization_id, params, sort, **filters)
    return [ReportView(r, i, name, {}) for r, i, name in rows], total


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
    if report.version != body.version:
        raise StaleVersion()
    if report.status != ReportStatus.submitted.value:
        raise ReportNotSubmitted()
    if body.decision not in (ReportStatus.accepted, ReportStatus.queried):
        raise InvalidMonitoring([problem("decision", "accepted or queried")])
    if body.decision == ReportStatus.queried and not (body.comment or "").strip():
        raise InvalidMonitoring([problem("comment", "say what the vendor should answer")])
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
