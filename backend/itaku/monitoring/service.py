"""Monitoring: the review calendar kept in step with the register, the organisation's monitoring policy, and the
vendor's periodic reports, audits and change requests (issue 7/7; REGULATION.md §2.2 (3), §2.4).

The calendar follows the register by itself: a flush that changes a vendor's tier or status, a certification, a
contract or an assessment marks the vendor, and just before the transaction commits its items are planned again
(schedule.py decides; what was done is never touched). So no other domain has to call in here.
"""

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
from sqlalchemy import event, inspect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from itaku.assessments import service as assessment_service
from itaku.assessments.models import AssessmentKind
from itaku.assessments.schemas import AssessmentCreate
from itaku.audit import service as audit
from itaku.contracts import service as contract_service
from itaku.core.clock import today_in
from itaku.core.config import Settings
from itaku.core.db import after_commit, before_commit
from itaku.core.errors import (
    AppError,
    Conflict,
    NotAuthenticated,
    NotFound,
    StaleVersion,
    ensure_version,
    field_problem,
)
from itaku.core.mail import Mail, Mailer
from itaku.core.models import utcnow
from itaku.core.pagination import PageParams
from itaku.core.schemas import TextRead
from itaku.core.storage import Storage
from itaku.files import service as file_service
from itaku.identity.principals import Caller, PortalContact, Principal, StaffUser, ensure_admin
from itaku.incidents import service as incident_service
from itaku.monitoring import repository, schedule
from itaku.monitoring.models import (
    Audit,
    AuditStatus,
    CalendarFeed,
    ChangeKind,
    ChangeRequest,
    ChangeStatus,
    MonitoringItem,
    ReportStatus,
    VendorReport,
)
from itaku.monitoring.schedule import Cadence, ItemKind, Stage
from itaku.monitoring.schemas import MonitoringPolicyUpdate, MonitoringPolicyValues, TierPlanValues
from itaku.organizations import service as organization_service
from itaku.risk.tier import Tier
from itaku.users import service as user_service
from itaku.vendors import service as vendor_service
from itaku.vendors.models import ApprovalStatus
from itaku.vendors.schemas import SubcontractCreate, VendorCreate

# Vendors under entrustment are watched; candidates are not yet, terminated ones no more.
MONITORED = ["approved", "active", "suspended"]


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
        today=today or today_in(org.time_zone),
        values=values,
        policy=schedule_policy(values),
        since=values.since or joined,
    )


async def update_policy(session: AsyncSession, principal: Principal, body: MonitoringPolicyUpdate) -> Any:
    admin = ensure_admin(principal)
    value = body.policy.model_dump(mode="json") if body.policy else None
    org = await organization_service.update_policy(session, admin, "monitoring_policy", body.version, value)
    await replan_organization(session, org.id)
    return org


# --- keeping the calendar in step ---------------------------------------------------------------------------------

# What the plan reads of each table (schedule.VendorFacts); a change elsewhere in a row leaves the calendar as it is.
_WATCHED: dict[str, tuple[str, ...]] = {
    "vendors": ("tier", "status"),
    "vendor_certifications": ("expiry_date", "name", "kind"),
    "contracts": ("status", "title", "start_date", "end_date", "notice_date"),
    "assessments": ("status", "valid_until"),
    "audits": ("status", "completed_date", "item_id"),
}


def _changed(obj: Any, fields: tuple[str, ...]) -> bool:
    state = inspect(obj)
    return any(state.attrs[f].history.has_changes() for f in fields)


@dataclass(frozen=True)
class _Settle:
    """An item done by something that happened elsewhere: an accepted assessment, a renewed certificate or contract."""

    vendor_id: uuid.UUID
    kind: ItemKind
    subject_id: uuid.UUID | None
    ref_id: uuid.UUID
    note: str


def _settles(obj: Any, table: str) -> _Settle | None:
    state = inspect(obj)
    if table == "assessments" and _changed(obj, ("status",)) and obj.status == "accepted":
        return _Settle(obj.vendor_id, ItemKind.reassessment, None, obj.id, "assessment accepted")
    if table == "vendor_certifications" and not state.pending:
        old = state.attrs.expiry_date.history.deleted
        if old and old[0] and obj.expiry_date and obj.expiry_date > old[0]:
            return _Settle(obj.vendor_id, ItemKind.certification_renewal, obj.id, obj.id, "certificate renewed")
    if table == "contracts" and not state.pending:
        if _changed(obj, ("status",)) and obj.status in ("expired", "terminated"):
            return _Settle(obj.vendor_id, ItemKind.contract_renewal, obj.id, obj.id, f"contract {obj.status}")
        old = state.attrs.end_date.history.deleted
        if old and old[0] and obj.end_date and obj.end_date > old[0]:
            return _Settle(obj.vendor_id, ItemKind.contract_renewal, obj.id, obj.id, "contract renewed")
    return None


def _mark(session: Session, flush_context: Any) -> None:
    """After every flush (new rows have their ids by then, and the lists and histories still show what the flush
    wrote): note the vendors whose calendar may have moved, and plan them before commit."""
    marked: set[tuple[uuid.UUID, uuid.UUID]] = session.info.setdefault("monitoring_replan", set())
    settles: list[tuple[uuid.UUID, _Settle]] = session.info.setdefault("monitoring_settle", [])
    before = len(marked)
    new, deleted = session.new, session.deleted
    for obj in (*new, *session.dirty, *deleted):
        table = getattr(obj, "__tablename__", None)
        fields = _WATCHED.get(table or "")
        if fields is None or not (obj in new or obj in deleted or _changed(obj, fields)):
            continue
        marked.add((obj.organization_id, obj.id if table == "vendors" else obj.vendor_id))
        if table != "vendors" and obj not in deleted and (settle_ := _settles(obj, str(table))):
            settles.append((obj.organization_id, settle_))
    if len(marked) > before:
        before_commit(session, "monitoring_replan", _replan_marked)


event.listen(Session, "after_flush", _mark)


async def _replan_marked(session: AsyncSession) -> None:
    for org_id, s in session.info.pop("monitoring_settle", []):
        open_items = await repository.open_items(session, org_id, s.vendor_id, s.kind.value, s.subject_id)
        if open_items:  # the earliest: the one that was being waited for
            await settle(session, open_items[0], by="Itaku", note=s.note, ref_id=s.ref_id)
    marked: set[tuple[uuid.UUID, uuid.UUID]] = session.info.pop("monitoring_replan", set())
    by_org: dict[uuid.UUID, set[uuid.UUID]] = {}
    for org_id, vendor_id in marked:
        by_org.setdefault(org_id, set()).add(vendor_id)
    for org_id, vendor_ids in by_org.items():
        await _replan_in_batches(session, await context(session, org_id), sorted(vendor_ids))


async def replan_organization(session: AsyncSession, organization_id: uuid.UUID, *, today: date | None = None) -> int:
    """Every monitored vendor of the organisation (a policy change; the daily run that moves the horizon)."""
    ctx = await context(session, organization_id, today=today)
    ids = await vendor_service.vendor_ids_in(session, organization_id, MONITORED)
    await _replan_in_batches(session, ctx, ids)
    return len(ids)


async def _replan_in_batches(session: AsyncSession, ctx: OrgContext, vendor_ids: list[uuid.UUID]) -> None:
    # A few hundred vendors at a time keep the IN lists and the rows in memory bounded (a large CSV import).
    for start in range(0, len(vendor_ids), 200):
        await replan_vendors(session, ctx, set(vendor_ids[start : start + 200]))


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
    add: list[dict[str, Any]] = []
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
        # Owed from the entrustment's start (its earliest active contract) or, without one, from when the vendor was
        # first planned here (today, the first time) — never before the policy's date.
        starts = [c.start_date for c in active if c.start_date]
        first_planned = _local_date(min((r.created_at for r in rows), default=None), ctx)
        facts = schedule.VendorFacts(
            tier=Tier(vendor.tier),
            since=max(ctx.since, min(starts) if starts else first_planned or ctx.today),
            assessment_valid_until=valid_until[vendor_id][0] if vendor_id in valid_until else None,
            assessment_accepted_on=_local_date(valid_until[vendor_id][1], ctx) if vendor_id in valid_until else None,
            last_audit_date=audited.get(vendor_id),
            certifications=tuple(
                schedule.Certification(str(c.id), c.name or CERTIFICATION_NAMES.get(c.kind, c.kind), c.expiry_date)
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
        add.extend(_row(ctx.organization_id, vendor_id, i) for i in change.add)
    await repository.drop_items(session, drop)
    await repository.add_items(session, add)


# How a certification is named on the calendar when it has no name of its own (the same in both languages).
CERTIFICATION_NAMES = {
    "iso27001": "ISO/IEC 27001",
    "privacy_mark": "プライバシーマーク (Privacy Mark)",
    "ismap": "ISMAP",
    "soc2": "SOC 2",
    "security_action_1": "SECURITY ACTION ★",
    "security_action_2": "SECURITY ACTION ★★",
    "scs_3": "SCS ★3",
    "scs_4": "SCS ★4",
    "other": "認証 (certification)",
}


def _local_date(at: datetime | None, ctx: OrgContext) -> date | None:
    return today_in(ctx.time_zone, at) if at else None


def _row(organization_id: uuid.UUID, vendor_id: uuid.UUID, i: schedule.PlannedItem) -> dict[str, Any]:
    return dict(
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
    report_status: str | None
    stage: Stage
    days_left: int
    title: TextRead


def _view(ctx: OrgContext, row: repository.ItemRow) -> ItemView:
    item, name, tier, report_id, audit_id, report_status = row
    return ItemView(
        item=item,
        vendor_name=name,
        vendor_tier=tier,
        report_id=report_id,
        audit_id=audit_id,
        report_status=report_status,
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


async def get_item(session: AsyncSession, actor: Caller, item_id: uuid.UUID) -> ItemView:
    vendor_id = actor.vendor_id if isinstance(actor, PortalContact) else None
    found = await repository.item(session, actor.organization_id, item_id, vendor_id=vendor_id)
    if found is None:
        raise MonitoringItemNotFound()
    return _view(await context(session, actor.organization_id), found)


@dataclass(frozen=True)
class VendorSummary:
    vendor_id: uuid.UUID
    tier: str
    plan: TierPlanValues
    counts: dict[Stage, int]
    next_item: ItemView | None
    overdue: list[ItemView]
    pending_change_requests: int
    last_report: "ReportView | None"
    last_audit: "AuditView | None"


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
    last_report = await repository.last_report(session, vendor.id)
    last_audit = await repository.last_audit(session, vendor.id)
    return VendorSummary(
        vendor_id=vendor.id,
        tier=vendor.tier,
        plan=ctx.values.plans[Tier(vendor.tier)],
        counts=counts,
        next_item=_view(ctx, upcoming[0]) if upcoming else None,
        overdue=[_view(ctx, r) for r in late],
        pending_change_requests=await repository.pending_change_requests(session, vendor.id),
        last_report=ReportView(last_report[0], last_report[1], vendor.name, {}) if last_report else None,
        last_audit=(await _audit_views(session, [(last_audit, vendor.name)]))[0] if last_audit else None,
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
    rows, _ = await repository.list_items(
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
    except incident_service.IncidentNotFound:
        raise InvalidMonitoring([field_problem("incident_id", msg="not an incident your company reported")]) from None


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


# --- audits ---------------------------------------------------------------------------------------------------------


class AuditNotFound(NotFound):
    code = "audit_not_found"
    message = "No such audit."


class InvalidAuditTransition(Conflict):
    code = "invalid_audit_status_transition"
    message = "The audit cannot move to that status from where it is."


AUDIT_TRANSITIONS: dict[AuditStatus, tuple[AuditStatus, ...]] = {
    AuditStatus.planned: (AuditStatus.in_progress, AuditStatus.completed, AuditStatus.cancelled),
    AuditStatus.in_progress: (AuditStatus.completed, AuditStatus.cancelled),
    AuditStatus.completed: (AuditStatus.in_progress,),  # reopened to correct the results
    AuditStatus.cancelled: (AuditStatus.planned,),
}
AUDIT_FIELDS = ("title", "kind", "planned_date", "auditor", "scope", "started_date", "completed_date", "results")
AUDIT_REQUIRED = ("title", "kind", "planned_date")  # null leaves these as they are
AUDIT_AUDITED = ("status", *AUDIT_FIELDS, "report_file_id", "assessment_id", "item_id")


@dataclass(frozen=True)
class AuditView:
    audit: Audit
    vendor_name: str
    findings_open: int


async def _audit_views(session: AsyncSession, rows: list[tuple[Audit, str]]) -> list[AuditView]:
    counts = await assessment_service.open_findings_by_assessment(
        session, [a.assessment_id for a, _ in rows if a.assessment_id]
    )
    return [AuditView(a, name, counts.get(a.assessment_id, 0) if a.assessment_id else 0) for a, name in rows]


async def list_audits(
    session: AsyncSession, principal: Principal, params: PageParams, sort: str, **filters: Any
) -> tuple[list[AuditView], int]:
    rows, total = await repository.list_audits(session, principal.organization_id, params, sort, **filters)
    return await _audit_views(session, rows), total


async def get_audit(session: AsyncSession, principal: Principal, audit_id: uuid.UUID) -> AuditView:
    found = await repository.audit(session, principal.organization_id, audit_id)
    if found is None:
        raise AuditNotFound()
    return (await _audit_views(session, [found]))[0]


async def _audit_item(
    session: AsyncSession, principal: Principal, vendor_id: uuid.UUID, item_id: uuid.UUID | None
) -> MonitoringItem | None:
    """The calendar item an audit fulfils: the one named, or the vendor's next open audit without one; held until
    commit, so two audits never take the same item."""
    if item_id is None:
        open_items = await repository.open_items(
            session, principal.organization_id, vendor_id, ItemKind.audit.value, None
        )
        attached = await repository.attached_item_ids(session, [i.id for i in open_items])
        item_id = next((i.id for i in open_items if i.id not in attached), None)
        if item_id is None:
            return None
    found = await repository.item(session, principal.organization_id, item_id, vendor_id=vendor_id, lock=True)
    if found is None or found[0].kind != ItemKind.audit.value or found[0].done_at is not None:
        raise InvalidMonitoring([field_problem("item_id", msg="not an open audit item of this vendor")])
    if found[4] is not None:
        raise InvalidMonitoring([field_problem("item_id", msg="this item already has an audit")])
    return found[0]


async def create_audit(session: AsyncSession, principal: Principal, body: Any) -> AuditView:
    vendor = await vendor_service.get_vendor(session, principal, body.vendor_id)
    item = await _audit_item(session, principal, vendor.id, body.item_id)
    audit_row = Audit(
        organization_id=principal.organization_id,
        vendor_id=vendor.id,
        item_id=item.id if item else None,
        title=body.title,
        kind=body.kind.value,
        planned_date=body.planned_date,
        auditor=body.auditor,
        scope=body.scope,
        status=AuditStatus.planned.value,
    )
    if body.questionnaire_id is not None:
        checklist = await assessment_service.create_assessment(
            session,
            principal,
            AssessmentCreate(
                vendor_id=vendor.id,
                questionnaire_id=body.questionnaire_id,
                kind=AssessmentKind.periodic,
                title=body.title,
                due_date=body.planned_date,
            ),
        )
        audit_row.assessment_id = checklist.assessment.id
    await repository.add(session, audit_row)
    await audit.record(
        session,
        principal,
        entity_type="audit",
        entity_id=audit_row.id,
        action="created",
        after=audit.snapshot(audit_row, AUDIT_AUDITED),
        scope_id=vendor.id,
    )
    return await get_audit(session, principal, audit_row.id)


async def update_audit(session: AsyncSession, principal: Principal, audit_id: uuid.UUID, body: Any) -> AuditView:
    view = await get_audit(session, principal, audit_id)
    row = view.audit
    ensure_version(row, body.version)
    before = audit.snapshot(row, AUDIT_AUDITED)
    for name in AUDIT_FIELDS:
        value = getattr(body, name)
        if name in body.model_fields_set and (value is not None or name not in AUDIT_REQUIRED):
            setattr(row, name, value.value if name == "kind" else value)
    if "report_file_id" in body.model_fields_set:
        if body.report_file_id is not None:
            await file_service.get(session, principal, body.report_file_id)
        row.report_file_id = body.report_file_id
    old, new = AuditStatus(row.status), body.status or AuditStatus(row.status)
    if new != old:
        if new not in AUDIT_TRANSITIONS[old]:
            raise InvalidAuditTransition(
                {"from": old.value, "to": new.value, "allowed": [s.value for s in AUDIT_TRANSITIONS[old]]}
            )
        row.status = new.value
        ctx = await context(session, principal.organization_id)
        if new == AuditStatus.in_progress and row.started_date is None:
            row.started_date = ctx.today
        if new == AuditStatus.completed:
            row.completed_date = row.completed_date or ctx.today
            if row.item_id is not None:
                item = await repository.item(session, principal.organization_id, row.item_id)
                if item and item[0].done_at is None:
                    await settle(session, item[0], by=principal.actor_label, note="audit completed", ref_id=row.id)
        if old == AuditStatus.completed:
            row.completed_date = None
    if row.completed_date and row.completed_date > (await context(session, principal.organization_id)).today:
        raise InvalidMonitoring([field_problem("completed_date", msg="an audit cannot be completed in the future")])
    await session.flush()
    await audit.record(
        session,
        principal,
        entity_type="audit",
        entity_id=row.id,
        action="status_changed" if new != old else "updated",
        before=before,
        after=audit.snapshot(row, AUDIT_AUDITED),
        scope_id=row.vendor_id,
    )
    return await get_audit(session, principal, audit_id)


def allowed_audit_statuses(row: Audit) -> list[AuditStatus]:
    return list(AUDIT_TRANSITIONS[AuditStatus(row.status)])


# --- change requests ------------------------------------------------------------------------------------------------


class ChangeRequestNotFound(NotFound):
    code = "change_request_not_found"
    message = "No such change request."


class ChangeRequestDecided(Conflict):
    code = "change_request_decided"
    message = "This request has already been decided."


CHANGE_AUDITED = ("kind", "title", "status", "subcontractor_name", "work", "decision_reason", "subcontract_id")


async def request_change(session: AsyncSession, contact: PortalContact, body: Any) -> tuple[ChangeRequest, str]:
    """The vendor asks before it changes its measures or brings in a subcontractor (REGULATION.md §2.4)."""
    vendor = await vendor_service.get_vendor(session, contact, contact.vendor_id)
    row = ChangeRequest(
        organization_id=contact.organization_id,
        vendor_id=vendor.id,
        kind=body.kind.value,
        title=body.title,
        details=body.details,
        planned_date=body.planned_date,
        subcontractor_name=body.subcontractor_name,
        subcontractor_corporate_number=body.subcontractor_corporate_number,
        subcontractor_country=body.subcontractor_country,
        work=body.work,
        data_handled=body.data_handled,
        status=ChangeStatus.pending.value,
        requested_by=contact.actor_label,
        requested_at=utcnow(),
    )
    await repository.add(session, row)
    await audit.record(
        session,
        contact,
        entity_type="change_request",
        entity_id=row.id,
        action="requested",
        after=audit.snapshot(row, CHANGE_AUDITED),
        scope_id=vendor.id,
    )
    return row, vendor.name


async def list_change_requests(
    session: AsyncSession, actor: Caller, params: PageParams, sort: str, **filters: Any
) -> tuple[list[tuple[ChangeRequest, str]], int]:
    if isinstance(actor, PortalContact):
        filters["vendor_id"] = actor.vendor_id
    return await repository.list_change_requests(session, actor.organization_id, params, sort, **filters)


async def get_change_request(session: AsyncSession, actor: Caller, request_id: uuid.UUID) -> tuple[ChangeRequest, str]:
    vendor_id = actor.vendor_id if isinstance(actor, PortalContact) else None
    found = await repository.change_request(session, actor.organization_id, request_id, vendor_id=vendor_id)
    if found is None:
        raise ChangeRequestNotFound()
    return found


async def decide_change(
    session: AsyncSession, principal: Principal, request_id: uuid.UUID, body: Any
) -> tuple[ChangeRequest, str]:
    """Approve or refuse; an approved new subcontractor joins the register's tree with the approval date."""
    row, vendor_name = await get_change_request(session, principal, request_id)
    ensure_version(row, body.version)
    if row.status != ChangeStatus.pending.value:
        raise ChangeRequestDecided()
    if body.decision not in (ChangeStatus.approved, ChangeStatus.refused):
        raise InvalidMonitoring([field_problem("decision", msg="approved or refused")])
    if body.decision == ChangeStatus.refused and not (body.reason or "").strip():
        raise InvalidMonitoring([field_problem("reason", msg="say why the change is refused")])
    before = audit.snapshot(row, CHANGE_AUDITED)
    ctx = await context(session, principal.organization_id)
    if body.decision == ChangeStatus.approved and row.kind == ChangeKind.new_subcontractor.value:
        sub_id = body.subcontractor_id or await _subcontractor(session, principal, row)
        link, _ = await vendor_service.add_subcontract(
            session,
            principal,
            row.vendor_id,
            SubcontractCreate(
                subcontractor_id=sub_id,
                work=row.work or row.title,
                approval_status=ApprovalStatus.approved,
                approval_date=ctx.today,
            ),
        )
        row.subcontract_id = link.id
    row.status = body.decision.value
    row.decision_reason = body.reason
    row.decided_by = principal.actor_label
    row.decided_at = utcnow()
    await session.flush()
    await audit.record(
        session,
        principal,
        entity_type="change_request",
        entity_id=row.id,
        action=row.status,
        before=before,
        after=audit.snapshot(row, CHANGE_AUDITED),
        scope_id=row.vendor_id,
    )
    return row, vendor_name


async def _subcontractor(session: AsyncSession, principal: Principal, row: ChangeRequest) -> uuid.UUID:
    """The register's vendor with the requested corporate number, or a new candidate under the requested name."""
    if row.subcontractor_corporate_number:
        found = await vendor_service.by_corporate_number(session, principal, row.subcontractor_corporate_number)
        if found is not None:
            return found.id
    created = await vendor_service.create_vendor(
        session,
        principal,
        VendorCreate(
            name=row.subcontractor_name or row.title,
            corporate_number=row.subcontractor_corporate_number,
            country=row.subcontractor_country or "JP",
            notes=row.data_handled,
        ),
    )
    return created.id


async def subcontractor_of(session: AsyncSession, link_ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    return await vendor_service.subcontractor_ids(session, link_ids)


# --- reminders ------------------------------------------------------------------------------------------------------

REMINDED_STAGES = (Stage.due_soon, Stage.due, Stage.overdue)
STAGE_WORDS = {
    Stage.due_soon: ("期限が近づいています", "due soon"),
    Stage.due: ("対応の時期です", "due now"),
    Stage.overdue: ("期限を過ぎています", "overdue"),
}


def _reminder(item: MonitoringItem, vendor_name: str, stage: Stage, link: str, *, vendor_side: bool) -> tuple[str, str]:
    title = item_title(item)
    ja, en = STAGE_WORDS[stage]
    due = item.due_date.isoformat()
    if vendor_side:
        return (
            f"[Itaku] {title.ja}：{ja}（{due}） / {title.en}: {en} ({due})",
            f"{vendor_name} ご担当者様\n\n{title.ja}の提出期限は{due}です（{ja}）。\n"
            f"ポータルから提出できます。リンクをお持ちでなければ、登録済みのメールアドレスで請求できます。\n{link}\n\n"
            f"The {title.en.lower()} of {vendor_name} is due on {due} ({en}).\n"
            f"Submit it in the portal; without a link, ask for one with your registered address.\n{link}\n",
        )
    return (
        f"[Itaku] {vendor_name}：{title.ja} {ja}（{due}） / {vendor_name}: {title.en} {en} ({due})",
        f"{vendor_name} の「{title.ja}」は{due}が期限です（{ja}）。\n{link}\n\n"
        f"{vendor_name}: {title.en} is due on {due} ({en}).\n{link}\n",
    )


async def send_reminders(
    session: AsyncSession, organization_id: uuid.UUID, *, settings: Settings, mailer: Mailer, today: date | None = None
) -> int:
    """Remind the internal owner (and, for what the vendor owes, its contacts) of every item due soon, due or late,
    once per item, stage and address. Mail leaves after the transaction commits; returns how many were claimed."""
    ctx = await context(session, organization_id, today=today)
    rows = await repository.items_to_remind(
        session, ctx.today + timedelta(days=ctx.values.due_soon_days), organization_id
    )
    vendor_side = {v.id for i, v in rows if i.kind == ItemKind.vendor_report.value}
    contacts = await vendor_service.report_contacts(session, vendor_side)
    owners: dict[uuid.UUID | None, list[str]] = {}
    claimed = 0
    for item, vendor in rows:
        stage = schedule.stage(item.due_date, item.opens_on, False, ctx.today, ctx.values.due_soon_days)
        if stage not in REMINDED_STAGES:
            continue
        if vendor.owner_user_id not in owners:
            owners[vendor.owner_user_id] = await user_service.notification_recipients(
                session, organization_id, vendor.owner_user_id
            )
        staff_link = f"{settings.base_url}/monitoring?vendor={vendor.id}"
        targets = [(to, False) for to in owners[vendor.owner_user_id]]
        if item.kind == ItemKind.vendor_report.value and stage != Stage.due_soon:  # vendors hear once it can be done
            targets += [(to, True) for to in contacts.get(vendor.id, [])]
        for to, is_vendor in targets:
            if not await repository.claim_reminder(session, item, stage.value, to):
                continue
            claimed += 1
            # The report's page: it opens in a live portal session, and otherwise offers a link by registered email.
            link = f"{settings.base_url}/portal/reports/{item.id}" if is_vendor else staff_link
            subject, body = _reminder(item, vendor.name, stage, link, vendor_side=is_vendor)

            async def _send(mail: Mail = Mail(to=to, subject=subject, body=body)) -> None:
                await mailer.send(mail)

            after_commit(session, _send)
    return claimed


# --- the iCalendar feed ---------------------------------------------------------------------------------------------


class CalendarFeedNotFound(NotFound):
    code = "calendar_feed_not_found"
    message = "No such calendar feed (it may have been revoked)."


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def list_feeds(session: AsyncSession, staff: StaffUser) -> list[CalendarFeed]:
    return await repository.feeds_of(session, staff.user_id, staff.organization_id)


async def create_feed(session: AsyncSession, staff: StaffUser) -> tuple[CalendarFeed, str]:
    """A secret address for the user's calendar app; the token is shown once and only its hash is kept."""
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed(
        organization_id=staff.organization_id,
        user_id=staff.user_id,
        token_hash=_token_hash(token),
        lang="en" if staff.locale == "en" else "ja",
    )
    await repository.add(session, feed)
    await audit.record(session, staff, entity_type="calendar_feed", entity_id=feed.id, action="created")
    return feed, token


async def revoke_feed(session: AsyncSession, principal: Principal, feed_id: uuid.UUID) -> CalendarFeed:
    """A user revokes one of their own addresses (an API key has none)."""
    if not isinstance(principal, StaffUser):
        raise CalendarFeedNotFound()
    staff = principal
    feed = next((f for f in await list_feeds(session, staff) if f.id == feed_id), None)
    if feed is None:
        raise CalendarFeedNotFound()
    if feed.revoked_at is None:
        feed.revoked_at = utcnow()
        await session.flush()
        await audit.record(session, staff, entity_type="calendar_feed", entity_id=feed.id, action="revoked")
    return feed


async def feed_calendar(session: AsyncSession, token: str, *, base_url: str) -> bytes:
    """The deadlines of the feed's organisation as iCalendar: open review items, and the regulator and notice
    deadlines of open incidents. A revoked feed, or one whose user has left, is not found."""
    feed = await repository.feed_by_hash(session, _token_hash(token))
    if feed is None:
        raise CalendarFeedNotFound()
    try:
        staff = await user_service.staff_principal(session, feed.user_id, feed.organization_id, None)
    except NotAuthenticated:
        raise CalendarFeedNotFound() from None
    ctx = await context(session, feed.organization_id)
    lang = feed.lang
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Itaku//Review calendar//JA")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Itaku 期限" if lang == "ja" else "Itaku deadlines")
    cal.add("x-wr-timezone", ctx.time_zone)
    rows, _ = await repository.list_items(
        session,
        feed.organization_id,
        PageParams(page=1, size=2000),
        "due_date",
        today=ctx.today,
        due_soon_days=ctx.values.due_soon_days,
        stages=[Stage.overdue, Stage.due, Stage.due_soon, Stage.scheduled],
        due_to=ctx.today + timedelta(days=400),
    )
    for row in rows:
        v = _view(ctx, row)
        event = icalendar.Event()
        event.add("uid", f"monitoring-{v.item.id}@itaku")
        event.add("dtstamp", utcnow())
        event.add("dtstart", v.item.due_date)
        event.add("dtend", v.item.due_date + timedelta(days=1))
        event.add("summary", f"{v.vendor_name}: {getattr(v.title, lang)}")
        event.add("url", f"{base_url}/monitoring?vendor={v.item.vendor_id}")
        event.add("categories", ["Itaku", v.item.kind])
        cal.add_component(event)
    deadlines = await incident_service.upcoming_deadlines(session, staff, days=400)
    for d in deadlines.deadlines:
        ob, incident = d.obligation, d.incident
        event = icalendar.Event()
        event.add("uid", f"obligation-{ob.id}@itaku")
        event.add("dtstamp", utcnow())
        if ob.due_at is not None:
            event.add("dtstart", ob.due_at)
            event.add("dtend", ob.due_at)
        label = OBLIGATION_LABELS.get(ob.kind, (ob.kind, ob.kind))
        event.add("summary", f"{d.vendor_name}: {label[0] if lang == 'ja' else label[1]} — {incident.title}")
        event.add("url", f"{base_url}/incidents/{incident.id}")
        event.add("categories", ["Itaku", "incident"])
        cal.add_component(event)
    return bytes(cal.to_ical())


OBLIGATION_LABELS = {
    "regulator_preliminary_report": ("個人情報保護委員会への速報", "Preliminary report to the regulator"),
    "regulator_final_report": ("個人情報保護委員会への確報", "Final report to the regulator"),
    "notify_individuals": ("本人への通知", "Notice to individuals"),
    "authority_notification": ("監督機関への通知（72時間）", "Notification of the supervisory authority (72 h)"),
}
