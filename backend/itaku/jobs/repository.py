"""Every query of the jobs domain. Claims are conditional UPDATEs: whatever the database, a job moves from
runnable to running for one claimant only."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from itaku.core.pagination import Paged, PageParams, paginate
from itaku.jobs.models import Job, JobState, MailDelivery

# Candidates looked at per claim on SQLite, where two processes may pick the same one and the loser takes the next
# (PostgreSQL's SKIP LOCKED hands each claimant a different row).
CLAIM_CANDIDATES = 5


def _runnable(now: datetime) -> ColumnElement[bool]:
    """Queued and due, or claimed by a worker whose lease ran out with attempts left."""
    return or_(
        and_(Job.state == JobState.queued.value, Job.run_after <= now),
        and_(Job.state == JobState.running.value, Job.locked_until < now, Job.attempts < Job.max_attempts),
    )


async def add(session: AsyncSession, job: Job) -> None:
    session.add(job)
    await session.flush()


async def add_once(session: AsyncSession, values: dict[str, Any]) -> uuid.UUID | None:
    """Insert unless a job with the same `dedup_key` exists (concurrent inserts agree on one); returns the new id."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    stmt = insert(Job).values(**values).on_conflict_do_nothing(index_elements=["dedup_key"]).returning(Job.id)
    return (await session.execute(stmt)).scalar_one_or_none()


async def claim(
    session: AsyncSession,
    now: datetime,
    token: uuid.UUID,
    lease_until: datetime,
    *,
    job_id: uuid.UUID | None = None,
    kinds: list[str] | None = None,
) -> Job | None:
    """Take the next runnable job (the given one, or one of the given kinds) for the claimant `token`. PostgreSQL
    skips rows other workers are claiming (SKIP LOCKED); on SQLite, where writers take turns, the conditional UPDATE
    decides."""
    pick = select(Job.id).where(_runnable(now)).order_by(Job.run_after, Job.created_at)
    if job_id is not None:
        pick = pick.where(Job.id == job_id)
    if kinds is not None:
        pick = pick.where(Job.kind.in_(kinds))
    postgres = session.get_bind().dialect.name == "postgresql"
    pick = pick.limit(1 if postgres else CLAIM_CANDIDATES).with_for_update(skip_locked=True)
    for candidate in (await session.scalars(pick)).all():
        taken = await session.execute(
            update(Job)
            .where(Job.id == candidate, _runnable(now))
            .values(
                state=JobState.running.value,
                attempts=Job.attempts + 1,
                locked_by=token,
                locked_until=lease_until,
                started_at=now,
                updated_at=now,
            )
            .execution_options(synchronize_session=False)
        )
        if taken.rowcount == 1:  # type: ignore[attr-defined]
            job = await session.get(Job, candidate, populate_existing=True)
            return job
    return None


async def settle(session: AsyncSession, job_id: uuid.UUID, token: uuid.UUID, values: dict[str, Any]) -> bool:
    """Write the outcome of a claim; refused (False) when the claim is no longer this worker's."""
    result = await session.execute(
        update(Job)
        .where(Job.id == job_id, Job.locked_by == token, Job.state == JobState.running.value)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


async def fail_abandoned(session: AsyncSession, now: datetime, error: str) -> int:
    """Jobs whose worker stopped during their last attempt: nobody may take them again, so they have failed."""
    result = await session.execute(
        update(Job)
        .where(
            Job.state == JobState.running.value,
            Job.locked_until < now,
            Job.attempts >= Job.max_attempts,
        )
        .values(state=JobState.failed.value, last_error=error, locked_by=None, finished_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def get(session: AsyncSession, organization_id: uuid.UUID, job_id: uuid.UUID) -> Job | None:
    stmt = select(Job).where(Job.organization_id == organization_id, Job.id == job_id)
    return (await session.scalars(stmt)).one_or_none()


async def list_jobs(
    session: AsyncSession, organization_id: uuid.UUID, params: PageParams, states: list[str] | None
) -> Paged[Job]:
    stmt = select(Job).where(Job.organization_id == organization_id)
    if states:
        stmt = stmt.where(Job.state.in_(states))
    return await paginate(session, stmt.order_by(Job.created_at.desc(), Job.id.desc()), params)


async def add_delivery(session: AsyncSession, delivery: MailDelivery) -> None:
    session.add(delivery)
    await session.flush()


async def list_deliveries(
    session: AsyncSession, organization_id: uuid.UUID, params: PageParams, outcome: str | None
) -> Paged[MailDelivery]:
    stmt = select(MailDelivery).where(MailDelivery.organization_id == organization_id)
    if outcome:
        stmt = stmt.where(MailDelivery.outcome == outcome)
    return await paginate(session, stmt.order_by(MailDelivery.attempted_at.desc(), MailDelivery.id.desc()), params)


async def purge(session: AsyncSession, finished_before: datetime, deliveries_before: datetime) -> None:
    await session.execute(
        delete(Job).where(
            Job.state.in_([JobState.succeeded.value, JobState.failed.value, JobState.cancelled.value]),
            Job.finished_at < finished_before,
        )
    )
    await session.execute(delete(MailDelivery).where(MailDelivery.attempted_at < deliveries_before))
