"""Sessions of signed-in people: opened by a sign-in, kept going by a rotating refresh token, ended at once.

A refresh token is used once: refreshing replaces it. The one it replaced is still accepted for a few seconds (two
tabs refreshing together send the same cookie); presented later, it can only be a copy, so the session is ended.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.core.config import Settings
from itaku.core.errors import NotAuthenticated, NotFound
from itaku.core.models import utcnow
from itaku.core.security import new_url_token, sha256_hex
from itaku.users import repository
from itaku.users.models import UserSession

REFRESH_GRACE = timedelta(seconds=30)


class SessionEnded(NotAuthenticated):
    message = "Your session has ended; sign in again."


class SessionNotFound(NotFound):
    code = "session_not_found"
    message = "No open session of yours with this id."


@dataclass(frozen=True)
class Opened:
    row: UserSession
    # The refresh token to hand to the browser; None when it already holds the current one.
    refresh_token: str | None


async def open_session(
    session: AsyncSession, user_id: uuid.UUID, *, settings: Settings, user_agent: str | None, ip: str | None
) -> Opened:
    now = utcnow()
    token = new_url_token()
    row = UserSession(
        user_id=user_id,
        created_at=now,
        refreshed_at=now,
        idle_expires_at=now + timedelta(minutes=settings.session_idle_minutes),
        expires_at=now + timedelta(hours=settings.session_hours),
        refresh_hash=sha256_hex(token),
        user_agent=(user_agent or "")[:300] or None,
        ip=ip,
    )
    await repository.add(session, row)
    return Opened(row, token)


async def refresh(session: AsyncSession, presented: str, *, settings: Settings) -> Opened:
    digest = sha256_hex(presented)
    row = await repository.session_by_refresh_hash(session, digest)
    now = utcnow()
    if row is None or row.ended_at is not None:
        raise SessionEnded()
    if now >= row.idle_expires_at or now >= row.expires_at:
        _end(row, "expired", now)
        raise SessionEnded()
    if digest != row.refresh_hash:
        if now - row.refreshed_at <= REFRESH_GRACE:
            return Opened(row, None)
        _end(row, "refresh_reused", now)
        raise SessionEnded("This sign-in link was used twice, so the session was ended for safety; sign in again.")
    token = new_url_token()
    row.previous_refresh_hash, row.refresh_hash = row.refresh_hash, sha256_hex(token)
    row.refreshed_at = now
    row.idle_expires_at = min(row.expires_at, now + timedelta(minutes=settings.session_idle_minutes))
    await session.flush()
    return Opened(row, token)


def _end(row: UserSession, reason: str, now: datetime) -> None:
    row.ended_at, row.end_reason = now, reason


async def end_session(session: AsyncSession, user_id: uuid.UUID, session_id: uuid.UUID, reason: str) -> None:
    row = await repository.open_session_of(session, user_id, session_id)
    if row is None:
        raise SessionNotFound()
    _end(row, reason, utcnow())
    await session.flush()


async def end_all(session: AsyncSession, user_id: uuid.UUID, reason: str, *, keep: uuid.UUID | None = None) -> int:
    """End every open session of a person (but `keep`); their access tokens stop working with their next request."""
    return await repository.end_sessions(session, user_id, reason, utcnow(), keep=keep)


async def list_open(session: AsyncSession, user_id: uuid.UUID) -> list[UserSession]:
    return await repository.open_sessions_of(session, user_id, utcnow())


ENDED_KEPT = timedelta(days=90)


async def purge_ended(session: AsyncSession) -> None:
    """Sessions that ended, or could no longer be renewed, more than 90 days ago."""
    await repository.delete_sessions_before(session, utcnow() - ENDED_KEPT)
