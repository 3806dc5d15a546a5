from datetime import datetime

from sqlalchemy import case, delete, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from itaku.throttle.models import RateLimit


async def count_attempt(
    session: AsyncSession, key: str, *, now: datetime, window_start: datetime
) -> tuple[int, datetime]:
    """Count one attempt in one statement (INSERT … ON CONFLICT DO UPDATE … RETURNING): concurrent attempts, in
    this process or another, each see their own count. A window that began before `window_start` starts again."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    new = insert(RateLimit).values(key=key, window_started_at=now, count=1)
    stmt = new.on_conflict_do_update(
        index_elements=[RateLimit.key],
        set_={
            "count": case((RateLimit.window_started_at < window_start, 1), else_=RateLimit.count + 1),
            "window_started_at": case(
                (RateLimit.window_started_at < window_start, new.excluded.window_started_at),
                else_=RateLimit.window_started_at,
            ),
        },
    ).returning(RateLimit.count, RateLimit.window_started_at)
    count, started = (await session.execute(stmt)).one()
    return int(count), started


async def uncount(session: AsyncSession, key: str) -> None:
    await session.execute(
        update(RateLimit).where(RateLimit.key == key, RateLimit.count > 0).values(count=RateLimit.count - 1)
    )


async def forget(session: AsyncSession, key: str) -> None:
    await session.execute(delete(RateLimit).where(RateLimit.key == key))


async def purge(session: AsyncSession, before: datetime) -> int:
    result = await session.execute(delete(RateLimit).where(RateLimit.window_started_at < before))
    return int(getattr(result, "rowcount", 0) or 0)
