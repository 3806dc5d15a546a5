"""The job queue: a job runs once however many workers claim at the same time, a failing one is retried with
backoff and then fails, a dead worker's job is taken again after its lease, mail is a job that leaves only when the
request's transaction commits, and administrators see their own organisation's jobs and delivery log."""

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller
from pydantic import BaseModel
from sqlalchemy import delete, select, update

from itaku.core.db import Database
from itaku.core.mail import Mail, Mailer
from itaku.core.models import utcnow
from itaku.jobs import repository, runner
from itaku.jobs import service as job_service
from itaku.jobs.models import Job, JobState, MailKind
from itaku.jobs.registry import JobContext, JobKind, Registry
from itaku.main import create_app
from itaku.worker import REGISTRY, REMINDER_SWEEP, schedule_sweep
from tests.builders import invite, member_token, register, unique_email
from tests.conftest import TestDatabase, test_settings
from tests.job_builders import failed_mail_job
from tests.mailbox import Inbox, free_port, mail_to


class Note(BaseModel):
    key: str


RUNS: list[str] = []


async def _count(_ctx: JobContext, payload: Note) -> dict[str, Any]:
    await asyncio.sleep(0.01)  # long enough for the other worker to try the same job meanwhile
    RUNS.append(payload.key)
    return {"key": payload.key}


async def _fail(_ctx: JobContext, payload: Note) -> None:
    raise RuntimeError(f"the partner system refused {payload.key}")


# Kinds of this test run only: each test claims its own kinds, never another test's jobs.
def kinds() -> tuple[JobKind[Note], JobKind[Note]]:
    suffix = uuid.uuid4().hex[:8]
    counting = JobKind(f"test.count.{suffix}", Note, _count, lease=timedelta(seconds=30))
    failing = JobKind(f"test.fail.{suffix}", Note, _fail, max_attempts=3, backoff=timedelta(seconds=30))
    return counting, failing


@pytest.fixture
async def db(database: TestDatabase) -> Any:
    d = Database(test_settings(database.url))
    yield d
    await d.dispose()


async def enqueue(db: Database, kind: JobKind[Note], key: str, **kwargs: Any) -> uuid.UUID:
    async with db.unit_of_work(write=True) as session:
        job_id = await job_service.enqueue(
            session, kind, Note(key=key), organization_id=None, start_now=False, **kwargs
        )
    assert job_id is not None
    return job_id


async def read(db: Database, job_id: uuid.UUID) -> Job:
    async with db.unit_of_work(write=False) as session:
        job = await session.get(Job, job_id)
    assert job is not None
    return job


async def make_due(db: Database, job_id: uuid.UUID) -> None:
    async with db.unit_of_work(write=True) as session:
        await session.execute(update(Job).where(Job.id == job_id).values(run_after=utcnow() - timedelta(seconds=1)))


def waits(job: Job) -> float:
    """Seconds between the failed attempt being settled and the next try (whatever the machine's load meanwhile)."""
    return round((job.run_after - job.updated_at).total_seconds())


async def test_two_workers_never_run_one_job_twice(database: TestDatabase) -> None:
    counting, _ = kinds()
    registry = Registry(counting)
    # Two Database objects are two workers: separate connection pools (and, on SQLite, separate write queues).
    first, second = Database(test_settings(database.url)), Database(test_settings(database.url))
    try:
        keys = [f"job-{i}" for i in range(30)]
        for key in keys:
            await enqueue(first, counting, key)
        RUNS.clear()
        ran = await asyncio.gather(
            runner.drain(first, registry, kinds=[counting.name]), runner.drain(second, registry, kinds=[counting.name])
        )
        assert sorted(RUNS) == sorted(keys)  # each ran exactly once
        assert sum(ran) == len(keys)
        async with first.unit_of_work(write=False) as session:
            jobs = (await session.scalars(select(Job).where(Job.kind == counting.name))).all()
        assert {j.state for j in jobs} == {JobState.succeeded.value}
        assert {j.attempts for j in jobs} == {1}
        assert {tuple(sorted((j.result or {}).items())) for j in jobs} == {(("key", k),) for k in keys}
    finally:
        await first.dispose()
        await second.dispose()


async def test_a_failing_job_is_retried_with_growing_waits_and_then_fails(db: Database) -> None:
    _, failing = kinds()
    registry = Registry(failing)
    job_id = await enqueue(db, failing, "order-1")

    assert await runner.run_now(db, job_id, failing)
    job = await read(db, job_id)
    assert (job.state, job.attempts) == (JobState.queued.value, 1)
    assert job.last_error == "RuntimeError: the partner system refused order-1"
    assert waits(job) == 30
    assert await runner.drain(db, registry, kinds=[failing.name]) == 0  # not due yet

    await make_due(db, job_id)
    assert await runner.drain(db, registry, kinds=[failing.name]) == 1
    job = await read(db, job_id)
    assert (job.state, job.attempts) == (JobState.queued.value, 2)
    assert waits(job) == 60  # the wait doubles

    await make_due(db, job_id)
    assert await runner.drain(db, registry, kinds=[failing.name]) == 1
    job = await read(db, job_id)
    assert (job.state, job.attempts) == (JobState.failed.value, 3)
    assert job.finished_at is not None and job.last_error is not None
    await make_due(db, job_id)
    assert await runner.drain(db, registry, kinds=[failing.name]) == 0  # failed is final


async def test_a_job_whose_worker_died_is_taken_again_after_its_lease(db: Database) -> None:
    counting, _ = kinds()
    job_id = await enqueue(db, counting, "lease")
    dead = uuid.uuid4()
    async with db.unit_of_work(write=True) as session:  # a worker claims it, then dies before it settles
        claimed = await repository.claim(session, utcnow(), dead, utcnow() + timedelta(seconds=30), job_id=job_id)
    assert claimed is not None
    assert not await runner.run_now(db, job_id, counting)  # still leased: nobody else may take it

    async with db.unit_of_work(write=True) as session:  # the lease runs out
        await session.execute(update(Job).where(Job.id == job_id).values(locked_until=utcnow() - timedelta(seconds=1)))
    RUNS.clear()
    assert await runner.drain(db, Registry(counting), kinds=[counting.name]) == 1
    assert RUNS == ["lease"]
    job = await read(db, job_id)
    assert (job.state, job.attempts) == (JobState.succeeded.value, 2)
    async with db.unit_of_work(write=True) as session:  # the dead worker's late outcome no longer counts
        assert not await repository.settle(session, job_id, dead, {"state": JobState.failed.value})


async def test_a_job_abandoned_on_its_last_attempt_fails_and_an_unknown_kind_fails_with_the_reason(
    db: Database,
) -> None:
    counting, _ = kinds()
    job_id = await enqueue(db, counting, "last")
    async with db.unit_of_work(write=True) as session:
        await session.execute(
            update(Job)
            .where(Job.id == job_id)
            .values(
                state=JobState.running.value,
                attempts=counting.max_attempts,
                locked_by=uuid.uuid4(),
                locked_until=utcnow() - timedelta(seconds=1),
            )
        )
    await runner.drain(db, Registry(counting), kinds=[counting.name])
    job = await read(db, job_id)
    assert (job.state, job.last_error) == (JobState.failed.value, runner.ABANDONED)

    orphan = await enqueue(db, counting, "nobody runs me")
    assert await runner.run_next(db, Registry(), kinds=[counting.name])
    job = await read(db, orphan)
    assert job.state == JobState.failed.value
    assert job.last_error == f"No handler is registered for the job kind {counting.name!r}."


async def test_the_sweep_of_one_period_is_enqueued_once_by_two_schedulers(database: TestDatabase) -> None:
    first, second = Database(test_settings(database.url)), Database(test_settings(database.url))
    interval = 3600
    # An hour of its own (the database is shared with the other tests), in the future.
    period = datetime(2031, 1, 1, tzinfo=UTC) + timedelta(hours=uuid.uuid4().int % 500_000)
    now = period + timedelta(minutes=17)
    try:
        enqueued = await asyncio.gather(schedule_sweep(first, interval, now), schedule_sweep(second, interval, now))
        assert sorted(enqueued) == [False, True]
        assert not await schedule_sweep(first, interval, period + timedelta(minutes=59))  # the same period
        assert await schedule_sweep(second, interval, period + timedelta(hours=1))  # the next one
        keys = [f"{REMINDER_SWEEP.name}@{(period + timedelta(hours=h)).isoformat()}" for h in (0, 1)]
        async with first.unit_of_work(write=True) as session:
            jobs = (await session.scalars(select(Job).where(Job.dedup_key.in_(keys)))).all()
            assert sorted(j.dedup_key or "" for j in jobs) == keys
            assert {(j.kind, j.state, j.organization_id) for j in jobs} == {(REMINDER_SWEEP.name, "queued", None)}
            # Left queued, they would sweep for real in another test's worker: this test only counts them.
            await session.execute(delete(Job).where(Job.dedup_key.in_(keys)))
    finally:
        await first.dispose()
        await second.dispose()


# --- mail -------------------------------------------------------------------------------------------------------


async def deliveries(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> list[dict[str, Any]]:
    r = await client.get("/api/v1/mail-deliveries", params={"size": 100, **params}, headers=headers)
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


async def test_mail_is_not_sent_when_the_transaction_rolls_back(mail_app: Any, smtp: tuple[Inbox, int]) -> None:
    inbox, _ = smtp
    db: Database = mail_app.state.db
    to = unique_email("never")
    with pytest.raises(RuntimeError):
        async with db.unit_of_work(write=True) as session:
            await job_service.queue_mail(
                session,
                Mailer(db.settings),
                Mail(to, "[Itaku] x", "body"),
                kind=MailKind.invitation,
                organization_id=None,
            )
            raise RuntimeError("a later step of the request failed")
    await asyncio.sleep(0.3)
    assert [m for m in inbox.messages if m["To"] == to] == []
    async with db.unit_of_work(write=False) as session:
        assert (await session.scalars(select(Job).where(Job.label.startswith(to)))).all() == []

    async with db.unit_of_work(write=True) as session:  # the same, committed, leaves at once
        await job_service.queue_mail(
            session, Mailer(db.settings), Mail(to, "[Itaku] x", "body"), kind=MailKind.invitation, organization_id=None
        )
    assert mail_to(to)["Subject"] == "[Itaku] x"


async def test_a_refused_smtp_delivery_is_logged_with_its_reason_and_retried(
    client: httpx.AsyncClient, database: TestDatabase
) -> None:
    org = await register(client)  # through the app whose mail server is up
    port = free_port()  # nothing listens here yet: this app's SMTP server is down
    app = create_app(test_settings(database.url, smtp_port=port))
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            invited = await invite(client, org)
            assert invited["invitation_url"]  # the answer is what it was: the link to copy
            [failed] = await deliveries(client, org.headers)
            assert (failed["recipient"], failed["kind"], failed["outcome"]) == (
                invited["email"],
                "invitation",
                "failed",
            )
            assert failed["attempt"] == 1 and "Connection refused" in failed["reason"]
            r = await client.get(f"/api/v1/jobs/{failed['job_id']}", headers=org.headers)
            job = r.json()
            assert (job["state"], job["attempts"], job["kind"]) == ("queued", 1, "mail")
            assert "Connection refused" in job["last_error"] and invited["email"] in job["label"]
            assert "body" not in job and "payload" not in job  # a mail's body (its link) never leaves the server

            inbox = Inbox()  # the server is back; the retry is due
            controller = Controller(inbox, hostname="127.0.0.1", port=port)
            controller.start()
            try:
                job_id = uuid.UUID(failed["job_id"])
                await make_due(app.state.db, job_id)
                await runner.drain(app.state.db, REGISTRY, kinds=["mail"])
                assert [m["To"] for m in inbox.messages if m["To"] == invited["email"]] == [invited["email"]]
            finally:
                controller.stop()
            sent, first = await deliveries(client, org.headers)
            assert (sent["outcome"], sent["attempt"], sent["reason"]) == ("sent", 2, None)
            assert first["id"] == failed["id"]
            assert [d["id"] for d in await deliveries(client, org.headers, outcome="failed")] == [failed["id"]]
            r = await client.get(f"/api/v1/jobs/{job_id}", headers=org.headers)
            assert (r.json()["state"], r.json()["attempts"]) == ("succeeded", 2)
            stored = await read(app.state.db, job_id)
            assert "body" not in stored.payload  # the link is gone from the database once the mail left
    finally:
        await app.state.db.dispose()


async def test_without_smtp_nothing_is_sent_and_the_log_says_why(
    client: httpx.AsyncClient, database: TestDatabase
) -> None:
    org = await register(client)
    app = create_app(test_settings(database.url, smtp_host=""))
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            invited = await invite(client, org)
            [logged] = await deliveries(client, org.headers)
            assert (logged["recipient"], logged["outcome"], logged["job_id"]) == (invited["email"], "not_sent", None)
            assert "ITAKU_SMTP_HOST" in logged["reason"]
    finally:
        await app.state.db.dispose()


async def test_administrators_retry_a_failed_job_of_their_own_organisation_only(
    client: httpx.AsyncClient, app: Any
) -> None:
    owner = await register(client, organization_name="所有者株式会社")
    other = await register(client, organization_name="部外者株式会社")
    to = unique_email("retry")
    job_id = await failed_mail_job(app.state.db, owner.id, to)

    r = await client.get("/api/v1/jobs", params={"state": "failed"}, headers=owner.headers)
    assert [j["id"] for j in r.json()["items"]] == [str(job_id)]
    assert r.json()["items"][0]["last_error"].startswith("SMTPRecipientsRefused")
    assert (await client.get("/api/v1/jobs", headers=other.headers)).json()["items"] == []
    for method, path in (("GET", f"/api/v1/jobs/{job_id}"), ("POST", f"/api/v1/jobs/{job_id}/retry")):
        r = await client.request(method, path, headers=other.headers)
        assert (r.status_code, r.json()["error"]) == (404, "job_not_found")
    _, manager = await member_token(client, owner, "manager")
    r = await client.post(f"/api/v1/jobs/{job_id}/retry", headers={"Authorization": f"Bearer {manager}"})
    assert r.status_code == 403  # ours, but retrying is an administrator's
    assert (await client.get("/api/v1/jobs", headers={"Authorization": f"Bearer {manager}"})).status_code == 403

    r = await client.post(f"/api/v1/jobs/{job_id}/retry", headers=owner.headers)
    assert r.status_code == 200, r.text
    assert (r.json()["state"], r.json()["attempts"]) == ("queued", 0)
    assert mail_to(to)["To"] == to  # started once the retry committed
    job = (await client.get(f"/api/v1/jobs/{job_id}", headers=owner.headers)).json()
    assert (job["state"], job["attempts"]) == ("succeeded", 1)
    r = await client.post(f"/api/v1/jobs/{job_id}/retry", headers=owner.headers)
    assert (r.status_code, r.json()["error"]) == (409, "job_not_retryable")
    trail = await client.get("/api/v1/audit-events", params={"entity_type": "job"}, headers=owner.headers)
    assert [e["action"] for e in trail.json()["items"]] == ["retried"]
