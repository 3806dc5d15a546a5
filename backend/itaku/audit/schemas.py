import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import ConfigDict, Field

from itaku.audit.chain import Problem
from itaku.core.schemas import InputSchema, ReadSchema


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
    hash: str = Field(description="the link: HMAC-SHA256 under the audit key `key_id` (null: a plain SHA-256)")
    key_id: str | None = None


class SignedHead(ReadSchema):
    organization_id: uuid.UUID
    seq: int = Field(ge=0, description="the newest event of the chain when the head was exported")
    hash: str = Field(pattern=r"^[0-9a-f]{64}$", description="that event's link")
    key_id: str = Field(min_length=1, max_length=32, description="the audit key that sealed the head")
    seal: str = Field(pattern=r"^[0-9a-f]{64}$", description="HMAC of organisation, seq and link under that key")


class SignedHeads(ReadSchema):
    """A small file to keep away from the database (mail it to yourself, store it elsewhere): verifying the chain
    against it later shows whether any event written before it was changed or deleted since."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["itaku-audit-heads"] = "itaku-audit-heads"
    version: Literal[1] = 1
    exported_at: datetime
    heads: list[SignedHead] = Field(max_length=100_000)


class AuditVerify(InputSchema):
    heads: SignedHeads | None = Field(
        default=None, description="a signed-heads file exported earlier, to check the chain against"
    )


class AuditProblem(ReadSchema):
    seq: int = Field(description="the event (sequence number) where the chain breaks")
    event_id: uuid.UUID | None
    kind: Problem
    message: str


class AuditVerification(ReadSchema):
    intact: bool
    checked: int = Field(description="how many events were checked")
    against_heads: int = Field(description="how many exported heads of this organisation were checked as well")
    problems: list[AuditProblem]
