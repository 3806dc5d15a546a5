import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from itaku.organizations.models import Organization


async def get(session: AsyncSession, organization_id: uuid.UUID, *, lock: bool = False) -> Organization | None:
    stmt = select(Organization).where(Organization.id == organization_id)
    if lock:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).one_or_none()


async def add(session: AsyncSession, org: Organization) -> None:
    session.add(org)
    await session.flush()


async def all_ids(session: AsyncSession) -> list[uuid.UUID]:
    return list((await session.scalars(select(Organization.id))).all())
