"""The authenticators every staff endpoint uses: a bearer access token or an API key in, a principal out."""

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.ext.asyncio import AsyncSession

from itaku.api_keys import service as api_key_service
from itaku.core.db import after_commit, on_rollback
from itaku.core.dependencies import SAFE_METHODS, SessionDep, get_database, get_settings_dep
from itaku.core.errors import Forbidden, NotAuthenticated
from itaku.core.security import API_KEY_PREFIX, TokenInvalid, decode_access_token
from itaku.identity.principals import ApiClient, Principal, StaffUser, ensure_admin
from itaku.users import service as user_service

oauth2_scheme = OAuth2PasswordBearer(
    tokenUrl="/api/v1/auth/token",
    auto_error=False,
    description="A staff access token from /api/v1/auth/token, or an API key (itk_...) as the bearer token.",
)


async def get_principal(
    request: Request, session: SessionDep, token: Annotated[str | None, Depends(oauth2_scheme)]
) -> Principal:
    if not token:
        raise NotAuthenticated()
    if token.startswith(API_KEY_PREFIX):
        return await _api_client(request, session, token)
    try:
        claims = decode_access_token(get_settings_dep(request).secret_key, token)
    except TokenInvalid:
        raise NotAuthenticated("The access token is invalid or has expired; sign in again.") from None
    staff = await user_service.staff_principal(session, claims.user_id, claims.organization_id, claims.session_id)
    if staff.two_factor_missing and not _allowed_without_two_factor(request):
        raise TwoFactorSetupRequired()
    return staff


class TwoFactorSetupRequired(Forbidden):
    code = "two_factor_setup_required"
    message = "This organisation requires two-factor sign-in: set it up on your profile page to continue."


def _allowed_without_two_factor(request: Request) -> bool:
    """What a member who must set up a second factor and has not may still do: set it up, and see who they are,
    answer invitations, switch organisations, sign out, read the organisation's name and zone."""
    path = request.url.path
    return path.startswith("/api/v1/auth/") or (path == "/api/v1/organization" and request.method in SAFE_METHODS)


async def _api_client(request: Request, session: AsyncSession, token: str) -> ApiClient:
    client, stale = await api_key_service.authenticate(session, token)
    if stale:
        database = get_database(request)

        async def note_use() -> None:
            # Its own short transaction after the request's, so a refused request still counts as use.
            async with database.unit_of_work(write=True) as write_session:
                await api_key_service.touch(write_session, client.api_key_id)

        after_commit(session, note_use)
        on_rollback(session, note_use)
    return client


async def require_writer(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
    if not principal.can_write:
        raise Forbidden("Your role or API key scope is read-only.")
    return principal


async def require_admin(principal: Annotated[Principal, Depends(get_principal)]) -> StaffUser:
    return ensure_admin(principal)


async def require_staff(principal: Annotated[Principal, Depends(get_principal)]) -> StaffUser:
    if not isinstance(principal, StaffUser):
        raise Forbidden("This action belongs to a signed-in person, not an API key.")
    return principal


# Any signed-in caller may read: the authenticator itself, without a layer that would only pass it on (each dependency
# is resolved again on every request).
Reader = Annotated[Principal, Depends(get_principal)]
Writer = Annotated[Principal, Depends(require_writer)]
Admin = Annotated[StaffUser, Depends(require_admin)]
Staff = Annotated[StaffUser, Depends(require_staff)]
