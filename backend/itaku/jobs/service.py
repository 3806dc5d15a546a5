"""Background jobs: enqueue work inside the caller's transaction, and let administrators see and retry what ran.

Enqueued work is durable: it commits with the request that asked for it, or not at all. Once the request has
committed, the process starts it at once (claiming it like any worker, so no job runs twice); whatever fails is
left to the job's retry schedule and the workers (`itaku worker`, or the app's own loop).
"""

import logging
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.audit import service as audit
from itaku.core.db import Database, after_commit
from itaku.core.errors import Conflict, NotFound
from itaku.core.mail import Mail, Mailer
from itaku.core.models import utcnow
from itaku.core.pagination import Paged, PageParams
from itaku.identity.principals import Principal, StaffUser, ensure_admin
from itaku.jobs import repository, runner
from itaku.jobs.mail import MAIL, SMTP_UNSET, MailPayload
from itaku.jobs.models import Job, JobState, MailDelivery, MailKind, MailOutcome
from itaku.jobs.registry import JobKind, P, Registry

log = logging.getLogger("itaku.jobs")

# How long finished jobs and the delivery log are kept.
FINISHED_JOBS_KEPT = timedelta(days=30)
DELIVERIES_KEPT = timedelta(days=90)


class JobNotFound(NotFound):
    code = "job_not_found"
    message = "No job with this id in your organisation."


class JobNotRetryable(Conflict):
    code = "job_not_retryable"
    message = "Only a failed job can be tried again."


async def enqueue(
    session: AsyncSession,
    kind: JobKind[P],
    payload: P,
    *,
    organization_id: uuid.UUID | None,
    label: str = "",
    dedup_key: str | None = None,
    run_after: datetime | None = None,
    start_now: bool = True,
) -> uuid.UUID | None:
    """Queue work in the caller's transaction. With `start_now`, this process runs it as soon as the transaction
    has committed. With a `dedup_key`, a job that already has the key wins and this returns None."""
    values: dict[str, Any] = {
        "id": uuid.uuid4(),
        "kind": kind.name,
        "organization_id": organization_id,
        "payload": payload.model_dump(mode="json"),
        "label": label[:300],
        "state": JobState.queued.value,
        "attempts": 0,
        "max_attempts": kind.max_attempts,
        "run_after": run_after or utcnow(),
        "progress_done": 0,
        "created_at": utcnow(),
        "updated_at": utcnow(),
    }
    if dedup_key is not None:
        job_id = await repository.add_once(session, {**values, "dedup_key": dedup_key})
        if job_id is None:
            return None
    else:
        job = Job(**values)
        await repository.add(session, job)
        job_id = job.id
    if start_now:
        _start_after_commit(session, job_id, kind)
    return job_id


def _start_after_commit(session: AsyncSession, job_id: uuid.UUID, kind: JobKind[Any]) -> None:
    database = session.info.get("database")  # absent for sessions not made by a Database: workers run it then
    if isinstance(database, Database):

        async def start() -> None:
            await runner.run_now(database, job_id, kind)

        after_commit(session, start)


_smtp_unset_noted: list[bool] = []


async def queue_mail(
    session: AsyncSession, mailer: Mailer, mail: Mail, *, kind: MailKind, organization_id: uuid.UUID | None
) -> None:
    """Send `mail` once the caller's transaction commits (never if it rolls back), retrying on SMTP failure. Without
    an SMTP server nothing is sent: the delivery log says so, and the server log once per process."""
    if not mailer.enabled:
        if not _smtp_unset_noted:
            _smtp_unset_noted.append(True)
            log.warning("mail_not_sent_smtp_unset", extra={"detail": SMTP_UNSET})
        delivery = MailDelivery(
            organization_id=organization_id,
            kind=kind.value,
            recipient=mail.to,
            subject=mail.subject[:500],
            attempt=0,
            outcome=MailOutcome.not_sent.value,
            reason=SMTP_UNSET,
        )
        await repository.add_delivery(session, delivery)
        return
    payload = MailPayload(to=mail.to, subject=mail.subject, body=mail.body, kind=kind)
    await enqueue(session, MAIL, payload, organization_id=organization_id, label=f"{mail.to}: {mail.subject}")


async def list_jobs(
    session: AsyncSession, admin: StaffUser, params: PageParams, states: list[JobState] | None
) -> Paged[Job]:
    return await repository.list_jobs(
        session, admin.organization_id, params, [s.value for s in states] if states else None
    )


async def get(session: AsyncSession, principal: Principal, job_id: uuid.UUID) -> Job:
    """Scope first, then permit: another organisation's job is 404 for everyone, ours 403 for non-admins."""
    job = await repository.get(session, principal.organization_id, job_id)
    if job is None:
        raise JobNotFound()
    ensure_admin(principal)
    return job


async def retry(session: AsyncSession, principal: Principal, job_id: uuid.UUID, registry: Registry) -> Job:
    """Give a failed job a fresh round of attempts, starting now: at once after this request commits when this
    process knows its kind (`registry`), else with the next worker."""
    job = await get(session, principal, job_id)
    admin = ensure_admin(principal)
    if job.state != JobState.failed.value:
        raise JobNotRetryable()
    before = {"state": job.state, "attempts": job.attempts}
    job.state, job.attempts, job.run_after, job.finished_at = JobState.queued.value, 0, utcnow(), None
    job.locked_by = job.locked_until = None
    await session.flush()
    await audit.record(
        session,
        admin,
        entity_type="job",
        entity_id=job.id,
        action="retried",
        before=before,
        after={"state": job.state, "attempts": job.attempts, "kind": job.kind},
    )
    kind = registry.get(job.kind)
    if kind is not None:
        _start_after_commit(session, job.id, kind)
    return job


async def list_deliveries(
    session: AsyncSession, admin: StaffUser, params: PageParams, outcome: MailOutcome | None
) -> Paged[MailDelivery]:
    return await repository.list_deliveries(session, admin.organization_id, params, outcome.value if outcome else None)


async def purge(session: AsyncSession) -> None:
    now = utcnow()
    await repository.purge(session, now - FINISHED_JOBS_KEPT, now - DELIVERIES_KEPT)
