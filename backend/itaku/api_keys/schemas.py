import uuid
from datetime import datetime
from typing import Literal

from pydantic import Field

from itaku.core.schemas import InputSchema, ReadSchema


class ApiKeyCreate(InputSchema):
    name: str = Field(min_length=1, max_length=100, description="what the key is for, e.g. the system using it")
    scopes: list[Literal["read", "write"]] = Field(
        min_length=1, max_length=2, description="`read` lists and reads; `write` also creates and changes records"
    )


class ApiKeyRead(ReadSchema):
    id: uuid.UUID
    name: str
    scopes: list[str]
    prefix: str = Field(description="the key's first characters, to tell keys apart")
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    effective_scopes: list[str] = Field(
        default_factory=list,
        description="what the key may do now: never more than its creator may (empty once they left the "
        "organisation; read only while they are a viewer)",
    )


class ApiKeyCreated(ApiKeyRead):
    key: str = Field(description="the secret, shown this once only; send it as `Authorization: Bearer itk_...`")
