"""The portal's authenticator: a portal session token, never a staff token or an API key."""

from datetime import datetime
from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from itaku.core.dependencies import SessionDep, SettingsDep
from itaku.core.security import TokenInvalid, decode_portal_token
from itaku.identity.principals import PortalContact
from itaku.portal import service as portal_service

portal_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="PortalSession",
    description="A portal session token from POST /api/v1/portal/session.",
)


async def get_portal_session(
    session: SessionDep,
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(portal_bearer)],
) -> tuple[PortalContact, datetime]:
    if credentials is None:
        raise portal_service.PortalSessionEnded("Open the portal with the link you received by email.")
    try:
        invitation_id = decode_portal_token(settings.secret_key, credentials.credentials)
    except TokenInvalid:
        raise portal_service.PortalSessionEnded() from None
    return await portal_service.session_contact(session, invitation_id)


async def get_contact(
    found: Annotated[tuple[PortalContact, datetime], Depends(get_portal_session)],
) -> PortalContact:
    return found[0]


Contact = Annotated[PortalContact, Depends(get_contact)]
PortalSessionInfo = Annotated[tuple[PortalContact, datetime], Depends(get_portal_session)]
