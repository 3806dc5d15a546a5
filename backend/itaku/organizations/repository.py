import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from itaku.organizations.models import Organization


async def get(session: AsyncSession, organization_id: uuid.UUID, *, lock: bool = False) -> Organization | None:
    if not lock:
        # Many services of one request ask for the organisation (its time zone, its policies). The session answers from
        # its identity map, but holds a row only while someone references it: kept in the session's info, the row is
        # read once per unit of work (the dashboard read it eight times).
        org = await session.get(Organization, organization_id)
        if org is not None:
            session.info.setdefault("organizations", {})[organization_id] = org
        return org
    stmt = select(Organization).where(Organization.id == organization_id).with_for_update()
    return (await session.scalars(stmt)).one_or_none()


async def add(session: AsyncSession, org: Organization) -> None:
    session.add(org)
    await session.flush()


async def all_ids(session: AsyncSession) -> list[uuid.UUID]:
    return list((await session.scalars(select(Organization.id))).all())
