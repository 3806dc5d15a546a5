import uuid
from datetime import date, datetime
from typing import Any

from pydantic import Field

from itaku.assessments.definition import Definition, QuestionType, Severity, Text
from itaku.assessments.models import AssessmentKind, AssessmentStatus, FindingSource, FindingStatus, TemplateStatus
from itaku.core.schemas import InputSchema, ReadSchema
from itaku.files.schemas import PortalFile

# --- questionnaire templates --------------------------------------------------------------------------------


class QuestionnaireVersionSummary(ReadSchema):
    id: uuid.UUID
    number: int
    status: TemplateStatus
    title_ja: str
    title_en: str
    question_count: int
    published_at: datetime | None
    updated_at: datetime
    version: int


class QuestionnaireVersionRead(QuestionnaireVersionSummary):
    questionnaire_id: uuid.UUID
    definition: Definition


class QuestionnaireSummary(ReadSchema):
    id: uuid.UUID
    builtin_key: str | None = Field(description="set for the templates Itaku ships")
    archived: bool
    title_ja: str
    title_en: str
    published: QuestionnaireVersionSummary | None = Field(description="the latest published version")
    draft: QuestionnaireVersionSummary | None = Field(description="the version being edited, if any")
    updated_at: datetime
    version: int


class QuestionnaireRead(QuestionnaireSummary):
    versions: list[QuestionnaireVersionSummary]


class QuestionnaireCreate(InputSchema):
    definition: Definition


class QuestionnaireUpdate(InputSchema):
    version: int = Field(ge=1)
    archived: bool


class DraftSave(InputSchema):
    definition: Definition
    draft_version: int | None = Field(
        default=None, ge=1, description="the draft's version when editing an existing draft; omit to start one"
    )


class DraftPublish(InputSchema):
    draft_version: int = Field(ge=1)


# --- assessments --------------------------------------------------------------------------------------------


class SectionScoreRead(ReadSchema):
    key: str
    score: float | None
    earned: float
    possible: float


class Progress(ReadSchema):
    answered: int
    required: int
    required_answered: int


class AssessmentCreate(InputSchema):
    vendor_id: uuid.UUID
    questionnaire_id: uuid.UUID = Field(description="the template; its latest published version is used")
    kind: AssessmentKind
    title: str | None = Field(default=None, max_length=300, description="defaults to the template's title")
    due_date: date | None = None
    owner_user_id: uuid.UUID | None = None


class AssessmentUpdate(InputSchema):
    version: int = Field(ge=1)
    title: str | None = Field(default=None, min_length=1, max_length=300)
    kind: AssessmentKind | None = None
    due_date: date | None = None
    owner_user_id: uuid.UUID | None = None
    internal_notes: str | None = Field(default=None, max_length=20_000)


class AssessmentSummary(ReadSchema):
    id: uuid.UUID
    vendor_id: uuid.UUID
    vendor_name: str
    questionnaire_id: uuid.UUID
    questionnaire_version_id: uuid.UUID
    questionnaire_version_number: int
    kind: AssessmentKind
    status: AssessmentStatus
    title: str
    due_date: date | None
    overdue: bool
    owner_user_id: uuid.UUID | None
    sent_at: datetime | None
    submitted_at: datetime | None
    decided_at: datetime | None
    score: float | None
    band: str | None
    valid_until: date | None
    open_findings: int
    reminder_count: int
    last_reminded_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int


class AnswerRead(ReadSchema):
    question_key: str
    value: Any = None
    comment: str | None
    files: list["EvidenceFile"]
    answered_by_label: str | None
    updated_at: datetime
    return_comment: str | None
    reviewer_note: str | None


class EvidenceFile(ReadSchema):
    id: uuid.UUID
    filename: str
    content_type: str
    size: int


class AssessmentRead(AssessmentSummary):
    definition: Definition
    answers: list[AnswerRead]
    progress: Progress
    section_scores: list[SectionScoreRead]
    decided_by_label: str | None
    decision_comment: str | None
    internal_notes: str | None
    allowed_actions: list[str] = Field(description="what the caller can do next: send, start_review, return, accept")


class AssessmentSend(InputSchema):
    contact_id: uuid.UUID = Field(description="the vendor contact who receives the link")
    expires_in_days: int = Field(default=14, ge=1, le=60)
    message: str | None = Field(default=None, max_length=4000, description="added to the email")


class InvitationRead(ReadSchema):
    id: uuid.UUID
    contact_id: uuid.UUID
    contact_name: str
    emailed_to: str | None
    created_at: datetime
    created_by_label: str
    expires_at: datetime
    used_at: datetime | None
    revoked_at: datetime | None
    state: str = Field(description="open, used, expired or revoked")


class InvitationIssued(ReadSchema):
    invitation: InvitationRead
    link: str = Field(description="the single-use link; shown only now, never stored")
    emailed: bool
    assessment: AssessmentRead


class AnswerReview(InputSchema):
    return_comment: str | None = Field(default=None, max_length=4000, description="shown to the vendor on return")
    reviewer_note: str | None = Field(default=None, max_length=4000, description="internal; never shown to the vendor")


class AssessmentDecision(InputSchema):
    version: int = Field(ge=1)
    comment: str | None = Field(default=None, max_length=4000)


class AssessmentImported(ReadSchema):
    updated: int = Field(description="answers written from the file")
    submitted: bool
    missing: list[str] = Field(description="required questions still unanswered (the assessment stays open)")
    assessment: AssessmentRead


# --- findings -----------------------------------------------------------------------------------------------


class FindingCreate(InputSchema):
    vendor_id: uuid.UUID
    assessment_id: uuid.UUID | None = None
    question_key: str | None = Field(default=None, max_length=64)
    severity: Severity
    title: str = Field(min_length=1, max_length=300)
    description: str | None = Field(default=None, max_length=20_000)
    remediation_plan: str | None = Field(default=None, max_length=20_000)
    due_date: date | None = None


class FindingUpdate(InputSchema):
    version: int = Field(ge=1)
    severity: Severity | None = None
    title: str | None = Field(default=None, min_length=1, max_length=300)
    description: str | None = Field(default=None, max_length=20_000)
    remediation_plan: str | None = Field(default=None, max_length=20_000)
    due_date: date | None = None
    status: FindingStatus | None = None
    resolution: str | None = Field(
        default=None, max_length=20_000, description="required to accept the risk; optional when closing"
    )
    risk_accepted_by_user_id: uuid.UUID | None = Field(
        default=None, description="the manager or administrator who accepts the risk; required with risk_accepted"
    )


class FindingRead(ReadSchema):
    id: uuid.UUID
    vendor_id: uuid.UUID
    vendor_name: str
    assessment_id: uuid.UUID | None
    question_key: str | None
    source: FindingSource
    severity: Severity
    title: str
    description: str | None
    remediation_plan: str | None
    vendor_proposed_plan: str | None
    due_date: date | None
    overdue: bool
    status: FindingStatus
    resolution: str | None
    risk_accepted_by_user_id: uuid.UUID | None
    closed_at: datetime | None
    allowed_status_transitions: list[FindingStatus]
    created_at: datetime
    updated_at: datetime
    version: int


# --- what a vendor's contact sees in the portal: classes of their own, so an internal score, note or rule
# cannot reach the vendor by being added to a staff shape ----------------------------------------------------


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
