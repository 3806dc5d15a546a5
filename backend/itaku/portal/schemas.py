"""What a vendor contact sees. Separate classes from the staff shapes, so an internal score, weight, finding
rule or reviewer note cannot leak by adding a field there."""

import uuid
from datetime import datetime
from typing import Literal

from pydantic import EmailStr, Field

from itaku.core.schemas import InputSchema, ReadSchema


class PortalSessionCreate(InputSchema):
    token: str = Field(min_length=10, max_length=200, description="the token from the invitation link")


class PortalSession(ReadSchema):
    access_token: str
    token_type: str = "bearer"
    expires_at: datetime
    assessment_id: uuid.UUID | None = Field(description="the assessment the link was sent for")


class PortalMe(ReadSchema):
    contact_name: str
    contact_email: str | None
    vendor_name: str
    organization_name: str
    expires_at: datetime
    upload_max_bytes: int = Field(description="the largest evidence file accepted")
    time_zone: str = Field(description="the company's time zone: times in the portal are shown and read in it")


class PortalLinkRequest(InputSchema):
    email: EmailStr = Field(description="the address the company has on record for you")
    purpose: Literal["questionnaires", "portal"] = Field(
        default="questionnaires",
        description="questionnaires: a link for each open questionnaire; portal: one link into the portal (to "
        "report an incident)",
    )


class PortalLinkRequested(ReadSchema):
    message: str = Field(description="the same whatever the address, so it reveals nothing")


# --- incidents reported by the vendor -------------------------------------------------------------------------
