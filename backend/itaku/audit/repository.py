import uuid
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from sqlalchemy import Select, insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from itaku.audit.models import AuditChainHead, AuditEvent
from itaku.core.pagination import Keyset, Paged, PageParams, paginate

GENESIS_HASH = "0" * 64
SORT_COLUMNS = {"occurred_at": AuditEvent.occurred_at}


async def add_head(session: AsyncSession, head: AuditChainHead) -> None:
    session.add(head)
    await session.flush()


async def unsealed_heads(session: AsyncSession) -> list[AuditChainHead]:
    return list((await session.scalars(select(AuditChainHead).where(AuditChainHead.seal.is_(None)))).all())


async def heads(session: AsyncSession, organization_id: uuid.UUID | None) -> list[AuditChainHead]:
    stmt = select(AuditChainHead).order_by(AuditChainHead.organization_id)
    if organization_id is not None:
        stmt = stmt.where(AuditChainHead.organization_id == organization_id)
    return list((await session.scalars(stmt)).all())


async def lock_chain_head(session: AsyncSession, organization_id: uuid.UUID) -> AuditChainHead:
    """Row lock on PostgreSQL; SQLite serialises writers already (see core.db)."""
    stmt = select(AuditChainHead).where(AuditChainHead.organization_id == organization_id).with_for_update()
    head = (await session.scalars(stmt)).one()
    return head


async def get_chain_head(session: AsyncSession, organization_id: uuid.UUID) -> AuditChainHead | None:
    return await session.get(AuditChainHead, organization_id)


async def add(session: AsyncSession, event: AuditEvent) -> None:
    session.add(event)
    await session.flush()


async def add_many(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Insert events as Core rows: RETURNING lets SQLAlchemy send many rows per statement ("insertmanyvalues")."""
    table = AuditEvent.metadata.tables[AuditEvent.__tablename__]
    await session.execute(insert(table).returning(table.c.id), rows)


async def list_events(
    session: AsyncSession,
    organization_id: uuid.UUID,
    params: PageParams,
    sort: str,
    *,
    entity_type: str | None = None,
    entity_id: uuid.UUID | None = None,
    actor_id: uuid.UUID | None = None,
    action: str | None = None,
    occurred_from: datetime | None = None,
    occurred_to: datetime | None = None,
    related_to: uuid.UUID | None = None,
) -> Paged[AuditEvent]:
    stmt: Select[Any] = select(AuditEvent).where(AuditEvent.organization_id == organization_id)
    if entity_type:
        stmt = stmt.where(AuditEvent.entity_type == entity_type)
    if entity_id:
        stmt = stmt.where(AuditEvent.entity_id == entity_id)
    if related_to:
        stmt = stmt.where(or_(AuditEvent.entity_id == related_to, AuditEvent.scope_id == related_to))
    if actor_id:
        stmt = stmt.where(AuditEvent.actor_id == actor_id)
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    if occurred_from:
        stmt = stmt.where(AuditEvent.occurred_at >= occurred_from)
    if occurred_to:
        stmt = stmt.where(AuditEvent.occurred_at < occurred_to)
    keyset = Keyset(sort, SORT_COLUMNS, AuditEvent.seq)
    filtered = any(
        v is not None for v in (entity_type, entity_id, actor_id, action, occurred_from, occurred_to, related_to)
    )
    if not filtered:
        # The chain is contiguous (verify enforces it), so its head's seq is the count, without a scan.
        head = await get_chain_head(session, organization_id)
        return await paginate(session, stmt, params, total=head.seq if head else 0, keyset=keyset)
    return await paginate(session, stmt, params, keyset=keyset)


async def get_event(session: AsyncSession, organization_id: uuid.UUID, event_id: uuid.UUID) -> AuditEvent | None:
    stmt = select(AuditEvent).where(AuditEvent.organization_id == organization_id, AuditEvent.id == event_id)
    return (await session.scalars(stmt)).one_or_none()


async def organization_ids_with_chains(session: AsyncSession) -> list[uuid.UUID]:
    """Organisations with a head or with events: a chain whose head was deleted is still walked."""
    with_heads = select(AuditChainHead.organization_id)
    with_events = select(AuditEvent.organization_id).distinct()
    return sorted(set((await session.scalars(with_heads)).all()) | set((await session.scalars(with_events)).all()))


async def iter_chain(session: AsyncSession, organization_id: uuid.UUID, batch: int = 2000) -> AsyncIterator[AuditEvent]:
    last_seq = 0
    while True:
        stmt = (
            select(AuditEvent)
            .where(AuditEvent.organization_id == organization_id, AuditEvent.seq > last_seq)
            .order_by(AuditEvent.seq)
            .limit(batch)
        )
        rows = (await session.scalars(stmt)).all()
        if not rows:
            return
        for row in rows:
            yield row
        last_seq = rows[-1].seq
        session.expunge_all()
