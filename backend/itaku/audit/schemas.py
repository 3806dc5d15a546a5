import uuid
from datetime import datetime
from typing import Any

from itaku.core.schemas import ReadSchema


class AuditEventRead(ReadSchema):
    id: uuid.UUID
    seq: int
    occurred_at: datetime
    actor_type: str
    actor_id: uuid.UUID | None
    actor_label: str
    entity_type: str
    entity_id: uuid.UUID | None
    action: str
    changes: dict[str, Any]
    request_id: str | None
    scope_id: uuid.UUID | None = None
    prev_hash: str
    hash: str
