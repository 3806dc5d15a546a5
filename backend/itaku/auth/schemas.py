import uuid
from datetime import datetime
from typing import Literal

from pydantic import EmailStr, Field, field_validator

from itaku.core.schemas import InputSchema, ReadSchema
from itaku.identity.principals import Role
from itaku.users.schemas import PASSWORD, UserProfile

OTP = "with two-factor sign-in on: the authenticator's 6-digit code, or a recovery code"


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


class RefreshRequest(InputSchema):
    organization_id: uuid.UUID | None = Field(
        default=None, description="the organisation the page is acting in (else the one used last)"
    )


class AcceptInvitation(InputSchema):
    token: str = Field(min_length=10, max_length=200)
    password: str = PASSWORD
    name: str | None = Field(default=None, min_length=1, max_length=200)
    otp: str | None = Field(default=None, max_length=20, description=OTP)


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
    two_factor_setup_required: bool = Field(
        default=False,
        description="the organisation requires two-factor sign-in of this user, who has not set it up: until then "
        "only /auth/… answers",
    )


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
    otp: str | None = Field(default=None, max_length=20, description=OTP)


class TwoFactorStatus(ReadSchema):
    enabled: bool
    enabled_at: datetime | None
    recovery_codes_left: int
    required_by: list[str] = Field(description="organisations that require two-factor sign-in of you")


class TwoFactorSetup(ReadSchema):
    secret: str = Field(description="to type into the authenticator app when the QR code cannot be scanned")
    otpauth_uri: str
    qr_svg: str = Field(description="the QR code of otpauth_uri, as a data: URL of an SVG image")


class TwoFactorCode(InputSchema):
    code: str = Field(min_length=6, max_length=20, description="a 6-digit code from the authenticator app")


class TwoFactorDisable(InputSchema):
    password: str = Field(max_length=256)
    code: str = Field(min_length=6, max_length=20, description="a code from the app, or a recovery code")


class RecoveryCodes(ReadSchema):
    recovery_codes: list[str] = Field(description="single-use codes for when the phone is lost; shown only now")
