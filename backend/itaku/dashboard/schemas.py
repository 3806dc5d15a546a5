import uuid
from datetime import date, datetime

from pydantic import Field

from itaku.core.schemas import ReadSchema
from itaku.core.vocabulary import Jurisdiction
from itaku.regulation.rules import Kind


class DeadlineRead(ReadSchema):
    incident_id: uuid.UUID
    incident_title: str
    vendor_id: uuid.UUID
    vendor_name: str
    obligation_id: uuid.UUID
    jurisdiction: Jurisdiction
    kind: Kind
    due_date: date | None
    due_at: datetime
    days_left: int | None = Field(description="from today in the organisation's time zone; negative: late")
    overdue: bool


class DashboardRead(ReadSchema):
    open_incidents: int = Field(description="suspected, confirmed or contained")
    deadlines: list[DeadlineRead] = Field(
        description="our obligations of open incidents due within the next 14 days, late ones included, soonest first"
    )
