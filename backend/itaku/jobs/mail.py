"""Mail as a job: queued inside the request's transaction (so it leaves only if that commits), sent by a worker or
right after the commit, retried on SMTP failure, every attempt written to the delivery log."""

from datetime import timedelta
from typing import Any

from pydantic import BaseModel

from itaku.core.mail import Mail
from itaku.jobs import repository
from itaku.jobs.models import MailDelivery, MailKind, MailOutcome
from itaku.jobs.registry import JobContext, JobKind

SMTP_UNSET = "No SMTP server is configured (ITAKU_SMTP_HOST is unset), so nothing was sent."


class MailPayload(BaseModel):
    to: str
    subject: str
    body: str = ""  # removed from the stored job once sent (it may carry a sign-in link)
    kind: MailKind


async def deliver(ctx: JobContext, payload: MailPayload) -> dict[str, Any] | None:
    """One attempt: hand the mail to the SMTP server and log the outcome; a failure raises, so the job retries."""
    try:
        await ctx.mailer.send(Mail(to=payload.to, subject=payload.subject, body=payload.body))
    except Exception as exc:
        await _log(ctx, payload, MailOutcome.failed, f"{type(exc).__name__}: {exc}")
        raise
    await _log(ctx, payload, MailOutcome.sent, None)
    return None


async def _log(ctx: JobContext, payload: MailPayload, outcome: MailOutcome, reason: str | None) -> None:
    async with ctx.db.unit_of_work(write=True) as session:
        await repository.add_delivery(
            session,
            MailDelivery(
                organization_id=ctx.organization_id,
                job_id=ctx.job_id,
                kind=payload.kind.value,
                recipient=payload.to,
                subject=payload.subject[:500],
                attempt=ctx.attempt,
                outcome=outcome.value,
                reason=reason[:2000] if reason else None,
            ),
        )


# Six tries over about half an hour (1, 2, 4, 8 and 16 minutes apart): an SMTP server that is briefly away or
# refuses for a while (greylisting) is waited for; a mail that still cannot leave is a failed job to look at.
MAIL = JobKind("mail", MailPayload, deliver, max_attempts=6, backoff=timedelta(minutes=1), secret_fields=("body",))
