from fastapi import APIRouter

from itaku.auth.dependencies import Admin, Reader
from itaku.core.dependencies import SessionDep
from itaku.core.errors import Forbidden, NotAuthenticated, StaleVersion, error_responses
from itaku.organizations import service
from itaku.organizations.schemas import OrganizationRead, OrganizationUpdate
from itaku.users import two_factor

router = APIRouter(
    prefix="/organization", tags=["organization"], responses=error_responses(NotAuthenticated, Forbidden)
)


@router.get("", response_model=OrganizationRead)
async def get_organization(session: SessionDep, principal: Reader) -> OrganizationRead:
    """Read the organisation you are acting in and its settings."""
    return OrganizationRead.model_validate(await service.get(session, principal.organization_id))


@router.patch(
    "", response_model=OrganizationRead, responses=error_responses(StaleVersion, two_factor.TwoFactorNeededFirst)
)
async def update_organization(body: OrganizationUpdate, session: SessionDep, admin: Admin) -> OrganizationRead:
    """Change the organisation's name, time zone, jurisdiction profile or who must sign in with a second factor
    (administrators; requiring it takes having it yourself)."""
    if body.two_factor_required is not None:
        await two_factor.ensure_may_require(session, admin, body.two_factor_required)
    return OrganizationRead.model_validate(await service.update(session, admin, body))
