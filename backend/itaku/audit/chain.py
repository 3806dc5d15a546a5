"""The links of the audit chain: pure, so `itaku audit verify` and the writer agree byte for byte.

Each event's link is an HMAC-SHA256 under a key that lives outside the database (ITAKU_AUDIT_KEY): someone who
can write to the database can change an event, but cannot compute the links after it. Events written before the
chain was keyed (key id null) keep their plain SHA-256 link; the keyed link after them, and the sealed head, fix
them in place.
"""

import hashlib
import hmac
import json
import uuid
from datetime import UTC, date, datetime
from typing import Any, Literal

# What `verify` can find wrong with a chain.
Problem = Literal[
    "missing", "rewritten", "unknown_key", "deleted_tail", "moved_head", "unsealed_head", "anchor_invalid"
]


def _plain(value: Any) -> str:
    # Times as ISO 8601 (what the API speaks), everything else (UUIDs, decimals, enums) as its string.
    return value.isoformat() if isinstance(value, date | datetime) else str(value)


def to_json_value(value: Any) -> Any:
    """What a value looks like once stored in a JSON column and read back."""
    return json.loads(json.dumps(value, default=_plain, ensure_ascii=False))


def event_hash(
    *,
    prev_hash: str,
    organization_id: uuid.UUID,
    seq: int,
    occurred_at: datetime,
    actor_type: str,
    actor_id: uuid.UUID | None,
    actor_label: str,
    entity_type: str,
    entity_id: uuid.UUID | None,
    action: str,
    changes: dict[str, Any],
    request_id: str | None,
    scope_id: uuid.UUID | None = None,
    key: bytes | None,
) -> str:
    payload = {
        "prev": prev_hash,
        "org": str(organization_id),
        "seq": seq,
        "at": occurred_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_type": actor_type,
        "actor_id": str(actor_id) if actor_id else None,
        "actor_label": actor_label,
        "entity_type": entity_type,
        "entity_id": str(entity_id) if entity_id else None,
        "action": action,
        "changes": changes,
        "request_id": request_id,
    }
    if scope_id is not None:  # absent from events written before scopes existed, so they still verify
        payload["scope"] = str(scope_id)
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    if key is None:
        return hashlib.sha256(canonical).hexdigest()
    return hmac.new(key, canonical, hashlib.sha256).hexdigest()


def head_seal(key: bytes, *, organization_id: uuid.UUID, seq: int, link: str) -> str:
    """The seal of a chain head: which event is the newest. Without the key a head cannot be moved back onto an
    earlier event after the newest ones were deleted."""
    return hmac.new(key, f"itaku-audit-head|{organization_id}|{seq}|{link}".encode(), hashlib.sha256).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
