"""Background work: every kind of job, registered once, and the loop that runs them — in the app process
(`ITAKU_SCHEDULER=app`, one node) or in any number of `itaku worker` processes beside apps started with
`ITAKU_SCHEDULER=off`. Each loop also schedules the periodic reminder sweep, which plans every organisation's review
calendar again (the horizon moves with the days) and queues the reminders that are due, each as a mail job. The
sweep of a period is enqueued once however many loops run, and reminders are claimed row by row under a unique key,
so two sweeps never mail the same one."""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from pydantic import BaseModel

from itaku.auth import service as auth_service
from itaku.core.config import Settings
from itaku.core.db import Database
from itaku.core.mail import Mailer
from itaku.core.models import utcnow
from itaku.jobs import runner
from itaku.jobs import service as job_service
from itaku.jobs.mail import MAIL
from itaku.jobs.registry import JobContext, JobKind, Registry
from itaku.monitoring import calendar as monitoring_calendar
from itaku.monitoring import reminders as monitoring_reminders
from itaku.organizations import service as organization_service
from itaku.throttle import service as throttle
from itaku.users import sessions

log = logging.getLogger("itaku.worker")


@dataclass(frozen=True)
class RunResult:
    organizations: int
    vendors_planned: int
    reminders: int


async def run_once(
    db: Database,
    settings: Settings,
    mailer: Mailer,
    *,
    today: date | None = None,
    progress: Callable[[int, int | None], Awaitable[None]] | None = None,
) -> RunResult:
    """The reminder sweep itself (the job below runs it)."""
    async with db.unit_of_work(write=False) as session:
        org_ids = await organization_service.all_ids(session)
    planned = reminders = 0
    for done, org_id in enumerate(org_ids, start=1):
        # One transaction per organisation and step: a failure in one leaves the others done.
        try:
            planned += await monitoring_calendar.plan_organization(db, org_id, today=today)
            async with db.unit_of_work(write=True) as session:
                reminders += await monitoring_reminders.send_reminders(
                    session, org_id, settings=settings, mailer=mailer, today=today
                )
        except Exception:
            log.exception("monitoring_run_failed", extra={"organization_id": str(org_id)})
        if progress is not None:
            await progress(done, len(org_ids))
    result = RunResult(len(org_ids), planned, reminders)
    log.info("monitoring_run", extra=result.__dict__)
    await housekeeping(db)
    return result


async def housekeeping(db: Database) -> None:
    """Rows that have served their purpose: throttle windows long past, mailed links long expired, sessions ended
    long ago (kept for a while: "where was I signed in" is asked after the fact), finished jobs and old deliveries;
    then the query planner's statistics, once the day's planning has written what it writes."""
    try:
        async with db.unit_of_work(write=True) as session:
            await throttle.purge(session)
            await auth_service.purge_expired_links(session)
            await sessions.purge_ended(session)
            await job_service.purge(session)
        await db.refresh_statistics()
    except Exception:
        log.exception("housekeeping_failed")


class SweepPayload(BaseModel):
    today: date | None = None  # the day to plan for; the worker's today when absent


async def sweep(ctx: JobContext, payload: SweepPayload) -> dict[str, Any]:
    result = await run_once(ctx.db, ctx.settings, ctx.mailer, today=payload.today, progress=ctx.report_progress)
    return dict(result.__dict__)


REMINDER_SWEEP = JobKind("monitoring.reminder_sweep", SweepPayload, sweep, max_attempts=3, lease=timedelta(minutes=10))

REGISTRY = Registry(MAIL, REMINDER_SWEEP, monitoring_calendar.PLAN_CALENDAR)


async def schedule_sweep(db: Database, interval_seconds: int, now: datetime) -> bool:
    """Enqueue the sweep of the period `now` falls in, unless a scheduler (this one or another process's) already
    did: the period's start is the job's dedup key. Returns whether this call enqueued it."""
    start = int(now.timestamp()) // interval_seconds * interval_seconds
    period = datetime.fromtimestamp(start, UTC).isoformat()
    async with db.unit_of_work(write=True) as session:
        job_id = await job_service.enqueue(
            session,
            REMINDER_SWEEP,
            SweepPayload(),
            organization_id=None,
            label=f"reminder sweep of {period}",
            dedup_key=f"{REMINDER_SWEEP.name}@{period}",
            start_now=False,
        )
    return job_id is not None


async def run_due_now(db: Database) -> int:
    """A sweep now, whatever the schedule (cron, or a person at the console), then every job that is due; returns
    how many jobs ran. Two at once are harmless: each reminder is claimed once."""
    async with db.unit_of_work(write=True) as session:
        await job_service.enqueue(
            session, REMINDER_SWEEP, SweepPayload(), organization_id=None, label="reminder sweep", start_now=False
        )
    return await runner.drain(db, REGISTRY)


async def run_forever(db: Database, settings: Settings) -> None:
    loop = asyncio.get_running_loop()
    next_sweep = loop.time()
    while True:
        try:
            if loop.time() >= next_sweep:
                next_sweep = loop.time() + settings.scheduler_interval_seconds
                await schedule_sweep(db, settings.scheduler_interval_seconds, utcnow())
            await runner.drain(db, REGISTRY)
        except Exception:
            log.exception("worker_loop_failed")
        await asyncio.sleep(settings.jobs_poll_seconds)
