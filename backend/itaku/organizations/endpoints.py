from fastapi import APIRouter

from itaku.auth.dependencies import Admin, Reader, SessionDep
from itaku.core.errors import Forbidden, NotAuthenticated, StaleVersion, error_responses
from itaku.organizations import service
from itaku.organizations.schemas import OrganizationRead, OrganizationUpdate

router = APIRouter(
    prefix="/organization", tags=["organization"], responses=error_responses(NotAuthenticated, Forbidden)
)


@router.get("", response_model=OrganizationRead)
async def get_organization(session: SessionDep, principal: Reader) -> OrganizationRead:
    """Read the organisation you are acting in and its settings."""
    return OrganizationRead.model_validate(await service.get(session, principal.organization_id))


@router.patch("", response_model=OrganizationRead, responses=error_responses(StaleVersion))
async def update_organization(body: OrganizationUpdate, session: SessionDep, admin: Admin) -> OrganizationRead:
    """Change the organisation's name, time zone or jurisdiction profile (administrators)."""
    return OrganizationRead.model_validate(await service.update(session, admin, body))
