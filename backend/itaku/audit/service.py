"""Record every change with who, when, what and the request in a keyed chain; verify the chain afterwards."""

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.audit import repository
from itaku.audit.chain import Problem, event_hash, head_seal, same, to_json_value
from itaku.audit.models import AuditChainHead, AuditEvent
from itaku.audit.schemas import AuditProblem, AuditVerification, SignedHead, SignedHeads
from itaku.core.context import request_id_var
from itaku.core.errors import NotFound
from itaku.core.models import utcnow
from itaku.core.pagination import Paged, PageParams
from itaku.core.security import AuditKeys
from itaku.identity.principals import Actor


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


def _keys(session: AsyncSession) -> AuditKeys:
    keys: AuditKeys = session.info["audit_keys"]  # set on every session by core.db.Database
    return keys


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
    keys = _keys(session)
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
    link = event_hash(prev_hash=head.hash, **fields, key=keys.current)
    event = AuditEvent(**fields, prev_hash=head.hash, hash=link, key_id=keys.current_id)
    _move_head(head, keys, event.seq, link)
    await repository.add(session, event)
    return event


@dataclass(frozen=True)
class Entry:
    """One event of `record_many`: what `record` takes besides the actor."""

    entity_type: str
    entity_id: uuid.UUID | None
    action: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    scope_id: uuid.UUID | None = None


async def record_many(session: AsyncSession, actor: Actor, entries: list[Entry]) -> None:
    """Many events of one actor at once (an import of thousands of rows): the chain is locked once, each event is
    linked to the one before exactly as `record` links it, and the rows go in a few statements."""
    if not entries:
        return
    org_id = actor.organization_id
    keys = _keys(session)
    head = await repository.lock_chain_head(session, org_id)
    seq, link, at, request_id = head.seq, head.hash, utcnow(), request_id_var.get()
    rows: list[dict[str, Any]] = []
    for e in entries:
        seq += 1
        fields: dict[str, Any] = {
            "organization_id": org_id,
            "seq": seq,
            "occurred_at": at,
            "actor_type": actor.actor_type,
            "actor_id": actor.actor_id,
            "actor_label": actor.actor_label,
            "entity_type": e.entity_type,
            "entity_id": e.entity_id,
            "action": e.action,
            "changes": diff(e.before, e.after),
            "request_id": request_id,
            "scope_id": e.scope_id,
        }
        prev, link = link, event_hash(prev_hash=link, **fields, key=keys.current)
        rows.append({**fields, "id": uuid.uuid4(), "prev_hash": prev, "hash": link, "key_id": keys.current_id})
    await repository.add_many(session, rows)
    _move_head(head, keys, seq, link)
    await session.flush()


def _move_head(head: AuditChainHead, keys: AuditKeys, seq: int, link: str) -> None:
    head.seq, head.hash, head.key_id = seq, link, keys.current_id
    head.seal = head_seal(keys.current, organization_id=head.organization_id, seq=seq, link=link)


async def list_events(
    session: AsyncSession, organization_id: uuid.UUID, params: PageParams, sort: str, **filters: Any
) -> Paged[AuditEvent]:
    return await repository.list_events(session, organization_id, params, sort, **filters)


async def get_event(session: AsyncSession, organization_id: uuid.UUID, event_id: uuid.UUID) -> AuditEvent:
    event = await repository.get_event(session, organization_id, event_id)
    if event is None:
        raise AuditEventNotFound()
    return event


async def start_chain(session: AsyncSession, organization_id: uuid.UUID) -> None:
    head = AuditChainHead(organization_id=organization_id)
    _move_head(head, _keys(session), 0, repository.GENESIS_HASH)
    await repository.add_head(session, head)


@dataclass(frozen=True)
class BrokenLink:
    organization_id: uuid.UUID
    seq: int
    event_id: uuid.UUID | None
    kind: Problem
    problem: str


@dataclass(frozen=True)
class Anchor:
    """A chain head exported earlier (the signed-heads file kept away from the database)."""

    organization_id: uuid.UUID
    seq: int
    hash: str
    key_id: str
    seal: str


@dataclass
class _Walk:
    checked: int = 0
    seq: int = 0
    link: str = repository.GENESIS_HASH
    broken: BrokenLink | None = None


async def verify(
    session: AsyncSession, organization_id: uuid.UUID | None = None, anchors: list[Anchor] | None = None
) -> tuple[int, list[BrokenLink]]:
    """Walk each organisation's chain and report the first problem of each: an event missing from the sequence,
    one changed after it was written, a deleted tail, a head moved back or not sealed, and — against heads exported
    earlier — events that were there then and are not now. Returns (events checked, problems)."""
    keys = _keys(session)
    org_ids = [organization_id] if organization_id else await repository.organization_ids_with_chains(session)
    checked = 0
    broken: list[BrokenLink] = []
    for org_id in org_ids:
        mine = sorted((a for a in anchors or [] if a.organization_id == org_id), key=lambda a: a.seq)
        walk = await _walk(session, keys, org_id, mine)
        checked += walk.checked
        problem = walk.broken or await _check_head(session, keys, org_id, walk) or _check_anchors(keys, mine, walk)
        if problem:
            broken.append(problem)
    return checked, broken


async def _walk(session: AsyncSession, keys: AuditKeys, org_id: uuid.UUID, anchors: list[Anchor]) -> _Walk:
    walk = _Walk()
    expected = {a.seq: a for a in anchors}
    keyed = False

    def stop(seq: int, event_id: uuid.UUID | None, kind: Problem, problem: str) -> _Walk:
        walk.broken = BrokenLink(org_id, seq, event_id, kind, problem)
        return walk

    async for ev in repository.iter_chain(session, org_id):
        walk.checked += 1
        if ev.seq != walk.seq + 1:
            gap = f"{walk.seq + 1}" if ev.seq == walk.seq + 2 else f"{walk.seq + 1}–{ev.seq - 1}"
            return stop(walk.seq + 1, None, "missing", f"event {gap} is missing (deleted from the middle)")
        if ev.key_id is not None and ev.key_id not in keys.keys:
            return stop(ev.seq, ev.id, "unknown_key", f"signed with audit key {ev.key_id!r}, which is not configured")
        if ev.key_id is None and keyed:
            return stop(ev.seq, ev.id, "rewritten", "an unkeyed link after keyed ones: the event was rewritten")
        if not same(ev.prev_hash, walk.link) or not same(ev.hash, _relink(ev, keys)):
            return stop(ev.seq, ev.id, "rewritten", "changed after it was written: its link does not match")
        anchor = expected.get(ev.seq)
        if anchor is not None and not same(anchor.hash, ev.hash):
            return stop(ev.seq, ev.id, "rewritten", "differs from the link exported for it: the chain was rewritten")
        keyed = keyed or ev.key_id is not None
        walk.seq, walk.link = ev.seq, ev.hash
    return walk


async def _check_head(session: AsyncSession, keys: AuditKeys, org_id: uuid.UUID, walk: _Walk) -> BrokenLink | None:
    head = await repository.get_chain_head(session, org_id)
    if head is None:
        return BrokenLink(org_id, walk.seq, None, "deleted_tail", "the chain head was deleted")
    if head.seq > walk.seq:
        gone = f"{walk.seq + 1}" if head.seq == walk.seq + 1 else f"{walk.seq + 1}–{head.seq}"
        return BrokenLink(org_id, walk.seq + 1, None, "deleted_tail", f"the newest events ({gone}) were deleted")
    if head.seal is None or head.key_id is None:
        return BrokenLink(
            org_id,
            head.seq,
            None,
            "unsealed_head",
            "the chain head is not sealed: written before keyed links, or its seal was removed",
        )
    key = keys.keys.get(head.key_id)
    sealed = key is not None and same(head.seal, head_seal(key, organization_id=org_id, seq=head.seq, link=head.hash))
    if not sealed or head.seq != walk.seq or not same(head.hash, walk.link):
        return BrokenLink(
            org_id,
            head.seq,
            None,
            "moved_head",
            "the chain head was moved or edited: its seal does not match the newest event",
        )
    return None


def _check_anchors(keys: AuditKeys, anchors: list[Anchor], walk: _Walk) -> BrokenLink | None:
    for a in anchors:
        key = keys.keys.get(a.key_id)
        if key is None or not same(a.seal, head_seal(key, organization_id=a.organization_id, seq=a.seq, link=a.hash)):
            return BrokenLink(
                a.organization_id,
                a.seq,
                None,
                "anchor_invalid",
                "the exported head is not signed by this server's keys",
            )
        if a.seq > walk.seq:
            return BrokenLink(
                a.organization_id,
                walk.seq + 1,
                None,
                "deleted_tail",
                f"event {a.seq} was in the chain when its head was exported; the chain now ends at {walk.seq}",
            )
    return None


async def seal_heads(session: AsyncSession) -> tuple[int, list[BrokenLink]]:
    """Seal the heads of chains written before heads were sealed, where the chain verifies as it stands (`itaku audit
    seal-legacy`, once after the upgrade). Returns how many were sealed and the problems of the chains left."""
    keys = _keys(session)
    sealed = 0
    refused: list[BrokenLink] = []
    for org_id in [h.organization_id for h in await repository.unsealed_heads(session)]:
        walk = await _walk(session, keys, org_id, [])  # walking lets go of loaded rows: read the head after it
        head = await repository.get_chain_head(session, org_id)
        assert head is not None
        if walk.broken is None and (head.seq, head.hash) != (walk.seq, walk.link):
            walk.broken = BrokenLink(org_id, head.seq, None, "deleted_tail", "the head and the chain disagree")
        if walk.broken:
            refused.append(walk.broken)
            continue
        _move_head(head, keys, head.seq, head.hash)
        await session.flush()
        sealed += 1
    return sealed, refused


async def signed_heads(session: AsyncSession, organization_id: uuid.UUID | None = None) -> list[Anchor]:
    """The sealed heads to keep elsewhere: later, `verify` against them shows whether anything before them changed."""
    heads = await repository.heads(session, organization_id)
    return [Anchor(h.organization_id, h.seq, h.hash, h.key_id, h.seal) for h in heads if h.seal and h.key_id]


def _relink(ev: AuditEvent, keys: AuditKeys) -> str:
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
        key=keys.keys[ev.key_id] if ev.key_id else None,
    )


def heads_file(anchors: list[Anchor]) -> SignedHeads:
    return SignedHeads(
        exported_at=utcnow(),
        heads=[SignedHead.model_validate(a) for a in anchors],
    )


def anchors_of(file: SignedHeads) -> list[Anchor]:
    return [Anchor(h.organization_id, h.seq, h.hash, h.key_id, h.seal) for h in file.heads]


async def verify_organization(
    session: AsyncSession, organization_id: uuid.UUID, heads: SignedHeads | None
) -> AuditVerification:
    """One organisation's chain, and the heads of that organisation in an exported file (others are ignored)."""
    anchors = [a for a in anchors_of(heads) if a.organization_id == organization_id] if heads else []
    checked, broken = await verify(session, organization_id, anchors)
    return AuditVerification(
        intact=not broken,
        checked=checked,
        against_heads=len(anchors),
        problems=[AuditProblem(seq=b.seq, event_id=b.event_id, kind=b.kind, message=b.problem) for b in broken],
    )
