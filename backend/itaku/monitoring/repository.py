"""Every query of monitoring, scoped to the organisation (and the vendor, for portal contacts)."""

import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from itaku.core.models import utcnow
from itaku.core.pagination import Paged, PageParams, all_rows, order_by, paginate
from itaku.monitoring.models import (
    Audit,
    CalendarFeed,
    CalendarPlanned,
    ChangeRequest,
    MonitoringItem,
    ReminderSent,
    VendorReport,
)
from itaku.monitoring.schedule import Stage
from itaku.vendors.models import Vendor


def _count(table: Any, where: list[Any]) -> Any:
    """The rows of a list without its joins, to count (every join is on a non-null foreign key, so it changes no
    count)."""
    return select(table.id).where(*where)


async def add(session: AsyncSession, *rows: Any) -> None:
    session.add_all(rows)
    await session.flush()


# --- items ----------------------------------------------------------------------------------------------------------


async def planned_keys(
    session: AsyncSession, organization_id: uuid.UUID, vendor_ids: list[uuid.UUID], *, id_range: bool
) -> list[Any]:
    """What is planned for these vendors (id, vendor, key, done, created), without loading whole items.

    `id_range`: the vendors are a slice of the organisation's vendors in id order (the whole-calendar pass), read as
    one range of the vendor index rather than a list of ids. The planner fills this table itself, faster than its
    statistics follow: with a long list of ids and no statistics yet, PostgreSQL guesses that most rows match and
    reads the whole table for every slice; a range is an index scan whatever the statistics say."""
    if not vendor_ids:
        return []
    cols = (MonitoringItem.id, MonitoringItem.vendor_id, MonitoringItem.key, MonitoringItem.done_at)
    stmt = select(*cols, MonitoringItem.created_at).where(MonitoringItem.organization_id == organization_id)
    if id_range:
        stmt = stmt.where(MonitoringItem.vendor_id.between(min(vendor_ids), max(vendor_ids)))
    else:
        stmt = stmt.where(MonitoringItem.vendor_id.in_(vendor_ids))
    return list((await session.execute(stmt)).all())


async def planned_until(session: AsyncSession, organization_id: uuid.UUID) -> date | None:
    row = await session.get(CalendarPlanned, organization_id)
    return row.planned_until if row else None


async def set_planned_until(session: AsyncSession, organization_id: uuid.UUID, until: date) -> None:
    """An upsert: two processes planning one organisation at once (the sweep and a plan_calendar job) agree."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    values = {"organization_id": organization_id, "planned_until": until, "planned_at": utcnow()}
    stmt = insert(CalendarPlanned).values(**values)
    await session.execute(
        stmt.on_conflict_do_update(
            index_elements=["organization_id"], set_={"planned_until": until, "planned_at": values["planned_at"]}
        )
    )


async def add_items(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Insert planned items; one that another transaction planned meanwhile (same vendor and key) is left as it is,
    so two requests touching one vendor at once do not collide. A whole calendar is a million rows: PostgreSQL
    takes them as one array per column (one statement, no per-row work in SQLAlchemy); SQLite as Core
    "insertmanyvalues" batches (RETURNING makes SQLAlchemy send many rows per statement)."""
    if not rows:
        return
    table = MonitoringItem.metadata.tables[MonitoringItem.__tablename__]
    dialect = session.get_bind().dialect
    if dialect.name == "postgresql":
        await session.execute(*_unnest_insert(table, rows, dialect))
    else:
        # Core, not the ORM's bulk path, which sends the rows one at a time here.
        stmt = sqlite_insert(table).on_conflict_do_nothing(index_elements=["vendor_id", "key"])
        await session.execute(stmt.returning(table.c.id), rows)
    await session.flush()


def _unnest_insert(table: Any, rows: list[dict[str, Any]], dialect: Any) -> tuple[Any, dict[str, list[Any]]]:
    """INSERT … SELECT * FROM unnest(one array per column) ON CONFLICT DO NOTHING, the defaults filled here."""
    now = utcnow()
    defaults: dict[str, Any] = {"created_at": now, "updated_at": now, "version": 1}
    columns = [c for c in table.columns if c.name in rows[0] or c.name in defaults or c.name == "id"]
    arrays: dict[str, list[Any]] = {c.name: [] for c in columns}
    for row in rows:
        for c in columns:
            if c.name in row:
                arrays[c.name].append(row[c.name])
            else:
                arrays[c.name].append(uuid.uuid4() if c.name == "id" else defaults[c.name])
    names = ", ".join(c.name for c in columns)
    casts = ", ".join(f"CAST(:{c.name} AS {c.type.compile(dialect=dialect)}[])" for c in columns)
    # Every name in the statement comes from the model's own table; the values are bound.
    sql = f"INSERT INTO {table.name} ({names}) SELECT * FROM unnest({casts}) ON CONFLICT (vendor_id, key) DO NOTHING"  # noqa: S608
    return text(sql), arrays


async def drop_items(session: AsyncSession, ids: list[uuid.UUID]) -> None:
    """Delete open items the plan no longer has, unless a report or a live audit belongs to one by now."""
    if ids:
        report = select(VendorReport.id).where(VendorReport.item_id == MonitoringItem.id)
        audit = select(Audit.id).where(Audit.item_id == MonitoringItem.id, Audit.status != "cancelled")
        await session.execute(
            delete(MonitoringItem).where(
                MonitoringItem.id.in_(ids),
                MonitoringItem.done_at.is_(None),
                ~report.exists(),
                ~audit.exists(),
            )
        )


def stage_condition(stage: Stage, today: date, due_soon_days: int) -> Any:
    """The SQL form of schedule.stage()."""
    open_ = MonitoringItem.done_at.is_(None)
    if stage == Stage.done:
        return MonitoringItem.done_at.is_not(None)
    if stage == Stage.overdue:
        return and_(open_, MonitoringItem.due_date < today)
    if stage == Stage.due:
        return and_(open_, MonitoringItem.due_date >= today, MonitoringItem.opens_on <= today)
    soon = today + timedelta(days=due_soon_days)
    if stage == Stage.due_soon:
        return and_(open_, MonitoringItem.opens_on > today, MonitoringItem.due_date <= soon)
    return and_(open_, MonitoringItem.opens_on > today, MonitoringItem.due_date > soon)


async def list_items(
    session: AsyncSession,
    organization_id: uuid.UUID,
    params: PageParams,
    sort: str,
    *,
    today: date,
    due_soon_days: int,
    vendor_id: uuid.UUID | None = None,
    kinds: list[str] | None = None,
    stages: list[Stage] | None = None,
    due_from: date | None = None,
    due_to: date | None = None,
) -> Paged["ItemRow"]:
    where: list[Any] = [MonitoringItem.organization_id == organization_id]
    if vendor_id:
        where.append(MonitoringItem.vendor_id == vendor_id)
    if kinds:
        where.append(MonitoringItem.kind.in_(kinds))
    if stages:
        where.append(or_(*(stage_condition(s, today, due_soon_days) for s in stages)))
    if due_from:
        where.append(MonitoringItem.due_date >= due_from)
    if due_to:
        where.append(MonitoringItem.due_date <= due_to)
    stmt = (
        _item_rows()
        .where(*where)
        .order_by(*order_by(sort, {"due_date": MonitoringItem.due_date, "vendor": Vendor.name}, MonitoringItem.id))
    )
    paged = await paginate(session, stmt, params, count_from=_count(MonitoringItem, where))
    return paged.with_rows([_item_row(r) for r in paged.rows])


ItemRow = tuple[MonitoringItem, str, str, uuid.UUID | None, uuid.UUID | None, str | None]


def _item_rows() -> Any:
    """An item with its vendor's name and tier, its report and its (not cancelled) audit."""
    return (
        select(MonitoringItem, Vendor.name, Vendor.tier, VendorReport.id, Audit.id, VendorReport.status)
        .join(Vendor, Vendor.id == MonitoringItem.vendor_id)
        .outerjoin(VendorReport, VendorReport.item_id == MonitoringItem.id)
        .outerjoin(Audit, and_(Audit.item_id == MonitoringItem.id, Audit.status != "cancelled"))
    )


def _item_row(r: Any) -> ItemRow:
    return (r[0], r[1], r[2], r[3], r[4], r[5])


async def item(
    session: AsyncSession,
    organization_id: uuid.UUID,
    item_id: uuid.UUID,
    *,
    vendor_id: uuid.UUID | None = None,
    lock: bool = False,
) -> ItemRow | None:
    """One item; `lock` holds it until commit (a report or audit being attached: planning again waits)."""
    stmt = _item_rows().where(MonitoringItem.organization_id == organization_id, MonitoringItem.id == item_id)
    if vendor_id is not None:
        stmt = stmt.where(MonitoringItem.vendor_id == vendor_id)
    if lock:
        stmt = stmt.with_for_update(of=MonitoringItem)
    row = (await session.execute(stmt.limit(1))).first()
    return _item_row(row) if row else None


async def open_items(
    session: AsyncSession, organization_id: uuid.UUID, vendor_id: uuid.UUID, kind: str, subject_id: uuid.UUID | None
) -> list[MonitoringItem]:
    stmt = select(MonitoringItem).where(
        MonitoringItem.organization_id == organization_id,
        MonitoringItem.vendor_id == vendor_id,
        MonitoringItem.kind == kind,
        MonitoringItem.done_at.is_(None),
    )
    if subject_id is not None:
        stmt = stmt.where(MonitoringItem.subject_id == subject_id)
    return list((await session.scalars(stmt.order_by(MonitoringItem.due_date, MonitoringItem.id))).all())


async def attached_item_ids(session: AsyncSession, item_ids: list[uuid.UUID]) -> set[uuid.UUID]:
    """Items a vendor's report or a planned audit belongs to: the plan moving on does not take them away."""
    if not item_ids:
        return set()
    reports = select(VendorReport.item_id).where(VendorReport.item_id.in_(item_ids))
    audits = select(Audit.item_id).where(Audit.item_id.in_(item_ids), Audit.status != "cancelled")
    return set((await session.scalars(reports.union(audits))).all())


async def stage_counts(
    session: AsyncSession, organization_id: uuid.UUID, vendor_id: uuid.UUID, today: date, due_soon_days: int
) -> dict[Stage, int]:
    counts = {}
    for s in Stage:
        stmt = select(func.count()).where(
            MonitoringItem.organization_id == organization_id,
            MonitoringItem.vendor_id == vendor_id,
            stage_condition(s, today, due_soon_days),
        )
        counts[s] = (await session.execute(stmt)).scalar_one()
    return counts


async def items_to_remind(
    session: AsyncSession, until: date, organization_id: uuid.UUID | None = None
) -> list[tuple[MonitoringItem, Vendor]]:
    """Open items due by `until` (late ones included), with their vendors, for the reminder run."""
    stmt = (
        select(MonitoringItem, Vendor)
        .join(Vendor, Vendor.id == MonitoringItem.vendor_id)
        .where(
            MonitoringItem.done_at.is_(None),
            MonitoringItem.due_date <= until,
            Vendor.status.in_(["approved", "active", "suspended"]),  # a vendor no longer entrusted is not chased
        )
    )
    if organization_id is not None:
        stmt = stmt.where(MonitoringItem.organization_id == organization_id)
    # A total order: concurrent workers claim in the same sequence and never wait on each other in a cycle.
    stmt = stmt.order_by(MonitoringItem.due_date, MonitoringItem.id)
    return [(r[0], r[1]) for r in (await session.execute(stmt)).all()]


# --- vendor reports -------------------------------------------------------------------------------------------------


async def reports_for_items(session: AsyncSession, item_ids: list[uuid.UUID]) -> dict[uuid.UUID, VendorReport]:
    if not item_ids:
        return {}
    stmt = select(VendorReport).where(VendorReport.item_id.in_(item_ids))
    return {r.item_id: r for r in (await session.scalars(stmt)).all()}


async def report(
    session: AsyncSession, organization_id: uuid.UUID, report_id: uuid.UUID, *, vendor_id: uuid.UUID | None = None
) -> tuple[VendorReport, MonitoringItem, str] | None:
    stmt = (
        select(VendorReport, MonitoringItem, Vendor.name)
        .join(MonitoringItem, MonitoringItem.id == VendorReport.item_id)
        .join(Vendor, Vendor.id == VendorReport.vendor_id)
        .where(VendorReport.organization_id == organization_id, VendorReport.id == report_id)
    )
    if vendor_id is not None:
        stmt = stmt.where(VendorReport.vendor_id == vendor_id)
    row = (await session.execute(stmt)).one_or_none()
    return (row[0], row[1], row[2]) if row else None


async def list_reports(
    session: AsyncSession,
    organization_id: uuid.UUID,
    params: PageParams,
    sort: str,
    *,
    vendor_id: uuid.UUID | None = None,
    statuses: list[str] | None = None,
) -> Paged[tuple[VendorReport, MonitoringItem, str]]:
    where: list[Any] = [VendorReport.organization_id == organization_id]
    if vendor_id:
        where.append(VendorReport.vendor_id == vendor_id)
    if statuses:
        where.append(VendorReport.status.in_(statuses))
    stmt = (
        select(VendorReport, MonitoringItem, Vendor.name)
        .join(MonitoringItem, MonitoringItem.id == VendorReport.item_id)
        .join(Vendor, Vendor.id == VendorReport.vendor_id)
        .where(*where)
        .order_by(
            *order_by(
                sort,
                {"period_start": VendorReport.period_start, "submitted_at": VendorReport.submitted_at},
                VendorReport.id,
            )
        )
    )
    paged = await paginate(session, stmt, params, count_from=_count(VendorReport, where))
    return paged.with_rows([(r[0], r[1], r[2]) for r in paged.rows])


async def last_report(session: AsyncSession, vendor_id: uuid.UUID) -> tuple[VendorReport, MonitoringItem] | None:
    stmt = (
        select(VendorReport, MonitoringItem)
        .join(MonitoringItem, MonitoringItem.id == VendorReport.item_id)
        .where(VendorReport.vendor_id == vendor_id, VendorReport.status != "draft")
        .order_by(VendorReport.period_start.desc(), VendorReport.id)
        .limit(1)
    )
    row = (await session.execute(stmt)).one_or_none()
    return (row[0], row[1]) if row else None


# --- audits ---------------------------------------------------------------------------------------------------------


async def audit(session: AsyncSession, organization_id: uuid.UUID, audit_id: uuid.UUID) -> tuple[Audit, str] | None:
    stmt = (
        select(Audit, Vendor.name)
        .join(Vendor, Vendor.id == Audit.vendor_id)
        .where(Audit.organization_id == organization_id, Audit.id == audit_id)
    )
    row = (await session.execute(stmt)).one_or_none()
    return (row[0], row[1]) if row else None


async def list_audits(
    session: AsyncSession,
    organization_id: uuid.UUID,
    params: PageParams,
    sort: str,
    *,
    vendor_id: uuid.UUID | None = None,
    statuses: list[str] | None = None,
) -> Paged[tuple[Audit, str]]:
    where: list[Any] = [Audit.organization_id == organization_id]
    if vendor_id:
        where.append(Audit.vendor_id == vendor_id)
    if statuses:
        where.append(Audit.status.in_(statuses))
    stmt = (
        select(Audit, Vendor.name)
        .join(Vendor, Vendor.id == Audit.vendor_id)
        .where(*where)
        .order_by(*order_by(sort, {"planned_date": Audit.planned_date, "updated_at": Audit.updated_at}, Audit.id))
    )
    return await paginate(session, stmt, params, count_from=_count(Audit, where))


async def last_completed_audits(
    session: AsyncSession, organization_id: uuid.UUID, vendor_ids: set[uuid.UUID]
) -> dict[uuid.UUID, date]:
    if not vendor_ids:
        return {}
    stmt = (
        select(Audit.vendor_id, func.max(Audit.completed_date))
        .where(
            Audit.organization_id == organization_id,
            Audit.vendor_id.in_(vendor_ids),
            Audit.status == "completed",
            Audit.completed_date.is_not(None),
        )
        .group_by(Audit.vendor_id)
    )
    return {r[0]: r[1] for r in (await session.execute(stmt)).all() if r[1] is not None}


async def last_audit(session: AsyncSession, vendor_id: uuid.UUID) -> Audit | None:
    stmt = (
        select(Audit)
        .where(Audit.vendor_id == vendor_id, Audit.status != "cancelled")
        .order_by(Audit.planned_date.desc(), Audit.id)
        .limit(1)
    )
    return (await session.scalars(stmt)).one_or_none()


# --- change requests ------------------------------------------------------------------------------------------------


async def change_request(
    session: AsyncSession, organization_id: uuid.UUID, request_id: uuid.UUID, *, vendor_id: uuid.UUID | None = None
) -> tuple[ChangeRequest, str] | None:
    stmt = (
        select(ChangeRequest, Vendor.name)
        .join(Vendor, Vendor.id == ChangeRequest.vendor_id)
        .where(ChangeRequest.organization_id == organization_id, ChangeRequest.id == request_id)
    )
    if vendor_id is not None:
        stmt = stmt.where(ChangeRequest.vendor_id == vendor_id)
    row = (await session.execute(stmt)).one_or_none()
    return (row[0], row[1]) if row else None


async def all_change_requests_of_vendor(
    session: AsyncSession, organization_id: uuid.UUID, vendor_id: uuid.UUID
) -> list[ChangeRequest]:
    stmt = (
        select(ChangeRequest)
        .where(ChangeRequest.organization_id == organization_id, ChangeRequest.vendor_id == vendor_id)
        .order_by(ChangeRequest.requested_at.desc(), ChangeRequest.id.desc())
    )
    return await all_rows(session, stmt)


async def list_change_requests(
    session: AsyncSession,
    organization_id: uuid.UUID,
    params: PageParams,
    sort: str,
    *,
    vendor_id: uuid.UUID | None = None,
    statuses: list[str] | None = None,
    kinds: list[str] | None = None,
) -> Paged[tuple[ChangeRequest, str]]:
    where: list[Any] = [ChangeRequest.organization_id == organization_id]
    if vendor_id:
        where.append(ChangeRequest.vendor_id == vendor_id)
    if statuses:
        where.append(ChangeRequest.status.in_(statuses))
    if kinds:
        where.append(ChangeRequest.kind.in_(kinds))
    stmt = (
        select(ChangeRequest, Vendor.name)
        .join(Vendor, Vendor.id == ChangeRequest.vendor_id)
        .where(*where)
        .order_by(*order_by(sort, {"requested_at": ChangeRequest.requested_at}, ChangeRequest.id))
    )
    return await paginate(session, stmt, params, count_from=_count(ChangeRequest, where))


async def pending_change_requests(session: AsyncSession, vendor_id: uuid.UUID) -> int:
    stmt = select(func.count()).where(ChangeRequest.vendor_id == vendor_id, ChangeRequest.status == "pending")
    return int((await session.execute(stmt)).scalar_one())


# --- calendar feeds and reminders -----------------------------------------------------------------------------------


async def feeds_of(session: AsyncSession, user_id: uuid.UUID, organization_id: uuid.UUID) -> list[CalendarFeed]:
    stmt = select(CalendarFeed).where(CalendarFeed.user_id == user_id, CalendarFeed.organization_id == organization_id)
    return list((await session.scalars(stmt.order_by(CalendarFeed.created_at.desc(), CalendarFeed.id))).all())


async def feed_by_hash(session: AsyncSession, token_hash: str) -> CalendarFeed | None:
    stmt = select(CalendarFeed).where(CalendarFeed.token_hash == token_hash, CalendarFeed.revoked_at.is_(None))
    return (await session.scalars(stmt)).one_or_none()


async def claim_reminder(session: AsyncSession, item: MonitoringItem, stage: str, recipient: str) -> bool:
    """Record the reminder unless it was sent already; the unique key makes concurrent workers agree on one (the
    second insert waits for the first transaction and then does nothing)."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    stmt = (
        insert(ReminderSent)
        .values(
            id=uuid.uuid4(),
            organization_id=item.organization_id,
            item_id=item.id,
            stage=stage,
            recipient=recipient,
            sent_at=utcnow(),
        )
        .on_conflict_do_nothing(index_elements=["item_id", "stage", "recipient"])
        .returning(ReminderSent.id)
    )
    return (await session.execute(stmt)).scalar_one_or_none() is not None
