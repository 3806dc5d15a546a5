"""`make bench`: the app against a bare FastAPI app of the same shape, on freshly seeded databases of one or more sizes.

A benchmark, not a test: it prints numbers, and a summary of the targets of issue 16 with each one's measured value
and "met" or "not met", but never fails on a target. It exits non-zero only when a run saw a 5xx response or a
transport error (connect/read/write error, timeout), when the 80-connection check got no responses (exit 1), when the
set-up itself failed (exit 2) or when the run hit --max-seconds (exit 3). Servers, temp dirs and the PostgreSQL
databases are cleaned up in every case.

For each vendor count of `--vendors` (e.g. `--vendors 1000,100000`), one after the other:
1. a fresh database (SQLite file in a temp dir, or `--database-url` names a local PostgreSQL server on which a
   database `itaku_bench_<random>` is created and dropped at the end), schema from the Alembic migrations;
2. one organisation registered through the real services (which installs the built-in questionnaire templates),
   then bulk inserts in batches: `--events` audit events with a correct hash chain (verified with the same code as
   `itaku audit verify`); the vendors, named from ten places and ten trades so that one pairing is in 1 % of the
   names (what the searches look for), with readings, corporate numbers for most, statuses, tiers and update times
   spread out, one entrusted processing each and, for every other one, an incident contact; subcontracting links
   (chains up to three deep) for a tenth of them; contracts (most vendors one active contract with its clauses —
   complete, or with the gaps contracts have: a slow incident notice, weak values, clauses missing — some an expired
   one only, some none); one assessment per vendor on the built-in selection-review template (statuses, due dates,
   scores and creation times spread out) and, for a third of them, 1-3 findings, open, in remediation or closed,
   due from 60 days ago to 60 days ahead (so some are overdue); incidents at 3 % of the vendors in every status,
   with their obligations computed by the app's own rule engine (`incidents.obligations.recompute`);
3. the app (`itaku.main:create_app`) and the bare app (`scripts/bench_bare.py`) under uvicorn, 1 worker each, on
   127.0.0.1; a sign-in right after the app's /readyz answers, timed, while its first reminder sweep plans the
   seeded vendors' review calendar (the monitoring items) from scratch; how long that planning took is read from the
   sweep's job row, and nothing is measured before it has finished;
4. a check before measuring: every endpoint answers 200 on both servers (an app endpoint that fails or takes longer
   than 300 s is reported and left out), no list is empty, the totals are the seeded ones where the seed knows them,
   and the app and the bare app list the same rows in the same order;
5. per endpoint, alternating the app and the bare app, `--rounds` rounds of `wrk` with one connection (the latency
   a user waits for, p50) and with `--connections` (throughput): the health check, auth/me, the audit trail, the
   vendor register (first page, a tier filter, a search by name and one by reading, sorted by update and by tier, a
   deep page by offset and the page after it by cursor), the reviewer's assessment queue, the overdue calendar items,
   the contract gap matrix, the overdue findings, the dashboard and the incident list; a side whose single request
   takes longer than 0.5 s is timed by one request per round instead, and not loaded with many connections; then
   80 connections against the app's audit list;
6. the CSV export of the register (time to the first byte and to the last, the app's memory before and during it)
   and a CSV import of `--import-rows` new active vendors, timed;
7. a table of medians (p50 at one connection, req/s at many, the ratio app/bare, p99, server CPU per request).

At the end: each endpoint's p50 at one connection per vendor count and the ratio largest/smallest count, the target
summary, and the full results in `bench-results/<timestamp>.json` at the repo root.

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
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import Any

import httpx
from alembic import command
from sqlalchemy import func, insert, make_url, select, text, update
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

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
from itaku.contracts import clauses as clause_library
from itaku.contracts import service as contract_service
from itaku.contracts.models import Contract, ContractClause, ContractStatus
from itaku.core.config import REPO_ROOT, Settings
from itaku.core.db import Database
from itaku.core.models import utcnow
from itaku.core.pagination import COUNT_CAP
from itaku.core.security import Passwords
from itaku.core.vocabulary import AccessType, DataCategory
from itaku.incidents.models import Incident, IncidentStatus, ReportedVia
from itaku.incidents.obligations import recompute
from itaku.jobs.models import Job
from itaku.monitoring.models import MonitoringItem
from itaku.organizations.models import Organization
from itaku.risk.tier import ProcessingFacts, VendorFacts, assess
from itaku.vendors import corporate_number
from itaku.vendors.models import ApprovalStatus, Processing, Subcontract, Vendor, VendorContact, VendorStatus
from itaku.vendors.search import search_text
from itaku.worker import REMINDER_SWEEP

SECRET_KEY = "bench-secret-" + "k" * 40
AUDIT_KEY = "bench-audit-key-" + "k" * 40
AUDIT_KEY_ID = "1"
ADMIN_EMAIL = "bench-admin@example.com"
ADMIN_PASSWORD = "bench-password-2026"
ORGANIZATION_NAME = "ベンチマーク株式会社"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
INSERT_BATCH = 5000
WRK_TIMEOUT = "30s"
CHECK_CONNECTIONS = 80
# A side whose one request takes longer than this is timed request by request: many connections would queue on it
# for minutes, and wrk would leave the server working through them after the run (spoiling the next one).
SLOW_REQUEST_S = 0.5
# A side slower than this is timed once per endpoint, not once per round.
LONG_REQUEST_S = 20.0
PROBE_TIMEOUT_S = 300.0
SERVER_POOL = 40  # the app's database connections at most (pool 30 + overflow 10), and the bare app's
PAGE_SIZE = 50
SELECTION_REVIEW = "selection-review"  # the built-in template every seeded assessment uses
REVIEW_QUEUE = (AssessmentStatus.submitted.value, AssessmentStatus.under_review.value)
# The figures.
TARGET_VENDORS = 100_000
MIN_RATIO = 0.5
MIN_VENDOR_LIST_RPS = 160.0
MAX_SEARCH_P50_MS = 20.0
MAX_IMPORT_S = 10.0
IMPORT_TARGET_ROWS = 10_000
MAX_EXPORT_GROWTH_MB = 64  # a 100 000-vendor register held in memory as rows and text would take several times this
MAX_SIGN_IN_S = 1.0
MAX_PLANNER_S = 60.0

# Vendor names: a place and a trade of ten each, so that one pairing is in 1 % of the register. The searches look for
# one pairing in the names (kanji) and another in the readings (katakana); neither string occurs anywhere else.
PLACES = (
    ("東", "ヒガシ"),
    ("西", "ニシ"),
    ("南", "ミナミ"),
    ("北", "キタ"),
    ("中央", "チュウオウ"),
    ("新", "シン"),
    ("大", "オオ"),
    ("小", "コ"),
    ("山", "ヤマ"),
    ("川", "カワ"),
)
TRADES = (
    ("日本", "ニホン"),
    ("通信", "ツウシン"),
    ("物流", "ブツリュウ"),
    ("情報", "ジョウホウ"),
    ("電子", "デンシ"),
    ("商事", "ショウジ"),
    ("産業", "サンギョウ"),
    ("技研", "ギケン"),
    ("計算", "ケイサン"),
    ("資源", "シゲン"),
)
COMPANY_KINDS = ("株式会社", "有限会社", "合同会社")
SEARCH_NAME = "北物流"  # 北 + 物流
SEARCH_KANA = "ヤマデ"  # ヤマ + デンシ

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


def _counts(value: str) -> list[int]:
    try:
        counts = [int(v) for v in value.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of whole numbers: {value!r}") from None
    if not counts or any(c < 0 for c in counts):
        raise argparse.ArgumentTypeError("give one or more vendor counts >= 0, e.g. 1000,100000")
    return counts


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="make bench BENCH_ARGS=...", description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--database-url",
        help="a local PostgreSQL server, e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/postgres; a fresh "
        "database itaku_bench_<random> is created on it per vendor count and dropped after it "
        "(default: SQLite in a temp dir)",
    )
    p.add_argument("--events", type=int, help="audit events to seed (default 100000; --quick: 2000)")
    p.add_argument(
        "--vendors",
        type=_counts,
        help="vendor counts, comma-separated: each gets a fresh database and the whole run "
        "(default 10000; --quick: 500), e.g. 1000,100000",
    )
    p.add_argument("--rounds", type=int, help="runs per endpoint, alternating app and bare (default 3; --quick: 1)")
    p.add_argument("--duration", type=int, help="seconds per many-connection run (default 4; --quick: 2)")
    p.add_argument("--latency-duration", type=int, help="seconds per one-connection run (default 2; --quick: 1)")
    p.add_argument("--warmup", type=int, help="seconds of warm-up per server and endpoint (default 1)")
    p.add_argument("--connections", type=int, default=32, help="wrk connections of the throughput runs (default 32)")
    p.add_argument("--threads", type=int, default=1, choices=(1, 2), help="wrk threads (default 1: 2 cores are shared)")
    p.add_argument(
        "--check-duration", type=int, help=f"seconds of the {CHECK_CONNECTIONS}-connection check (default 10)"
    )
    p.add_argument(
        "--import-rows", type=int, help="new vendors in the measured CSV import (default 10000; --quick: 500)"
    )
    p.add_argument(
        "--endpoints",
        help="measure only the endpoints whose key starts with one of these, comma-separated (e.g. vendors,dashboard)",
    )
    p.add_argument("--quick", action="store_true", help="smoke run: 500 vendors, 2000 events, one short round")
    p.add_argument("--no-verify", action="store_true", help="skip verifying the seeded hash chain")
    p.add_argument("--max-seconds", type=int, help="hard limit for the whole run (default 1800 per vendor count)")
    p.add_argument("--output-dir", type=Path, default=REPO_ROOT / "bench-results", help="where the JSON goes")
    args = p.parse_args(argv)
    args.events = args.events if args.events is not None else (2000 if args.quick else 100_000)
    args.vendors = args.vendors if args.vendors is not None else [500 if args.quick else 10_000]
    args.import_rows = args.import_rows if args.import_rows is not None else (500 if args.quick else 10_000)
    args.rounds = args.rounds or (1 if args.quick else 3)
    args.duration = args.duration or (2 if args.quick else 4)
    args.latency_duration = args.latency_duration or (1 if args.quick else 2)
    args.warmup = args.warmup if args.warmup is not None else 1
    args.check_duration = args.check_duration or (3 if args.quick else 10)
    args.max_seconds = args.max_seconds or 1800 * len(args.vendors)
    args.endpoints = [e.strip() for e in args.endpoints.split(",") if e.strip()] if args.endpoints else None
    if args.events < 0 or args.duration < 1 or args.latency_duration < 1 or args.connections < args.threads:
        p.error("--events must be >= 0, the durations >= 1 and --connections >= --threads")
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


async def free_connections(url: str) -> tuple[int, int]:
    """(free, max) connections of the PostgreSQL server: other clients of a shared server can leave too few."""
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            most = await conn.scalar(text("SELECT current_setting('max_connections')::int"))
            used = await conn.scalar(text("SELECT count(*) FROM pg_stat_activity"))
    finally:
        await engine.dispose()
    return int(most) - int(used), int(most)


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


# --------------------------------------------------------------------------------------------------- seed


@dataclass
class Seeded:
    organization_id: str
    user_id: str
    events_total: int
    register_s: float = 0.0
    insert_s: float = 0.0
    obligations_s: float = 0.0
    verify_s: float | None = None
    verified_events: int | None = None
    vendors: int = 0
    processing: int = 0
    incident_contacts: int = 0
    subcontracts: int = 0
    contracts: int = 0
    active_contracts: int = 0
    clauses: int = 0
    vendors_without_active_contract: int = 0
    assessments: int = 0
    findings: int = 0
    open_findings: int = 0
    review_queue: int = 0  # assessments the reviewer's queue lists (submitted or under review)
    incidents: int = 0
    obligations: int = 0
    name_hits: int = 0  # vendors whose name contains SEARCH_NAME
    kana_hits: int = 0  # vendors whose reading contains SEARCH_KANA


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


def _names(i: int) -> tuple[str, str]:
    """A vendor's name and reading: the place is the last digit of i, the trade the one before it."""
    place, place_kana = PLACES[i % 10]
    trade, trade_kana = TRADES[(i // 10) % 10]
    kind = COMPANY_KINDS[i % 3]
    stem = f"{place}{trade}{i:06d}"
    return (f"{kind}{stem}" if i % 4 == 0 else f"{stem}{kind}"), f"{place_kana}{trade_kana}{i:06d}"


def _corporate_number(i: int) -> str:
    base = f"{(100_000_000_000 + i * 7919) % 10**12:012d}"  # 7919 is prime to 10**12: distinct for every i
    return f"{corporate_number.check_digit(base)}{base}"


VENDOR_STATUSES = {  # by the vendor's index modulo 50: the rest are active
    46: VendorStatus.suspended,
    47: VendorStatus.approved,
    48: VendorStatus.terminated,
    49: VendorStatus.candidate,
}


def _vendor_status(i: int) -> str:
    return VENDOR_STATUSES.get(i % 50, VendorStatus.active).value


def _vendor_rows(
    org_id: uuid.UUID, count: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Vendors with the derived columns the app would compute (tier, reasons, categories, the folded search text, the
    incident-contact flag), one entrusted processing each, and for every other vendor an incident contact."""
    categories = (["ordinary"], ["ordinary", "financial"], ["special_care"], ["my_number", "ordinary"], ["children"])
    access = (AccessType.none, AccessType.remote, AccessType.on_site, AccessType.privileged)
    vendors, processing, contacts = [], [], []
    now = utcnow()
    for i in range(count):
        cats = categories[i % len(categories)]
        persons = (i * 7919) % 200_000
        access_type = access[i % len(access)]
        result = assess(VendorFacts([ProcessingFacts(frozenset(DataCategory(c) for c in cats), persons, access_type)]))
        vid = uuid.uuid4()
        name, kana = _names(i)
        number = _corporate_number(i) if i % 10 < 7 else None
        changed = now - timedelta(minutes=(i * 7919) % (730 * 24 * 60))  # over two years, in no order of i
        vendors.append(
            {
                "id": vid,
                "organization_id": org_id,
                "name": name,
                "name_kana": kana,
                "corporate_number": number,
                "address": None,
                "country": "JP",
                "website": None,
                "status": _vendor_status(i),
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
                "search_text": search_text(name, kana, number),
                "has_incident_contact": i % 2 == 0,
                "created_at": changed - timedelta(days=30),
                "updated_at": changed,
                "version": 1,
            }
        )
        processing.append(
            {
                "id": uuid.uuid4(),
                "organization_id": org_id,
                "vendor_id": vid,
                "service": "顧客データの入力・管理",
                "data_categories": cats,
                "persons_estimate": persons,
                "storage_country": "JP",
                "storage_type": "cloud",
                "cloud_provider": None,
                "retention": "契約終了まで",
                "access_type": access_type.value,
                "leaves_japan": False,
                "foreign_regime_notes": None,
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
    return vendors, processing, contacts


def _subcontract_rows(org_id: uuid.UUID, vendor_ids: list[uuid.UUID]) -> list[dict[str, Any]]:
    """A tenth of the vendors entrust part of the work to the next vendor; one in fifty chains go two deep, one in a
    hundred three."""
    statuses = (ApprovalStatus.approved, ApprovalStatus.requested, ApprovalStatus.approved, ApprovalStatus.refused)
    today, now = date.today(), utcnow()
    links = []
    for i in range(3, len(vendor_ids), 10):
        depth = 3 if i % 100 == 3 else 2 if i % 50 == 3 else 1
        for k in range(depth):
            if i + k + 1 >= len(vendor_ids):
                break
            status = statuses[(i + k) % len(statuses)]
            links.append(
                {
                    "id": uuid.uuid4(),
                    "organization_id": org_id,
                    "vendor_id": vendor_ids[i + k],
                    "subcontractor_id": vendor_ids[i + k + 1],
                    "work": "データ入力・保管",
                    "approval_status": status.value,
                    "approval_date": today - timedelta(days=i % 400) if status == ApprovalStatus.approved else None,
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                }
            )
    return links


JP_REQUIREMENTS = tuple(r for r in clause_library.BUILTIN if clause_library.Profile.jp_appi in r.levels)
# What an active contract says, by the vendor's index modulo 8: mostly complete, else with the gaps contracts have.
CONTRACT_VARIANTS = ("complete", "complete", "complete", "slow_notice", "short", "no_incident", "weak", "no_audit")
SHORT_CONTRACT = {
    "data_scope",
    "confidentiality",
    "purpose_limitation",
    "incident_reporting",
    "termination_and_damages",
}


def _clause_values(requirement: clause_library.Requirement, variant: str) -> dict[str, Any]:
    ParamType = clause_library.ParamType
    values: dict[str, Any] = {}
    for p in requirement.parameters:
        if p.type == ParamType.integer and p.policy_field == "max_incident_notice_hours":
            values[p.name] = 72 if variant == "slow_notice" else 24
        elif p.type == ParamType.integer:
            values[p.name] = 0 if variant == "weak" else 1
        elif p.type == ParamType.boolean:
            values[p.name] = variant != "weak"
        elif p.type == ParamType.choice:
            values[p.name] = p.choices[0]
        else:
            values[p.name] = "別紙のとおり"
    clause_library.validate_values(requirement, values)
    return values


def _contract_clauses(variant: str) -> list[tuple[str, dict[str, Any], str]]:
    """(requirement key, values, article) of each clause a contract of this variant states."""
    skip = {
        "no_incident": {"incident_reporting"},
        "no_audit": {"audit_rights", "compliance_reports"},
    }.get(variant, set())
    chosen = [r for r in JP_REQUIREMENTS if r.key not in skip and (variant != "short" or r.key in SHORT_CONTRACT)]
    return [(r.key, _clause_values(r, variant), f"第{n}条") for n, r in enumerate(chosen, start=1)]


CLAUSES_BY_VARIANT = {v: _contract_clauses(v) for v in set(CONTRACT_VARIANTS)}


def _contract_rows(
    org_id: uuid.UUID, vendor_ids: list[uuid.UUID], processing_ids: list[uuid.UUID]
) -> tuple[list[dict[str, Any]], list[tuple[uuid.UUID, str]], dict[uuid.UUID, uuid.UUID]]:
    """One contract per vendor but one in twenty (none) — another one in twenty has only an expired one; the rest an
    active contract over 3 years, some past their notice date. Returns the rows, (contract id, variant) of each to
    make its clauses from, and each vendor's active contract."""
    today, now = date.today(), utcnow()
    contracts, variants, active = [], [], {}
    for i, (vendor_id, processing_id) in enumerate(zip(vendor_ids, processing_ids, strict=True)):
        if i % 20 == 0:
            continue
        expired = i % 20 == 1
        start = today - timedelta(days=(1400 if expired else 0) + (i * 37) % 1000)
        end = start + timedelta(days=3 * 365)
        notice_days = (30, 60, 90)[i % 3]
        cid = uuid.uuid4()
        contracts.append(
            {
                "id": cid,
                "organization_id": org_id,
                "vendor_id": vendor_id,
                "title": "個人情報の取扱いに関する業務委託契約",
                "number": f"C-{i:06d}",
                "signed_date": start - timedelta(days=7),
                "start_date": start,
                "end_date": end,
                "auto_renewal": i % 2 == 0,
                "notice_period_days": notice_days,
                "notice_date": end - timedelta(days=notice_days),
                "status": (ContractStatus.expired if expired else ContractStatus.active).value,
                "processing_ids": [str(processing_id)],
                "document_file_id": None,
                "notes": None,
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
        )
        variants.append((cid, "complete" if expired else CONTRACT_VARIANTS[i % len(CONTRACT_VARIANTS)]))
        if not expired:
            active[vendor_id] = cid
    return contracts, variants, active


def _clause_rows(org_id: uuid.UUID, variants: list[tuple[uuid.UUID, str]]) -> Iterator[dict[str, Any]]:
    """Made as they are inserted: a large register's contracts state a million clauses."""
    now = utcnow()
    for contract_id, variant in variants:
        for key, values, article in CLAUSES_BY_VARIANT[variant]:
            yield {
                "id": uuid.uuid4(),
                "organization_id": org_id,
                "contract_id": contract_id,
                "requirement_key": key,
                "values": values,
                "article": article,
                "excerpt": None,
                "created_at": now,
                "updated_at": now,
            }


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
    remediation or closed, due from 60 days ago to 60 days ahead, so the per-row count finds rows and the overdue
    list is not empty."""
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


INCIDENT_STATUSES = (
    IncidentStatus.closed,
    IncidentStatus.suspected,
    IncidentStatus.closed,
    IncidentStatus.confirmed,
    IncidentStatus.not_a_breach,
    IncidentStatus.contained,
)
OPEN_INCIDENTS = {IncidentStatus.suspected, IncidentStatus.confirmed, IncidentStatus.contained}


def _incident_rows(
    org_id: uuid.UUID,
    vendors: list[dict[str, Any]],
    processing: list[dict[str, Any]],
    active_contract: dict[uuid.UUID, uuid.UUID],
) -> list[dict[str, Any]]:
    """Incidents at one vendor in thirty, in every status: the open ones known within the last 20 days (their
    deadlines fall around today, some past), the others up to two years ago."""
    now = utcnow()
    rows = []
    for k, i in enumerate(range(7, len(vendors), 30)):
        vendor, proc = vendors[i], processing[i]
        status = INCIDENT_STATUSES[k % len(INCIDENT_STATUSES)]
        if status in OPEN_INCIDENTS:
            aware = now - timedelta(hours=1 + (k * 37) % (20 * 24))
        else:
            aware = now - timedelta(days=30 + (k * 53) % 700)
        discovered = aware - timedelta(hours=2 + k % 30)
        estimate = (50, 400, 1_500, 12_000)[k % 4]
        rows.append(
            {
                "id": uuid.uuid4(),
                "organization_id": org_id,
                "vendor_id": vendor["id"],
                "contract_id": active_contract.get(vendor["id"]),
                "processing_ids": [str(proc["id"])],
                "source_incident_id": None,
                "title": f"{vendor['name']}における個人データの漏えいのおそれ",
                "status": status.value,
                "occurred_at": discovered - timedelta(days=1),
                "vendor_discovered_at": discovered,
                "vendor_notified_at": discovered + timedelta(hours=6 + k % 60) if k % 2 == 0 else None,
                "aware_at": aware,
                "discovered_by": "委託先からの報告" if k % 2 == 0 else "社内監視",
                "data_categories": proc["data_categories"],
                "data_items": "氏名、住所、電話番号",
                "affected_persons_estimate": estimate,
                "affected_persons_max": estimate * 2,
                "financial_damage_possible": None if k % 3 else k % 2 == 0,
                "wrongful_intent_possible": k % 7 == 0,
                "strongly_encrypted": k % 11 == 0,
                "description": "委託先のサーバーに不正アクセスの痕跡が見つかった。",
                "cause": None if status == IncidentStatus.suspected else "脆弱性の未修正",
                "reported_via": (ReportedVia.portal if k % 5 == 0 else ReportedVia.staff).value,
                "closed_at": aware + timedelta(days=25) if status == IncidentStatus.closed else None,
                "created_at": aware,
                "updated_at": aware + timedelta(days=25 if status == IncidentStatus.closed else 0),
                "version": 1,
            }
        )
    return rows


async def _insert(conn: AsyncConnection, model: Any, rows: Iterable[dict[str, Any]]) -> int:
    """Bulk Core inserts in batches; returns how many rows went in."""
    table = model.metadata.tables[model.__tablename__]
    batch: list[dict[str, Any]] = []
    done = 0
    for row in rows:
        batch.append(row)
        if len(batch) >= INSERT_BATCH:
            await conn.execute(insert(table), batch)
            done += len(batch)
            batch = []
    if batch:
        await conn.execute(insert(table), batch)
        done += len(batch)
    return done


async def _incident_obligations(db: Database, org_id: uuid.UUID) -> int:
    """Every seeded incident's obligations, from the app's own rule engine (as a change of facts would leave them);
    those of closed incidents done."""
    async with db.unit_of_work(write=True) as session:
        org = await session.get(Organization, org_id)
        incidents = list((await session.scalars(select(Incident).where(Incident.organization_id == org_id))).all())
        references = await contract_service.contract_references(
            session, org_id, [(i.contract_id, i.vendor_id) for i in incidents if i.contract_id is not None]
        )
        count = 0
        for incident in incidents:
            _, hours = references.get(incident.contract_id, (None, None)) if incident.contract_id else (None, None)
            rows = await recompute(session, incident, org, hours)
            if incident.status == IncidentStatus.closed.value:
                for row in rows:
                    if row.done_at is None:
                        row.done_at = incident.aware_at + timedelta(days=4)
                        row.reference = "受付番号 2026-000"
            count += len(rows)
        await session.flush()
    return count


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
        seeded = Seeded(str(org_id), str(user_id), 0, register_s=time.perf_counter() - started)

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
            seeded.events_total = seq

            vendor_rows, processing_rows, contact_rows = _vendor_rows(org_id, vendors)
            vendor_ids = [v["id"] for v in vendor_rows]
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
                org_id, template.id, template.title_ja, vendor_ids, ADMIN_EMAIL
            )
            contract_rows, variants, active = _contract_rows(org_id, vendor_ids, [p["id"] for p in processing_rows])
            incident_rows = _incident_rows(org_id, vendor_rows, processing_rows, active)
            seeded.vendors = await _insert(conn, Vendor, vendor_rows)
            seeded.processing = await _insert(conn, Processing, processing_rows)
            seeded.incident_contacts = await _insert(conn, VendorContact, contact_rows)
            seeded.subcontracts = await _insert(conn, Subcontract, _subcontract_rows(org_id, vendor_ids))
            seeded.contracts = await _insert(conn, Contract, contract_rows)
            seeded.clauses = await _insert(conn, ContractClause, _clause_rows(org_id, variants))
            seeded.assessments = await _insert(conn, Assessment, assessment_rows)
            seeded.findings = await _insert(conn, Finding, finding_rows)
            seeded.incidents = await _insert(conn, Incident, incident_rows)
        seeded.insert_s = time.perf_counter() - started
        seeded.active_contracts = len(active)
        seeded.vendors_without_active_contract = len(vendor_rows) - len(active)  # every seeded vendor handles data
        seeded.open_findings = sum(f["status"] != FindingStatus.closed.value for f in finding_rows)
        seeded.review_queue = sum(a["status"] in REVIEW_QUEUE for a in assessment_rows)
        seeded.name_hits = sum(SEARCH_NAME in v["name"] for v in vendor_rows)
        seeded.kana_hits = sum(SEARCH_KANA in v["name_kana"] for v in vendor_rows)

        started = time.perf_counter()
        seeded.obligations = await _incident_obligations(db, org_id)
        seeded.obligations_s = time.perf_counter() - started

        if verify:
            started = time.perf_counter()
            async with db.unit_of_work(write=False) as session:
                checked, broken = await audit_service.verify(session)  # every chain, as `itaku audit verify`
            seeded.verify_s, seeded.verified_events = time.perf_counter() - started, checked
            if broken:
                raise BenchError(f"the seeded audit chain does not verify: {broken[0]}")
        await settle(url)
        return seeded
    finally:
        await db.dispose()


async def settle(url: str) -> None:
    """Measure from the state a live database is in, not from a bulk load still being digested: after the seed, and
    again after the app's first sweep has planned the calendar (a million rows at 100 000 vendors).

    PostgreSQL: VACUUM ANALYZE now, or autovacuum does it on the fresh rows in the middle of a run (it takes a core
    of the two), count(*) reads the heap instead of the visibility map until then, and the planner guesses without
    statistics. SQLite: checkpoint the WAL the load left behind; its statistics are the app's own business (the
    daily housekeeping of the first sweep runs ANALYZE), so that the bench measures what a server would do.
    """
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            if engine.dialect.name == "sqlite":
                await conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            else:
                await conn.exec_driver_sql("VACUUM ANALYZE")
    finally:
        await engine.dispose()


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
        time.sleep(0.05)
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


def timed_get(url: str, headers: dict[str, str], timeout: float = PROBE_TIMEOUT_S) -> tuple[int, Any, float]:
    """(status, body, seconds); status 0 when no answer came within `timeout`."""
    started = time.perf_counter()
    try:
        status, body = http_get(url, headers, timeout=timeout)
    except (TimeoutError, urllib.error.URLError) as exc:
        return 0, f"no answer within {timeout:.0f} s ({exc})", time.perf_counter() - started
    return status, body, time.perf_counter() - started


def sign_in(base_url: str) -> str:
    data = urllib.parse.urlencode({"username": ADMIN_EMAIL, "password": ADMIN_PASSWORD}).encode()
    req = urllib.request.Request(f"{base_url}/api/v1/auth/token", data=data, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(req, timeout=120) as resp:  # noqa: S310
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
    duration_s: float
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
    threads = min(threads, connections)
    cmd = [wrk, "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency", "--timeout", WRK_TIMEOUT]
    for k, v in headers.items():
        cmd += ["-H", f"{k}: {v}"]
    cmd += ["-s", str(lua), url]
    cpu_before = process_cpu_seconds(server_pid) if server_pid else None
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 90, check=False)  # noqa: S603
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


# --------------------------------------------------------------------------------------------------- endpoints


@dataclass
class Endpoint:
    key: str
    label: str
    app_path: str
    bare_path: str
    auth: bool = True
    is_list: bool = True  # one of "every list" of the targets
    note: str | None = None  # why it is not measured


def vendor_page(**query: Any) -> str:
    return "/api/v1/vendors?" + urllib.parse.urlencode({"size": PAGE_SIZE, **query}, doseq=True)


def endpoints(seeded: Seeded) -> list[Endpoint]:
    """What a user waits for, each with the same request shape on both sides (the deep page by cursor is resolved
    against the running servers, see resolve_cursor)."""
    deep = max(1, (seeded.vendors * 9 // 10) // PAGE_SIZE)
    queue = "/api/v1/assessments?size=50&sort=-created_at&status=submitted&status=under_review"
    items = "/api/v1/monitoring-items?stage=overdue&sort=due_date&size=50"
    findings = "/api/v1/findings?overdue=true&sort=-created_at&size=50"
    incidents = "/api/v1/incidents?sort=-aware_at&size=50"
    same = [
        ("me", "auth/me", "/api/v1/auth/me", False),
        ("audit", "audit trail", "/api/v1/audit-events?size=50", True),
        ("vendors.first", "vendors: first page", vendor_page(page=1, sort="name"), True),
        ("vendors.tier", "vendors: tier filter", vendor_page(tier=["critical", "high"], sort="name"), True),
        ("vendors.search", "vendors: search a name (1 %)", vendor_page(q=SEARCH_NAME, sort="name"), True),
        ("vendors.search_kana", "vendors: search a reading", vendor_page(q=SEARCH_KANA, sort="name"), True),
        ("vendors.sort_updated", "vendors: sort -updated_at", vendor_page(sort="-updated_at"), True),
        ("vendors.sort_tier", "vendors: sort tier", vendor_page(sort="tier"), True),
        ("vendors.deep_offset", "vendors: page at 90 % by offset", vendor_page(page=deep, sort="name"), True),
        ("vendors.deep_cursor", "vendors: deep page by cursor", vendor_page(page=deep, sort="name"), True),
        ("assessments.queue", "assessment queue", queue, True),
        ("monitoring.overdue", "calendar: overdue items", items, True),
        ("contracts.gaps", "contract gap matrix", "/api/v1/contract-gaps", True),
        ("findings.overdue", "findings: overdue", findings, True),
        ("dashboard", "dashboard", "/api/v1/dashboard", True),
        ("incidents", "incidents", incidents, True),
    ]
    return [
        Endpoint("health", "health (/healthz | /hello)", "/healthz", "/hello", auth=False, is_list=False),
        *(Endpoint(key, label, path, path, is_list=is_list) for key, label, path, is_list in same),
    ]


def resolve_cursor(ep: Endpoint, app: Server, bare: Server, auth: dict[str, str]) -> None:
    """The page after the deep one, by the `next_cursor` each side gave for the deep page; skipped (with a note)
    while the app's lists have no cursor."""
    status, body, _ = timed_get(app.base_url + ep.app_path, auth)
    if status != 200 or not isinstance(body, dict):
        ep.note = f"the deep page answered {status}"
        return
    if "next_cursor" not in body:
        ep.note = "skipped: the app's vendor list gives no next_cursor"
        return
    if not body["next_cursor"]:
        ep.note = "skipped: the app gave no next_cursor for the deep page"
        return
    bare_status, bare_body, _ = timed_get(bare.base_url + ep.bare_path, {})
    if bare_status != 200 or not isinstance(bare_body, dict) or not bare_body.get("next_cursor"):
        raise BenchError(f"the bare deep page answered {bare_status} without a next_cursor")
    ep.app_path = vendor_page(cursor=body["next_cursor"], sort="name")
    ep.bare_path = vendor_page(cursor=bare_body["next_cursor"], sort="name")


@dataclass
class Probe:
    """One request per side before measuring: its time decides how the side is measured."""

    app_s: float
    bare_s: float
    warnings: list[str] = field(default_factory=list)


def _rows_of(body: Any) -> list[Any] | None:
    if not isinstance(body, dict):
        return None
    if "contracts" in body:
        return [c.get("contract_id") for c in body["contracts"]]
    if "items" in body:
        return [i.get("id") for i in body["items"]]
    return None


def _total_of(body: Any) -> int | None:
    if isinstance(body, dict) and "total" in body:
        return int(body["total"])
    rows = _rows_of(body)
    return len(rows) if rows is not None else None


DASHBOARD_COUNTS = (
    ("open_incidents",),
    ("vendors_by_tier",),
    ("assessments", "awaiting_review"),
    ("assessments", "overdue"),
    ("assessments", "open_findings"),
    ("assessments", "overdue_findings"),
    ("monitoring", "overdue"),
    ("monitoring", "due_soon"),
)


def _dig(body: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        body = body.get(part) if isinstance(body, dict) else None
    return body


def expected_total(ep: Endpoint, seeded: Seeded) -> int | None:
    """The totals the seed knows (before the import adds vendors)."""
    return {
        "audit": seeded.events_total,
        "vendors.first": seeded.vendors,
        "vendors.sort_updated": seeded.vendors,
        "vendors.sort_tier": seeded.vendors,
        "vendors.deep_offset": seeded.vendors,
        "vendors.search": seeded.name_hits,
        "vendors.search_kana": seeded.kana_hits,
        "assessments.queue": seeded.review_queue,
        "contracts.gaps": seeded.active_contracts,
        "incidents": seeded.incidents,
    }.get(ep.key)


def probe(ep: Endpoint, app: Server, bare: Server, auth: dict[str, str], seeded: Seeded) -> Probe | None:
    """A 401 or an empty list would make every number meaningless, and a bare twin returning other rows would make
    the ratio meaningless: both are set-up errors. An app endpoint that fails or does not answer is reported (None)
    and left out of the measurement."""
    app_status, app_body, app_s = timed_get(app.base_url + ep.app_path, auth if ep.auth else {})
    if app_status == 0 or app_status >= 500:
        ep.note = f"app answered {app_status or 'nothing'} after {app_s:.1f} s: {str(app_body)[:200]}"
        return None
    if app_status != 200:
        raise BenchError(f"app GET {ep.app_path} answered {app_status}: {str(app_body)[:500]}")
    bare_status, bare_body, bare_s = timed_get(bare.base_url + ep.bare_path, {})
    if bare_status != 200:
        raise BenchError(f"bare GET {ep.bare_path} answered {bare_status}: {str(bare_body)[:500]}")
    # The first answer may be a cold one: the faster of two decides how the side is loaded.
    if app_s < LONG_REQUEST_S:
        app_s = min(app_s, timed_get(app.base_url + ep.app_path, auth if ep.auth else {})[2])
    if bare_s < LONG_REQUEST_S:
        bare_s = min(bare_s, timed_get(bare.base_url + ep.bare_path, {})[2])
    result = Probe(app_s, bare_s)
    if not ep.is_list:
        return result
    expected = expected_total(ep, seeded)
    for side, body in (("app", app_body), ("bare", bare_body)):
        total = _total_of(body)
        if expected is not None and isinstance(body, dict) and body.get("total_exact") is False:
            expected = min(expected, COUNT_CAP)  # "10 000 and more"
        if expected is not None and total != expected:
            raise BenchError(f"{side} GET {ep.key} has total {total}, the seed made {expected}")
        if total == 0:
            raise BenchError(f"{side} GET {ep.key} is empty: the seed left nothing to measure")
    if ep.key == "dashboard":
        differ = [".".join(p) for p in DASHBOARD_COUNTS if _dig(app_body, p) != _dig(bare_body, p)]
        if differ:
            result.warnings.append(f"the app's and the bare dashboard differ in {', '.join(differ)}")
    elif _total_of(app_body) != _total_of(bare_body) or _rows_of(app_body) != _rows_of(bare_body):
        result.warnings.append(
            f"the app and the bare app list other rows (totals {_total_of(app_body)} / {_total_of(bare_body)})"
        )
    if ep.key == "assessments.queue" and not any(i["open_findings"] for i in app_body["items"]):
        raise BenchError("no assessment on the measured page has an open finding: the per-row count does no work")
    if ep.key == "dashboard" and not app_body.get("deadlines"):
        result.warnings.append("the dashboard lists no incident deadline")
    return result


# --------------------------------------------------------------------------------------------------- measurement


WRK, FIXED, SINGLE = "wrk", "fixed", "single"


def load_mode(probe_s: float, args: argparse.Namespace) -> str:
    """How a side is loaded, from the time of its single request: wrk for a fast one; a fixed number of requests on
    `--connections` connections when wrk's run would end with most of its requests still in the server (whose work
    would spill into the next run, and whose rate wrk would not count); one request per round when even that would
    take minutes."""
    if probe_s > SLOW_REQUEST_S:
        return SINGLE
    if probe_s * args.connections > args.duration / 2:
        return FIXED
    return WRK


@dataclass
class Side:
    """One server's figures for one endpoint, a value per round."""

    mode: str = WRK
    p50_ms: list[float] = field(default_factory=list)  # at one connection (wrk's p50, or one timed request)
    rps: list[float] = field(default_factory=list)  # at --connections
    p99_ms: list[float] = field(default_factory=list)  # at --connections
    cpu_ms: list[float] = field(default_factory=list)  # server CPU per request at --connections
    runs: list[Run] = field(default_factory=list)

    @staticmethod
    def _median(values: list[float]) -> float | None:
        return statistics.median(values) if values else None

    @property
    def p50(self) -> float | None:
        return self._median(self.p50_ms)

    @property
    def throughput(self) -> float | None:
        return self._median(self.rps)

    @property
    def p99(self) -> float | None:
        return self._median(self.p99_ms)

    @property
    def cpu(self) -> float | None:
        return self._median(self.cpu_ms)

    def to_json(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "p50_ms_at_1": self.p50_ms,
            "rps": self.rps,
            "p99_ms": self.p99_ms,
            "cpu_ms_per_request": self.cpu_ms,
            "median_p50_ms_at_1": self.p50,
            "median_rps": self.throughput,
            "runs": [r.to_json() for r in self.runs],
        }


@dataclass
class Measured:
    endpoint: Endpoint
    app: Side = field(default_factory=Side)
    bare: Side = field(default_factory=Side)
    probe_app_s: float | None = None
    probe_bare_s: float | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        a, b = self.app.throughput, self.bare.throughput
        return a / b if a is not None and b else None

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.endpoint.key,
            "label": self.endpoint.label,
            "app_path": self.endpoint.app_path,
            "bare_path": self.endpoint.bare_path,
            "note": self.endpoint.note,
            "warnings": self.warnings,
            "probe_s": {"app": self.probe_app_s, "bare": self.probe_bare_s},
            "ratio": self.ratio,
            "app": self.app.to_json(),
            "bare": self.bare.to_json(),
        }


@dataclass
class Bench:
    """What every measurement needs."""

    args: argparse.Namespace
    wrk: str
    lua: Path


def load_fixed(label: str, url: str, headers: dict[str, str], connections: int, requests: int, pid: int) -> Run:
    """`requests` requests on `connections` connections, all answered before it returns: the rate is requests over
    the time they took, and nothing is left running in the server."""
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    errors = {"connect": 0, "read": 0, "write": 0, "status": 0, "timeout": 0}

    async def load() -> float:
        todo = iter(range(requests))
        limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        async with httpx.AsyncClient(headers=headers, limits=limits, timeout=PROBE_TIMEOUT_S) as client:

            async def one_connection() -> None:
                for _ in todo:
                    started = time.perf_counter()
                    try:
                        r = await client.get(url)
                    except httpx.TimeoutException:
                        errors["timeout"] += 1
                        continue
                    except httpx.TransportError:
                        errors["read"] += 1
                        continue
                    latencies.append((time.perf_counter() - started) * 1000)
                    statuses[str(r.status_code)] = statuses.get(str(r.status_code), 0) + 1

            started = time.perf_counter()
            await asyncio.gather(*(one_connection() for _ in range(connections)))
            return time.perf_counter() - started

    cpu_before = process_cpu_seconds(pid)
    seconds = asyncio.run(load())
    cpu_after = process_cpu_seconds(pid)
    ordered = sorted(latencies) or [0.0]

    def pct(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3)

    return Run(
        label=label,
        url=url,
        connections=connections,
        threads=0,
        duration_s=round(seconds, 1),
        requests=len(latencies),
        rps=len(latencies) / seconds,
        latency_ms={
            "mean": round(statistics.fmean(ordered), 3),
            "max": ordered[-1],
            "p50": pct(0.5),
            "p90": pct(0.9),
            "p99": pct(0.99),
        },
        statuses=statuses,
        errors=errors,
        server_cpu_ms_per_request=(
            round(1000 * (cpu_after - cpu_before) / len(latencies), 3)
            if cpu_before is not None and cpu_after is not None and latencies
            else None
        ),
    )


def measure(
    bench: Bench, ep: Endpoint, app: Server, bare: Server, auth: Callable[[], dict[str, str]], found: Probe
) -> Measured:
    """Rounds alternating the app and the bare app: one connection each, then many connections each. After a wrk
    run the server may still be answering what wrk left (one request per connection): the next run waits for it.
    Each round signs in afresh: an access token lives 10 minutes, and a slow endpoint's rounds take longer."""
    args = bench.args
    result = Measured(ep, probe_app_s=found.app_s, probe_bare_s=found.bare_s, warnings=list(found.warnings))
    sides = [
        (app, ep.app_path, auth() if ep.auth else {}, result.app, found.app_s),
        (bare, ep.bare_path, {}, result.bare, found.bare_s),
    ]

    def wrk_run(server: Server, path: str, headers: dict[str, str], connections: int, seconds: int, what: str) -> Run:
        run = run_wrk(
            bench.wrk,
            bench.lua,
            f"{what} {server.name} GET {path} ({connections} connection(s))",
            server.base_url + path,
            connections=connections,
            threads=args.threads,
            seconds=seconds,
            headers=headers,
            server_pid=server.proc.pid,
        )
        time.sleep(connections * probe_of[server.name])
        if run.non_2xx:
            result.warnings.append(f"{run.label}: answers {run.statuses}")
        return run

    probe_of = {app.name: found.app_s, bare.name: found.bare_s}
    for server, path, headers, side, probe_s in sides:
        side.mode = load_mode(probe_s, args)
        if args.warmup and side.mode == WRK:
            side.runs.append(wrk_run(server, path, headers, args.connections, args.warmup, "warm-up"))
    for round_ in range(args.rounds):
        what = f"round {round_ + 1}"
        if round_ and ep.auth:
            sides[0] = (app, ep.app_path, auth(), result.app, found.app_s)
        for server, path, headers, side, probe_s in sides:
            if side.mode != SINGLE:
                run = wrk_run(server, path, headers, 1, args.latency_duration, what)
                side.runs.append(run)
                side.p50_ms.append(run.latency_ms["p50"])
            elif round_ == 0 or probe_s < LONG_REQUEST_S:
                status, _, seconds = timed_get(server.base_url + path, headers)
                if status != 200:
                    result.warnings.append(f"{server.name} answered {status or 'nothing'} in {what}")
                side.p50_ms.append(seconds * 1000)
        for server, path, headers, side, _ in sides:
            if side.mode == SINGLE:
                continue
            if side.mode == WRK:
                run = wrk_run(server, path, headers, args.connections, args.duration, what)
            else:
                run = load_fixed(
                    f"{what} {server.name} GET {path} ({2 * args.connections} requests on {args.connections})",
                    server.base_url + path,
                    headers,
                    args.connections,
                    2 * args.connections,
                    server.proc.pid,
                )
                if run.non_2xx:
                    result.warnings.append(f"{run.label}: answers {run.statuses}")
            side.runs.append(run)
            side.rps.append(run.rps)
            side.p99_ms.append(run.latency_ms["p99"])
            if run.server_cpu_ms_per_request is not None:
                side.cpu_ms.append(run.server_cpu_ms_per_request)
    return result


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
    """The register as CSV, read as it streams; the app's resident memory is sampled while it sends (its lifetime
    peak would show the calendar's planning instead)."""
    before, _ = _rss_mb(app.proc.pid)
    highest = before
    started = last_sample = time.perf_counter()
    first_byte = None
    size = 0
    with httpx.stream("GET", f"{app.base_url}/api/v1/vendors/export", headers=auth, timeout=600) as r:
        if r.status_code != 200:
            raise BenchError(f"the export answered {r.status_code}")
        for chunk in r.iter_raw():
            now = time.perf_counter()
            first_byte = first_byte or now - started
            size += len(chunk)
            if now - last_sample > 0.05:
                highest, last_sample = max(highest, _rss_mb(app.proc.pid)[0]), now
    seconds = time.perf_counter() - started
    after, peak = _rss_mb(app.proc.pid)
    return {
        "first_byte_ms": round((first_byte or seconds) * 1000),
        "seconds": seconds,
        "bytes": size,
        "rss_before_mb": before,
        "rss_during_max_mb": max(highest, after),
        "rss_after_mb": after,
        "rss_lifetime_peak_mb": peak,
        "growth_mb": max(highest, after) - before,
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


# --------------------------------------------------------------------------------------------------- report


@dataclass
class CountResult:
    """Everything measured at one vendor count."""

    vendors: int
    seeded: Seeded
    migrate_s: float
    first_sign_in_ms: int
    planner: dict[str, Any]
    measured: list[Measured]
    check: Run | None = None
    export: dict[str, Any] | None = None
    imported: dict[str, Any] | None = None

    def by_key(self, key: str) -> Measured | None:
        return next((m for m in self.measured if m.endpoint.key == key), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "vendors": self.vendors,
            "seed": asdict(self.seeded),
            "migrate_s": self.migrate_s,
            "first_sign_in_ms": self.first_sign_in_ms,
            "planner": self.planner,
            "endpoints": [m.to_json() for m in self.measured],
            "concurrency_check": (
                {**self.check.to_json(), "ok": self.check.requests > 0 and self.check.server_errors == 0}
                if self.check
                else None
            ),
            "export": self.export,
            "import": self.imported,
        }


def _num(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def print_count_table(result: CountResult, args: argparse.Namespace) -> None:
    print(
        f"\n=== {result.vendors:,} vendors: medians of {args.rounds} round(s); p50 with 1 connection, req/s and p99 "
        f"with {args.connections} ==="
    )
    head = (
        f"{'endpoint':<30} {'p50@1 app':>10} {'bare':>8} {'req/s app':>10} {'bare':>8} {'app/bare':>8} "
        f"{'p99 app':>9} {'bare':>8} {'CPU ms/req app|bare':>20} {'load':>6}"
    )
    print(head)
    print("-" * len(head))
    for m in result.measured:
        if m.endpoint.note:
            print(f"{m.endpoint.label:<30} {m.endpoint.note}")
            continue
        a, b = m.app, m.bare
        print(
            f"{m.endpoint.label:<30} {_num(a.p50):>10} {_num(b.p50):>8} {_num(a.throughput):>10} "
            f"{_num(b.throughput):>8} {_num(m.ratio, 2):>8} {_num(a.p99):>9} {_num(b.p99):>8} "
            f"{f'{_num(a.cpu, 2)} | {_num(b.cpu, 2)}':>20} {f'{a.mode[0]}|{b.mode[0]}':>6}"
        )
    print(
        "(ms; app/bare: req/s of the app over req/s of the bare app; CPU ms/req: user+system CPU of the server process "
        "per response; load w: wrk for a fixed time, f: "
        f"{2 * args.connections} requests on {args.connections} connections (a side slower than "
        f"{args.duration / 2 / args.connections * 1000:.0f} ms per request), s: single requests, not loaded (a side "
        f"slower than {SLOW_REQUEST_S} s))"
    )
    for m in result.measured:
        for w in m.warnings:
            print(f"warning: {m.endpoint.label}: {w}")
    if result.check is not None:
        c = result.check
        ok = c.requests > 0 and c.server_errors == 0
        print(
            f"concurrency check ({CHECK_CONNECTIONS} connections, {c.duration_s:.0f} s, audit list): "
            f"{c.requests} responses, {c.server_errors} 5xx, {c.transport_errors} transport errors, {c.rps:.1f} req/s, "
            f"p50/p99 {c.latency_ms['p50']:.1f}/{c.latency_ms['p99']:.1f} ms -> {'ok' if ok else 'FAILED'}"
        )


def print_scaling(results: list[CountResult]) -> None:
    """Each endpoint's p50 at one connection and its ratio app/bare at each vendor count, and how the p50 grew."""
    counts = [r.vendors for r in results]
    print(
        f"\n=== by vendor count: p50 at 1 connection, app (ms) and app/bare req/s; growth = p50 at "
        f"{counts[-1]:,} / p50 at {counts[0]:,} ==="
    )
    head = f"{'endpoint':<30}" + "".join(f" {f'{n:,}: p50':>14} {'ratio':>6}" for n in counts) + f" {'growth':>7}"
    print(head)
    print("-" * len(head))
    for m in results[0].measured:
        cells, p50s = [], []
        for r in results:
            found = r.by_key(m.endpoint.key)
            p50 = found.app.p50 if found and not found.endpoint.note else None
            ratio = found.ratio if found and not found.endpoint.note else None
            p50s.append(p50)
            cells.append(f" {_num(p50):>14} {_num(ratio, 2):>6}")
        growth = p50s[-1] / p50s[0] if p50s[0] and p50s[-1] is not None else None
        print(f"{m.endpoint.label:<30}{''.join(cells)} {_num(growth, 1):>7}")


@dataclass
class Target:
    name: str
    measured: str
    verdict: str  # "met", "not met", "not measured"


def judged_at(results: list[CountResult]) -> CountResult:
    """The run the "at 100 000 vendors" targets are judged on: that count, or else the largest measured."""
    exact = next((r for r in results if r.vendors == TARGET_VENDORS), None)
    return exact or max(results, key=lambda r: r.vendors)


def _verdict(ok: bool | None) -> str:
    return "not measured" if ok is None else "met" if ok else "not met"


def _measured(result: CountResult, key: str) -> Measured | None:
    found = result.by_key(key)
    return found if found is not None and not found.endpoint.note else None


def targets(results: list[CountResult], backend: str, connections: int) -> list[Target]:
    """Issue 16's targets, each judged on the run at 100 000 vendors (or the largest there is)."""
    out: list[Target] = []
    at = judged_at(results)
    others = [r for r in results if r is not at]
    for m in at.measured:
        if not m.endpoint.is_list:
            continue
        here = _measured(at, m.endpoint.key)
        p50, ratio = (here.app.p50, here.ratio) if here else (None, None)
        text = f"p50@1 {_num(p50)} ms, app/bare {_num(ratio, 2)}"
        if here and ratio is None and here.app.p50 and here.bare.p50:
            # A side too slow to load: one worker busy for the whole request serves about 1/p50 requests a second.
            ratio = here.bare.p50 / here.app.p50
            text = f"p50@1 {_num(p50)} ms, app/bare ~{ratio:.2f} (from p50, a side too slow to load)"
        for r in others:
            there = _measured(r, m.endpoint.key)
            p50_there = there.app.p50 if there else None
            growth = f", p50 ×{p50 / p50_there:.1f}" if p50 is not None and p50_there else ""
            text += f" (at {r.vendors:,}: {_num(p50_there)} ms, {_num(there.ratio if there else None, 2)}{growth})"
        if m.endpoint.note:
            text += f" [{m.endpoint.note}]"
        out.append(
            Target(
                f"{m.endpoint.label}: req/s@{connections} >= {MIN_RATIO}x bare",
                text,
                _verdict(None if ratio is None else ratio >= MIN_RATIO),
            )
        )
    first = _measured(at, "vendors.first")
    rps = first.app.throughput if first else None
    out.append(
        Target(
            f"vendor list >= {MIN_VENDOR_LIST_RPS:.0f} req/s",
            f"{_num(rps)} req/s (first page, {connections} connections)",
            _verdict(None if rps is None else rps >= MIN_VENDOR_LIST_RPS),
        )
    )
    for key in ("vendors.search", "vendors.search_kana"):
        search = _measured(at, key)
        p50 = search.app.p50 if search else None
        out.append(
            Target(
                f"search p50 < {MAX_SEARCH_P50_MS:.0f} ms ({key.removeprefix('vendors.')})",
                f"{_num(p50)} ms",
                _verdict(None if p50 is None else p50 < MAX_SEARCH_P50_MS),
            )
        )
    for r in results:
        if r.imported is None:
            continue
        rows = r.imported["rows"]
        limit = MAX_IMPORT_S * rows / IMPORT_TARGET_ROWS
        out.append(
            Target(
                f"CSV import of {IMPORT_TARGET_ROWS:,} < {MAX_IMPORT_S:.0f} s (into {r.vendors:,} vendors)",
                f"{r.imported['seconds']:.1f} s for {rows:,} rows"
                + ("" if rows == IMPORT_TARGET_ROWS else f" (judged against {limit:.1f} s)"),
                _verdict(r.imported["seconds"] < limit),
            )
        )
    exports = [(r.vendors, r.export) for r in results if r.export is not None]
    if exports:
        out.append(
            Target(
                f"export memory flat (RSS +< {MAX_EXPORT_GROWTH_MB} MB)",
                "; ".join(
                    f"{n:,} vendors: {e['rss_before_mb']} MB -> at most {e['rss_during_max_mb']} MB "
                    f"(+{e['growth_mb']}) in {e['seconds']:.1f} s"
                    for n, e in exports
                ),
                _verdict(all(e["growth_mb"] < MAX_EXPORT_GROWTH_MB for _, e in exports)),
            )
        )
    out.append(
        Target(
            f"sign-in within {MAX_SIGN_IN_S:.0f} s of /readyz ({backend})",
            f"{at.first_sign_in_ms} ms, the calendar being planned meanwhile",
            _verdict(at.first_sign_in_ms < MAX_SIGN_IN_S * 1000),
        )
    )
    planner = at.planner["seconds"]
    out.append(
        Target(
            f"planner from scratch < {MAX_PLANNER_S:.0f} s (PostgreSQL)",
            f"{planner:.1f} s on {backend} for {at.planner['vendors_planned']} vendors, {at.planner['items']:,} items",
            _verdict(planner < MAX_PLANNER_S) if backend == "postgresql" else "not measured (a SQLite run)",
        )
    )
    return out


def print_targets(found: list[Target], results: list[CountResult], backend: str) -> None:
    at = judged_at(results)
    print(f"\n=== targets of issue 16, judged at {at.vendors:,} vendors on {backend} ===")
    if at.vendors != TARGET_VENDORS:
        print(f"(the issue states them at {TARGET_VENDORS:,} vendors: run --vendors {TARGET_VENDORS} to judge them)")
    width = max(len(t.name) for t in found)
    for t in found:
        print(f"{t.name:<{width}}  {t.verdict:<12}  {t.measured}")


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


def write_results(
    args: argparse.Namespace,
    started_at: datetime,
    revision: str | None,
    backend: str,
    results: list[CountResult],
    found: list[Target],
) -> Path:
    args.output_dir.mkdir(parents=True, exist_ok=True)
    path = args.output_dir / f"{started_at.strftime('%Y%m%dT%H%M%SZ')}.json"
    doc = {
        "started_at": started_at.isoformat(timespec="seconds"),
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "git": revision,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average": os.getloadavg(),
        },
        "database": backend,
        "options": {
            "events": args.events,
            "vendors": args.vendors,
            "rounds": args.rounds,
            "duration_s": args.duration,
            "latency_duration_s": args.latency_duration,
            "warmup_s": args.warmup,
            "connections": args.connections,
            "threads": args.threads,
            "import_rows": args.import_rows,
            "endpoints": args.endpoints,
            "quick": args.quick,
        },
        "counts": [r.to_json() for r in results],
        "targets": [asdict(t) for t in found],
    }
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


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
    """What has to be undone, whatever happened: after each vendor count, and at the end."""

    tmp_dir: Path
    servers: list[Server] = field(default_factory=list)
    dbs: list[BenchDatabase] = field(default_factory=list)

    def release(self) -> None:
        for server in self.servers:
            stop_server(server)
        self.servers.clear()
        for db in self.dbs:
            try:
                drop_database(db)
            except Exception as exc:  # the run's outcome matters more than the clean-up
                print(f"bench: could not drop database {db.pg_name}: {exc}", file=sys.stderr)
        self.dbs.clear()

    def cleanup(self) -> None:
        self.release()
        shutil.rmtree(self.tmp_dir, ignore_errors=True)


def run_count(bench: Bench, state: State, vendors: int) -> CountResult:
    """The whole run at one vendor count, on a database of its own."""
    args = bench.args
    work = Path(tempfile.mkdtemp(prefix=f"{vendors}-", dir=state.tmp_dir))
    db = create_database(args, work)
    state.dbs.append(db)
    print(
        f"\n##### {vendors:,} vendors — database: {db.backend} "
        f"({make_url(db.url).render_as_string(hide_password=True)})",
        flush=True,
    )
    if db.backend == "postgresql":
        free, most = asyncio.run(free_connections(db.url))
        if free < 2 * SERVER_POOL + 10:
            print(
                f"warning: PostgreSQL has {free} of {most} connections free, and the app and the bare app may open "
                f"{SERVER_POOL} each: requests may fail with 'too many clients' (is another run using the server?)",
                flush=True,
            )
    started = time.perf_counter()
    command.upgrade(alembic_config(db.url), "head")
    migrate_s = time.perf_counter() - started
    seeded = asyncio.run(seed(db.url, args.events, verify=not args.no_verify, vendors=vendors))
    print(
        f"seeded: {seeded.vendors:,} vendors ({seeded.incident_contacts:,} with an incident contact, "
        f"{seeded.subcontracts:,} subcontracting links), {seeded.contracts:,} contracts ({seeded.active_contracts:,} "
        f"active, {seeded.clauses:,} clauses), {seeded.assessments:,} assessments ({seeded.review_queue:,} in the "
        f"review queue), {seeded.findings:,} findings ({seeded.open_findings:,} open), {seeded.incidents:,} incidents "
        f"({seeded.obligations:,} obligations), {seeded.events_total:,} audit events "
        f"(migrate {migrate_s:.1f} s, register {seeded.register_s:.1f} s, bulk insert {seeded.insert_s:.1f} s, "
        f"obligations {seeded.obligations_s:.1f} s"
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
        "/readyz",
        work,
        state.servers,
    )
    # Signing in right after the app is ready, while its first reminder sweep plans the seeded calendar from scratch.
    started = time.perf_counter()
    sign_in(app.base_url)
    first_sign_in_ms = round((time.perf_counter() - started) * 1000)
    print(f"first sign-in after /readyz: {first_sign_in_ms} ms (the calendar being planned meanwhile)", flush=True)
    bare = start_server(
        "bare",
        "scripts.bench_bare:create_app",
        clean_env(
            {
                "BENCH_DATABASE_URL": db.url,
                "BENCH_USER_ID": seeded.user_id,
                "BENCH_ORG_ID": seeded.organization_id,
                "BENCH_REQUIREMENT_KEYS": ",".join(r.key for r in JP_REQUIREMENTS),
            }
        ),
        "/hello",
        work,
        state.servers,
    )

    def auth() -> dict[str, str]:
        return {"Authorization": f"Bearer {sign_in(app.base_url)}"}

    planner = asyncio.run(wait_for_first_sweep(db.url, args.max_seconds))
    print(
        f"review calendar planned from scratch by the app's first sweep: {planner['seconds']:.1f} s, "
        f"{planner['vendors_planned']} vendors, {planner['items']:,} items",
        flush=True,
    )
    asyncio.run(settle(db.url))

    todo = [
        ep
        for ep in endpoints(seeded)
        if args.endpoints is None or any(ep.key.startswith(prefix) for prefix in args.endpoints)
    ]
    print(
        f"\nper endpoint: {args.rounds} round(s) of app and bare, 1 connection for {args.latency_duration} s, then "
        f"{args.connections} connections for {args.duration} s (after {args.warmup} s of warm-up)",
        flush=True,
    )
    measured: list[Measured] = []
    for ep in todo:
        if ep.key == "vendors.deep_cursor":
            resolve_cursor(ep, app, bare, auth())
        found = None if ep.note else probe(ep, app, bare, auth(), seeded)
        if found is None:
            print(f"  {ep.label}: {ep.note}", flush=True)
            measured.append(Measured(ep))
            continue
        m = measure(bench, ep, app, bare, auth, found)
        measured.append(m)
        print(
            f"  {ep.label} ({urllib.parse.unquote(ep.app_path)[:70]}): p50@1 app {_num(m.app.p50)} / bare "
            f"{_num(m.bare.p50)} ms; req/s@{args.connections} app {_num(m.app.throughput)} / bare "
            f"{_num(m.bare.throughput)} (app/bare {_num(m.ratio, 2)})",
            flush=True,
        )
    result = CountResult(vendors, seeded, migrate_s, first_sign_in_ms, planner, measured)

    result.check = run_wrk(
        bench.wrk,
        bench.lua,
        "check app GET /api/v1/audit-events?size=50",
        app.base_url + "/api/v1/audit-events?size=50",
        connections=CHECK_CONNECTIONS,
        server_pid=app.proc.pid,
        threads=args.threads,
        seconds=args.check_duration,
        headers=auth(),
    )
    audit = result.by_key("audit")
    time.sleep(CHECK_CONNECTIONS * (audit.probe_app_s or 0.05) if audit else 2)  # what the check left in the app
    result.export = measure_export(app, auth())
    e = result.export
    print(
        f"\nCSV export of {vendors:,} vendors: first byte {e['first_byte_ms']} ms, all {e['seconds']:.1f} s, "
        f"{e['bytes']:,} bytes; app RSS {e['rss_before_mb']} MB before, {e['rss_during_max_mb']} MB at most while "
        f"sending (+{e['growth_mb']} MB)",
        flush=True,
    )
    result.imported = measure_import(app, auth(), args.import_rows)
    i = result.imported
    print(
        f"CSV import of {args.import_rows:,} new vendors: {i['seconds']:.1f} s ({i['rows_per_s']:.0f} rows/s)",
        flush=True,
    )
    print_count_table(result, args)
    state.release()
    return result


def run(bench: Bench, state: State) -> int:
    args = bench.args
    # Taken before the servers import the code, since that is the code measured (the tree may move meanwhile).
    started_at, revision = datetime.now(UTC), git_revision()
    backend = "postgresql" if args.database_url else "sqlite"
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)")
    results: list[CountResult] = []
    for vendors in args.vendors:
        results.append(run_count(bench, state, vendors))
        write_results(args, started_at, revision, backend, results, [])  # what is done so far survives a later failure

    print_scaling(results)
    found = targets(results, backend, args.connections)
    print_targets(found, results, backend)
    print(f"\nload average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    runs = [x for r in results for m in r.measured for x in (*m.app.runs, *m.bare.runs)]
    runs += [r.check for r in results if r.check is not None]
    failed = [r for r in runs if r.server_errors or r.transport_errors]
    for r in failed:
        print(f"bench: {r.label}: {r.server_errors} 5xx, transport errors {r.errors}", file=sys.stderr)
    for r in runs:
        if r.non_2xx and not r.server_errors:
            print(f"bench: warning: {r.label} got non-2xx responses {r.statuses}", file=sys.stderr)
    answered_5xx = [m for r in results for m in r.measured if m.endpoint.note and m.endpoint.note.startswith("app ")]
    for m in answered_5xx:
        print(f"bench: {m.endpoint.label}: {m.endpoint.note}", file=sys.stderr)
    checks_ok = all(r.check.requests > 0 and r.check.server_errors == 0 for r in results if r.check is not None)

    path = write_results(args, started_at, revision, backend, results, found)
    print(f"\nresults: {path}")
    return 1 if failed or answered_5xx or not checks_ok else 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    state = State(Path(tempfile.mkdtemp(prefix="itaku-bench-")))
    try:
        with time_limit(args.max_seconds):
            wrk = ensure_wrk()
            lua = state.tmp_dir / "status.lua"
            lua.write_text(WRK_LUA)
            return run(Bench(args, wrk, lua), state)
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
