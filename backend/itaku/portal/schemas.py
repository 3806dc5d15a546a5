"""What a vendor contact sees. Separate classes from the staff shapes, so an internal score, weight, finding
rule or reviewer note cannot leak by adding a field there."""

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import AwareDatetime, EmailStr, Field, field_validator

from itaku.assessments.definition import QuestionType, Text
from itaku.assessments.models import AssessmentStatus, FindingStatus
from itaku.core.schemas import InputSchema, ReadSchema, TextRead
from itaku.incidents.models import IncidentStatus
from itaku.incidents.schemas import max_not_below_estimate
from itaku.monitoring.models import ChangeKind, ChangeStatus
from itaku.monitoring.schemas import AccessChangeRead
from itaku.risk.tier import DataCategory


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


class PortalOption(ReadSchema):
    key: str
    label: Text


class PortalQuestion(ReadSchema):
    key: str
    type: QuestionType
    text: Text
    help: Text | None
    required: bool
    options: list[PortalOption]


class PortalSection(ReadSchema):
    key: str
    title: Text
    description: Text | None
    questions: list[PortalQuestion]


class PortalProgress(ReadSchema):
    answered: int
    required: int
    required_answered: int


class PortalAssessmentSummary(ReadSchema):
    id: uuid.UUID
    title: str
    status: AssessmentStatus
    due_date: date | None
    progress: PortalProgress
    submitted_at: datetime | None


class PortalFile(ReadSchema):
    id: uuid.UUID
    filename: str
    content_type: str
    size: int


class PortalAnswer(ReadSchema):
    question_key: str
    value: Any = None
    comment: str | None
    files: list[PortalFile]
    return_comment: str | None = Field(description="the reviewer's comment when the answers were returned")
    updated_at: datetime


class PortalAssessmentRead(PortalAssessmentSummary):
    organization_name: str
    editable: bool
    return_comment: str | None = Field(description="the reviewer's message when the answers were returned")
    description: Text | None
    sections: list[PortalSection]
    answers: list[PortalAnswer]


class PortalAnswerSave(InputSchema):
    value: Any = Field(
        default=None,
        description="an option key; a list of option keys (multiple choice); text; a number; a date "
        "(YYYY-MM-DD); null to clear. File questions are answered by uploading evidence.",
    )
    comment: str | None = Field(default=None, max_length=4000)


class PortalFinding(ReadSchema):
    id: uuid.UUID
    assessment_id: uuid.UUID | None
    question_key: str | None
    severity: str
    title: str
    description: str | None
    remediation_plan: str | None
    vendor_proposed_plan: str | None
    due_date: date | None
    status: FindingStatus


class PortalPlanProposal(InputSchema):
    plan: str = Field(min_length=1, max_length=20_000)


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


class PortalIncidentReport(InputSchema):
    """The standard first report: when, what and how many, the cause as known, where it stands, what comes next."""

    title: str = Field(min_length=1, max_length=300)
    occurred_at: AwareDatetime | None = Field(default=None, description="when it happened, if known")
    discovered_at: AwareDatetime = Field(description="when your company learned of it")
    description: str = Field(min_length=1, max_length=10_000, description="what happened")
    data_categories: list[DataCategory] = Field(default_factory=list, max_length=10)
    data_items: str | None = Field(default=None, max_length=10_000, description="which data, as far as known")
    affected_persons_estimate: int | None = Field(default=None, ge=0, le=10**10)
    affected_persons_max: int | None = Field(default=None, ge=0, le=10**10)
    cause: str | None = Field(default=None, max_length=10_000)
    wrongful_intent_possible: bool = Field(default=False, description="an attack, theft or insider misuse possible")
    strongly_encrypted: bool = Field(
        default=False, description="the data was strongly encrypted and the key was not taken with it"
    )
    containment: str | None = Field(default=None, max_length=10_000, description="where it stands now")
    next_steps: str | None = Field(default=None, max_length=10_000)
    contact_point: str | None = Field(
        default=None, max_length=2000, description="who at your company answers the company's questions, and how"
    )

    _counts_in_order = field_validator("affected_persons_max")(max_not_below_estimate)


class PortalIncidentUpdate(InputSchema):
    """A message and the facts now known; a fact omitted or null stays as it was."""

    message: str = Field(min_length=1, max_length=10_000, description="what is new")
    wrongful_intent_possible: bool | None = None
    contact_point: str | None = Field(default=None, max_length=2000)
    affected_persons_estimate: int | None = Field(default=None, ge=0, le=10**10)
    affected_persons_max: int | None = Field(default=None, ge=0, le=10**10)
    data_items: str | None = Field(default=None, max_length=10_000)
    cause: str | None = Field(default=None, max_length=10_000)
    containment: str | None = Field(default=None, max_length=10_000)
    next_steps: str | None = Field(default=None, max_length=10_000)


class PortalIncidentEvent(ReadSchema):
    at: datetime
    kind: str
    author: str
    message: str | None


class PortalIncident(ReadSchema):
    id: uuid.UUID
    title: str
    status: IncidentStatus
    occurred_at: datetime | None
    discovered_at: datetime | None
    notified_at: datetime | None
    description: str | None
    data_categories: list[DataCategory]
    data_items: str | None
    affected_persons_estimate: int | None
    affected_persons_max: int | None
    cause: str | None
    wrongful_intent_possible: bool
    strongly_encrypted: bool
    containment: str | None
    next_steps: str | None
    contact_point: str | None
    updated_at: datetime = Field(description="when anything about the incident last changed, on either side")
    updates: list[PortalIncidentEvent] = Field(description="what your company reported, oldest first")


class PortalReportFile(ReadSchema):
    id: uuid.UUID
    filename: str
    content_type: str
    size: int


class PortalVendorReport(ReadSchema):
    """A periodic report the vendor owes: the period, when it is due, and what was written so far."""

    item_id: uuid.UUID
    title: TextRead
    period_start: date
    period_end: date
    due_date: date
    overdue: bool
    status: Literal["not_started", "draft", "submitted", "queried", "accepted"]
    question: str | None = Field(description="what staff asked, when they queried the report")
    handling: str | None
    incidents_occurred: bool | None
    incident_summary: str | None
    incident_id: uuid.UUID | None
    access_changes: list[AccessChangeRead]
    access_changes_applied: bool | None
    measures_changed: bool | None
    measures_changes: str | None
    attachments: list[PortalReportFile]
    submitted_at: datetime | None
    version: int | None = Field(description="send it back with the next save; null until the first save")


class PortalChangeRequest(ReadSchema):
    id: uuid.UUID
    kind: ChangeKind
    title: str
    details: str
    planned_date: date | None
    subcontractor_name: str | None
    subcontractor_corporate_number: str | None
    subcontractor_country: str | None
    work: str | None
    data_handled: str | None
    status: ChangeStatus
    requested_by: str
    requested_at: datetime
    decision_reason: str | None
    decided_at: datetime | None
