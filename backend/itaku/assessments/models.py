import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from itaku.core.models import Base, IdMixin, TimestampMixin, VersionedMixin


class TemplateStatus(StrEnum):
    draft = "draft"
    published = "published"


class AssessmentKind(StrEnum):
    selection = "selection"
    periodic = "periodic"
    ad_hoc = "ad_hoc"


class AssessmentStatus(StrEnum):
    draft = "draft"
    sent = "sent"
    in_progress = "in_progress"
    submitted = "submitted"
    under_review = "under_review"
    returned = "returned"
    accepted = "accepted"


class FindingStatus(StrEnum):
    open = "open"
    in_remediation = "in_remediation"
    closed = "closed"
    risk_accepted = "risk_accepted"


class FindingSource(StrEnum):
    answer = "answer"  # raised by a template rule when the assessment was submitted
    manual = "manual"


class Questionnaire(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A template; its content lives in versions. Built-in templates carry their key."""

    __tablename__ = "questionnaires"
    __table_args__ = (UniqueConstraint("organization_id", "builtin_key"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    builtin_key: Mapped[str | None] = mapped_column(String(64))
    archived: Mapped[bool] = mapped_column(default=False)


class QuestionnaireVersion(IdMixin, TimestampMixin, VersionedMixin, Base):
    """One version of a template. A published version never changes; editing makes the next draft."""

    __tablename__ = "questionnaire_versions"
    __table_args__ = (UniqueConstraint("questionnaire_id", "number"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    questionnaire_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("questionnaires.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default=TemplateStatus.draft.value)
    title_ja: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str] = mapped_column(String(300))
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    question_count: Mapped[int] = mapped_column(Integer, default=0)
    published_at: Mapped[datetime | None]


class Assessment(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "assessments"
    __table_args__ = (
        Index("ix_assessments_org_vendor", "organization_id", "vendor_id"),
        Index("ix_assessments_org_status_due", "organization_id", "status", "due_date"),
        # The default order of every list (newest first): pages read in index order instead of sorting the lot.
        Index("ix_assessments_org_created", "organization_id", "created_at", "id"),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    vendor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vendors.id", ondelete="CASCADE"))
    questionnaire_version_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("questionnaire_versions.id", ondelete="RESTRICT"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default=AssessmentStatus.draft.value)
    title: Mapped[str] = mapped_column(String(300))
    due_date: Mapped[date | None]
    owner_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    sent_at: Mapped[datetime | None]
    submitted_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    decided_by_label: Mapped[str | None] = mapped_column(String(320))
    # What the reviewer said when returning or accepting; the return message is shown to the vendor.
    decision_comment: Mapped[str | None] = mapped_column(Text)
    internal_notes: Mapped[str | None] = mapped_column(Text)
    score: Mapped[float | None] = mapped_column(Float)
    band: Mapped[str | None] = mapped_column(String(64))
    section_scores: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    valid_until: Mapped[date | None]
    reminder_count: Mapped[int] = mapped_column(Integer, default=0)
    last_reminded_at: Mapped[datetime | None]


class AssessmentAnswer(IdMixin, TimestampMixin, Base):
    __tablename__ = "assessment_answers"
    __table_args__ = (UniqueConstraint("assessment_id", "question_key"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    assessment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    question_key: Mapped[str] = mapped_column(String(64))
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    comment: Mapped[str | None] = mapped_column(Text)  # the vendor's note on its answer
    file_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    answered_by_label: Mapped[str | None] = mapped_column(String(320))
    # Per-question review: the return comment goes back to the vendor; the note stays internal.
    return_comment: Mapped[str | None] = mapped_column(Text)
    reviewer_note: Mapped[str | None] = mapped_column(Text)


class Finding(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "findings"
    __table_args__ = (
        Index("ix_findings_org_vendor_status", "organization_id", "vendor_id", "status"),
        Index("ix_findings_org_status_due", "organization_id", "status", "due_date"),  # overdue: open and past due
        Index("ix_findings_assessment", "assessment_id", "question_key"),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    vendor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vendors.id", ondelete="CASCADE"))
    assessment_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("assessments.id", ondelete="SET NULL"))
    question_key: Mapped[str | None] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(16), default=FindingSource.manual.value)
    severity: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    remediation_plan: Mapped[str | None] = mapped_column(Text)
    vendor_proposed_plan: Mapped[str | None] = mapped_column(Text)
    due_date: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(16), default=FindingStatus.open.value)
    resolution: Mapped[str | None] = mapped_column(Text)  # why it closed, or why the risk is accepted
    risk_accepted_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    closed_at: Mapped[datetime | None]
