"""Signing in: passwords and second factors checked under the throttle, sessions and their tokens, switching
organisation, and the mailed single-use links (password reset here, registration in registration.py)."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.api_keys import service as api_key_service
from itaku.audit import service as audit
from itaku.auth import repository
from itaku.auth.models import EmailToken
from itaku.auth.schemas import Me, MeApiKey, OrganizationMembership, Token
from itaku.core.config import Settings
from itaku.core.context import client_ip_var
from itaku.core.errors import AppError, InvalidCredentials
from itaku.core.mail import Mail, Mailer
from itaku.core.models import utcnow
from itaku.core.security import Passwords, create_access_token, new_url_token, sha256_hex
from itaku.identity.principals import ApiClient, Principal, Role, StaffUser
from itaku.jobs import service as job_service
from itaku.jobs.models import MailKind
from itaku.organizations import service as organization_service
from itaku.throttle import service as throttle
from itaku.throttle.service import RuleName
from itaku.users import service as user_service
from itaku.users import sessions, two_factor
from itaku.users.models import Membership, User
from itaku.users.schemas import UserProfile


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


def organization_to_open(user: User, memberships: list[Membership], wanted: uuid.UUID | None = None) -> uuid.UUID:
    """Where a sign-in lands: the organisation asked for while still a member (a tab renewing its token stays where
    it is, whatever another tab switched to), else the one used last, else the first joined."""
    ids = [m.organization_id for m in memberships]
    for candidate in (wanted, user.last_organization_id):
        if candidate in ids:
            return candidate
    return ids[0]


async def refresh(
    session: AsyncSession, presented: str, organization_id: uuid.UUID | None, *, settings: Settings
) -> SignedIn:
    """A new access token for the session the refresh cookie belongs to, in the organisation the page was in."""
    opened = await sessions.refresh(session, presented, settings=settings)
    user = await user_service.get_user(session, opened.row.user_id)
    memberships = await user_service.active_memberships(session, user.id)
    if not user.is_active or not memberships:
        raise sessions.SessionEnded("Your account is not active in any organisation; ask an administrator.")
    token = issue_token(settings, user.id, organization_to_open(user, memberships, organization_id), opened.row.id)
    return SignedIn(token, opened.refresh_token, opened.row.expires_at)


REGISTRATION_LINK_HOURS = 24
RESET_LINK_MINUTES = 60


class LinkInvalid(AppError):
    status_code = 400
    code = "link_invalid"
    message = "This link is unknown, already used or expired; ask for a new one."


async def request_password_reset(session: AsyncSession, email: str, *, settings: Settings, mailer: Mailer) -> None:
    """Mail a one-time link to choose a new password; the answer is the same for any address."""
    user = await user_service.user_by_email(session, email)
    if user is None or user.password_hash is None or not user.is_active:
        return
    token = await email_token(session, "password_reset", user.email, user.id, timedelta(minutes=RESET_LINK_MINUTES))
    link = f"{settings.base_url}/reset-password#token={token}"
    await mail_after_commit(
        session,
        mailer,
        MailKind.password_reset,
        user.email,
        "[Itaku] パスワードの再設定 / Reset your password",
        f"次のリンクから {RESET_LINK_MINUTES} 分以内に新しいパスワードを設定してください。設定するとログインし、"
        "ほかの端末のセッションはすべて終了します:\n"
        f"{link}\n心当たりがなければ、このメールは無視してください。パスワードは変わりません。\n\n"
        f"Choose a new password within {RESET_LINK_MINUTES} minutes with this link; it signs you in and ends every "
        "other session:\n"
        f"{link}\nIf you did not ask for this, ignore this mail; your password stays as it is.\n",
    )


async def reset_password(
    session: AsyncSession,
    token: str,
    new_password: str,
    otp: str | None,
    *,
    settings: Settings,
    passwords: Passwords,
    user_agent: str | None,
) -> SignedIn:
    """Set a new password with a mailed link and sign in: the way back in for an owner locked out by someone
    guessing their password (the account's failed sign-ins are forgotten), and every other session ends."""
    row = await repository.usable_token(session, "password_reset", sha256_hex(token), utcnow())
    if row is None or row.user_id is None:
        raise LinkInvalid()
    user = await user_service.get_user(session, row.user_id)
    memberships = await user_service.active_memberships(session, user.id)
    if not user.is_active or not memberships:
        raise AccountHasNoOrganization()
    await two_factor.check(session, user, otp)  # a mailbox alone is not enough when a second factor is on
    row.used_at = utcnow()
    user.password_hash = await passwords.hash(new_password)
    await sessions.end_all(session, user.id, "password_reset")
    await throttle.forget(session, "sign_in_account", user.email)
    await throttle.forget(session, "sign_in_account_client", f"{user.email}|{throttle.client_subject()}")
    for m in memberships:
        actor = StaffUser(user.id, m.organization_id, Role(m.role), user.email, user.name)
        await audit.record(session, actor, entity_type="user", entity_id=user.id, action="password_reset")
    return await start_session(
        session, user.id, organization_to_open(user, memberships), settings=settings, user_agent=user_agent
    )


async def purge_expired_links(session: AsyncSession) -> None:
    """Mailed links expired for a week (used ones included): nothing can be done with them any more."""
    await repository.delete_expired(session, utcnow() - timedelta(days=7))


async def email_token(
    session: AsyncSession,
    purpose: str,
    email: str,
    user_id: uuid.UUID | None,
    valid: timedelta,
    payload: dict[str, Any] | None = None,
) -> str:
    now = utcnow()
    await repository.expire_open(session, purpose, email, now)
    token = new_url_token()
    await repository.add(
        session,
        EmailToken(
            purpose=purpose,
            email=email,
            user_id=user_id,
            token_hash=sha256_hex(token),
            payload=payload,
            created_at=now,
            expires_at=now + valid,
        ),
    )
    return token


async def mail_after_commit(
    session: AsyncSession, mailer: Mailer, kind: MailKind, to: str, subject: str, body: str
) -> None:
    # About an account, not an organisation: no organisation's delivery log shows it.
    await job_service.queue_mail(
        session, mailer, Mail(to=to, subject=subject, body=body), kind=kind, organization_id=None
    )


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
    otp: str | None,
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
    # A wrong second factor rolls this back, and counts as the failure it is.
    await claim.settle(session, forget=("sign_in_account_client",), uncount=("sign_in_client", "sign_in_account"))
    await two_factor.check(session, user, otp)
    if not user.is_active:
        raise AccountHasNoOrganization()
    memberships = await user_service.active_memberships(session, user.id)
    if not memberships:
        raise AccountHasNoOrganization()
    return await start_session(
        session, user.id, organization_to_open(user, memberships), settings=settings, user_agent=user_agent
    )


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
        two_factor_setup_required=principal.two_factor_missing,
    )
