import uuid
from datetime import datetime

from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from itaku.api_keys.models import ApiKey
from itaku.core.pagination import Paged, PageParams, paginate
from itaku.users import service as user_service

# Built once: it runs on every key request. The creator's current role comes in the same statement.
_BY_HASH = select(ApiKey, user_service.active_role_of(ApiKey.organization_id, ApiKey.created_by_user_id)).where(
    ApiKey.key_hash == bindparam("key_hash")
)


async def by_hash(session: AsyncSession, key_hash: str) -> tuple[ApiKey, str | None] | None:
    """The key with its creator's role while they are an active member (None once they left)."""
    row = (await session.execute(_BY_HASH, {"key_hash": key_hash})).one_or_none()
    return None if row is None else (row[0], row[1])


async def get(session: AsyncSession, organization_id: uuid.UUID, key_id: uuid.UUID) -> ApiKey | None:
    stmt = select(ApiKey).where(ApiKey.organization_id == organization_id, ApiKey.id == key_id)
    return (await session.scalars(stmt)).one_or_none()


async def list_keys(
    session: AsyncSession, organization_id: uuid.UUID, params: PageParams, include_revoked: bool
) -> Paged[ApiKey]:
    stmt = select(ApiKey).where(ApiKey.organization_id == organization_id)
    if not include_revoked:
        stmt = stmt.where(ApiKey.revoked_at.is_(None))
    return await paginate(session, stmt.order_by(ApiKey.created_at.desc(), ApiKey.id), params)


async def add(session: AsyncSession, key: ApiKey) -> None:
    session.add(key)
    await session.flush()


async def set_last_used(session: AsyncSession, key_id: uuid.UUID, at: datetime) -> None:
    await session.execute(update(ApiKey).where(ApiKey.id == key_id).values(last_used_at=at))
