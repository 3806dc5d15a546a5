from fastapi import APIRouter

from itaku.auth.dependencies import Reader
from itaku.core.dependencies import SessionDep
from itaku.core.errors import Forbidden, NotAuthenticated, error_responses
from itaku.dashboard import service
from itaku.dashboard.schemas import DashboardRead

router = APIRouter(prefix="/dashboard", tags=["dashboard"], responses=error_responses(NotAuthenticated, Forbidden))


@router.get("", response_model=DashboardRead)
async def get_dashboard(session: SessionDep, principal: Reader) -> DashboardRead:
    """What needs attention now, in one read: open incidents and the regulator deadlines of the next 14 days,
    vendors per tier, assessments, findings and review-calendar items to act on, the organisation's figures and the
    newest audit events."""
    return DashboardRead.model_validate(await service.dashboard(session, principal))
