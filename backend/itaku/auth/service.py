"""Sign-in and sessions, registration, and who the caller is."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.api_keys import service as api_key_service
from itaku.assessments import service as assessment_service
from itaku.auth.principals import ApiClient, Principal, StaffUser
from itaku.auth.schemas import Me, MeApiKey, OrganizationMembership, Register, Token
from itaku.core.config import Settings
from itaku.core.context import client_ip_var
from itaku.core.errors import AppError, Forbidden, InvalidCredentials
from itaku.core.security import Passwords, create_access_token
from itaku.organizations import service as organization_service
from itaku.organizations.models import Role
from itaku.throttle import service as throttle
from itaku.throttle.service import RuleName
from itaku.users import service as user_service
from itaku.users import sessions
from itaku.users.schemas import UserProfile


class SignUpDisabled(Forbidden):
    code = "signup_disabled"
    message = "Self-service registration is switched off on this server; ask an administrator for an invitation."


class AccountHasNoOrganization(AppError):
    status_code = 403
    code = "no_active_organization"
    message = "Your account is not active in any organisation; ask an administrator."
    keeps_writes = True  # the right password was given: the attempt is taken back from the throttle


class NotAMember(organization_service.OrganizationNotFound):
    pass


@dataclass(frozen=True)
class SignedIn:
    token: Token
    # For the browser's HttpOnly cookie: None when it already holds the current one.
    refresh_token: str | None
    session_expires_at: datetime


def issue_token(settings: Settings, user_id: uuid.UUID, organization_id: uuid.UUID, session_id: uuid.UUID) -> Token:
    minutes = settings.access_token_minutes
    return Token(
        access_token=create_access_token(
            settings.secret_key,
            user_id=user_id,
            organization_id=organization_id,
            session_id=session_id,
            minutes=minutes,
        ),
        expires_in=minutes * 60,
        organization_id=organization_id,
    )


async def start_session(
    session: AsyncSession, user_id: uuid.UUID, organization_id: uuid.UUID, *, settings: Settings, user_agent: str | None
) -> SignedIn:
    opened = await sessions.open_session(
        session, user_id, settings=settings, user_agent=user_agent, ip=client_ip_var.get()
    )
    token = issue_token(settings, user_id, organization_id, opened.row.id)
    return SignedIn(token, opened.refresh_token, opened.row.expires_at)


async def refresh(session: AsyncSession, presented: str, *, settings: Settings) -> SignedIn:
    """A new access token for the session the refresh cookie belongs to, in the organisation used last."""
    opened = await sessions.refresh(session, presented, settings=settings)
    user = await user_service.get_user(session, opened.row.user_id)
    memberships = await user_service.active_memberships(session, user.id)
    if not user.is_active or not memberships:
        raise sessions.SessionEnded("Your account is not active in any organisation; ask an administrator.")
    chosen = next((m for m in memberships if m.organization_id == user.last_organization_id), memberships[0])
    token = issue_token(settings, user.id, chosen.organization_id, opened.row.id)
    return SignedIn(token, opened.refresh_token, opened.row.expires_at)


async def register(
    session: AsyncSession, body: Register, *, settings: Settings, passwords: Passwords, user_agent: str | None
) -> SignedIn:
    if not settings.allow_signup:
        raise SignUpDisabled()
    if await user_service.user_by_email(session, body.email):
        raise user_service.EmailTaken()
    org = await organization_service.create(session, body.organization_name)
    user, actor = await user_service.create_founder(
        session,
        organization_id=org.id,
        email=body.email,
        name=body.name,
        password_hash=await passwords.hash(body.password),
    )
    await organization_service.record_created(session, actor, org)
    await assessment_service.install_builtins(session, org.id)
    return await start_session(session, user.id, org.id, settings=settings, user_agent=user_agent)


def sign_in_counters(email: str) -> tuple[tuple[RuleName, str], ...]:
    """What one password attempt counts against, in this order: the client (one password sprayed over many
    accounts), the account from that client, then the account from everywhere. A client refused first does not
    count against the account elsewhere, so a stranger cannot lock its owner out from another address."""
    client = throttle.client_subject()
    return (("sign_in_client", client), ("sign_in_account_client", f"{email}|{client}"), ("sign_in_account", email))


async def sign_in(
    session: AsyncSession,
    email: str,
    password: str,
    *,
    claim: throttle.Claim,
    settings: Settings,
    passwords: Passwords,
    user_agent: str | None,
) -> SignedIn:
    """Judge an attempt already counted by `claim`. The password is checked against a hash whether or not the
    account exists (a dummy one otherwise), so an unknown email costs the same time as a wrong password."""
    user = await user_service.user_by_email(session, email)
    right = await passwords.verify(user.password_hash if user else None, password)
    if user is None or not right:
        raise InvalidCredentials()
    # Not a failure: the attempt no longer counts, and this client's earlier failures on the account are forgotten.
    await claim.settle(session, forget=("sign_in_account_client",), uncount=("sign_in_client", "sign_in_account"))
    if not user.is_active:
        raise AccountHasNoOrganization()
    memberships = await user_service.active_memberships(session, user.id)
    if not memberships:
        raise AccountHasNoOrganization()
    chosen = next((m for m in memberships if m.organization_id == user.last_organization_id), memberships[0])
    return await start_session(session, user.id, chosen.organization_id, settings=settings, user_agent=user_agent)


async def switch_organization(
    session: AsyncSession, staff: StaffUser, organization_id: uuid.UUID, *, settings: Settings
) -> Token:
    memberships = await user_service.active_memberships(session, staff.user_id)
    if not any(m.organization_id == organization_id for m in memberships):
        raise NotAMember()
    user = await user_service.get_user(session, staff.user_id)
    user.last_organization_id = organization_id
    if staff.session_id is None:
        raise sessions.SessionEnded()
    return issue_token(settings, staff.user_id, organization_id, staff.session_id)


async def me(session: AsyncSession, principal: Principal) -> Me:
    if isinstance(principal, ApiClient):
        org = await organization_service.get(session, principal.organization_id)
        role = Role.manager if principal.can_write else Role.viewer
        here = OrganizationMembership(id=org.id, name=org.name, role=role)
        key = await api_key_service.get_for_client(session, principal)
        return Me(
            kind="api_key",
            organization=here,
            organizations=[here],
            user=None,
            api_key=MeApiKey.model_validate(key),
            time_zone=org.time_zone,
        )
    orgs = principal.organizations
    listed = [OrganizationMembership(id=org_id, name=name, role=Role(role)) for org_id, name, _tz, role in orgs]
    current = next(o for o in listed if o.id == principal.organization_id)
    org_time_zone = next(tz for org_id, _n, tz, _r in orgs if org_id == principal.organization_id)
    profile = UserProfile(
        id=principal.user_id,
        email=principal.email,
        name=principal.name,
        locale=principal.locale,
        time_zone=principal.time_zone,
        version=principal.user_version,
    )
    return Me(
        kind="user",
        organization=current,
        organizations=listed,
        user=profile,
        api_key=None,
        time_zone=principal.time_zone or org_time_zone,
    )
