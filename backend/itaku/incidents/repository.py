"""Every query of the incidents domain, scoped by organisation (and vendor for portal contacts)."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from itaku.core.pagination import Paged, PageParams, all_rows, order_by, paginate
from itaku.incidents.models import Incident, IncidentEvent, IncidentObligation
from itaku.vendors.models import Vendor

SORT: dict[str, Any] = {
    "aware_at": Incident.aware_at,
    "created_at": Incident.created_at,
    "updated_at": Incident.updated_at,
    "title": Incident.title,
}


async def add(session: AsyncSession, *rows: Any) -> None:
    session.add_all(rows)
    await session.flush()


async def incident(
    session: AsyncSession,
    organization_id: uuid.UUID,
    incident_id: uuid.UUID,
    *,
    vendor_id: uuid.UUID | None = None,
    lock: bool = False,
) -> tuple[Incident, str] | None:
    stmt = (
        select(Incident, Vendor.name)
        .join(Vendor, Vendor.id == Incident.vendor_id)
        .where(Incident.organization_id == organization_id, Incident.id == incident_id)
    )
    if vendor_id is not None:
        stmt = stmt.where(Incident.vendor_id == vendor_id)
    if lock:
        stmt = stmt.with_for_update(of=Incident)
    row = (await session.execute(stmt)).one_or_none()
    return (row[0], row[1]) if row else None


async def list_incidents(
    session: AsyncSession,
    organization_id: uuid.UUID,
    params: PageParams,
    sort: str,
    *,
    vendor_id: uuid.UUID | None = None,
    statuses: list[str] | None = None,
    source_incident_id: uuid.UUID | None = None,
    reported_via: str | None = None,
) -> Paged[tuple[Incident, str]]:
    where = _where(organization_id, vendor_id, statuses, source_incident_id, reported_via)
    stmt = (
        select(Incident, Vendor.name)
        .join(Vendor, Vendor.id == Incident.vendor_id)
        .where(*where)
        .order_by(*order_by(sort, SORT, Incident.id))
    )
    return await paginate(session, stmt, params, count_from=select(Incident.id).where(*where))


async def all_incidents(
    session: AsyncSession,
    organization_id: uuid.UUID,
    *,
    vendor_id: uuid.UUID | None = None,
    statuses: list[str] | None = None,
    source_incident_id: uuid.UUID | None = None,
    reported_via: str | None = None,
) -> list[tuple[Incident, str]]:
    """Every incident that matches, oldest awareness first, with its vendor's name."""
    where = _where(organization_id, vendor_id, statuses, source_incident_id, reported_via)
    stmt = (
        select(Incident, Vendor.name)
        .join(Vendor, Vendor.id == Incident.vendor_id)
        .where(*where)
        .order_by(Incident.aware_at, Incident.id)
    )
    return await all_rows(session, stmt)


def _where(
    organization_id: uuid.UUID,
    vendor_id: uuid.UUID | None,
    statuses: list[str] | None,
    source_incident_id: uuid.UUID | None,
    reported_via: str | None,
) -> list[Any]:
    where: list[Any] = [Incident.organization_id == organization_id]
    if vendor_id:
        where.append(Incident.vendor_id == vendor_id)
    if statuses:
        where.append(Incident.status.in_(statuses))
    if source_incident_id:
        where.append(Incident.source_incident_id == source_incident_id)
    if reported_via:
        where.append(Incident.reported_via == reported_via)
    return where


async def obligations(session: AsyncSession, incident_ids: list[uuid.UUID]) -> list[IncidentObligation]:
    if not incident_ids:
        return []
    stmt = (
        select(IncidentObligation)
        .where(IncidentObligation.incident_id.in_(incident_ids))
        .order_by(IncidentObligation.incident_id, IncidentObligation.created_at, IncidentObligation.id)
    )
    return list((await session.scalars(stmt)).all())


async def obligation(
    session: AsyncSession, organization_id: uuid.UUID, incident_id: uuid.UUID, obligation_id: uuid.UUID
) -> IncidentObligation | None:
    stmt = select(IncidentObligation).where(
        IncidentObligation.organization_id == organization_id,
        IncidentObligation.incident_id == incident_id,
        IncidentObligation.id == obligation_id,
    )
    return (await session.scalars(stmt.with_for_update())).one_or_none()


async def events(
    session: AsyncSession, incident_ids: list[uuid.UUID], *, actor_type: str | None = None
) -> list[IncidentEvent]:
    """The events of the incidents, oldest first; only one kind of actor's when `actor_type` is given."""
    if not incident_ids:
        return []
    stmt = (
        select(IncidentEvent)
        .where(IncidentEvent.incident_id.in_(incident_ids))
        .order_by(IncidentEvent.at, IncidentEvent.id)
    )
    if actor_type is not None:
        stmt = stmt.where(IncidentEvent.actor_type == actor_type)
    return list((await session.scalars(stmt)).all())


async def upcoming(
    session: AsyncSession, organization_id: uuid.UUID, until: datetime, open_statuses: list[str]
) -> list[tuple[IncidentObligation, Incident, str]]:
    """Required obligations not done and not waived, due before `until` (late ones included), of open incidents."""
    stmt = (
        select(IncidentObligation, Incident, Vendor.name)
        .join(Incident, Incident.id == IncidentObligation.incident_id)
        .join(Vendor, Vendor.id == Incident.vendor_id)
        .where(
            IncidentObligation.organization_id == organization_id,
            IncidentObligation.party == "principal",
            IncidentObligation.required.is_(True),
            IncidentObligation.done_at.is_(None),
            IncidentObligation.waived_reason.is_(None),
            IncidentObligation.due_at.is_not(None),
            IncidentObligation.due_at <= until,
            Incident.status.in_(open_statuses),
        )
        .order_by(IncidentObligation.due_at, IncidentObligation.id)
    )
    return [(r[0], r[1], r[2]) for r in (await session.execute(stmt)).all()]
