import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from itaku.core.models import Base, IdMixin, utcnow


class JobState(StrEnum):
    queued = "queued"  # waiting for `run_after` (a first run, or the next try after a failure)
    running = "running"  # claimed by a worker until `locked_until`; a worker that died loses it then
    succeeded = "succeeded"
    failed = "failed"  # every attempt failed, or it can never succeed (no handler, a malformed payload)
    cancelled = "cancelled"  # the shared vocabulary's state for work a person stopped (nothing stops one yet)


class Job(IdMixin, Base):
    """One piece of background work. Workers claim it in a short transaction, run it outside any, and settle it
    in another; the claim is fenced by `locked_by`, so a worker whose lease ran out cannot settle it any more."""

    __tablename__ = "jobs"
    __table_args__ = (
        Index("ix_jobs_runnable", "state", "run_after"),
        Index("ix_jobs_org_created", "organization_id", "created_at"),
    )

    kind: Mapped[str] = mapped_column(String(64))
    # None for work of the installation (the scheduler's sweeps, mail about an account): no organisation sees it.
    organization_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    # What it is about, for lists (a mail's address and subject); never secret.
    label: Mapped[str] = mapped_column(String(300), default="")
    state: Mapped[str] = mapped_column(String(16), default=JobState.queued.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer)
    run_after: Mapped[datetime] = mapped_column(default=utcnow)
    # A fresh token per claim, and the end of the claim's lease.
    locked_by: Mapped[uuid.UUID | None] = mapped_column(default=None)
    locked_until: Mapped[datetime | None] = mapped_column(default=None)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    progress_done: Mapped[int] = mapped_column(Integer, default=0)
    progress_total: Mapped[int | None] = mapped_column(Integer, default=None)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    # Work that must exist once (the scheduler's sweep of one period): a second enqueue with the key does nothing.
    dedup_key: Mapped[str | None] = mapped_column(String(200), unique=True, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(default=None)
    finished_at: Mapped[datetime | None] = mapped_column(default=None)


class MailKind(StrEnum):
    """Why a mail was written, as the delivery log shows it."""

    invitation = "invitation"
    registration = "registration"
    password_reset = "password_reset"
    assessment_link = "assessment_link"
    portal_link = "portal_link"
    incident_reported = "incident_reported"
    monitoring_reminder = "monitoring_reminder"


class MailOutcome(StrEnum):
    sent = "sent"  # the SMTP server accepted it
    failed = "failed"  # this attempt failed; the job tries again until its attempts run out
    not_sent = "not_sent"  # nothing was tried (no SMTP server configured)


class MailDelivery(IdMixin, Base):
    """One attempt to deliver one mail: the delivery log administrators read. The body is never kept here."""

    __tablename__ = "mail_deliveries"
    __table_args__ = (Index("ix_mail_deliveries_org_attempted", "organization_id", "attempted_at"),)

    organization_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    job_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("jobs.id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(500))
    attempt: Mapped[int] = mapped_column(Integer, default=0)
    outcome: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text, default=None)
    attempted_at: Mapped[datetime] = mapped_column(default=utcnow)
