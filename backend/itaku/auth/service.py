"""Sign-in, registration, throttling of password guessing, and who the caller is."""

import math
import uuid
from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from itaku.api_keys import service as api_key_service
from itaku.assessments import service as assessment_service
from itaku.auth.models import SignInFailure
from itaku.auth.principals import ApiClient, Principal, StaffUser
from itaku.auth.schemas import Me, MeApiKey, OrganizationMembership, Register, Token
from itaku.core.config import Settings
from itaku.core.context import client_ip_var
from itaku.core.errors import AppError, Forbidden, InvalidCredentials, TooManyRequests
from itaku.core.models import utcnow
from itaku.core.security import Passwords, create_access_token
from itaku.organizations import service as organization_service
from itaku.organizations.models import Role
from itaku.users import service as user_service
from itaku.users.schemas import UserProfile


class SignUpDisabled(Forbidden):
    code = "signup_disabled"
    message = "Self-service registration is switched off on this server; ask an administrator for an invitation."


class WrongPassword(InvalidCredentials):
    keeps_writes = True  # the failure itself must be kept for throttling


class AccountHasNoOrganization(AppError):
    status_code = 403
    code = "no_active_organization"
    message = "Your account is not active in any organisation; ask an administrator."


class NotAMember(organization_service.OrganizationNotFound):
    pass


def issue_token(settings: Settings, user_id: uuid.UUID, organization_id: uuid.UUID) -> Token:
    minutes = settings.access_token_minutes
    return Token(
        access_token=create_access_token(
            settings.secret_key, user_id=user_id, organization_id=organization_id, minutes=minutes
        ),
        expires_in=minutes * 60,
        organization_id=organization_id,
    )


async def register(session: AsyncSession, body: Register, *, settings: Settings, passwords: Passwords) -> Token:
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
    return issue_token(settings, user.id, org.id)


async def _throttle(session: AsyncSession, settings: Settings, email: str) -> None:
    since = utcnow() - timedelta(seconds=settings.signin_window_seconds)
    stmt = select(func.count(), func.min(SignInFailure.created_at)).where(
        SignInFailure.email == email, SignInFailure.created_at >= since
    )
    count, oldest = (await session.execute(stmt)).one()
    if count >= settings.signin_max_failures and oldest is not None:
        wait = max(1, math.ceil((oldest - since).total_seconds()))
        raise TooManyRequests(
            f"Too many failed sign-ins for this account; try again in {wait} seconds.",
            headers={"Retry-After": str(wait)},
        )


async def sign_in(
    session: AsyncSession, email: str, password: str, *, settings: Settings, passwords: Passwords
) -> Token:
    email = email.strip().lower()
    await _throttle(session, settings, email)
    user = await user_service.user_by_email(session, email)
    if user is None or not await passwords.verify(user.password_hash, password):
        session.add(SignInFailure(email=email, ip=client_ip_var.get(), created_at=utcnow()))
        raise WrongPassword()
    await session.execute(delete(SignInFailure).where(SignInFailure.email == email))
    if not user.is_active:
        raise AccountHasNoOrganization()
    memberships = await user_service.active_memberships(session, user.id)
    if not memberships:
        raise AccountHasNoOrganization()
    chosen = next((m for m in memberships if m.organization_id == user.last_organization_id), memberships[0])
    return issue_token(settings, user.id, chosen.organization_id)


async def switch_organization(
    session: AsyncSession, staff: StaffUser, organization_id: uuid.UUID, *, settings: Settings
) -> Token:
    memberships = await user_service.active_memberships(session, staff.user_id)
    if not any(m.organization_id == organization_id for m in memberships):
        raise NotAMember()
    user = await user_service.get_user(session, staff.user_id)
    user.last_organization_id = organization_id
    return issue_token(settings, staff.user_id, organization_id)


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
