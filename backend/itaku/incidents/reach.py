"""Supply-chain reach: the vendors that pass data to the incident's vendor, registered as incidents of their own with
the same clock."""

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.core.errors import field_problem
from itaku.identity.principals import Principal
from itaku.incidents import repository
from itaku.incidents.errors import InvalidIncident
from itaku.incidents.obligations import effective_aware_at
from itaku.incidents.schemas import (
    IncidentCreate,
)
from itaku.incidents.service import IncidentView, create_incident, found_incident
from itaku.vendors import records as vendor_records
from itaku.vendors import subcontracting as vendor_subcontracting


@dataclass
class ReachRow:
    vendor_id: uuid.UUID
    name: str
    tier: str
    depth: int
    path: list[str]
    processing: list[Any]
    persons: int
    categories: list[str]
    incident_id: uuid.UUID | None  # the incident already registered for this vendor from this one


async def reach(session: AsyncSession, principal: Principal, incident_id: uuid.UUID) -> list[ReachRow]:
    """Our vendors that pass data to the incident's vendor, directly or through the chain: whose data and how many
    people are exposed through it (in 2025 one attack on a contractor reached dozens of its clients)."""
    source, _ = await found_incident(session, principal, incident_id)
    registered = await repository.all_incidents(session, principal.organization_id, source_incident_id=source.id)
    by_vendor = {i.vendor_id: i.id for i, _ in registered}
    rows = []
    for entry in await vendor_subcontracting.exposure(session, principal, source.vendor_id):
        processing = await vendor_records.list_children(
            session, principal, vendor_records.PROCESSING, entry["vendor_id"]
        )
        categories = sorted({c for p in processing for c in p.data_categories})
        rows.append(
            ReachRow(
                vendor_id=entry["vendor_id"],
                name=entry["name"],
                tier=entry["tier"],
                depth=entry["depth"],
                path=entry["path"],
                processing=processing,
                persons=sum(p.persons_estimate for p in processing),
                categories=categories,
                incident_id=by_vendor.get(entry["vendor_id"]),
            )
        )
    return rows


async def register_reach(
    session: AsyncSession, principal: Principal, incident_id: uuid.UUID, vendor_ids: list[uuid.UUID]
) -> list[IncidentView]:
    """Register the incident for each chosen vendor it reaches, once: the same event, our data at that vendor, the
    same clock (we know of it now for all of them)."""
    source, source_vendor = await found_incident(session, principal, incident_id)
    reachable = {r.vendor_id: r for r in await reach(session, principal, incident_id)}
    unknown = [str(v) for v in vendor_ids if v not in reachable]
    if unknown:
        raise InvalidIncident([field_problem("vendor_ids", msg=f"not reached through the chain: {', '.join(unknown)}")])
    created = []
    for vendor_id in dict.fromkeys(vendor_ids):
        row = reachable[vendor_id]
        if row.incident_id is not None:
            continue
        route = " → ".join(row.path)
        body = IncidentCreate(
            vendor_id=vendor_id,
            source_incident_id=source.id,
            title=f"{source.title}（{source_vendor} 経由）",
            aware_at=effective_aware_at(source),
            occurred_at=source.occurred_at,
            processing_ids=[p.id for p in row.processing],
            data_categories=row.categories or source.data_categories,
            affected_persons_max=row.persons or None,
            wrongful_intent_possible=source.wrongful_intent_possible,
            data_being_acquired=source.data_being_acquired,
            strongly_encrypted=source.strongly_encrypted,
            financial_damage_possible=source.financial_damage_possible,
            description=(
                f"再委託の連鎖（{route}）の先にある {source_vendor} で発生した事案。"
                f"当社がこの委託先に預けたデータが影響を受けるおそれがある。\n\n{source.description or ''}"
            ).strip(),
            cause=source.cause,
        )
        created.append(await create_incident(session, principal, body))
    return created
