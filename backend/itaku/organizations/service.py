"""The tenant itself: its settings, its policies, and what "today" is on its wall clock."""

import uuid
from datetime import date
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.audit import service as audit
from itaku.core.clock import today_in
from itaku.core.errors import NotFound, ensure_version
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


async def today(session: AsyncSession, organization_id: uuid.UUID) -> date:
    """Today on the organisation's wall clock: what "due today" and "overdue" mean for its people."""
    return today_in((await get(session, organization_id)).time_zone)


# The organisation's policies, one JSON column each, read and kept by the domain that names them.
PolicyName = Literal["risk_policy", "monitoring_policy", "incident_policy", "contract_policy"]


async def update_policy(
    session: AsyncSession, admin: StaffUser, name: PolicyName, version: int, value: dict[str, Any] | None
) -> Organization:
    """Store one of the organisation's policies (None goes back to the defaults) under its lock and version, with
    the change in the audit trail. The domain that owns the policy checks it first and reacts to it afterwards."""
    org = await get(session, admin.organization_id, lock=True)
    ensure_version(org, version)
    before: dict[str, Any] = {name: getattr(org, name)}
    setattr(org, name, value)
    await session.flush()
    await audit.record(
        session,
        admin,
        entity_type="organization",
        entity_id=org.id,
        action=f"{name}_updated",
        before=before,
        after={str(name): value},
    )
    return org


async def update(session: AsyncSession, admin: StaffUser, body: OrganizationUpdate) -> Organization:
    org = await get(session, admin.organization_id)
    ensure_version(org, body.version)
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
