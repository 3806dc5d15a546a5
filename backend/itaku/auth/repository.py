from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from itaku.auth.models import EmailToken


async def add(session: AsyncSession, token: EmailToken) -> None:
    session.add(token)
    await session.flush()


async def usable_token(session: AsyncSession, purpose: str, token_hash: str, now: datetime) -> EmailToken | None:
    stmt = select(EmailToken).where(
        EmailToken.purpose == purpose,
        EmailToken.token_hash == token_hash,
        EmailToken.used_at.is_(None),
        EmailToken.expires_at > now,
    )
    return (await session.scalars(stmt.with_for_update())).one_or_none()


async def expire_open(session: AsyncSession, purpose: str, email: str, now: datetime) -> None:
    """A new link replaces the ones mailed before it."""
    await session.execute(
        update(EmailToken)
        .where(EmailToken.purpose == purpose, EmailToken.email == email, EmailToken.used_at.is_(None))
        .where(EmailToken.expires_at > now)
        .values(expires_at=now)
    )


async def delete_expired(session: AsyncSession, before: datetime) -> None:
    await session.execute(delete(EmailToken).where(EmailToken.expires_at < before))
