"""The hash that links audit events: pure, so `itaku audit verify` and the writer agree byte for byte."""

import hashlib
import json
import uuid
from datetime import UTC, date, datetime
from typing import Any


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
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()
