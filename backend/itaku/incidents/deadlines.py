"""Deadlines across the organisation's open incidents, for the dashboard."""

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.core.clock import today_in
from itaku.core.models import utcnow
from itaku.core.pagination import PageParams
from itaku.identity.principals import Principal
from itaku.incidents import repository
from itaku.incidents.models import Incident, IncidentObligation
from itaku.incidents.service import OPEN, organization_of


@dataclass
class Deadline:
    obligation: IncidentObligation
    incident: Incident
    vendor_name: str
    days_left: int | None
    overdue: bool


@dataclass
class DeadlineOverview:
    open_incidents: int
    deadlines: list[Deadline] = field(default_factory=list)


async def upcoming_deadlines(session: AsyncSession, principal: Principal, days: int = 14) -> DeadlineOverview:
    """Open incidents, and the obligations due within `days` (late ones first) — for the dashboard."""
    org = await organization_of(session, principal.organization_id)
    today = today_in(org.time_zone)
    now = utcnow()
    until = now + timedelta(days=days)
    open_count = (
        await repository.list_incidents(
            session, principal.organization_id, PageParams(page=1, size=1), "aware_at", statuses=[s.value for s in OPEN]
        )
    ).total
    rows = await repository.upcoming(session, principal.organization_id, until, [s.value for s in OPEN])
    return DeadlineOverview(
        open_incidents=open_count,
        deadlines=[
            Deadline(
                obligation=ob,
                incident=incident,
                vendor_name=name,
                days_left=(ob.due_date - today).days if ob.due_date else None,
                overdue=ob.due_at is not None and now > ob.due_at,
            )
            for ob, incident, name in rows
        ],
    )
