"""Jobs in a given state, written straight to the database: a failed mail, say, without waiting through an hour of
SMTP retries first."""

import uuid

from itaku.core.db import Database
from itaku.core.models import utcnow
from itaku.jobs.mail import MAIL, MailPayload
from itaku.jobs.models import Job, JobState, MailKind


async def failed_mail_job(db: Database, organization_id: str | uuid.UUID, to: str) -> uuid.UUID:
    payload = MailPayload(
        to=to, subject="[Itaku] 招待 / Invitation", body="https://itaku.example.com/", kind=MailKind.invitation
    )
    job = Job(
        kind=MAIL.name,
        organization_id=uuid.UUID(str(organization_id)),
        payload=payload.model_dump(mode="json"),
        label=f"{to}: {payload.subject}",
        state=JobState.failed.value,
        attempts=MAIL.max_attempts,
        max_attempts=MAIL.max_attempts,
        last_error="SMTPRecipientsRefused: {'" + to + "': (550, b'mailbox unavailable')}",
        finished_at=utcnow(),
    )
    async with db.unit_of_work(write=True) as session:
        session.add(job)
    return job.id
