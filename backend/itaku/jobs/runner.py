"""Running jobs: claim in a short transaction, run outside any, settle in another. Any number of processes may run
this at once (app processes and `itaku worker`s); a claim is exclusive, and a lease that runs out (the worker died)
gives the job to the next claimant."""

import logging
import uuid
from datetime import timedelta
from typing import Any

from pydantic import ValidationError

from itaku.core.db import Database
from itaku.core.mail import Mailer
from itaku.core.models import utcnow
from itaku.jobs import repository
from itaku.jobs.models import Job, JobState
from itaku.jobs.registry import JobContext, JobKind, Registry

log = logging.getLogger("itaku.jobs")

ABANDONED = "The worker running the last attempt stopped before it finished (its lease ran out)."
# Jobs one drain runs at most, so a flood of work cannot hold a worker's loop (and its scheduler) forever.
DRAIN_LIMIT = 500


async def run_now(db: Database, job_id: uuid.UUID, kind: JobKind[Any]) -> bool:
    """Run one job at once if no worker has taken it yet (the app starts what a request enqueued this way); a
    failure is left to the job's retry schedule. Returns whether this call ran it."""
    token = uuid.uuid4()
    async with db.unit_of_work(write=True) as session:
        job = await repository.claim(session, utcnow(), token, utcnow() + kind.lease, job_id=job_id)
    if job is None:
        return False
    await _execute(db, job, token, kind)
    return True


async def run_next(db: Database, registry: Registry, *, kinds: list[str] | None = None) -> bool:
    """Claim and run the next due job (of any kind, or of `kinds`); False when none is due. A kind this registry
    does not know fails with that reason."""
    token = uuid.uuid4()
    lease = max((k.lease for k in map(registry.get, registry.names) if k), default=timedelta(minutes=5))
    async with db.unit_of_work(write=True) as session:
        job = await repository.claim(session, utcnow(), token, utcnow() + lease, kinds=kinds)
    if job is None:
        return False
    await _execute(db, job, token, registry.get(job.kind))
    return True


async def drain(db: Database, registry: Registry, *, kinds: list[str] | None = None, limit: int = DRAIN_LIMIT) -> int:
    """Run due jobs (of any kind, or of `kinds`) until none is left or `limit` ran; returns how many ran."""
    async with db.unit_of_work(write=True) as session:
        abandoned = await repository.fail_abandoned(session, utcnow(), ABANDONED)
    if abandoned:
        log.warning("jobs_abandoned", extra={"count": abandoned})
    ran = 0
    while ran < limit and await run_next(db, registry, kinds=kinds):
        ran += 1
    return ran


async def _execute(db: Database, job: Job, token: uuid.UUID, kind: JobKind[Any] | None) -> None:
    if kind is None:
        await _settle(db, job, token, _failed(f"No handler is registered for the job kind {job.kind!r}."))
        return
    try:
        payload = kind.payload.model_validate(job.payload)
    except ValidationError as exc:
        await _settle(db, job, token, _failed(f"The payload does not fit the job kind {kind.name!r}: {exc}"))
        return

    async def report_progress(done: int, total: int | None) -> None:
        async with db.unit_of_work(write=True) as session:
            values = {"progress_done": done, "progress_total": total, "locked_until": utcnow() + kind.lease}
            await repository.settle(session, job.id, token, values)

    ctx = JobContext(
        db=db,
        settings=db.settings,
        mailer=Mailer(db.settings),
        job_id=job.id,
        organization_id=job.organization_id,
        attempt=job.attempts,
        report_progress=report_progress,
    )
    try:
        result = await kind.run(ctx, payload)
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"
        log.warning("job_attempt_failed", extra={"job_id": str(job.id), "kind": job.kind, "error": error})
        if job.attempts >= job.max_attempts:
            await _settle(db, job, token, _failed(error))
        else:
            run_after = utcnow() + kind.retry_delay(job.attempts)
            values = {"state": JobState.queued.value, "run_after": run_after, "last_error": error[:4000]}
            await _settle(db, job, token, {**values, "locked_by": None, "locked_until": None})
        return
    kept = {k: v for k, v in job.payload.items() if k not in kind.secret_fields}
    await _settle(
        db,
        job,
        token,
        {"state": JobState.succeeded.value, "result": result, "payload": kept, "finished_at": utcnow()},
    )


def _failed(error: str) -> dict[str, Any]:
    return {"state": JobState.failed.value, "last_error": error[:4000], "finished_at": utcnow()}


async def _settle(db: Database, job: Job, token: uuid.UUID, values: dict[str, Any]) -> None:
    values = {**values, "updated_at": utcnow()}  # the outcome's moment, not the end of a wait for the write lock
    async with db.unit_of_work(write=True) as session:
        settled = await repository.settle(session, job.id, token, values)
    if not settled:
        # The lease ran out and another worker took the job: its outcome is the one that counts.
        log.warning("job_claim_lost", extra={"job_id": str(job.id), "kind": job.kind})
    elif values["state"] == JobState.failed.value:
        log.error("job_failed", extra={"job_id": str(job.id), "kind": job.kind, "error": values["last_error"]})
