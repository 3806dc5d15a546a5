import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from itaku.api_keys import service
from itaku.api_keys.models import ApiKey
from itaku.api_keys.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyRead
from itaku.auth.dependencies import Admin, Reader
from itaku.core.dependencies import SessionDep
from itaku.core.errors import Forbidden, NotAuthenticated, error_responses
from itaku.core.pagination import PageParams, page_params
from itaku.core.schemas import Page
from itaku.identity.principals import Role

router = APIRouter(prefix="/api-keys", tags=["api-keys"], responses=error_responses(NotAuthenticated, Forbidden))


@router.get("", response_model=Page[ApiKeyRead])
async def list_api_keys(
    session: SessionDep,
    admin: Admin,
    params: Annotated[PageParams, Depends(page_params)],
    include_revoked: Annotated[bool, Query(description="also list revoked keys")] = True,
) -> Page[ApiKeyRead]:
    """List the organisation's API keys (never their secrets), newest first."""
    paged = await service.list_keys(session, admin, params, include_revoked)
    roles = await service.creator_roles(session, paged.rows)
    return Page.of([to_read(k, roles) for k in paged.rows], paged, params)


def to_read(key: ApiKey, roles: dict[uuid.UUID, Role]) -> ApiKeyRead:
    read = ApiKeyRead.model_validate(key)
    return read.model_copy(update={"effective_scopes": service.effective_scopes(key, roles)})


@router.post("", response_model=ApiKeyCreated, status_code=status.HTTP_201_CREATED)
async def create_api_key(body: ApiKeyCreate, session: SessionDep, admin: Admin) -> ApiKeyCreated:
    """Create an API key; the secret in `key` is shown in this response only."""
    key, secret = await service.create(session, admin, name=body.name, scopes=list(body.scopes))
    read = to_read(key, {admin.user_id: admin.role})
    return ApiKeyCreated.model_validate({**read.model_dump(), "key": secret})


@router.get("/{api_key_id}", response_model=ApiKeyRead, responses=error_responses(service.ApiKeyNotFound))
async def get_api_key(api_key_id: uuid.UUID, session: SessionDep, principal: Reader) -> ApiKeyRead:
    """Read one API key's name, scopes and last use (administrators)."""
    key = await service.get(session, principal, api_key_id)
    return to_read(key, await service.creator_roles(session, [key]))


@router.delete(
    "/{api_key_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(service.ApiKeyNotFound, service.ApiKeyAlreadyRevoked),
)
async def revoke_api_key(api_key_id: uuid.UUID, session: SessionDep, principal: Reader) -> None:
    """Revoke an API key at once; requests made with it answer 401 from now on (administrators)."""
    await service.revoke(session, principal, api_key_id)
