import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, ScalarSelect, Select, and_, bindparam, case, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import contains_eager

from itaku.core.pagination import Paged, PageParams, all_rows, order_by, paginate
from itaku.identity.principals import Role
from itaku.organizations.models import Organization, TwoFactorPolicy
from itaku.users.models import Invitation, Membership, RecoveryCode, User, UserSession

# The name an organisation sees: until the person accepts, the one its administrator typed, not the account's.
SHOWN_NAME = case((Membership.accepted_at.is_(None), Membership.invited_name), else_=User.name)
SORT_COLUMNS: dict[str, Any] = {"name": SHOWN_NAME, "email": User.email, "created_at": Membership.created_at}
ACCEPTED = Membership.accepted_at.is_not(None)


async def user_by_email(session: AsyncSession, email: str) -> User | None:
    return (await session.scalars(select(User).where(User.email == email))).one_or_none()


async def get_user(session: AsyncSession, user_id: uuid.UUID) -> User | None:
    return await session.get(User, user_id)


async def add(session: AsyncSession, *rows: Any) -> None:
    session.add_all(rows)
    await session.flush()


# Built once: it runs on every authenticated request, and building a statement costs more than running it. Columns, not
# the User row: the request needs these few (never the password hash or the second factor's secret), read without the
# cost of building an ORM object.
_USER_WITH_ORGANIZATIONS = (
    select(
        User.email,
        User.name,
        User.is_active,
        User.locale,
        User.time_zone,
        User.version,
        User.totp_enabled_at,
        Membership.organization_id,
        Organization.name.label("organization_name"),
        Organization.time_zone.label("organization_time_zone"),
        Membership.role,
        Organization.two_factor_required,
    )
    .join(Membership, Membership.user_id == User.id)
    .join(Organization, Organization.id == Membership.organization_id)
    .where(User.id == bindparam("user_id"), Membership.is_active.is_(True), ACCEPTED)
    .order_by(Membership.created_at, Membership.id)
)
# The same, only while the session named by the token is open: that one join is what makes signing out take effect
# at once.
_USER_IN_SESSION_WITH_ORGANIZATIONS = _USER_WITH_ORGANIZATIONS.join(
    UserSession,
    and_(UserSession.id == bindparam("session_id"), UserSession.user_id == User.id, UserSession.ended_at.is_(None)),
)


def _members() -> Select[Any]:
    return select(Membership).join(Membership.user).options(contains_eager(Membership.user))


async def membership(session: AsyncSession, organization_id: uuid.UUID, user_id: uuid.UUID) -> Membership | None:
    stmt = _members().where(Membership.organization_id == organization_id, Membership.user_id == user_id)
    return (await session.scalars(stmt)).one_or_none()


def active_role(organization_id: Any, user_id: Any) -> ScalarSelect[str]:
    """The person's role in the organisation while they are an active member with an active account, else NULL: a
    correlated subquery, for a statement that reads a row naming a person (see `service.active_role_of`)."""
    return (
        select(Membership.role)
        .join(User, User.id == Membership.user_id)
        .where(
            Membership.organization_id == organization_id,
            Membership.user_id == user_id,
            Membership.is_active.is_(True),
            ACCEPTED,
            User.is_active.is_(True),
        )
        .scalar_subquery()
    )


async def memberships_of(
    session: AsyncSession, organization_id: uuid.UUID, user_ids: list[uuid.UUID]
) -> list[Membership]:
    stmt = _members().where(Membership.organization_id == organization_id, Membership.user_id.in_(user_ids))
    return list((await session.scalars(stmt)).all())


async def list_members(
    session: AsyncSession,
    organization_id: uuid.UUID,
    params: PageParams,
    sort: str,
    *,
    q: str | None,
    role: Role | None,
    is_active: bool | None,
) -> Paged[Membership]:
    stmt = _member_query(organization_id, q=q, role=role, is_active=is_active)
    return await paginate(session, stmt.order_by(*order_by(sort, SORT_COLUMNS, Membership.id)), params)


async def all_members(
    session: AsyncSession, organization_id: uuid.UUID, *, role: Role | None = None, is_active: bool | None = None
) -> list[Membership]:
    stmt = _member_query(organization_id, q=None, role=role, is_active=is_active)
    return await all_rows(session, stmt.order_by(User.email, Membership.id))


def _member_query(organization_id: uuid.UUID, *, q: str | None, role: Role | None, is_active: bool | None) -> Any:
    stmt = _members().where(Membership.organization_id == organization_id)
    if q:
        stmt = stmt.where(
            or_(
                func.lower(SHOWN_NAME).contains(q.lower(), autoescape=True),
                User.email.contains(q.lower(), autoescape=True),
            )
        )
    if role:
        stmt = stmt.where(Membership.role == role.value)
    if is_active is not None:
        stmt = stmt.where(Membership.is_active.is_(is_active))
    return stmt


async def active_memberships_of(session: AsyncSession, user_id: uuid.UUID) -> list[Membership]:
    stmt = (
        select(Membership)
        .where(Membership.user_id == user_id, Membership.is_active.is_(True), ACCEPTED)
        .order_by(Membership.created_at, Membership.id)
    )
    return list((await session.scalars(stmt)).all())


async def count_active_admins(session: AsyncSession, organization_id: uuid.UUID) -> int:
    stmt = (
        select(func.count())
        .select_from(Membership)
        .join(User, User.id == Membership.user_id)
        .where(
            Membership.organization_id == organization_id,
            Membership.role == Role.admin.value,
            Membership.is_active.is_(True),
            ACCEPTED,
            User.is_active.is_(True),
        )
    )
    return int(await session.scalar(stmt) or 0)


async def invitation_by_hash(session: AsyncSession, token_hash: str) -> Invitation | None:
    return (await session.scalars(select(Invitation).where(Invitation.token_hash == token_hash))).one_or_none()


async def user_with_organizations(
    session: AsyncSession, user_id: uuid.UUID, session_id: uuid.UUID | None
) -> Sequence[Row[*tuple[Any, ...]]]:
    """The user's profile with each active membership (organisation id, name, time zone, role, two-factor policy),
    one row per membership, in one query; none unless the session is open (when one is named). GET /auth/me runs on
    every page load, so it reads the organisations by join rather than through the organisations service."""
    if session_id is None:
        return (await session.execute(_USER_WITH_ORGANIZATIONS, {"user_id": user_id})).all()
    params = {"user_id": user_id, "session_id": session_id}
    return (await session.execute(_USER_IN_SESSION_WITH_ORGANIZATIONS, params)).all()


async def expire_open_invitations(
    session: AsyncSession, organization_id: uuid.UUID, user_id: uuid.UUID, now: datetime
) -> None:
    """A fresh link replaces the earlier ones."""
    await session.execute(
        update(Invitation)
        .where(
            Invitation.organization_id == organization_id,
            Invitation.user_id == user_id,
            Invitation.accepted_at.is_(None),
            Invitation.expires_at > now,
        )
        .values(expires_at=now)
    )


# --- sessions -------------------------------------------------------------------------------------------------------


async def session_by_refresh_hash(session: AsyncSession, digest: str) -> UserSession | None:
    stmt = select(UserSession).where(
        or_(UserSession.refresh_hash == digest, UserSession.previous_refresh_hash == digest)
    )
    return (await session.scalars(stmt.with_for_update())).one_or_none()


async def open_session_of(session: AsyncSession, user_id: uuid.UUID, session_id: uuid.UUID) -> UserSession | None:
    stmt = select(UserSession).where(
        UserSession.id == session_id, UserSession.user_id == user_id, UserSession.ended_at.is_(None)
    )
    return (await session.scalars(stmt)).one_or_none()


async def open_sessions_of(session: AsyncSession, user_id: uuid.UUID, now: datetime) -> list[UserSession]:
    stmt = (
        select(UserSession)
        .where(
            UserSession.user_id == user_id,
            UserSession.ended_at.is_(None),
            UserSession.idle_expires_at > now,
            UserSession.expires_at > now,
        )
        .order_by(UserSession.refreshed_at.desc())
    )
    return list((await session.scalars(stmt)).all())


async def delete_sessions_before(session: AsyncSession, before: datetime) -> None:
    await session.execute(
        delete(UserSession).where(
            or_(UserSession.ended_at < before, UserSession.expires_at < before, UserSession.idle_expires_at < before)
        )
    )


async def end_sessions(
    session: AsyncSession, user_id: uuid.UUID, reason: str, now: datetime, *, keep: uuid.UUID | None
) -> int:
    stmt = update(UserSession).where(UserSession.user_id == user_id, UserSession.ended_at.is_(None))
    if keep is not None:
        stmt = stmt.where(UserSession.id != keep)
    result = await session.execute(stmt.values(ended_at=now, end_reason=reason))
    return int(getattr(result, "rowcount", 0) or 0)


# --- invitations of people who have an account ----------------------------------------------------------------------


async def pending_memberships_of(session: AsyncSession, user_id: uuid.UUID) -> list[tuple[Membership, str]]:
    """Invitations waiting for this person's answer, with the organisation's name."""
    stmt = (
        select(Membership, Organization.name)
        .join(Organization, Organization.id == Membership.organization_id)
        .where(Membership.user_id == user_id, Membership.accepted_at.is_(None), Membership.is_active.is_(True))
        .order_by(Membership.created_at)
    )
    return [(m, name) for m, name in (await session.execute(stmt)).all()]


async def pending_membership(session: AsyncSession, user_id: uuid.UUID, membership_id: uuid.UUID) -> Membership | None:
    stmt = select(Membership).where(
        Membership.id == membership_id,
        Membership.user_id == user_id,
        Membership.accepted_at.is_(None),
        Membership.is_active.is_(True),
    )
    return (await session.scalars(stmt)).one_or_none()


async def delete_membership(session: AsyncSession, m: Membership) -> None:
    await session.execute(
        delete(Invitation).where(Invitation.organization_id == m.organization_id, Invitation.user_id == m.user_id)
    )
    await session.delete(m)
    await session.flush()


# --- two-factor sign-in ---------------------------------------------------------------------------------------------


async def unused_recovery_code(session: AsyncSession, user_id: uuid.UUID, code_hash: str) -> RecoveryCode | None:
    stmt = select(RecoveryCode).where(
        RecoveryCode.user_id == user_id, RecoveryCode.code_hash == code_hash, RecoveryCode.used_at.is_(None)
    )
    return (await session.scalars(stmt.limit(1))).first()


async def count_unused_recovery_codes(session: AsyncSession, user_id: uuid.UUID) -> int:
    stmt = select(func.count()).where(RecoveryCode.user_id == user_id, RecoveryCode.used_at.is_(None))
    return int(await session.scalar(stmt) or 0)


async def delete_recovery_codes(session: AsyncSession, user_id: uuid.UUID) -> None:
    await session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))


async def organizations_requiring_two_factor(session: AsyncSession, user_id: uuid.UUID) -> list[str]:
    """Names of the organisations where the person is an active member and must sign in with a second factor."""
    stmt = (
        select(Organization.name)
        .join(Membership, Membership.organization_id == Organization.id)
        .where(Membership.user_id == user_id, Membership.is_active.is_(True), ACCEPTED)
        .where(
            or_(
                Organization.two_factor_required == TwoFactorPolicy.everyone.value,
                and_(
                    Organization.two_factor_required == TwoFactorPolicy.admins.value,
                    Membership.role == Role.admin.value,
                ),
            )
        )
        .order_by(Organization.name)
    )
    return list((await session.scalars(stmt)).all())
