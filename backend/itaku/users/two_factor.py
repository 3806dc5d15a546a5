"""Two-factor sign-in: an authenticator app's time-based codes (TOTP), with single-use recovery codes.

Setting up stores a new secret that is not used until a code from the app proves it was scanned; turning it on
gives ten recovery codes, shown once. Sign-in, a password reset and accepting an invitation with an existing account
all ask for a code once it is on. An organisation may require it of its administrators or of everyone; a member
who must and has not set it up can do nothing there but set it up.
"""

import base64
import io
import uuid
from dataclasses import dataclass

import segno
from sqlalchemy.ext.asyncio import AsyncSession

from itaku.audit import service as audit
from itaku.core.errors import AppError, Conflict, InvalidCredentials
from itaku.core.models import utcnow
from itaku.core.security import (
    Passwords,
    new_recovery_code,
    new_totp_secret,
    recovery_code_hash,
    totp_step,
    totp_uri,
)
from itaku.identity.principals import Operator, Role, StaffUser
from itaku.organizations.models import TwoFactorPolicy
from itaku.users import repository, sessions
from itaku.users.models import RecoveryCode, User

RECOVERY_CODES = 10


class TwoFactorRequired(AppError):
    status_code = 401
    code = "two_factor_required"
    message = "Enter the 6-digit code from your authenticator app (or a recovery code)."
    keeps_writes = True  # the password was right: the attempt is taken back from the throttle


class WrongTwoFactorCode(InvalidCredentials):
    code = "invalid_two_factor_code"
    message = "The code is wrong or was already used; enter the current code from your authenticator app."


class TwoFactorAlreadyOn(Conflict):
    code = "two_factor_enabled"
    message = "Two-factor sign-in is on already; turn it off first to set up another authenticator."


class TwoFactorNotSetUp(Conflict):
    code = "two_factor_not_set_up"
    message = "Set up two-factor sign-in first (scan the QR code), then confirm it with a code."


class TwoFactorOff(Conflict):
    code = "two_factor_off"
    message = "Two-factor sign-in is not on."


class TwoFactorRequiredByOrganization(Conflict):
    code = "two_factor_required_by_organization"
    message = "An organisation you belong to requires two-factor sign-in of you, so it cannot be turned off."


class TwoFactorNeededFirst(Conflict):
    code = "two_factor_needed_first"
    message = "Turn on two-factor sign-in for yourself before requiring it of others."


def required_for(policy: str, role: str) -> bool:
    return policy == TwoFactorPolicy.everyone or (policy == TwoFactorPolicy.admins and role == Role.admin)


@dataclass(frozen=True)
class Setup:
    secret: str
    otpauth_uri: str
    qr_svg: str  # data: URL of an SVG image, for <img src>


async def begin(session: AsyncSession, staff: StaffUser) -> Setup:
    user = await _user(session, staff)
    if user.totp_enabled_at is not None:
        raise TwoFactorAlreadyOn()
    user.totp_secret = new_totp_secret()
    user.totp_last_step = None
    uri = totp_uri(user.totp_secret, user.email)
    out = io.BytesIO()
    segno.make(uri, error="m").save(out, kind="svg", scale=5, border=2, dark="#0b1b33")
    svg = "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()
    return Setup(user.totp_secret, uri, svg)


async def enable(session: AsyncSession, staff: StaffUser, code: str) -> list[str]:
    """Turn it on with a code from the app just set up; answers the recovery codes (shown once). Every other session
    ends: they were opened without the second factor."""
    user = await _user(session, staff)
    if user.totp_enabled_at is not None:
        raise TwoFactorAlreadyOn()
    if user.totp_secret is None:
        raise TwoFactorNotSetUp()
    step = totp_step(user.totp_secret, code, after_step=None)
    if step is None:
        raise WrongTwoFactorCode()
    user.totp_enabled_at, user.totp_last_step = utcnow(), step
    codes = await _new_recovery_codes(session, user)
    await sessions.end_all(session, user.id, "two_factor_enabled", keep=staff.session_id)
    await audit.record(session, staff, entity_type="user", entity_id=user.id, action="two_factor_enabled")
    return codes


async def disable(session: AsyncSession, staff: StaffUser, *, password: str, code: str, passwords: Passwords) -> None:
    user = await _user(session, staff)
    if user.totp_enabled_at is None:
        raise TwoFactorOff()
    if not await passwords.verify(user.password_hash, password):
        raise InvalidCredentials("The password is wrong.")
    await check(session, user, code)
    if await required_somewhere(session, user.id):
        raise TwoFactorRequiredByOrganization()
    user.totp_secret = user.totp_enabled_at = user.totp_last_step = None
    await repository.delete_recovery_codes(session, user.id)
    await audit.record(session, staff, entity_type="user", entity_id=user.id, action="two_factor_disabled")


async def renew_recovery_codes(session: AsyncSession, staff: StaffUser, code: str) -> list[str]:
    user = await _user(session, staff)
    if user.totp_enabled_at is None:
        raise TwoFactorOff()
    await check(session, user, code)
    codes = await _new_recovery_codes(session, user)
    await audit.record(session, staff, entity_type="user", entity_id=user.id, action="recovery_codes_renewed")
    return codes


async def check(session: AsyncSession, user: User, code: str | None) -> None:
    """The second factor of a sign-in, for a user who has it on: a current code from the app, not used before, or
    an unused recovery code (used up by this)."""
    if user.totp_enabled_at is None or user.totp_secret is None:
        return
    if not code:
        raise TwoFactorRequired()
    step = totp_step(user.totp_secret, code, after_step=user.totp_last_step)
    if step is not None:
        user.totp_last_step = step
        return
    recovery = await repository.unused_recovery_code(session, user.id, recovery_code_hash(code))
    if recovery is None:
        raise WrongTwoFactorCode()
    recovery.used_at = utcnow()


async def status(session: AsyncSession, staff: StaffUser) -> tuple[User, int, list[str]]:
    """The user, their unused recovery codes, and the organisations that require a second factor of them."""
    user = await _user(session, staff)
    left = await repository.count_unused_recovery_codes(session, user.id)
    return user, left, await repository.organizations_requiring_two_factor(session, user.id)


async def required_somewhere(session: AsyncSession, user_id: uuid.UUID) -> bool:
    return bool(await repository.organizations_requiring_two_factor(session, user_id))


async def ensure_may_require(session: AsyncSession, admin: StaffUser, policy: TwoFactorPolicy) -> None:
    """An administrator requiring a second factor has one: requiring it would otherwise lock them out."""
    if policy != TwoFactorPolicy.off and (await _user(session, admin)).totp_enabled_at is None:
        raise TwoFactorNeededFirst()


async def reset_by_operator(session: AsyncSession, email: str) -> bool:
    """Turn a person's second factor off from the server's command line; False when they have none."""
    user = await repository.user_by_email(session, email)
    if user is None or user.totp_enabled_at is None:
        return False
    user.totp_secret = user.totp_enabled_at = user.totp_last_step = None
    await repository.delete_recovery_codes(session, user.id)
    await sessions.end_all(session, user.id, "two_factor_reset")
    for m in await repository.active_memberships_of(session, user.id):
        await audit.record(
            session,
            Operator(m.organization_id, "operator (itaku reset-two-factor)"),
            entity_type="user",
            entity_id=user.id,
            action="two_factor_reset",
        )
    return True


async def _user(session: AsyncSession, staff: StaffUser) -> User:
    user = await repository.get_user(session, staff.user_id)
    assert user is not None  # the request's principal was read from it
    return user


async def _new_recovery_codes(session: AsyncSession, user: User) -> list[str]:
    await repository.delete_recovery_codes(session, user.id)
    codes = [new_recovery_code() for _ in range(RECOVERY_CODES)]
    now = utcnow()
    await repository.add(
        session, *[RecoveryCode(user_id=user.id, code_hash=recovery_code_hash(c), created_at=now) for c in codes]
    )
    return codes
