"""The review calendar: kept in step with the register, and read.

The calendar follows the register by itself: a flush that changes one of the WATCHED columns (a vendor's tier or
status, a certification, a contract, an assessment, an audit) marks the vendor, and just before the transaction
commits its items are planned again (schedule.py decides; what was done is never touched). So no other domain has
to call in here; the columns it depends on are named by their model attributes below, so a renamed column fails at
import, not silently."""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from pydantic import BaseModel
from sqlalchemy import event, inspect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, Session

from itaku.assessments import service as assessment_service
from itaku.assessments.models import Assessment
from itaku.contracts import service as contract_service
from itaku.contracts.models import Contract
from itaku.core.clock import today_in
from itaku.core.db import Database, before_commit
from itaku.core.models import utcnow
from itaku.core.pagination import Paged, PageParams
from itaku.core.schemas import TextRead
from itaku.core.views import RowView
from itaku.core.vocabulary import Tier
from itaku.identity.principals import Caller, PortalContact, Principal, ensure_admin
from itaku.jobs import service as job_service
from itaku.jobs.registry import JobContext, JobKind
from itaku.monitoring import repository, schedule
from itaku.monitoring.errors import ItemAlreadyDone, MonitoringItemNotFound
from itaku.monitoring.models import Audit, MonitoringItem
from itaku.monitoring.policy import MONITORED, OrgContext, context
from itaku.monitoring.schedule import ItemKind, Stage
from itaku.monitoring.schemas import MonitoringPolicyUpdate
from itaku.organizations import service as organization_service
from itaku.vendors import service as vendor_service
from itaku.vendors.models import Certification, Vendor


async def update_policy(session: AsyncSession, principal: Principal, body: MonitoringPolicyUpdate) -> Any:
    admin = ensure_admin(principal)
    value = body.policy.model_dump(mode="json") if body.policy else None
    org = await organization_service.update_policy(session, admin, "monitoring_policy", body.version, value)
    await replan_organization(session, org.id)
    return org


# What the plan reads of each table (schedule.VendorFacts), named by the model attributes themselves: a column
# renamed in its domain fails here at import (and in mypy), instead of silently ending the replanning. A change
# elsewhere in a row leaves the calendar as it is. These are the only models of other domains monitoring imports.
WATCHED: dict[type[Any], tuple[InstrumentedAttribute[Any], ...]] = {
    Vendor: (Vendor.tier, Vendor.status),
    Certification: (Certification.expiry_date, Certification.name, Certification.kind),
    Contract: (Contract.status, Contract.title, Contract.start_date, Contract.end_date, Contract.notice_date),
    Assessment: (Assessment.status, Assessment.valid_until),
    Audit: (Audit.status, Audit.completed_date, Audit.item_id),
}


def _changed(obj: Any, fields: tuple[InstrumentedAttribute[Any], ...]) -> bool:
    state = inspect(obj)
    return any(state.attrs[f.key].history.has_changes() for f in fields)


@dataclass(frozen=True)
class _Settle:
    """An item done by something that happened elsewhere: an accepted assessment, a renewed certificate or contract."""

    vendor_id: uuid.UUID
    kind: ItemKind
    subject_id: uuid.UUID | None
    ref_id: uuid.UUID
    note: str


def _settles(obj: Any) -> _Settle | None:
    state = inspect(obj)
    if isinstance(obj, Assessment) and _changed(obj, (Assessment.status,)) and obj.status == "accepted":
        return _Settle(obj.vendor_id, ItemKind.reassessment, None, obj.id, "assessment accepted")
    if isinstance(obj, Certification) and not state.pending:
        old = state.attrs.expiry_date.history.deleted
        if old and old[0] and obj.expiry_date and obj.expiry_date > old[0]:
            return _Settle(obj.vendor_id, ItemKind.certification_renewal, obj.id, obj.id, "certificate renewed")
    if isinstance(obj, Contract) and not state.pending:
        if _changed(obj, (Contract.status,)) and obj.status in ("expired", "terminated"):
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
        fields = WATCHED.get(type(obj))
        if fields is None or not (obj in new or obj in deleted or _changed(obj, fields)):
            continue
        is_vendor = isinstance(obj, Vendor)
        marked.add((obj.organization_id, obj.id if is_vendor else obj.vendor_id))
        if not is_vendor and obj not in deleted and (settle_ := _settles(obj)):
            settles.append((obj.organization_id, settle_))
    if len(marked) > before:
        before_commit(session, "monitoring_replan", _replan_marked)


def follow_the_register() -> None:
    """Keep every session's calendar in step with the register. Called once by the application's assembly (app,
    worker, command line) — `itaku.main`, `itaku.cli` — and idempotent; tests/test_layering.py checks the call."""
    if not event.contains(Session, "after_flush", _mark):
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
        if len(vendor_ids) > SLICE:
            # Thousands at once (an import): the request does not wait for them; a worker plans the calendar slice by
            # slice once this has committed.
            await job_service.enqueue(
                session,
                PLAN_CALENDAR,
                PlanCalendar(),
                organization_id=org_id,
                label=f"review calendar of {len(vendor_ids)} vendors",
                start_now=False,
            )
            continue
        await _replan_in_batches(session, await context(session, org_id), sorted(vendor_ids))


async def replan_organization(session: AsyncSession, organization_id: uuid.UUID, *, today: date | None = None) -> int:
    """Every monitored vendor of the organisation, in this transaction (a policy change)."""
    ctx = await context(session, organization_id, today=today)
    ids = await vendor_service.vendor_ids_in(session, organization_id, MONITORED)
    for start in range(0, len(ids), SLICE):
        await replan_vendors(session, ctx, ids[start : start + SLICE], id_range=True)
    await repository.set_planned_until(session, organization_id, ctx.today + timedelta(days=ctx.policy.horizon_days))
    return len(ids)


async def plan_organization(
    db: Database,
    organization_id: uuid.UUID,
    *,
    today: date | None = None,
    force: bool = False,
    progress: Callable[[int, int | None], Awaitable[None]] | None = None,
) -> int:
    """The daily run for one organisation: the whole calendar again, but only on a day its horizon reaches a report
    not planned yet (a change to the register replans its vendor at once, so nothing else can be missing) or when
    `force`d. Each slice of vendors is its own transaction, so a large register never holds the database for long
    (SQLite has one writer). Returns how many vendors were planned."""
    async with db.unit_of_work(write=False) as session:
        ctx = await context(session, organization_id, today=today)
        until = ctx.today + timedelta(days=ctx.policy.horizon_days)
        if not force and not schedule.horizon_reaches_new_reports(
            ctx.policy, await repository.planned_until(session, organization_id), until
        ):
            return 0
        ids = await vendor_service.vendor_ids_in(session, organization_id, MONITORED)
    for start in range(0, len(ids), SLICE):
        async with db.unit_of_work(write=True) as session:
            await replan_vendors(session, ctx, ids[start : start + SLICE], id_range=True)
        if progress is not None:
            await progress(min(start + SLICE, len(ids)), len(ids))
    async with db.unit_of_work(write=True) as session:
        await repository.set_planned_until(session, organization_id, until)
    return len(ids)


# Vendors planned together: one read of each table for the lot, bounded memory for a register of any size.
SLICE = 1000


class PlanCalendar(BaseModel):
    """The job's payload: the organisation is the job's own."""


async def _plan_calendar(ctx: JobContext, payload: PlanCalendar) -> dict[str, Any]:
    assert ctx.organization_id is not None
    planned = await plan_organization(ctx.db, ctx.organization_id, force=True, progress=ctx.report_progress)
    return {"vendors_planned": planned}


# The whole calendar of one organisation, in the background (after an import of thousands of vendors).
PLAN_CALENDAR = JobKind("monitoring.plan_calendar", PlanCalendar, _plan_calendar, lease=timedelta(minutes=30))


async def _replan_in_batches(session: AsyncSession, ctx: OrgContext, vendor_ids: list[uuid.UUID]) -> None:
    for start in range(0, len(vendor_ids), SLICE):
        await replan_vendors(session, ctx, vendor_ids[start : start + SLICE])


async def replan_vendors(
    session: AsyncSession, ctx: OrgContext, vendor_ids: list[uuid.UUID], *, id_range: bool = False
) -> None:
    """Plan these vendors again. `id_range`: they are a slice of the organisation's vendors in id order (the whole
    calendar), so every read is an index range scan (repository.planned_keys says why)."""
    states = await vendor_service.planning_states(session, ctx.organization_id, vendor_ids, id_range=id_range)
    monitored = {v for v in vendor_ids if v in states and states[v][1] in MONITORED}
    certifications = await vendor_service.certifications_by_vendor(session, monitored)
    contracts = await contract_service.active_contracts_by_vendor(session, ctx.organization_id, monitored)
    valid_until = await assessment_service.valid_until_by_vendor(session, ctx.organization_id, monitored)
    audited = await repository.last_completed_audits(session, ctx.organization_id, monitored)
    wanted = set(vendor_ids)
    existing: dict[uuid.UUID, list[Any]] = {v: [] for v in vendor_ids}
    for row in await repository.planned_keys(session, ctx.organization_id, vendor_ids, id_range=id_range):
        if row.vendor_id in wanted:
            existing[row.vendor_id].append(row)
    drop: list[uuid.UUID] = []
    add: list[dict[str, Any]] = []
    for vendor_id in vendor_ids:
        rows = existing[vendor_id]
        if vendor_id not in monitored:
            # No longer watched (or gone): what is still open goes, what was done stays as the record.
            drop.extend(r.id for r in rows if r.done_at is None)
            continue
        active = contracts[vendor_id]
        # Owed from the entrustment's start (its earliest active contract) or, without one, from when the vendor was
        # first planned here (today, the first time) — never before the policy's date.
        starts = [c.start_date for c in active if c.start_date]
        first_planned = _local_date(min((r.created_at for r in rows), default=None), ctx)
        facts = schedule.VendorFacts(
            tier=Tier(states[vendor_id][0]),
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
        drop.extend(by_key[k].id for k in change.drop)
        add.extend(_row(ctx.organization_id, vendor_id, i) for i in change.add)
    await repository.drop_items(session, drop)  # except an item a report or a live audit belongs to by now
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
class ItemView(RowView):
    row_field = "item"
    item: MonitoringItem
    vendor_name: str
    vendor_tier: str
    report_id: uuid.UUID | None
    audit_id: uuid.UUID | None
    report_status: str | None
    stage: Stage
    days_left: int
    title: TextRead


def item_view(ctx: OrgContext, row: repository.ItemRow) -> ItemView:
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
) -> Paged[ItemView]:
    ctx = await context(session, principal.organization_id)
    paged = await repository.list_items(
        session,
        principal.organization_id,
        params,
        sort,
        today=ctx.today,
        due_soon_days=ctx.values.due_soon_days,
        **filters,
    )
    return paged.with_rows([item_view(ctx, r) for r in paged.rows])


async def get_item(session: AsyncSession, actor: Caller, item_id: uuid.UUID) -> ItemView:
    vendor_id = actor.vendor_id if isinstance(actor, PortalContact) else None
    found = await repository.item(session, actor.organization_id, item_id, vendor_id=vendor_id)
    if found is None:
        raise MonitoringItemNotFound()
    return item_view(await context(session, actor.organization_id), found)
