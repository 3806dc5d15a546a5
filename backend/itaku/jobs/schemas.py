import uuid
from datetime import datetime
from typing import Any

from pydantic import Field

from itaku.core.schemas import ReadSchema
from itaku.jobs.models import JobState, MailKind, MailOutcome


class JobRead(ReadSchema):
    """Background work and how it went; the payload stays inside (a mail's body may carry a sign-in link)."""

    id: uuid.UUID
    kind: str = Field(description="what work it is, e.g. `mail`")
    label: str = Field(description="what it is about, e.g. a mail's address and subject")
    state: JobState
    attempts: int = Field(description="attempts started so far")
    max_attempts: int
    run_after: datetime = Field(description="when a queued job runs next (after a failed attempt: the retry)")
    last_error: str | None = Field(description="why the last failed attempt failed")
    progress_done: int
    progress_total: int | None = Field(description="units of work in all, when known")
    result: dict[str, Any] | None = Field(description="what the work produced, by kind")
    created_at: datetime
    updated_at: datetime
    started_at: datetime | None = Field(description="when the latest attempt started")
    finished_at: datetime | None


class MailDeliveryRead(ReadSchema):
    """One attempt to deliver one mail."""

    id: uuid.UUID
    job_id: uuid.UUID | None
    kind: MailKind
    recipient: str
    subject: str
    attempt: int = Field(description="the job's attempt (0: none was made)")
    outcome: MailOutcome
    reason: str | None = Field(description="why it was not sent, or the SMTP server's refusal")
    attempted_at: datetime
