import uuid
from datetime import datetime
from typing import Literal

from pydantic import EmailStr, Field, field_validator

from itaku.core.schemas import InputSchema, ReadSchema
from itaku.identity.principals import Role
from itaku.organizations.schemas import check_time_zone

PASSWORD = Field(min_length=10, max_length=256, description="at least 10 characters")


class MemberRead(ReadSchema):
    id: uuid.UUID = Field(description="the user's id")
    email: str
    name: str
    role: Role
    status: Literal["active", "invited", "deactivated"]
    created_at: datetime = Field(description="when the user joined this organisation")
    version: int = Field(description="version of the membership, for PATCH")


class MemberInvited(MemberRead):
    invitation_url: str = Field(description="the link to accept the invitation (also mailed)")


class MemberInvite(InputSchema):
    email: EmailStr
    name: str = Field(min_length=1, max_length=200)
    role: Role

    @field_validator("email")
    @classmethod
    def _lower(cls, v: str) -> str:
        return v.lower()


class MemberUpdate(InputSchema):
    version: int = Field(ge=1, description="the membership version you read; a stale one answers 409")
    role: Role | None = None
    is_active: bool | None = Field(default=None, description="false removes the user's access to this organisation")


class InvitationLink(ReadSchema):
    invitation_url: str


class ProfileUpdate(InputSchema):
    version: int = Field(ge=1)
    name: str | None = Field(default=None, min_length=1, max_length=200)
    locale: Literal["ja", "en"] | None = None
    time_zone: str | None = Field(default=None, description="IANA zone; null keeps the organisation's")

    _tz = field_validator("time_zone")(check_time_zone)


class PasswordChange(InputSchema):
    current_password: str = Field(max_length=256)
    new_password: str = PASSWORD


class UserProfile(ReadSchema):
    id: uuid.UUID
    email: str
    name: str
    locale: Literal["ja", "en"]
    time_zone: str | None
    version: int


class PendingInvitation(ReadSchema):
    id: uuid.UUID = Field(description="the invitation (membership) to accept or decline")
    organization_id: uuid.UUID
    organization_name: str
    role: Role
    invited_at: datetime
