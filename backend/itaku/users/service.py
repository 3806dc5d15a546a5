"""People: accounts, their memberships and roles in organisations, invitations."""

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import ScalarSelect
from sqlalchemy.ext.asyncio import AsyncSession

from itaku.audit import service as audit
from itaku.core.config import Settings
from itaku.core.errors import (
    AppError,
    Conflict,
    InvalidCredentials,
    NotAuthenticated,
    NotFound,
    ensure_version,
)
from itaku.core.mail import Mail, Mailer
from itaku.core.models import utcnow
from itaku.core.pagination import Paged, PageParams
from itaku.core.security import Passwords, new_url_token, sha256_hex
from itaku.identity.principals import Caller, Principal, Role, StaffUser, ensure_admin
from itaku.jobs import service as job_service
from itaku.jobs.models import MailKind
from itaku.organizations import service as organization_service
from itaku.users import repository, sessions, two_factor
from itaku.users.models import Invitation, Membership, User
from itaku.users.schemas import MemberInvite, MemberUpdate, ProfileUpdate

MEMBER_AUDITED = ("role", "is_active")
USER_AUDITED = ("email", "name", "locale", "time_zone", "is_active")


class MemberNotFound(NotFound):
    code = "user_not_found"
    message = "No user with this id in your organisation."


class AlreadyMember(Conflict):
    code = "already_member"
    message = "This person is already a member of the organisation; change their role or reactivate them instead."


class EmailTaken(Conflict):
    code = "email_taken"
    message = "An account with this email already exists; sign in, or ask an administrator to invite you."


class LastAdmin(Conflict):
    code = "last_admin"
    message = "The organisation must keep at least one active administrator."


class SelfLockout(Conflict):
    code = "cannot_change_own_access"
    message = "You cannot remove your own administrator access; ask another administrator."


class InvitationInvalid(AppError):
    status_code = 400
    code = "invitation_invalid"
    message = "This invitation link is unknown, already used or expired; ask for a new one."


class InvitationNotFound(NotFound):
    code = "pending_invitation_not_found"
    message = "No invitation waiting for your answer with this id."


class NotInvited(Conflict):
    code = "not_invited"
    message = "This person has already accepted; there is no invitation to send."


def member_status(m: Membership) -> str:
    if not m.is_active or not m.user.is_active:
        return "deactivated"
    return "invited" if m.accepted_at is None else "active"


def shown_name(m: Membership) -> str:
    """The name the organisation sees: until the person accepts, the one its administrator typed."""
    return (m.invited_name or m.user.email) if m.accepted_at is None else m.user.name


async def staff_principal(
    session: AsyncSession, user_id: uuid.UUID, organization_id: uuid.UUID, session_id: uuid.UUID | None
) -> StaffUser:
    """The signed-in person acting in one organisation, with their profile and memberships, in one query that
    also finds their session still open (None: a bearer secret of their own, such as a calendar feed, which needs
    only the membership)."""
    rows = await repository.user_with_organizations(session, user_id, session_id)
    here = next((r for r in rows if r.organization_id == organization_id), None)
    if here is None or not here.is_active:
        raise NotAuthenticated("Your session or your access to this organisation has ended; sign in again.")
    return StaffUser(
        user_id,
        organization_id,
        Role(here.role),
        here.email,
        here.name,
        locale=here.locale,
        time_zone=here.time_zone,
        user_version=here.version,
        organizations=tuple((r.organization_id, r.organization_name, r.organization_time_zone, r.role) for r in rows),
        session_id=session_id,
        two_factor_missing=(
            here.totp_enabled_at is None and two_factor.required_for(here.two_factor_required, here.role)
        ),
    )


async def active_roles(
    session: AsyncSession, organization_id: uuid.UUID, user_ids: list[uuid.UUID]
) -> dict[uuid.UUID, Role]:
    """The role of each of these people who is an active member with an active account (others are left out)."""
    members = await repository.memberships_of(session, organization_id, user_ids)
    return {m.user_id: Role(m.role) for m in members if member_status(m) == "active"}


def active_role_of(organization_id: Any, user_id: Any) -> ScalarSelect[str]:
    """What `active_roles` answers for one person, as a subquery over the caller's own columns: an API key is
    authenticated with its creator's current role in the same statement."""
    return repository.active_role(organization_id, user_id)


async def user_by_email(session: AsyncSession, email: str) -> User | None:
    return await repository.user_by_email(session, email.lower())


async def get_user(session: AsyncSession, user_id: uuid.UUID) -> User:
    user = await repository.get_user(session, user_id)
    if user is None:
        raise MemberNotFound()
    return user


async def create_founder(
    session: AsyncSession, *, organization_id: uuid.UUID, email: str, name: str, password_hash: str
) -> tuple[User, StaffUser]:
    """The first admin of a new organisation (self-service registration or the CLI)."""
    if await repository.user_by_email(session, email.lower()):
        raise EmailTaken()
    user = User(email=email.lower(), name=name, password_hash=password_hash, last_organization_id=organization_id)
    await repository.add(session, user)
    membership = Membership(
        organization_id=organization_id, user_id=user.id, role=Role.admin.value, accepted_at=utcnow()
    )
    await repository.add(session, membership)
    actor = StaffUser(user.id, organization_id, Role.admin, user.email, user.name)
    await audit.record(
        session,
        actor,
        entity_type="user",
        entity_id=user.id,
        action="created",
        after={**audit.snapshot(user, USER_AUDITED), **audit.snapshot(membership, MEMBER_AUDITED)},
    )
    return user, actor


async def list_members(
    session: AsyncSession,
    principal: Caller,
    params: PageParams,
    sort: str,
    *,
    q: str | None,
    role: Role | None,
    is_active: bool | None,
) -> Paged[Membership]:
    return await repository.list_members(
        session, principal.organization_id, params, sort, q=q, role=role, is_active=is_active
    )


async def all_members(session: AsyncSession, principal: Caller) -> list[Membership]:
    """Every member of the caller's organisation, by email (a lookup table, not a page to show)."""
    return await repository.all_members(session, principal.organization_id)


async def get_member(session: AsyncSession, principal: Caller, user_id: uuid.UUID) -> Membership:
    m = await repository.membership(session, principal.organization_id, user_id)
    if m is None:
        raise MemberNotFound()
    return m


async def invite(
    session: AsyncSession, admin: StaffUser, body: MemberInvite, *, settings: Settings, mailer: Mailer
) -> tuple[Membership, str]:
    """Invite someone by email. Whether or not the address already has an account, the answer is the same: an
    invitation waiting for the person to accept, showing only what the administrator typed."""
    user = await repository.user_by_email(session, body.email)
    if user is not None and await repository.membership(session, admin.organization_id, user.id):
        raise AlreadyMember()
    if user is None:
        user = User(email=body.email, name=body.name)
        await repository.add(session, user)
    m = Membership(organization_id=admin.organization_id, user_id=user.id, role=body.role.value, invited_name=body.name)
    await repository.add(session, m)
    await audit.record(
        session,
        admin,
        entity_type="user",
        entity_id=user.id,
        action="invited",
        after={"email": body.email, "name": body.name, **audit.snapshot(m, MEMBER_AUDITED)},
    )
    url = await _issue_invitation(session, admin, user, settings=settings, mailer=mailer)
    await session.refresh(m, ["user"])
    return m, url


async def resend_invitation(
    session: AsyncSession, principal: Principal, user_id: uuid.UUID, *, settings: Settings, mailer: Mailer
) -> str:
    m = await get_member(session, principal, user_id)
    admin = ensure_admin(principal)
    if m.accepted_at is not None:
        raise NotInvited()
    await repository.expire_open_invitations(session, admin.organization_id, user_id, utcnow())
    url = await _issue_invitation(session, admin, m.user, settings=settings, mailer=mailer)
    await audit.record(
        session,
        admin,
        entity_type="user",
        entity_id=user_id,
        action="invitation_reissued",
        after={"email": m.user.email},
    )
    return url


async def _issue_invitation(
    session: AsyncSession, admin: StaffUser, user: User, *, settings: Settings, mailer: Mailer
) -> str:
    token = new_url_token()
    now = utcnow()
    await repository.add(
        session,
        Invitation(
            organization_id=admin.organization_id,
            user_id=user.id,
            token_hash=sha256_hex(token),
            created_at=now,
            expires_at=now + timedelta(days=settings.invitation_days),
        ),
    )
    url = f"{settings.base_url}/accept-invitation?token={token}"
    org = await organization_service.get(session, admin.organization_id)
    days = settings.invitation_days
    # The mail goes to the address's owner, so it may say whether they have an account; the inviter is never told.
    if user.password_hash is None:
        how_ja, how_en = "次のリンクからパスワードを設定してください", "Choose your password here"
    else:
        how_ja = (
            "参加する場合は、次のリンクでいまの Itaku のパスワードを入力してください"
            "（ログイン後のプロフィール画面でも承諾できます）"
        )
        how_en = "To join, enter your current Itaku password here (or accept on your profile page once signed in)"
    mail = Mail(
        to=user.email,
        subject=f"[Itaku] {org.name} への招待 / Invitation to {org.name}",
        body=(
            f"{admin.name} さんが Itaku の「{org.name}」にあなたを招待しました。\n"
            f"{how_ja}（{days} 日間有効）:\n{url}\n心当たりがなければ、このメールは無視してください。\n\n"
            f"{admin.name} invited you to {org.name} on Itaku.\n"
            f"{how_en} (valid for {days} days):\n{url}\nIf you do not expect this, ignore this mail.\n"
        ),
    )

    await job_service.queue_mail(session, mailer, mail, kind=MailKind.invitation, organization_id=admin.organization_id)
    return url


async def accept_invitation(
    session: AsyncSession, token: str, *, password: str, name: str | None, otp: str | None, passwords: Passwords
) -> tuple[User, uuid.UUID]:
    """Accept with the link's token: someone new chooses a password; someone with an account proves it is theirs
    with its current password (the page asks the same of both, so the link tells its holder nothing)."""
    inv = await repository.invitation_by_hash(session, sha256_hex(token))
    if inv is None or inv.accepted_at is not None or inv.expires_at <= utcnow():
        raise InvitationInvalid()
    user = await get_user(session, inv.user_id)
    m = await repository.membership(session, inv.organization_id, inv.user_id)
    if not user.is_active or m is None or not m.is_active or m.accepted_at is not None:
        raise InvitationInvalid()
    if user.password_hash is None:
        user.password_hash = await passwords.hash(password)
        user.name = name or user.name
    elif not await passwords.verify(user.password_hash, password):
        raise InvalidCredentials("This address already has an Itaku account: enter its current password to join.")
    else:
        await two_factor.check(session, user, otp)
    inv.accepted_at = utcnow()
    await _accept(session, m, user)
    return user, inv.organization_id


async def _accept(session: AsyncSession, m: Membership, user: User) -> None:
    m.accepted_at = utcnow()
    user.last_organization_id = m.organization_id
    await session.flush()
    actor = StaffUser(user.id, m.organization_id, Role(m.role), user.email, user.name)
    await audit.record(
        session, actor, entity_type="user", entity_id=user.id, action="invitation_accepted", after={"name": user.name}
    )


async def pending_invitations(session: AsyncSession, staff: StaffUser) -> list[tuple[Membership, str]]:
    return await repository.pending_memberships_of(session, staff.user_id)


async def answer_invitation(
    session: AsyncSession, principal: Principal, membership_id: uuid.UUID, *, accept: bool
) -> None:
    """A signed-in person accepts or declines an organisation's invitation to their account (an API key has none)."""
    if not isinstance(principal, StaffUser):
        raise InvitationNotFound()
    staff = principal
    m = await repository.pending_membership(session, staff.user_id, membership_id)
    if m is None:
        raise InvitationNotFound()
    user = await get_user(session, staff.user_id)
    if accept:
        await _accept(session, m, user)
        return
    actor = StaffUser(user.id, m.organization_id, Role(m.role), user.email, user.name)
    await audit.record(session, actor, entity_type="user", entity_id=user.id, action="invitation_declined")
    await repository.delete_membership(session, m)


async def update_member(
    session: AsyncSession, principal: Principal, user_id: uuid.UUID, body: MemberUpdate
) -> Membership:
    m = await get_member(session, principal, user_id)
    admin = ensure_admin(principal)
    # Lock the organisation so two admins demoting each other cannot both pass the last-admin check.
    await organization_service.get(session, admin.organization_id, lock=True)
    ensure_version(m, body.version)
    before = audit.snapshot(m, MEMBER_AUDITED)
    new_role = body.role.value if body.role else m.role
    new_active = m.is_active if body.is_active is None else body.is_active
    loses_admin = m.role == Role.admin.value and m.is_active and (new_role != Role.admin.value or not new_active)
    if loses_admin:
        if user_id == admin.user_id:
            raise SelfLockout()
        if await repository.count_active_admins(session, admin.organization_id) <= 1:
            raise LastAdmin()
    if not new_active and user_id == admin.user_id:
        raise SelfLockout()
    changed = m.role != new_role or m.is_active != new_active
    m.role, m.is_active = new_role, new_active
    await session.flush()
    if changed:
        # What a person may do is read on every request anyway; ending their sessions makes them sign in again
        # knowingly, and cuts off a session someone else might hold.
        await sessions.end_all(session, user_id, "access_changed")
    await audit.record(
        session,
        admin,
        entity_type="user",
        entity_id=user_id,
        action="membership_updated",
        before=before,
        after=audit.snapshot(m, MEMBER_AUDITED),
    )
    return m


async def active_memberships(session: AsyncSession, user_id: uuid.UUID) -> list[Membership]:
    return await repository.active_memberships_of(session, user_id)


async def update_profile(session: AsyncSession, staff: StaffUser, body: ProfileUpdate) -> User:
    user = await get_user(session, staff.user_id)
    ensure_version(user, body.version)
    before = audit.snapshot(user, USER_AUDITED)
    for field in body.model_fields_set - {"version"}:
        value = getattr(body, field)
        if value is not None or field == "time_zone":
            setattr(user, field, value)
    await session.flush()
    await audit.record(
        session,
        staff,
        entity_type="user",
        entity_id=user.id,
        action="profile_updated",
        before=before,
        after=audit.snapshot(user, USER_AUDITED),
    )
    return user


async def change_password(
    session: AsyncSession, staff: StaffUser, passwords: Passwords, *, current: str, new: str
) -> None:
    user = await get_user(session, staff.user_id)
    if not await passwords.verify(user.password_hash, current):
        raise InvalidCredentials("The current password is wrong.")
    user.password_hash = await passwords.hash(new)
    await sessions.end_all(session, user.id, "password_changed", keep=staff.session_id)
    await audit.record(session, staff, entity_type="user", entity_id=user.id, action="password_changed")


async def sign_out_everywhere(session: AsyncSession, principal: Principal, user_id: uuid.UUID) -> int:
    """End every session of a person: yourself, or (administrators) a member of your organisation."""
    if not (isinstance(principal, StaffUser) and principal.user_id == user_id):
        await get_member(session, principal, user_id)
        ensure_admin(principal)
    ended = await sessions.end_all(session, user_id, "signed_out_everywhere")
    await audit.record(
        session,
        principal,
        entity_type="user",
        entity_id=user_id,
        action="signed_out_everywhere",
        after={"sessions": ended},
    )
    return ended


async def notification_recipients(
    session: AsyncSession, organization_id: uuid.UUID, owner_user_id: uuid.UUID | None
) -> list[str]:
    """Whom to tell about something urgent: the owner when it is an active member, otherwise every active
    administrator (an incident reported at night must reach someone)."""
    if owner_user_id is not None:
        m = await repository.membership(session, organization_id, owner_user_id)
        if m is not None and member_status(m) == "active":
            return [m.user.email]
    admins = await repository.all_members(session, organization_id, role=Role.admin, is_active=True)
    return [m.user.email for m in admins if member_status(m) == "active"]
