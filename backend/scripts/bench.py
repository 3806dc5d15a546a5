"""`make bench`: the app against a bare FastAPI app of the same shape, on a freshly seeded database.

A benchmark, not a test: it prints numbers and never judges them. It exits non-zero only when a run saw a
5xx response or a transport error (connect/read/write error, timeout), when the 80-connection check got no
responses (exit 1), when the set-up itself failed (exit 2) or when the run hit --max-seconds (exit 3).
Servers, the temp dir and the PostgreSQL database are cleaned up in every case.

Steps:
1. a fresh database (SQLite file in a temp dir, or `--database-url` names a local PostgreSQL server on which
   a database `itaku_bench_<random>` is created and dropped at the end), schema from the Alembic migrations;
2. one organisation registered through the real services (which installs the built-in questionnaire templates),
   then bulk inserts in batches: `--events` audit events with a correct hash chain (verified with the same code
   as `itaku audit verify`), `--vendors` vendors (every other one with an incident contact), one assessment
   per vendor on the built-in selection-review template (statuses, due dates, scores and creation times spread
   out) and, for a third of them, 1-3 findings, open or closed;
3. the app (`itaku.main:create_app`) and the bare app (`scripts/bench_bare.py`) under uvicorn, 1 worker each,
   on 127.0.0.1; a sign-in right after the app answers, timed, while its first reminder sweep plans the seeded
   vendors' review calendar from scratch (how long that took is read from the sweep's job row);
4. a sanity check (every endpoint answers 200; the audit and assessment lists return the seeded totals, and the
   assessment page is the same on both servers); then `wrk --latency` per endpoint, app then bare, after a short
   warm-up: the health check, /auth/me, the audit list, the vendor register's high-risk page and the reviewer's
   assessment queue; then 80 connections against the app's audit list;
5. the CSV export of the register (time to the first byte and to the last, the app's memory before and after)
   and a CSV import of `--import-rows` new active vendors, timed;
6. a table on stdout (req/s, ratio app/bare, p50/p99, non-2xx and transport errors, server CPU per request)
   and the full results in `bench-results/<timestamp>.json` at the repo root.

Run `make bench BENCH_ARGS="--help"` for the options.
"""

import argparse
import asyncio
import json
import os
import platform
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import Any

import httpx
from alembic import command
from sqlalchemy import func, insert, make_url, select, update
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import create_async_engine

from itaku import models  # noqa: F401  (register every table with the mapper)
from itaku.assessments.models import (
    Assessment,
    AssessmentKind,
    AssessmentStatus,
    Finding,
    FindingSource,
    FindingStatus,
    Questionnaire,
    QuestionnaireVersion,
)
from itaku.audit import service as audit_service
from itaku.audit.chain import event_hash, head_seal
from itaku.audit.models import AuditChainHead, AuditEvent
from itaku.auth import registration as auth_registration
from itaku.cli import BACKEND_DIR, alembic_config
from itaku.core.config import REPO_ROOT, Settings
from itaku.core.db import Database
from itaku.core.models import utcnow
from itaku.core.security import Passwords
from itaku.core.vocabulary import AccessType, DataCategory
from itaku.jobs.models import Job
from itaku.monitoring.models import MonitoringItem
from itaku.risk.tier import ProcessingFacts, VendorFacts, assess
from itaku.vendors.models import Vendor, VendorContact
from itaku.worker import REMINDER_SWEEP

SECRET_KEY = "bench-secret-" + "k" * 40
AUDIT_KEY = "bench-audit-key-" + "k" * 40
AUDIT_KEY_ID = "1"
ADMIN_EMAIL = "bench-admin@example.com"
ADMIN_PASSWORD = "bench-password-2026"
ORGANIZATION_NAME = "ベンチマーク株式会社"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
INSERT_BATCH = 5000
WRK_TIMEOUT = "10s"
CHECK_CONNECTIONS = 80
# The register's main screen: one page of high-risk vendors, sorted by name, with their flags.
VENDOR_LIST = "/api/v1/vendors?size=50&tier=critical&tier=high&sort=name"
# The reviewer's queue: the newest 50 assessments waiting for a decision, with vendor, template version and the
# count of open findings per row (and `overdue`, from the organisation's time zone).
ASSESSMENT_LIST = "/api/v1/assessments?size=50&sort=-created_at&status=submitted&status=under_review"
REVIEW_QUEUE = (AssessmentStatus.submitted.value, AssessmentStatus.under_review.value)
SELECTION_REVIEW = "selection-review"  # the built-in template every seeded assessment uses

# Counts every status code per wrk thread and prints one JSON line with the summary (wrk's own output is text).
WRK_LUA = r"""
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    if s then
      for code, n in pairs(s) do
        counts[code] = (counts[code] or 0) + n
      end
    end
  end
  local parts = {}
  for code, n in pairs(counts) do
    table.insert(parts, string.format('"%d": %d', code, n))
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_us": {"mean": %.1f, "stdev": %.1f, "max": %d, "p50": %d, "p90": %d, "p99": %d}, ' ..
    '"statuses": {%s}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.stdev, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    table.concat(parts, ", ")))
end
"""


class BenchError(Exception):
    """The set-up failed: the numbers would mean nothing."""


class BenchTimeout(BaseException):
    """The whole run exceeded --max-seconds (raised from SIGALRM, so `except Exception` does not swallow it)."""


# --------------------------------------------------------------------------------------------------- options


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="make bench BENCH_ARGS=...", description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--database-url",
        help="a local PostgreSQL server, e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/postgres; a fresh "
        "database itaku_bench_<random> is created on it and dropped at the end (default: SQLite in a temp dir)",
    )
    p.add_argument("--events", type=int, help="audit events to seed (default 100000; --quick: 2000)")
    p.add_argument(
        "--vendors", type=int, help="vendors to seed, with one assessment each (default 10000; --quick: 500)"
    )
    p.add_argument("--duration", type=int, help="seconds per measured run (default 10; --quick: 3)")
    p.add_argument("--warmup", type=int, help="seconds of warm-up per server and endpoint (default 2; --quick: 1)")
    p.add_argument("--connections", type=int, default=32, help="wrk connections per measured run (default 32)")
    p.add_argument("--threads", type=int, default=1, choices=(1, 2), help="wrk threads (default 1: 2 cores are shared)")
    p.add_argument(
        "--check-duration", type=int, help=f"seconds of the {CHECK_CONNECTIONS}-connection check (default 10)"
    )
    p.add_argument(
        "--import-rows", type=int, help="new vendors in the measured CSV import (default 10000; --quick: 500)"
    )
    p.add_argument("--quick", action="store_true", help="smoke run: 2000 events, 3 s runs")
    p.add_argument("--no-verify", action="store_true", help="skip verifying the seeded hash chain")
    p.add_argument("--max-seconds", type=int, default=1800, help="hard limit for the whole run (default 1800)")
    p.add_argument("--output-dir", type=Path, default=REPO_ROOT / "bench-results", help="where the JSON goes")
    args = p.parse_args(argv)
    args.events = args.events if args.events is not None else (2000 if args.quick else 100_000)
    args.vendors = args.vendors if args.vendors is not None else (500 if args.quick else 10_000)
    args.import_rows = args.import_rows if args.import_rows is not None else (500 if args.quick else 10_000)
    args.duration = args.duration or (3 if args.quick else 10)
    args.warmup = args.warmup if args.warmup is not None else (1 if args.quick else 2)
    args.check_duration = args.check_duration or (3 if args.quick else 10)
    if args.events < 0 or args.vendors < 0 or args.duration < 1 or args.connections < args.threads:
        p.error("--events and --vendors must be >= 0, --duration >= 1 and --connections >= --threads")
    return args


# --------------------------------------------------------------------------------------------------- database


@dataclass
class BenchDatabase:
    url: str
    backend: str
    pg_server: URL | None = None
    pg_name: str | None = None


def pg_server_url(raw: str) -> URL:
    url = make_url(raw)
    if not url.drivername.startswith("postgresql"):
        raise BenchError(f"--database-url must name a PostgreSQL server, not {url.drivername}")
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+asyncpg")
    if (url.host or "localhost") not in LOOPBACK_HOSTS:
        raise BenchError(f"the benchmark only talks to 127.0.0.1, not {url.host}")
    return url


async def _pg_admin(server: URL, sql: str) -> None:
    engine = create_async_engine(server, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            await conn.exec_driver_sql(sql)
    finally:
        await engine.dispose()


def create_database(args: argparse.Namespace, tmp_dir: Path) -> BenchDatabase:
    if not args.database_url:
        return BenchDatabase(url=f"sqlite+aiosqlite:///{tmp_dir / 'itaku-bench.db'}", backend="sqlite")
    server = pg_server_url(args.database_url)
    name = f"itaku_bench_{uuid.uuid4().hex[:10]}"
    asyncio.run(_pg_admin(server, f'CREATE DATABASE "{name}"'))
    url = server.set(database=name).render_as_string(hide_password=False)
    return BenchDatabase(url=url, backend="postgresql", pg_server=server, pg_name=name)


def drop_database(db: BenchDatabase) -> None:
    if db.pg_server is not None and db.pg_name:
        asyncio.run(_pg_admin(db.pg_server, f'DROP DATABASE IF EXISTS "{db.pg_name}" WITH (FORCE)'))


def bench_settings(url: str) -> Settings:
    values: dict[str, Any] = {
        "environment": "test",
        "database_url": url,
        "secret_key": SECRET_KEY,
        "audit_key": AUDIT_KEY,
        "log_level": "WARNING",
        "allow_signup": True,
        "spa_dir": Path("/nonexistent"),
    }
    return Settings(**values)


@dataclass
class Seeded:
    organization_id: str
    user_id: str
    events_total: int
    register_s: float
    insert_s: float
    verify_s: float | None
    verified_events: int | None
    vendors: int = 0
    assessments: int = 0
    findings: int = 0
    open_findings: int = 0
    review_queue: int = 0  # assessments the reviewer's queue lists (submitted or under review)


ENTITY_TYPES = ("vendor", "contract", "assessment", "incident", "user", "api_key")
ACTIONS = ("created", "updated", "updated", "updated", "deleted")


def _changes(i: int, action: str) -> dict[str, Any]:
    """JSON-native already (what the column gives back), so the hash covers exactly what is stored."""
    before = {"name": f"取引先 {i // 7}", "risk_level": "medium", "reviewed": False}
    after = {"name": f"取引先 {i // 7} (更新)", "risk_level": "high", "reviewed": True}
    if action == "created":
        return {"before": None, "after": after}
    if action == "deleted":
        return {"before": before, "after": None}
    return {"before": before, "after": after}


def _vendor_rows(org_id: uuid.UUID, count: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Vendors with the derived columns the app would compute (tier, reasons, categories), and for every
    other vendor an incident contact, so the list's filters and its per-row EXISTS do real work."""
    categories = (["ordinary"], ["ordinary", "financial"], ["special_care"], ["my_number", "ordinary"], ["children"])
    access = (AccessType.none, AccessType.remote, AccessType.on_site, AccessType.privileged)
    vendors, contacts = [], []
    now = utcnow()
    for i in range(count):
        cats = categories[i % len(categories)]
        persons = (i * 7919) % 200_000
        result = assess(
            VendorFacts([ProcessingFacts(frozenset(DataCategory(c) for c in cats), persons, access[i % len(access)])])
        )
        vid = uuid.uuid4()
        vendors.append(
            {
                "id": vid,
                "organization_id": org_id,
                "name": f"委託先{i:05d}株式会社",
                "name_kana": f"イタクサキ{i:05d}",
                "corporate_number": None,
                "address": None,
                "country": "JP",
                "website": None,
                "status": "active",
                "owner_user_id": None,
                "notes": None,
                "handles_confidential_info": False,
                "critical_to_continuity": False,
                "network_access": False,
                "computed_tier": result.tier.value,
                "tier": result.tier.value,
                "tier_score": result.score,
                "tier_reasons": [asdict(r) for r in result.reasons],
                "tier_override": None,
                "tier_override_reason": None,
                "required_star": result.required_star,
                "category_keys": "," + "".join(f"{c}," for c in sorted(cats)),
                "persons_total": persons,
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
        )
        if i % 2 == 0:
            contacts.append(
                {
                    "id": uuid.uuid4(),
                    "organization_id": org_id,
                    "vendor_id": vid,
                    "name": "窓口",
                    "email": None,
                    "phone": None,
                    "role": "incident_contact",
                    "notes": None,
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                }
            )
    return vendors, contacts


ASSESSMENT_STATUSES = tuple(s.value for s in AssessmentStatus)  # draft ... accepted, 7 of them
FINDING_STATUSES = (FindingStatus.open.value, FindingStatus.closed.value, FindingStatus.in_remediation.value)
SEVERITIES = ("critical", "high", "medium", "low")
BANDS = ((80, "acceptable"), (60, "conditional"), (0, "insufficient"))  # the selection-review template's bands


def _assessment_rows(
    org_id: uuid.UUID, version_id: uuid.UUID, title: str, vendor_ids: list[uuid.UUID], reviewer: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """One assessment per vendor, as the app would have left it at each status (timestamps, score, band,
    decision), created over two years in shuffled order so `-created_at` is a real sort (the newest 20 days
    ago, so that no timestamp is in the future); a third of them (from any status) with 1-3 findings, open, in
    remediation or closed, so the per-row count finds rows."""
    now = utcnow()
    today = now.date()
    count = len(vendor_ids)
    span = timedelta(days=730)
    slots = list(range(count))
    random.Random(20261126).shuffle(slots)  # noqa: S311  (a fixed, reproducible order, not security)
    assessments: list[dict[str, Any]] = []
    findings: list[dict[str, Any]] = []
    for i, vendor_id in enumerate(vendor_ids):
        status = ASSESSMENT_STATUSES[i % len(ASSESSMENT_STATUSES)]
        stage = ASSESSMENT_STATUSES.index(status)
        created = now - timedelta(days=20) - span + span * slots[i] / max(count, 1)
        sent = created + timedelta(days=1) if stage >= 1 else None
        submitted = created + timedelta(days=12) if stage >= 3 else None
        decided = created + timedelta(days=20) if stage >= 5 else None
        score = round(35 + (i * 37) % 65 + (i % 10) / 10, 1) if submitted else None
        band = next(key for minimum, key in BANDS if score >= minimum) if score is not None else None
        aid = uuid.uuid4()
        assessments.append(
            {
                "id": aid,
                "organization_id": org_id,
                "vendor_id": vendor_id,
                "questionnaire_version_id": version_id,
                "kind": AssessmentKind.periodic.value if i % 5 == 4 else AssessmentKind.selection.value,
                "status": status,
                "title": title,
                # -90..+90 days around today (every 10th without one): open ones are overdue about half the time
                "due_date": None if i % 10 == 9 else today + timedelta(days=(i * 53) % 181 - 90),
                "owner_user_id": None,
                "sent_at": sent,
                "submitted_at": submitted,
                "decided_at": decided,
                "decided_by_label": reviewer if decided else None,
                "decision_comment": "回答を確認しました。" if decided else None,
                "internal_notes": None,
                "score": score,
                "band": band,
                "section_scores": [],
                "valid_until": (decided + timedelta(days=365)).date() if status == "accepted" and decided else None,
                "reminder_count": 0,
                "last_reminded_at": None,
                "created_at": created,
                "updated_at": decided or submitted or sent or created,
                "version": 1,
            }
        )
        if i % 3 == 0:
            for k in range(1 + (i // 3) % 3):
                finding_status = FINDING_STATUSES[(i + k) % len(FINDING_STATUSES)]
                closed = finding_status == FindingStatus.closed.value
                findings.append(
                    {
                        "id": uuid.uuid4(),
                        "organization_id": org_id,
                        "vendor_id": vendor_id,
                        "assessment_id": aid,
                        "question_key": None,
                        "source": FindingSource.manual.value,
                        "severity": SEVERITIES[(i + k) % len(SEVERITIES)],
                        "title": f"所見 {k + 1}: アクセス権の見直し",
                        "description": None,
                        "remediation_plan": None,
                        "vendor_proposed_plan": None,
                        "due_date": today + timedelta(days=(i * 31 + k) % 121 - 60),
                        "status": finding_status,
                        "resolution": "是正を確認" if closed else None,
                        "risk_accepted_by_user_id": None,
                        "closed_at": created + timedelta(days=19) if closed else None,
                        "created_at": created + timedelta(days=12),
                        "updated_at": created + timedelta(days=19 if closed else 12),
                        "version": 1,
                    }
                )
    return assessments, findings


async def seed(url: str, events: int, verify: bool, vendors: int = 0) -> Seeded:
    settings = bench_settings(url)
    db = Database(settings)
    try:
        started = time.perf_counter()
        async with db.unit_of_work(write=True) as session:
            org, user = await auth_registration.create_organization(
                session,
                organization_name=ORGANIZATION_NAME,
                email=ADMIN_EMAIL,
                name="ベンチ 管理者",
                password_hash=await Passwords(fast=True).hash(ADMIN_PASSWORD),
            )
        org_id, user_id = org.id, user.id
        register_s = time.perf_counter() - started

        started = time.perf_counter()
        tables = AuditEvent.metadata.tables
        events_table, heads_table = tables[AuditEvent.__tablename__], tables[AuditChainHead.__tablename__]
        async with db.engine.begin() as conn:
            head = (
                await conn.execute(
                    select(heads_table.c.seq, heads_table.c.hash).where(heads_table.c.organization_id == org_id)
                )
            ).one()
            seq, prev = int(head.seq), str(head.hash)
            t0 = utcnow()
            batch: list[dict[str, Any]] = []
            for i in range(events):
                seq += 1
                action = ACTIONS[i % len(ACTIONS)]
                fields: dict[str, Any] = {
                    "organization_id": org_id,
                    "seq": seq,
                    "occurred_at": t0 + timedelta(microseconds=100 * (i + 1)),
                    "actor_type": "user",
                    "actor_id": user_id,
                    "actor_label": ADMIN_EMAIL,
                    "entity_type": ENTITY_TYPES[i % len(ENTITY_TYPES)],
                    "entity_id": uuid.uuid4(),
                    "action": action,
                    "changes": _changes(i, action),
                    "request_id": uuid.uuid4().hex,
                }
                digest = event_hash(prev_hash=prev, **fields, key=AUDIT_KEY.encode())
                batch.append({**fields, "id": uuid.uuid4(), "prev_hash": prev, "hash": digest, "key_id": AUDIT_KEY_ID})
                prev = digest
                if len(batch) >= INSERT_BATCH:
                    await conn.execute(insert(events_table), batch)
                    batch = []
            if batch:
                await conn.execute(insert(events_table), batch)
            seal = head_seal(AUDIT_KEY.encode(), organization_id=org_id, seq=seq, link=prev)
            await conn.execute(
                update(heads_table)
                .where(heads_table.c.organization_id == org_id)
                .values(seq=seq, hash=prev, key_id=AUDIT_KEY_ID, seal=seal)
            )
            vendor_rows, contact_rows = _vendor_rows(org_id, vendors)
            questionnaires, versions = tables[Questionnaire.__tablename__], tables[QuestionnaireVersion.__tablename__]
            template = (
                await conn.execute(
                    select(versions.c.id, versions.c.title_ja)
                    .join(questionnaires, questionnaires.c.id == versions.c.questionnaire_id)
                    .where(
                        questionnaires.c.organization_id == org_id,
                        questionnaires.c.builtin_key == SELECTION_REVIEW,
                        versions.c.number == 1,
                    )
                )
            ).one_or_none()
            if template is None:
                raise BenchError(f"registration did not install the built-in {SELECTION_REVIEW} template")
            assessment_rows, finding_rows = _assessment_rows(
                org_id, template.id, template.title_ja, [v["id"] for v in vendor_rows], ADMIN_EMAIL
            )
            for table, rows in (
                (tables[Vendor.__tablename__], vendor_rows),
                (tables[VendorContact.__tablename__], contact_rows),
                (tables[Assessment.__tablename__], assessment_rows),
                (tables[Finding.__tablename__], finding_rows),
            ):
                for start in range(0, len(rows), INSERT_BATCH):
                    await conn.execute(insert(table), rows[start : start + INSERT_BATCH])
        insert_s = time.perf_counter() - started

        verify_s = checked = None
        if verify:
            started = time.perf_counter()
            async with db.unit_of_work(write=False) as session:
                checked, broken = await audit_service.verify(session)  # every chain, as `itaku audit verify`
            verify_s = time.perf_counter() - started
            if broken:
                raise BenchError(f"the seeded audit chain does not verify: {broken[0]}")
        await settle(db)
        return Seeded(
            str(org_id),
            str(user_id),
            seq,
            register_s,
            insert_s,
            verify_s,
            checked,
            vendors=len(vendor_rows),
            assessments=len(assessment_rows),
            findings=len(finding_rows),
            open_findings=sum(f["status"] != FindingStatus.closed.value for f in finding_rows),
            review_queue=sum(a["status"] in REVIEW_QUEUE for a in assessment_rows),
        )
    finally:
        await db.dispose()


async def settle(db: Database) -> None:
    """Start both servers from the state a live database is in, not from a bulk load still being digested.

    PostgreSQL: VACUUM ANALYZE now, or autovacuum does it on the fresh 100k rows in the middle of a run (it
    takes a core of the two) and count(*) reads the heap instead of the visibility map until then.
    SQLite: checkpoint the WAL the load left behind; no ANALYZE, since the app never runs one either.
    """
    async with db.engine.connect() as conn:
        conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
        if db.is_sqlite:
            await conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            await conn.exec_driver_sql("VACUUM ANALYZE")


# --------------------------------------------------------------------------------------------------- servers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    name: str
    proc: subprocess.Popen[bytes]
    base_url: str
    log_path: Path

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def clean_env(extra: dict[str, str]) -> dict[str, str]:
    """The parent's environment without settings that would change what is measured (CORS, pool sizes...)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ITAKU_", "BENCH_")) and k != "DATABASE_URL"}
    env.update(extra)
    return env


def start_server(
    name: str, factory: str, env: dict[str, str], ready_path: str, log_dir: Path, started: list[Server]
) -> Server:
    """Spawn uvicorn and wait until `ready_path` answers 200; `started` gets the server at once, so that a
    failure or the time limit while it starts up still stops it."""
    port = free_port()
    log_path = log_dir / f"{name}.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(  # noqa: S603  (our own interpreter, fixed arguments)
            [
                sys.executable,
                "-m",
                "uvicorn",
                factory,
                "--factory",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                "1",
                "--loop",
                "uvloop",
                "--http",
                "httptools",
                "--no-access-log",
                "--log-level",
                "warning",
            ],
            cwd=BACKEND_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C in make does not reach it; stop_server() ends it
        )
    server = Server(name, proc, f"http://127.0.0.1:{port}", log_path)
    started.append(server)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BenchError(f"{name} exited with {proc.returncode} while starting:\n{server.log_tail()}")
        try:
            status, _ = http_get(server.base_url + ready_path, timeout=1)
            if status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    raise BenchError(f"{name} did not answer {ready_path} within 30 s:\n{server.log_tail()}")


def stop_server(server: Server) -> None:
    if server.proc.poll() is None:
        server.proc.terminate()
        try:
            server.proc.wait(10)
        except subprocess.TimeoutExpired:
            server.proc.kill()
            server.proc.wait(5)


def http_get(url: str, headers: dict[str, str] | None = None, timeout: float = 10) -> tuple[int, Any]:
    req = urllib.request.Request(url, headers=headers or {})  # noqa: S310  (http://127.0.0.1 only)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")


def sign_in(base_url: str) -> str:
    data = urllib.parse.urlencode({"username": ADMIN_EMAIL, "password": ADMIN_PASSWORD}).encode()
    req = urllib.request.Request(f"{base_url}/api/v1/auth/token", data=data, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310
            return str(json.loads(resp.read())["access_token"])
    except urllib.error.HTTPError as exc:
        raise BenchError(f"sign-in failed: {exc.code} {exc.read().decode(errors='replace')}") from None


# --------------------------------------------------------------------------------------------------- wrk


@dataclass
class Run:
    label: str
    url: str
    connections: int
    threads: int
    duration_s: int
    requests: int
    rps: float
    latency_ms: dict[str, float]
    statuses: dict[str, int]
    errors: dict[str, int]
    server_cpu_ms_per_request: float | None = None

    @property
    def non_2xx(self) -> int:
        return sum(n for code, n in self.statuses.items() if not code.startswith("2"))

    @property
    def server_errors(self) -> int:
        return sum(n for code, n in self.statuses.items() if code.startswith("5"))

    @property
    def transport_errors(self) -> int:
        return sum(self.errors[k] for k in ("connect", "read", "write", "timeout"))

    def to_json(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "non_2xx": self.non_2xx,
            "server_errors": self.server_errors,
            "transport_errors": self.transport_errors,
        }


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk is not on PATH; installing the Debian package...", flush=True)
    subprocess.run([str(REPO_ROOT / "scripts" / "apt-install.sh"), "wrk"], check=True, timeout=600)  # noqa: S603
    found = shutil.which("wrk")
    if not found:
        raise BenchError("wrk is still missing after scripts/apt-install.sh wrk")
    return found


def process_cpu_seconds(pid: int) -> float | None:
    """user + system time of a process (all its threads), from /proc; None where there is no /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_wrk(
    wrk: str,
    lua: Path,
    label: str,
    url: str,
    *,
    connections: int,
    threads: int,
    seconds: int,
    headers: dict[str, str],
    server_pid: int | None = None,
) -> Run:
    cmd = [wrk, "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency", "--timeout", WRK_TIMEOUT]
    for k, v in headers.items():
        cmd += ["-H", f"{k}: {v}"]
    cmd += ["-s", str(lua), url]
    cpu_before = process_cpu_seconds(server_pid) if server_pid else None
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60, check=False)  # noqa: S603
    cpu_after = process_cpu_seconds(server_pid) if server_pid else None
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("BENCH_RESULT ")), None)
    if proc.returncode != 0 or line is None:
        raise BenchError(f"wrk failed on {url} (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    data = json.loads(line.removeprefix("BENCH_RESULT "))
    lat = data["latency_us"]
    return Run(
        label=label,
        url=url,
        connections=connections,
        threads=threads,
        duration_s=seconds,
        requests=data["requests"],
        rps=data["requests"] / (data["duration_us"] / 1e6),
        latency_ms={k: round(v / 1000, 3) for k, v in lat.items()},
        statuses={str(k): v for k, v in sorted(data["statuses"].items())},
        errors=data["errors"],
        server_cpu_ms_per_request=(
            round(1000 * (cpu_after - cpu_before) / data["requests"], 3)
            if cpu_before is not None and cpu_after is not None and data["requests"]
            else None
        ),
    )


# --------------------------------------------------------------------------------------------------- report


@dataclass
class Comparison:
    endpoint: str
    app: Run
    bare: Run

    @property
    def ratio(self) -> float:
        return self.app.rps / self.bare.rps if self.bare.rps else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "endpoint": self.endpoint,
            "ratio": round(self.ratio, 3),
            "app": self.app.to_json(),
            "bare": self.bare.to_json(),
        }


def print_table(comparisons: list[Comparison]) -> None:
    width = max([34, *(len(c.endpoint) for c in comparisons)])
    head = (
        f"{'endpoint':<{width}} {'app req/s':>10} {'bare req/s':>11} {'app/bare':>9} "
        f"{'app p50/p99 ms':>17} {'bare p50/p99 ms':>17} {'non-2xx/errors app|bare':>24} {'CPU ms/req app|bare':>20}"
    )
    print(head)
    print("-" * len(head))
    for c in comparisons:
        a, b = c.app, c.bare
        print(
            f"{c.endpoint:<{width}} {a.rps:>10.1f} {b.rps:>11.1f} {c.ratio:>9.2f} "
            f"{_lat(a):>17} {_lat(b):>17} "
            f"{f'{a.non_2xx}/{a.transport_errors} | {b.non_2xx}/{b.transport_errors}':>24} "
            f"{f'{_cpu(a)} | {_cpu(b)}':>20}"
        )


def _cpu(r: Run) -> str:
    return "-" if r.server_cpu_ms_per_request is None else f"{r.server_cpu_ms_per_request:.2f}"


def _lat(r: Run) -> str:
    return f"{r.latency_ms['p50']:.1f}/{r.latency_ms['p99']:.1f}"


def git_revision() -> str | None:
    git = shutil.which("git")
    if git is None:
        return None

    def out(*cmd: str) -> str:
        return subprocess.run(  # noqa: S603  (fixed git arguments)
            [git, *cmd], cwd=REPO_ROOT, capture_output=True, text=True, timeout=10, check=False
        ).stdout.strip()

    try:
        rev, dirty = out("rev-parse", "--short", "HEAD"), out("status", "--porcelain")
    except (OSError, subprocess.SubprocessError):
        return None
    return f"{rev}{'-dirty' if dirty else ''}" if rev else None


# --------------------------------------------------------------------------------------------------- main


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def on_alarm(_sig: int, _frame: FrameType | None) -> None:
        raise BenchTimeout(f"the benchmark exceeded --max-seconds={seconds}")

    def on_term(_sig: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, on_alarm), signal.signal(signal.SIGTERM, on_term)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous[0])
        signal.signal(signal.SIGTERM, previous[1])


@dataclass
class State:
    """What has to be undone at the end, whatever happened."""

    tmp_dir: Path
    servers: list[Server] = field(default_factory=list)
    db: BenchDatabase | None = None

    def cleanup(self) -> None:
        for server in self.servers:
            stop_server(server)
        if self.db is not None:
            try:
                drop_database(self.db)
            except Exception as exc:  # the run's outcome matters more than the clean-up
                print(f"bench: could not drop database {self.db.pg_name}: {exc}", file=sys.stderr)
        shutil.rmtree(self.tmp_dir, ignore_errors=True)


def run(args: argparse.Namespace, wrk: str, state: State) -> int:
    # Taken before the servers import the code, since that is the code measured (the tree may move meanwhile).
    started_at, revision = datetime.now(UTC), git_revision()
    db = state.db = create_database(args, state.tmp_dir)
    print(f"database: {db.backend} ({make_url(db.url).render_as_string(hide_password=True)})", flush=True)
    started = time.perf_counter()
    command.upgrade(alembic_config(db.url), "head")
    migrate_s = time.perf_counter() - started
    seeded = asyncio.run(seed(db.url, args.events, verify=not args.no_verify, vendors=args.vendors))
    print(
        f"seeded: {seeded.vendors} vendors, {seeded.assessments} assessments ({seeded.review_queue} in the review "
        f"queue), {seeded.findings} findings ({seeded.open_findings} open), {seeded.events_total} audit events "
        f"(migrate {migrate_s:.1f} s, register {seeded.register_s:.1f} s, "
        f"bulk insert {seeded.insert_s:.1f} s"
        + (f", chain verified in {seeded.verify_s:.1f} s)" if seeded.verify_s is not None else ", not verified)"),
        flush=True,
    )

    app = start_server(
        "app",
        "itaku.main:create_app",
        clean_env(
            {
                "DATABASE_URL": db.url,
                "ITAKU_ENVIRONMENT": "test",
                "ITAKU_SECRET_KEY": SECRET_KEY,
                "ITAKU_AUDIT_KEY": AUDIT_KEY,
                "ITAKU_LOG_LEVEL": "WARNING",
                "ITAKU_SPA_DIR": "/nonexistent",
            }
        ),
        "/healthz",
        state.tmp_dir,
        state.servers,
    )
    # Signing in right after the app answers, while its first reminder sweep plans the seeded calendar from scratch.
    started = time.perf_counter()
    token = sign_in(app.base_url)
    first_sign_in_s = time.perf_counter() - started
    print(
        f"first sign-in after start: {first_sign_in_s * 1000:.0f} ms (the calendar being planned meanwhile)", flush=True
    )
    bare = start_server(
        "bare",
        "scripts.bench_bare:create_app",
        clean_env(
            {"BENCH_DATABASE_URL": db.url, "BENCH_USER_ID": seeded.user_id, "BENCH_ORG_ID": seeded.organization_id}
        ),
        "/hello",
        state.tmp_dir,
        state.servers,
    )
    auth = {"Authorization": f"Bearer {token}"}
    planner = asyncio.run(wait_for_first_sweep(db.url, args.max_seconds))
    print(
        f"review calendar planned from scratch by the app's first sweep: {planner['seconds']:.1f} s, "
        f"{planner['vendors_planned']} vendors, {planner['items']} items",
        flush=True,
    )

    # (label, app path, bare path, headers for the app): the same request shape on both sides.
    endpoints = [
        ("hello (app /healthz, bare /hello)", "/healthz", "/hello", {}),
        ("GET /api/v1/auth/me", "/api/v1/auth/me", "/api/v1/auth/me", auth),
        ("GET /api/v1/audit-events?size=50", "/api/v1/audit-events?size=50", "/api/v1/audit-events?size=50", auth),
        (f"GET {VENDOR_LIST} ({args.vendors} vendors)", VENDOR_LIST, VENDOR_LIST, auth),
        (f"GET {ASSESSMENT_LIST} ({seeded.assessments} assessments)", ASSESSMENT_LIST, ASSESSMENT_LIST, auth),
    ]
    sanity_check(app, bare, auth, seeded)

    lua = state.tmp_dir / "status.lua"
    lua.write_text(WRK_LUA)
    comparisons: list[Comparison] = []
    warmups: list[Run] = []
    print(
        f"\nwrk: {args.connections} connections, {args.threads} thread(s), {args.duration} s per run "
        f"after {args.warmup} s warm-up, app then bare\n",
        flush=True,
    )
    for label, app_path, bare_path, headers in endpoints:
        pair: list[Run] = []
        for server, path, hdrs in ((app, app_path, headers), (bare, bare_path, {})):
            url = server.base_url + path
            if args.warmup:
                warmups.append(
                    run_wrk(
                        wrk,
                        lua,
                        f"warm-up {server.name} GET {path}",
                        url,
                        connections=args.connections,
                        threads=args.threads,
                        seconds=args.warmup,
                        headers=hdrs,
                    )
                )
            pair.append(
                run_wrk(
                    wrk,
                    lua,
                    f"{server.name} GET {path}",
                    url,
                    connections=args.connections,
                    threads=args.threads,
                    seconds=args.duration,
                    headers=hdrs,
                    server_pid=server.proc.pid,
                )
            )
            print(f"  {pair[-1].label}: {pair[-1].rps:.1f} req/s", flush=True)
        comparisons.append(Comparison(label, pair[0], pair[1]))

    print(
        f"\nconcurrency check: {CHECK_CONNECTIONS} connections for {args.check_duration} s on the app's audit list",
        flush=True,
    )
    check = run_wrk(
        wrk,
        lua,
        "check app GET /api/v1/audit-events?size=50",
        app.base_url + "/api/v1/audit-events?size=50",
        connections=CHECK_CONNECTIONS,
        server_pid=app.proc.pid,
        threads=args.threads,
        seconds=args.check_duration,
        headers=auth,
    )
    check_ok = check.requests > 0 and check.server_errors == 0

    bulk = {"first_sign_in_ms": round(first_sign_in_s * 1000), "planner": planner}
    bulk["export"] = measure_export(app, auth)
    print(
        f"\nCSV export of {args.vendors} vendors: first byte {bulk['export']['first_byte_ms']} ms, "
        f"all {bulk['export']['seconds']:.1f} s, {bulk['export']['bytes']:,} bytes; app RSS "
        f"{bulk['export']['rss_before_mb']} -> {bulk['export']['rss_after_mb']} MB "
        f"(peak {bulk['export']['rss_peak_mb']} MB)",
        flush=True,
    )
    bulk["import"] = measure_import(app, auth, args.import_rows)
    print(
        f"CSV import of {args.import_rows} new vendors: {bulk['import']['seconds']:.1f} s "
        f"({bulk['import']['rows_per_s']:.0f} rows/s, status {bulk['import']['status']})",
        flush=True,
    )

    print()
    print_table(comparisons)
    print(
        "(ratio = app req/s / bare req/s; CPU ms/req = user+system CPU of the server process per response, "
        "steadier than req/s on a shared machine)"
    )
    print(
        f"\nconcurrency check ({CHECK_CONNECTIONS} connections, {args.check_duration} s): {check.requests} responses, "
        f"{check.server_errors} 5xx, {check.transport_errors} transport errors, {check.rps:.1f} req/s, "
        f"p50/p99 {_lat(check)} ms, {_cpu(check)} CPU ms/req -> {'ok' if check_ok else 'FAILED'}"
    )

    runs = [r for c in comparisons for r in (c.app, c.bare)] + [check, *warmups]
    failed = [r for r in runs if r.server_errors or r.transport_errors]
    for r in failed:
        print(f"bench: {r.label}: {r.server_errors} 5xx, transport errors {r.errors}", file=sys.stderr)
    for r in runs:
        if r.non_2xx and not r.server_errors:
            print(f"bench: warning: {r.label} got non-2xx responses {r.statuses}", file=sys.stderr)

    results = write_results(args, started_at, revision, db, seeded, comparisons, check, warmups, bulk)
    print(f"\nresults: {results}")
    return 1 if failed or not check_ok else 0


async def wait_for_first_sweep(url: str, max_seconds: int) -> dict[str, Any]:
    """The app's own first reminder sweep (it plans every organisation's calendar, here from scratch): how long it
    ran, read from its job row once it has finished."""
    jobs, items = Job.metadata.tables[Job.__tablename__], MonitoringItem.metadata.tables[MonitoringItem.__tablename__]
    engine = create_async_engine(url)
    try:
        deadline = time.monotonic() + max_seconds
        while time.monotonic() < deadline:
            async with engine.connect() as conn:
                row = (
                    await conn.execute(
                        select(jobs.c.state, jobs.c.started_at, jobs.c.finished_at, jobs.c.result)
                        .where(jobs.c.kind == REMINDER_SWEEP.name)
                        .order_by(jobs.c.created_at)
                        .limit(1)
                    )
                ).one_or_none()
                if row is not None and row.state in ("succeeded", "failed"):
                    count = (await conn.execute(select(func.count()).select_from(items))).scalar_one()
                    if row.state == "failed":
                        raise BenchError("the app's first reminder sweep failed; see its log")
                    seconds = (_aware(row.finished_at) - _aware(row.started_at)).total_seconds()
                    result = row.result or {}
                    return {"seconds": seconds, "vendors_planned": result.get("vendors_planned"), "items": count}
            await asyncio.sleep(0.5)
        raise BenchError("the app's first reminder sweep did not finish")
    finally:
        await engine.dispose()


def _aware(value: Any) -> datetime:
    """A stored timestamp (SQLite gives it back as text or naive) as an aware UTC datetime."""
    at = datetime.fromisoformat(value) if isinstance(value, str) else value
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def _rss_mb(pid: int) -> tuple[int, int]:
    """(resident, peak resident) MB of a process, from /proc."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) // 1024, int(fields["VmHWM"].split()[0]) // 1024


def measure_export(app: Server, auth: dict[str, str]) -> dict[str, Any]:
    before, _ = _rss_mb(app.proc.pid)
    started = time.perf_counter()
    first_byte = None
    size = 0
    with httpx.stream("GET", f"{app.base_url}/api/v1/vendors/export", headers=auth, timeout=600) as r:
        if r.status_code != 200:
            raise BenchError(f"the export answered {r.status_code}")
        for chunk in r.iter_raw():
            first_byte = first_byte or time.perf_counter() - started
            size += len(chunk)
    seconds = time.perf_counter() - started
    after, peak = _rss_mb(app.proc.pid)
    return {
        "first_byte_ms": round((first_byte or seconds) * 1000),
        "seconds": seconds,
        "bytes": size,
        "rss_before_mb": before,
        "rss_after_mb": after,
        "rss_peak_mb": peak,
    }


def measure_import(app: Server, auth: dict[str, str], rows: int) -> dict[str, Any]:
    """New active vendors by CSV, all or nothing (the calendar of so many is planned by a worker afterwards)."""
    lines = ["名称,名称（カナ）,ステータス"] + [
        f"取込先{i:06d}株式会社,トリコミサキ{i:06d},active" for i in range(rows)
    ]
    data = ("\r\n".join(lines) + "\r\n").encode()
    started = time.perf_counter()
    r = httpx.post(
        f"{app.base_url}/api/v1/vendors/import",
        params={"dry_run": "false"},
        files={"file": ("bench.csv", data, "text/csv")},
        headers=auth,
        timeout=600,
    )
    seconds = time.perf_counter() - started
    if r.status_code != 200 or r.json().get("created") != rows:
        raise BenchError(f"the import answered {r.status_code}: {r.text[:300]}")
    return {"rows": rows, "seconds": seconds, "rows_per_s": rows / seconds, "status": r.status_code}


def sanity_check(app: Server, bare: Server, auth: dict[str, str], seeded: Seeded) -> None:
    """One request per endpoint before measuring: a 401 or an empty list would make every number meaningless,
    and a bare twin returning another page would make the ratio meaningless."""
    pages: dict[str, Any] = {}
    for server, headers in ((app, auth), (bare, {})):
        status, body = http_get(server.base_url + VENDOR_LIST, headers)
        if status != 200:
            raise BenchError(f"{server.name} GET {VENDOR_LIST} answered {status}: {str(body)[:500]}")
        status, body = http_get(server.base_url + ASSESSMENT_LIST, headers)
        if status != 200:
            raise BenchError(f"{server.name} GET {ASSESSMENT_LIST} answered {status}: {str(body)[:500]}")
        expected = min(50, seeded.review_queue)
        if body["total"] != seeded.review_queue or len(body["items"]) != expected:
            raise BenchError(
                f"{server.name} assessment list has total={body['total']} items={len(body['items'])}, "
                f"expected {seeded.review_queue} and {expected}"
            )
        pages[server.name] = body
        status, body = http_get(server.base_url + "/api/v1/auth/me", headers)
        if status != 200:
            raise BenchError(f"{server.name} GET /api/v1/auth/me answered {status}: {body}")
        status, body = http_get(server.base_url + "/api/v1/audit-events?size=50", headers)
        if status != 200:
            raise BenchError(f"{server.name} GET /api/v1/audit-events answered {status}: {body}")
        expected = min(50, seeded.events_total)
        if body["total"] != seeded.events_total or len(body["items"]) != expected:
            raise BenchError(
                f"{server.name} audit list has total={body['total']} items={len(body['items'])}, "
                f"expected {seeded.events_total} and {expected}"
            )
    if pages["app"] != pages["bare"]:
        pairs = zip(pages["app"]["items"], pages["bare"]["items"], strict=True)  # same length, checked above
        diff = next((f"item {i}: app {a} / bare {b}" for i, (a, b) in enumerate(pairs) if a != b), "total/page/size")
        raise BenchError(f"the app and the bare assessment lists differ at {diff}")
    if seeded.review_queue and not any(item["open_findings"] for item in pages["app"]["items"]):
        raise BenchError("no assessment on the measured page has an open finding: the per-row count does no work")


def write_results(
    args: argparse.Namespace,
    started_at: datetime,
    revision: str | None,
    db: BenchDatabase,
    seeded: Seeded,
    comparisons: list[Comparison],
    check: Run,
    warmups: list[Run],
    bulk: dict[str, Any],
) -> Path:
    args.output_dir.mkdir(parents=True, exist_ok=True)
    path = args.output_dir / f"{started_at.strftime('%Y%m%dT%H%M%SZ')}.json"
    doc = {
        "started_at": started_at.isoformat(timespec="seconds"),
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "git": revision,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "database": db.backend,
        "options": {
            "events": args.events,
            "vendors": args.vendors,
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "connections": args.connections,
            "threads": args.threads,
            "quick": args.quick,
        },
        "seed": asdict(seeded),
        "comparisons": [c.to_json() for c in comparisons],
        "concurrency_check": {
            **check.to_json(),
            "ok": check.requests > 0 and check.server_errors == 0,
        },
        "warmups": [r.to_json() for r in warmups],
        "bulk": bulk,
    }
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    wrk = ensure_wrk()
    state = State(Path(tempfile.mkdtemp(prefix="itaku-bench-")))
    try:
        with time_limit(args.max_seconds):
            return run(args, wrk, state)
    except BenchError as exc:
        print(f"\nbench: {exc}", file=sys.stderr)
        return 2
    except BenchTimeout as exc:
        print(f"\nbench: {exc}", file=sys.stderr)
        return 3
    finally:
        state.cleanup()


if __name__ == "__main__":
    sys.exit(main())
