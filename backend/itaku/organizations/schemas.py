import uuid
import zoneinfo
from datetime import datetime

from pydantic import Field, field_validator

from itaku.core.schemas import InputSchema, ReadSchema
from itaku.core.vocabulary import Jurisdiction
from itaku.organizations.models import TwoFactorPolicy

TIME_ZONES = frozenset(zoneinfo.available_timezones())


def check_time_zone(value: str | None) -> str | None:
    if value is not None and value not in TIME_ZONES:
        raise ValueError("unknown time zone; use an IANA name such as Asia/Tokyo")
    return value


class OrganizationRead(ReadSchema):
    id: uuid.UUID
    name: str
    time_zone: str
    jurisdiction: Jurisdiction
    two_factor_required: TwoFactorPolicy = Field(description="who must sign in with a second factor")
    created_at: datetime
    updated_at: datetime
    version: int


class OrganizationUpdate(InputSchema):
    version: int = Field(ge=1, description="the version you read; a stale one answers 409")
    name: str | None = Field(default=None, min_length=1, max_length=200)
    time_zone: str | None = Field(default=None, description="IANA time zone for dates and deadlines")
    jurisdiction: Jurisdiction | None = Field(default=None, description="the profile whose rules apply")
    two_factor_required: TwoFactorPolicy | None = Field(
        default=None,
        description="off, admins or everyone: those must sign in with an authenticator app's code; a member who "
        "has not set one up can do nothing else until they do",
    )

    _tz = field_validator("time_zone")(check_time_zone)
