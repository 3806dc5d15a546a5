"""API keys: a secret shown once, stored as a hash, scoped, revocable, its last use recorded."""

import uuid
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.api_keys import repository
from itaku.api_keys.models import ApiKey
from itaku.audit import service as audit
from itaku.core.errors import Conflict, NotAuthenticated, NotFound
from itaku.core.models import utcnow
from itaku.core.pagination import Paged, PageParams
from itaku.core.security import new_api_key, sha256_hex
from itaku.identity.principals import ApiClient, Principal, Role, StaffUser, ensure_admin
from itaku.users import service as user_service

# Recording every use would turn each read into a write; a minute's precision is enough to audit use.
LAST_USED_PRECISION = timedelta(minutes=1)
AUDITED = ("name", "scopes", "prefix", "revoked_at")


class ApiKeyNotFound(NotFound):
    code = "api_key_not_found"
    message = "No API key with this id in your organisation."


class ApiKeyAlreadyRevoked(Conflict):
    code = "api_key_revoked"
    message = "This API key is already revoked."


async def authenticate(session: AsyncSession, secret: str) -> tuple[ApiClient, bool]:
    """Returns the client and whether its last use is stale enough to record again. A key never does more than the
    person who created it may do now: it stops when they leave the organisation, and reads only once they are a
    viewer (the secret was shown to them once; it may still be in their hands)."""
    found = await repository.by_hash(session, sha256_hex(secret))
    if found is None or found[0].revoked_at is not None:
        raise NotAuthenticated("The API key is unknown or revoked.")
    key, creator_role = found
    roles = {key.created_by_user_id: Role(creator_role)} if key.created_by_user_id and creator_role else {}
    scopes = effective_scopes(key, roles)
    if not scopes:
        raise NotAuthenticated(
            "The person who created this API key no longer belongs to the organisation; an administrator must "
            "issue a new key."
        )
    stale = key.last_used_at is None or utcnow() - key.last_used_at >= LAST_USED_PRECISION
    return ApiClient(key.id, key.organization_id, key.name, tuple(scopes)), stale


def effective_scopes(key: ApiKey, roles: dict[uuid.UUID, Role]) -> list[str]:
    """What the key may do now: nothing once its creator left, reading only while they are a viewer."""
    role = roles.get(key.created_by_user_id) if key.created_by_user_id else None
    if role is None:
        return []
    return [s for s in key.scopes if s != "write" or role != Role.viewer]


async def creator_roles(session: AsyncSession, keys: list[ApiKey]) -> dict[uuid.UUID, Role]:
    """The current role of each key's creator who is still an active member (of the keys' one organisation)."""
    ids = [k.created_by_user_id for k in keys if k.created_by_user_id]
    return await user_service.active_roles(session, keys[0].organization_id, ids) if ids else {}


async def touch(session: AsyncSession, key_id: uuid.UUID) -> None:
    await repository.set_last_used(session, key_id, utcnow())


async def create(session: AsyncSession, admin: StaffUser, *, name: str, scopes: list[str]) -> tuple[ApiKey, str]:
    secret = new_api_key()
    key = ApiKey(
        organization_id=admin.organization_id,
        name=name,
        scopes=sorted(set(scopes)),
        prefix=secret[:12],
        key_hash=sha256_hex(secret),
        created_by_user_id=admin.user_id,
    )
    await repository.add(session, key)
    await audit.record(
        session, admin, entity_type="api_key", entity_id=key.id, action="created", after=audit.snapshot(key, AUDITED)
    )
    return key, secret


async def get(session: AsyncSession, principal: Principal, key_id: uuid.UUID) -> ApiKey:
    key = await repository.get(session, principal.organization_id, key_id)
    if key is None:
        raise ApiKeyNotFound()
    ensure_admin(principal)
    return key


async def list_keys(
    session: AsyncSession, admin: StaffUser, params: PageParams, include_revoked: bool
) -> Paged[ApiKey]:
    return await repository.list_keys(session, admin.organization_id, params, include_revoked)


async def revoke(session: AsyncSession, principal: Principal, key_id: uuid.UUID) -> None:
    key = await get(session, principal, key_id)
    admin = ensure_admin(principal)
    if key.revoked_at is not None:
        raise ApiKeyAlreadyRevoked()
    before = audit.snapshot(key, AUDITED)
    key.revoked_at = utcnow()
    await audit.record(
        session,
        admin,
        entity_type="api_key",
        entity_id=key.id,
        action="revoked",
        before=before,
        after=audit.snapshot(key, AUDITED),
    )


async def get_for_client(session: AsyncSession, client: ApiClient) -> ApiKey:
    key = await repository.get(session, client.organization_id, client.api_key_id)
    if key is None:
        raise ApiKeyNotFound()
    return key
