from fastapi import APIRouter

from itaku.auth.dependencies import Reader
from itaku.core.dependencies import SessionDep
from itaku.core.errors import Forbidden, NotAuthenticated, error_responses
from itaku.dashboard.schemas import DashboardRead, DeadlineRead
from itaku.incidents import deadlines as incident_deadlines

router = APIRouter(prefix="/dashboard", tags=["dashboard"], responses=error_responses(NotAuthenticated, Forbidden))
HORIZON_DAYS = 14


@router.get("", response_model=DashboardRead)
async def get_dashboard(session: SessionDep, principal: Reader) -> DashboardRead:
    """What needs attention now: open incidents and the regulator deadlines of the next 14 days."""
    overview = await incident_deadlines.upcoming_deadlines(session, principal, days=HORIZON_DAYS)
    return DashboardRead(
        open_incidents=overview.open_incidents,
        deadlines=[
            DeadlineRead(
                incident_id=d.incident.id,
                incident_title=d.incident.title,
                vendor_id=d.incident.vendor_id,
                vendor_name=d.vendor_name,
                obligation_id=d.obligation.id,
                jurisdiction=d.obligation.jurisdiction,
                kind=d.obligation.kind,
                due_date=d.obligation.due_date,
                due_at=d.obligation.due_at,
                days_left=d.days_left,
                overdue=d.overdue,
            )
            for d in overview.deadlines
            if d.obligation.due_at is not None
        ],
    )
