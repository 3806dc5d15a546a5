import uuid
from datetime import datetime
from typing import Literal

from pydantic import EmailStr, Field, field_validator

from itaku.core.schemas import InputSchema, ReadSchema
from itaku.organizations.models import Role
from itaku.users.schemas import PASSWORD, UserProfile


class Register(InputSchema):
    organization_name: str = Field(min_length=1, max_length=200)
    name: str = Field(min_length=1, max_length=200, description="your name")
    email: EmailStr
    password: str = PASSWORD

    @field_validator("email")
    @classmethod
    def _lower(cls, v: str) -> str:
        return v.lower()


class Token(ReadSchema):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="seconds until the token expires")
    organization_id: uuid.UUID = Field(description="the organisation the token acts in")


class SwitchOrganization(InputSchema):
    organization_id: uuid.UUID


class AcceptInvitation(InputSchema):
    token: str = Field(min_length=10, max_length=200)
    password: str = PASSWORD
    name: str | None = Field(default=None, min_length=1, max_length=200)


class OrganizationMembership(ReadSchema):
    id: uuid.UUID
    name: str
    role: Role


class MeApiKey(ReadSchema):
    id: uuid.UUID
    name: str
    scopes: list[str]


class Me(ReadSchema):
    kind: Literal["user", "api_key"]
    organization: OrganizationMembership = Field(description="the organisation acted in, with the caller's role")
    organizations: list[OrganizationMembership] = Field(description="every organisation the user can switch to")
    user: UserProfile | None
    api_key: MeApiKey | None
    time_zone: str = Field(description="the zone to show times in: the user's choice, else the organisation's")


class SessionRead(ReadSchema):
    id: uuid.UUID
    created_at: datetime = Field(description="when you signed in")
    refreshed_at: datetime = Field(description="when the session was last renewed (used)")
    expires_at: datetime = Field(description="when it ends at the latest")
    user_agent: str | None
    ip: str | None
    current: bool = Field(default=False, description="the session of this request")


class MailSent(ReadSchema):
    message: str = Field(description="the same whatever the address: nothing is said about whether it has an account")


class LinkToken(InputSchema):
    token: str = Field(min_length=10, max_length=200, description="the token from the mailed link")


class PasswordResetRequest(InputSchema):
    email: EmailStr

    @field_validator("email")
    @classmethod
    def _lower(cls, v: str) -> str:
        return v.lower()


class PasswordReset(InputSchema):
    token: str = Field(min_length=10, max_length=200, description="the token from the mailed link")
    password: str = PASSWORD
