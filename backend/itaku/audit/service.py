"""Record every change with who, when, what and the request; verify the chain afterwards."""

import uuid
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.audit import repository
from itaku.audit.chain import event_hash, to_json_value
from itaku.audit.models import AuditEvent
from itaku.core.context import request_id_var
from itaku.core.errors import NotFound
from itaku.core.models import utcnow
from itaku.core.pagination import PageParams


class Actor(Protocol):
    @property
    def organization_id(self) -> uuid.UUID: ...
    @property
    def actor_type(self) -> str: ...
    @property
    def actor_id(self) -> uuid.UUID | None: ...
    @property
    def actor_label(self) -> str: ...


class AuditEventNotFound(NotFound):
    code = "audit_event_not_found"
    message = "No audit event with this id in your organisation."


def snapshot(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in fields}


def diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, Any]:
    """Only what changed: {"before": {...}, "after": {...}} limited to differing fields."""
    before_j = to_json_value(before or {})
    after_j = to_json_value(after or {})
    keys = sorted(set(before_j) | set(after_j))
    changed = [k for k in keys if before_j.get(k) != after_j.get(k)]
    return {
        "before": {k: before_j[k] for k in changed if k in before_j} if before is not None else None,
        "after": {k: after_j[k] for k in changed if k in after_j} if after is not None else None,
    }


async def record(
    session: AsyncSession,
    actor: Actor,
    *,
    entity_type: str,
    entity_id: uuid.UUID | None,
    action: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    organization_id: uuid.UUID | None = None,
    scope_id: uuid.UUID | None = None,
) -> AuditEvent:
    org_id = organization_id or actor.organization_id
    head = await repository.lock_chain_head(session, org_id)
    fields: dict[str, Any] = {
        "organization_id": org_id,
        "seq": head.seq + 1,
        "occurred_at": utcnow(),
        "actor_type": actor.actor_type,
        "actor_id": actor.actor_id,
        "actor_label": actor.actor_label,
        "entity_type": entity_type,
        "entity_id": entity_id,
        "action": action,
        "changes": diff(before, after),
        "request_id": request_id_var.get(),
        "scope_id": scope_id,
    }
    digest = event_hash(prev_hash=head.hash, **fields)
    event = AuditEvent(**fields, prev_hash=head.hash, hash=digest)
    head.seq, head.hash = event.seq, digest
    await repository.add(session, event)
    return event


async def list_events(
    session: AsyncSession, organization_id: uuid.UUID, params: PageParams, sort: str, **filters: Any
) -> tuple[list[AuditEvent], int]:
    return await repository.list_events(session, organization_id, params, sort, **filters)


async def get_event(session: AsyncSession, organization_id: uuid.UUID, event_id: uuid.UUID) -> AuditEvent:
    event = await repository.get_event(session, organization_id, event_id)
    if event is None:
        raise AuditEventNotFound()
    return event


async def start_chain(session: AsyncSession, organization_id: uuid.UUID) -> None:
    await repository.create_chain(session, organization_id)


@dataclass(frozen=True)
class BrokenLink:
    organization_id: uuid.UUID
    seq: int
    event_id: uuid.UUID | None
    problem: str


async def verify(session: AsyncSession, organization_id: uuid.UUID | None = None) -> tuple[int, list[BrokenLink]]:
    """Walk each organisation's chain; report the first broken link of each. Returns (events checked, breaks)."""
    org_ids = [organization_id] if organization_id else await repository.organization_ids_with_chains(session)
    checked = 0
    broken: list[BrokenLink] = []
    for org_id in org_ids:
        prev, expected_seq, problem = repository.GENESIS_HASH, 1, None
        async for ev in repository.iter_chain(session, org_id):
            checked += 1
            if ev.seq != expected_seq:
                problem = BrokenLink(org_id, expected_seq, None, f"event {expected_seq} is missing")
            elif ev.prev_hash != prev:
                problem = BrokenLink(org_id, ev.seq, ev.id, "prev_hash does not match the previous event")
            elif ev.hash != _rehash(ev):
                problem = BrokenLink(org_id, ev.seq, ev.id, "content does not match its hash (altered)")
            if problem:
                break
            prev, expected_seq = ev.hash, expected_seq + 1
        if problem is None:
            head = await repository.get_chain_head(session, org_id)
            if head is None or head.seq != expected_seq - 1 or head.hash != prev:
                missing = head.seq if head is not None and head.seq >= expected_seq else expected_seq - 1
                problem = BrokenLink(org_id, missing, None, "the newest events were removed (head mismatch)")
        if problem:
            broken.append(problem)
    return checked, broken


def _rehash(ev: AuditEvent) -> str:
    return event_hash(
        prev_hash=ev.prev_hash,
        organization_id=ev.organization_id,
        seq=ev.seq,
        occurred_at=ev.occurred_at,
        actor_type=ev.actor_type,
        actor_id=ev.actor_id,
        actor_label=ev.actor_label,
        entity_type=ev.entity_type,
        entity_id=ev.entity_id,
        action=ev.action,
        changes=ev.changes,
        request_id=ev.request_id,
        scope_id=ev.scope_id,
    )
