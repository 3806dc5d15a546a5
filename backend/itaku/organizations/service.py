"""The tenant itself and its settings (policy grows here in later issues)."""

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.audit import service as audit
from itaku.core.errors import NotFound, StaleVersion
from itaku.identity.principals import Actor, StaffUser
from itaku.organizations import repository
from itaku.organizations.models import Organization
from itaku.organizations.schemas import OrganizationUpdate

AUDITED = ("name", "time_zone", "jurisdiction", "two_factor_required")


class OrganizationNotFound(NotFound):
    code = "organization_not_found"
    message = "No organisation with this id among yours."


async def create(session: AsyncSession, name: str) -> Organization:
    org = Organization(name=name)
    await repository.add(session, org)
    await audit.start_chain(session, org.id)
    return org


async def all_ids(session: AsyncSession) -> list[uuid.UUID]:
    return await repository.all_ids(session)


async def record_created(session: AsyncSession, actor: Actor, org: Organization) -> None:
    await audit.record(
        session,
        actor,
        entity_type="organization",
        entity_id=org.id,
        action="created",
        after=audit.snapshot(org, AUDITED),
    )


async def get(session: AsyncSession, organization_id: uuid.UUID, *, lock: bool = False) -> Organization:
    org = await repository.get(session, organization_id, lock=lock)
    if org is None:
        raise OrganizationNotFound()
    return org


async def update(session: AsyncSession, admin: StaffUser, body: OrganizationUpdate) -> Organization:
    org = await get(session, admin.organization_id)
    if org.version != body.version:
        raise StaleVersion()
    before = audit.snapshot(org, AUDITED)
    for field in body.model_fields_set - {"version"}:
        value = getattr(body, field)
        if value is not None:
            setattr(org, field, value.value if hasattr(value, "value") else value)
    await session.flush()
    await audit.record(
        session,
        admin,
        entity_type="organization",
        entity_id=org.id,
        action="updated",
        before=before,
        after=audit.snapshot(org, AUDITED),
    )
    return org
