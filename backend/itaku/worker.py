"""The scheduler: plan every organisation's review calendar again (the horizon moves with the days) and send the
reminders that are due. It runs inside the app process (`ITAKU_SCHEDULER=app`, one node) or as `itaku worker`
processes; reminders are claimed row by row under a unique key, so two workers never send the same one."""

import asyncio
import logging
from dataclasses import dataclass
from datetime import date

from itaku.auth import service as auth_service
from itaku.core.config import Settings
from itaku.core.db import Database
from itaku.core.mail import Mailer
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


async def run_once(db: Database, settings: Settings, mailer: Mailer, *, today: date | None = None) -> RunResult:
    async with db.unit_of_work(write=False) as session:
        org_ids = await organization_service.all_ids(session)
    planned = reminders = 0
    for org_id in org_ids:
        # One transaction per organisation and step: a failure in one leaves the others done.
        try:
            async with db.unit_of_work(write=True) as session:
                planned += await monitoring_calendar.replan_organization(session, org_id, today=today)
            async with db.unit_of_work(write=True) as session:
                reminders += await monitoring_reminders.send_reminders(
                    session, org_id, settings=settings, mailer=mailer, today=today
                )
        except Exception:
            log.exception("monitoring_run_failed", extra={"organization_id": str(org_id)})
    result = RunResult(len(org_ids), planned, reminders)
    log.info("monitoring_run", extra=result.__dict__)
    await housekeeping(db)
    return result


async def housekeeping(db: Database) -> None:
    """Rows that have served their purpose: throttle windows long past, mailed links long expired, sessions ended
    long ago (kept for a while: "where was I signed in" is asked after the fact)."""
    try:
        async with db.unit_of_work(write=True) as session:
            await throttle.purge(session)
            await auth_service.purge_expired_links(session)
            await sessions.purge_ended(session)
    except Exception:
        log.exception("housekeeping_failed")


async def run_forever(db: Database, settings: Settings, mailer: Mailer) -> None:
    while True:
        try:
            await run_once(db, settings, mailer)
        except Exception:
            log.exception("monitoring_run_failed")
        await asyncio.sleep(settings.scheduler_interval_seconds)
