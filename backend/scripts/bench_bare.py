"""The bare baseline for `make bench`: FastAPI + async SQLAlchemy, no auth, no middleware, no project code.

Each endpoint has the shape of the app endpoint it is compared with — the same filters, the same count, the same
page and order, returned through a typed Pydantic page — so the ratio app/bare shows what the app's layers
(authentication, unit of work, middleware, services, the rule engines) cost on top of the same database work. A
list's total is counted as the app counts it: its rows up to 10 001 (COUNT_CAP + 1) on a constant column, "10 000
and more" past that; a page ordered by a keyset reads one row more than it shows, to know whether there is a next one.

- `GET /api/v1/auth/me`: one user row read by primary key, returned as a small typed object;
- `GET /api/v1/audit-events?size=50`: the organisation's newest 50 audit events; the total is the chain head's
  sequence number (the chain has no gaps);
- `GET /api/v1/vendors`: one page of the register with its total: filtered by tier, searched (`q`, folded as the
  app folds it, matched in `search_text` — through the FTS5 trigram table on SQLite, by LIKE on PostgreSQL where a
  trigram index serves it), sorted by name, `-updated_at` or tier (`tier_rank`), paged by `page` or by `cursor` (a
  keyset on (name, id): the page after the cursor's row), with the `has_incident_contact` flag per row;
- `GET /api/v1/assessments?size=50&sort=-created_at&status=...`: the organisation's time zone (for `overdue`),
  then one page of assessments filtered by status, newest first, joined to their vendor and questionnaire
  version, with a correlated count of open findings per row, plus the total;
- `GET /api/v1/monitoring-items?stage=overdue&sort=due_date&size=50`: the organisation (time zone, policy), the
  total of open items past their due date, and one page of them by due date, joined to their vendor and outer-joined
  to their report and (not cancelled) audit;
- `GET /api/v1/findings?overdue=true&sort=-created_at&size=50`: the organisation's time zone, the total of findings
  open or in remediation and past their due date (counted with the join to their vendor, as the app does), one page
  of them newest first with their vendor's name;
- `GET /api/v1/incidents?sort=-aware_at&size=50`: the organisation, the total, one page of incidents with their
  vendor's name, the obligations of those incidents and their contracts' clauses (for the notice hours), from which
  each row's next deadline and late obligations are counted;
- `GET /api/v1/contract-gaps`: every active contract with its vendor's name, the clauses of those contracts, the
  data categories of the vendors' processing and the count of vendors handling personal data without an active
  contract; a cell per requirement key (BENCH_REQUIREMENT_KEYS) per contract, "met" when the contract has a clause
  of that key, else "missing" — the app's gap analysis (policy values, levels, reasons) is what the ratio weighs.
  The clauses and processing are read by a subquery on the contracts, not by a list of every contract's id;
- `GET /api/v1/dashboard`: the exact counts of the dashboard's cards with the filters of the lists they link to
  (members, API keys, open incidents and the obligations due in 14 days, vendors per tier, assessments awaiting
  review and overdue, findings open and overdue, calendar items overdue and due soon, reports to review, changes to
  decide) and the newest 8 audit events;
- `GET /hello`: nothing at all, the ceiling of FastAPI + uvicorn on this machine.

Configured through the environment (set by scripts/bench.py): BENCH_DATABASE_URL, BENCH_USER_ID, BENCH_ORG_ID and
BENCH_REQUIREMENT_KEYS (comma-separated).
Run: `uvicorn scripts.bench_bare:create_app --factory`.
"""

import base64
import json
import os
import re
import unicodedata
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import FastAPI, HTTPException, Query
from pydantic import BaseModel, ConfigDict
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    Integer,
    String,
    Text,
    Uuid,
    and_,
    column,
    func,
    literal,
    or_,
    select,
    text,
    tuple_,
)
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    """The columns of `users` that the response needs (the table itself comes from the app's migrations)."""

    __tablename__ = "users"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    email: Mapped[str] = mapped_column(String(320))
    name: Mapped[str] = mapped_column(String(200))
    locale: Mapped[str] = mapped_column(String(8))
    time_zone: Mapped[str | None] = mapped_column(String(64))


class Membership(Base):
    __tablename__ = "memberships"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    user_id: Mapped[uuid.UUID] = mapped_column(Uuid)


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AuditChainHead(Base):
    __tablename__ = "audit_chain_heads"

    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    seq: Mapped[int] = mapped_column(Integer)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor_type: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    actor_label: Mapped[str] = mapped_column(String(320))
    entity_type: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    action: Mapped[str] = mapped_column(String(64))
    changes: Mapped[dict[str, Any]] = mapped_column(JSON)
    request_id: Mapped[str | None] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class Vendor(Base):
    __tablename__ = "vendors"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    name: Mapped[str] = mapped_column(String(200))
    name_kana: Mapped[str | None] = mapped_column(String(200))
    corporate_number: Mapped[str | None] = mapped_column(String(13))
    country: Mapped[str] = mapped_column(String(2))
    status: Mapped[str] = mapped_column(String(16))
    owner_user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    tier: Mapped[str] = mapped_column(String(16))
    tier_override: Mapped[str | None] = mapped_column(String(16))
    category_keys: Mapped[str] = mapped_column(String(200))
    persons_total: Mapped[int] = mapped_column(Integer)
    search_text: Mapped[str] = mapped_column(Text)
    has_incident_contact: Mapped[bool] = mapped_column(Boolean)
    tier_rank: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer)


class Processing(Base):
    __tablename__ = "vendor_processing"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    vendor_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    data_categories: Mapped[list[str]] = mapped_column(JSON)


class Organization(Base):
    __tablename__ = "organizations"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    time_zone: Mapped[str] = mapped_column(String(64))
    jurisdiction: Mapped[str] = mapped_column(String(32))
    contract_policy: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    incident_policy: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    monitoring_policy: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class QuestionnaireVersion(Base):
    __tablename__ = "questionnaire_versions"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    questionnaire_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    number: Mapped[int] = mapped_column(Integer)


class Assessment(Base):
    """Every column, as the app loads the whole row (the response needs most of them)."""

    __tablename__ = "assessments"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    vendor_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    questionnaire_version_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(300))
    due_date: Mapped[date | None] = mapped_column(Date)
    owner_user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by_label: Mapped[str | None] = mapped_column(String(320))
    decision_comment: Mapped[str | None] = mapped_column(Text)
    internal_notes: Mapped[str | None] = mapped_column(Text)
    score: Mapped[float | None] = mapped_column(Float)
    band: Mapped[str | None] = mapped_column(String(64))
    section_scores: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    valid_until: Mapped[date | None] = mapped_column(Date)
    reminder_count: Mapped[int] = mapped_column(Integer)
    last_reminded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer)


class Finding(Base):
    """Every column: the finding list returns nearly all of them."""

    __tablename__ = "findings"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    vendor_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    assessment_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    question_key: Mapped[str | None] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(16))
    severity: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    remediation_plan: Mapped[str | None] = mapped_column(Text)
    vendor_proposed_plan: Mapped[str | None] = mapped_column(Text)
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))
    resolution: Mapped[str | None] = mapped_column(Text)
    risk_accepted_by_user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer)


class MonitoringItem(Base):
    __tablename__ = "monitoring_items"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    vendor_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    kind: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(120))
    due_date: Mapped[date] = mapped_column(Date)
    opens_on: Mapped[date] = mapped_column(Date)
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    subject_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    subject_label: Mapped[str | None] = mapped_column(String(300))
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    done_note: Mapped[str | None] = mapped_column(Text)
    done_by: Mapped[str | None] = mapped_column(String(320))
    done_ref_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)


class VendorReport(Base):
    __tablename__ = "vendor_reports"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    item_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    status: Mapped[str] = mapped_column(String(16))


class MonitoringAudit(Base):
    __tablename__ = "audits"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    item_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    status: Mapped[str] = mapped_column(String(16))


class ChangeRequest(Base):
    __tablename__ = "change_requests"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    status: Mapped[str] = mapped_column(String(16))


class Contract(Base):
    __tablename__ = "contracts"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    vendor_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    title: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(16))
    notice_date: Mapped[date | None] = mapped_column(Date)
    processing_ids: Mapped[list[str]] = mapped_column(JSON)


class ContractClause(Base):
    __tablename__ = "contract_clauses"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    contract_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    requirement_key: Mapped[str] = mapped_column(String(64))
    values: Mapped[dict[str, Any]] = mapped_column(JSON)
    article: Mapped[str | None] = mapped_column(String(100))


class Incident(Base):
    """The columns the incident list shows or judges from."""

    __tablename__ = "incidents"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    vendor_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    contract_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    source_incident_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    title: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(16))
    aware_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    data_categories: Mapped[list[str]] = mapped_column(JSON)
    affected_persons_estimate: Mapped[int | None] = mapped_column(Integer)
    affected_persons_max: Mapped[int | None] = mapped_column(Integer)
    reported_via: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class IncidentObligation(Base):
    __tablename__ = "incident_obligations"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    incident_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    jurisdiction: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(40))
    party: Mapped[str] = mapped_column(String(16))
    required: Mapped[bool] = mapped_column(Boolean)
    due_date: Mapped[date | None] = mapped_column(Date)
    due_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    waived_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


OPEN_ASSESSMENTS = ("sent", "in_progress", "returned")  # with the vendor: these can be overdue
OPEN_FINDINGS = ("open", "in_remediation")
OPEN_INCIDENTS = ("suspected", "confirmed", "contained")
DUE_SOON_DAYS = 14  # the monitoring policy's default
COUNT_CAP = 10_000
HIRAGANA = re.compile(r"[\u3041-\u3096\u309d\u309e]")


def utc(value: datetime | None) -> datetime | None:
    """SQLite gives timestamps back naive; they are stored in UTC (what the app's column type does)."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=ZoneInfo("UTC"))


def today_in(time_zone: str | None) -> date:
    return datetime.now(ZoneInfo(time_zone or "UTC")).date()


async def capped_total(session: Any, rows: Any) -> tuple[int, bool]:
    """(total, exact): the rows of a list counted up to COUNT_CAP on one constant column, as the app's lists count
    them (a column of the rows, even the id, can cost a read of each row that an index alone would have answered)."""
    rows = rows.with_only_columns(literal(1), maintain_column_froms=True).limit(COUNT_CAP + 1)
    counted = await session.scalar(select(func.count()).select_from(rows.subquery()))
    return min(int(counted or 0), COUNT_CAP), int(counted or 0) <= COUNT_CAP


# --- response shapes --------------------------------------------------------------------------------------------


class BareAssessment(BaseModel):
    id: uuid.UUID
    vendor_id: uuid.UUID
    vendor_name: str
    questionnaire_id: uuid.UUID
    questionnaire_version_id: uuid.UUID
    questionnaire_version_number: int
    kind: str
    status: str
    title: str
    due_date: date | None
    overdue: bool
    owner_user_id: uuid.UUID | None
    sent_at: datetime | None
    submitted_at: datetime | None
    decided_at: datetime | None
    score: float | None
    band: str | None
    valid_until: date | None
    open_findings: int
    reminder_count: int
    last_reminded_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int


class BareAssessmentPage(BaseModel):
    total_exact: bool
    items: list[BareAssessment]
    total: int
    page: int
    size: int


class BareVendor(BaseModel):
    id: uuid.UUID
    name: str
    name_kana: str | None
    corporate_number: str | None
    country: str
    status: str
    owner_user_id: uuid.UUID | None
    tier: str
    tier_overridden: bool
    data_categories: list[str]
    persons_total: int
    missing_incident_contact: bool
    updated_at: datetime
    version: int


class BareVendorPage(BaseModel):
    items: list[BareVendor]
    total: int
    page: int
    size: int
    next_cursor: str | None
    total_exact: bool


class BareUser(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str
    name: str
    locale: str
    time_zone: str | None


class BareAuditEvent(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    seq: int
    occurred_at: datetime
    actor_type: str
    actor_id: uuid.UUID | None
    actor_label: str
    entity_type: str
    entity_id: uuid.UUID | None
    action: str
    changes: dict[str, Any]
    request_id: str | None
    prev_hash: str
    hash: str


class BarePage(BaseModel):
    total_exact: bool
    items: list[BareAuditEvent]
    total: int
    page: int
    size: int


class BareText(BaseModel):
    ja: str
    en: str


class BareItem(BaseModel):
    id: uuid.UUID
    vendor_id: uuid.UUID
    vendor_name: str
    vendor_tier: str
    kind: str
    title: BareText
    due_date: date
    opens_on: date
    period_start: date | None
    period_end: date | None
    subject_id: uuid.UUID | None
    stage: str
    days_left: int
    done_at: datetime | None
    done_by: str | None
    done_note: str | None
    done_ref_id: uuid.UUID | None
    report_id: uuid.UUID | None
    report_status: str | None
    audit_id: uuid.UUID | None


class BareItemPage(BaseModel):
    total_exact: bool
    items: list[BareItem]
    total: int
    page: int
    size: int


class BareFinding(BaseModel):
    id: uuid.UUID
    vendor_id: uuid.UUID
    vendor_name: str
    assessment_id: uuid.UUID | None
    question_key: str | None
    source: str
    severity: str
    title: str
    description: str | None
    remediation_plan: str | None
    vendor_proposed_plan: str | None
    due_date: date | None
    overdue: bool
    status: str
    resolution: str | None
    risk_accepted_by_user_id: uuid.UUID | None
    closed_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int


class BareFindingPage(BaseModel):
    total_exact: bool
    items: list[BareFinding]
    total: int
    page: int
    size: int


class BareDeadline(BaseModel):
    obligation_id: uuid.UUID
    kind: str
    due_date: date | None
    due_at: datetime | None
    days_left: int | None


class BareIncident(BaseModel):
    id: uuid.UUID
    title: str
    vendor_id: uuid.UUID
    vendor_name: str
    status: str
    aware_at: datetime
    affected_persons_estimate: int | None
    affected_persons_max: int | None
    contract_hours: int | None
    next_deadline: BareDeadline | None
    overdue: int
    reported_via: str
    source_incident_id: uuid.UUID | None
    created_at: datetime
    updated_at: datetime


class BareIncidentPage(BaseModel):
    total_exact: bool
    items: list[BareIncident]
    total: int
    page: int
    size: int


class BareCell(BaseModel):
    key: str
    status: str


class BareGapSummary(BaseModel):
    total: int
    met: int
    missing: int
    complete: bool


class BareContractGaps(BaseModel):
    contract_id: uuid.UUID
    title: str
    vendor_id: uuid.UUID
    vendor_name: str
    status: str
    covers_my_number: bool
    renewal_due: bool
    summary: BareGapSummary
    cells: list[BareCell]


class BareRequirementGaps(BaseModel):
    key: str
    missing: int
    met: int


class BareGapOverview(BaseModel):
    requirements: list[BareRequirementGaps]
    contracts: list[BareContractGaps]
    vendors_without_active_contract: int


class BareActivity(BaseModel):
    id: uuid.UUID
    occurred_at: datetime
    actor_label: str
    entity_type: str
    action: str


class BareDashboardDeadline(BaseModel):
    incident_id: uuid.UUID
    incident_title: str
    vendor_id: uuid.UUID
    vendor_name: str
    obligation_id: uuid.UUID
    kind: str
    due_date: date | None
    due_at: datetime
    overdue: bool


class BareDashboard(BaseModel):
    members: int
    active_api_keys: int
    open_incidents: int
    deadlines: list[BareDashboardDeadline]
    vendors_by_tier: dict[str, int]
    assessments: dict[str, int]
    monitoring: dict[str, int]
    recent_activity: list[BareActivity]


class Hello(BaseModel):
    status: str


# --- the vendor register's query pieces ---------------------------------------------------------------------------


def encode_cursor(name: str, vendor_id: uuid.UUID) -> str:
    return base64.urlsafe_b64encode(json.dumps([name, str(vendor_id)]).encode()).decode()


def decode_cursor(cursor: str) -> tuple[str, uuid.UUID]:
    try:
        name, vendor_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        return str(name), uuid.UUID(vendor_id)
    except (ValueError, TypeError) as exc:
        raise HTTPException(422, "bad cursor") from exc


def fold(value: str) -> str:
    """As the app folds a query and the search text: NFKC, lower case, hiragana as katakana, no spaces."""
    value = unicodedata.normalize("NFKC", value).lower()
    return re.sub(r"\s+", "", HIRAGANA.sub(lambda m: chr(ord(m.group()) + 0x60), value))


def vendor_search(q: str, sqlite: bool) -> Any:
    """The register's search: the folded query in `search_text`, through the FTS5 trigram table on SQLite (for three
    characters or more), by LIKE on PostgreSQL (which its trigram index serves)."""
    term = fold(q)
    if sqlite and len(term) >= 3:
        phrase = '"' + term.replace('"', '""') + '"'
        ids = text("SELECT vendor_id FROM vendor_search WHERE vendor_search MATCH :q").bindparams(q=phrase)
        return Vendor.id.in_(ids.columns(column("vendor_id")))
    return Vendor.search_text.contains(term, autoescape=True)


def create_app() -> FastAPI:
    url = os.environ["BENCH_DATABASE_URL"]
    user_id = uuid.UUID(os.environ["BENCH_USER_ID"])
    org_id = uuid.UUID(os.environ["BENCH_ORG_ID"])
    requirement_keys = [k for k in os.environ.get("BENCH_REQUIREMENT_KEYS", "").split(",") if k]
    if url.startswith("sqlite"):
        # Same connect timeout as the app; the pool is SQLAlchemy's default for aiosqlite, as in the app.
        engine = create_async_engine(url, connect_args={"timeout": 30})
    else:
        # Same pool size as the app's defaults (ITAKU_DB_POOL_SIZE / ITAKU_DB_MAX_OVERFLOW), no pre-ping.
        engine = create_async_engine(url, pool_size=30, max_overflow=10)
    sessionmaker = async_sessionmaker(engine, expire_on_commit=False, autoflush=False)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        await engine.dispose()

    app = FastAPI(title="Itaku bench baseline", lifespan=lifespan)

    @app.get("/hello")
    async def hello() -> Hello:
        return Hello(status="ok")

    @app.get("/api/v1/auth/me")
    async def me() -> BareUser:
        async with sessionmaker() as session:
            user = await session.get(User, user_id)
        return BareUser.model_validate(user)

    @app.get("/api/v1/audit-events")
    async def audit_events(page: int = Query(1, ge=1, le=100_000), size: int = Query(50, ge=1, le=100)) -> BarePage:
        async with sessionmaker() as session:
            total = await session.scalar(select(AuditChainHead.seq).where(AuditChainHead.organization_id == org_id))
            stmt = (
                select(AuditEvent)
                .where(AuditEvent.organization_id == org_id)
                .order_by(AuditEvent.occurred_at.desc(), AuditEvent.seq.desc())
                .limit(size + 1)
                .offset((page - 1) * size)
            )
            rows = (await session.scalars(stmt)).all()[:size]
        return BarePage(
            items=[BareAuditEvent.model_validate(r) for r in rows],
            total=int(total or 0),
            total_exact=True,
            page=page,
            size=size,
        )

    @app.get("/api/v1/vendors")
    async def vendors(
        tier: list[str] | None = Query(None),
        q: str | None = None,
        size: int = Query(50, ge=1, le=100),
        page: int = Query(1, ge=1, le=100_000),
        cursor: str | None = None,
        sort: str = "name",
    ) -> BareVendorPage:
        where: list[Any] = [Vendor.organization_id == org_id]
        if tier:
            where.append(Vendor.tier.in_(tier))
        if q:
            where.append(vendor_search(q, url.startswith("sqlite")))
        key = {"name": Vendor.name, "updated_at": Vendor.updated_at, "tier": Vendor.tier_rank}[sort.lstrip("-")]
        order = (key.desc(), Vendor.id.desc()) if sort.startswith("-") else (key.asc(), Vendor.id.asc())
        stmt = select(Vendor).where(*where).order_by(*order).limit(size + 1)
        if cursor:
            if sort != "name":
                raise HTTPException(422, "the bare keyset pages by name only")
            after = decode_cursor(cursor)
            stmt = stmt.where(tuple_(Vendor.name, Vendor.id) > tuple_(*after))
        else:
            stmt = stmt.offset((page - 1) * size)
        async with sessionmaker() as session:
            total, exact = await capped_total(session, select(Vendor.id).where(*where))
            found = (await session.scalars(stmt)).all()
        rows = found[:size]
        items = [
            BareVendor(
                id=v.id,
                name=v.name,
                name_kana=v.name_kana,
                corporate_number=v.corporate_number,
                country=v.country,
                status=v.status,
                owner_user_id=v.owner_user_id,
                tier=v.tier,
                tier_overridden=v.tier_override is not None,
                data_categories=[c for c in v.category_keys.split(",") if c],
                persons_total=v.persons_total,
                missing_incident_contact=not v.has_incident_contact,
                updated_at=utc(v.updated_at),
                version=v.version,
            )
            for v in rows
        ]
        last = rows[-1] if len(found) > size and sort == "name" else None
        return BareVendorPage(
            items=items,
            total=total,
            page=page,
            size=size,
            next_cursor=encode_cursor(last.name, last.id) if last else None,
            total_exact=exact,
        )

    @app.get("/api/v1/assessments")
    async def assessments(
        status: list[str] = Query(...), size: int = Query(50, ge=1, le=100), sort: str = "-created_at"
    ) -> BareAssessmentPage:
        open_findings = (
            select(func.count(Finding.id))
            .where(Finding.assessment_id == Assessment.id, Finding.status.in_(OPEN_FINDINGS))
            .correlate(Assessment)
            .scalar_subquery()
        )
        where = (Assessment.organization_id == org_id, Assessment.status.in_(status))
        order = (Assessment.created_at.desc(), Assessment.id.desc())
        if not sort.startswith("-"):
            order = (Assessment.created_at.asc(), Assessment.id.asc())
        async with sessionmaker() as session:
            time_zone = await session.scalar(select(Organization.time_zone).where(Organization.id == org_id))
            total, exact = await capped_total(session, select(Assessment.id).where(*where))
            stmt = (
                select(
                    Assessment,
                    Vendor.name,
                    QuestionnaireVersion.questionnaire_id,
                    QuestionnaireVersion.number,
                    open_findings,
                )
                .join(Vendor, Vendor.id == Assessment.vendor_id)
                .join(QuestionnaireVersion, QuestionnaireVersion.id == Assessment.questionnaire_version_id)
                .where(*where)
                .order_by(*order)
                .limit(size)
            )
            rows = (await session.execute(stmt)).all()
        today = today_in(time_zone)
        items = [
            BareAssessment(
                id=a.id,
                vendor_id=a.vendor_id,
                vendor_name=vendor_name,
                questionnaire_id=questionnaire_id,
                questionnaire_version_id=a.questionnaire_version_id,
                questionnaire_version_number=number,
                kind=a.kind,
                status=a.status,
                title=a.title,
                due_date=a.due_date,
                overdue=a.status in OPEN_ASSESSMENTS and a.due_date is not None and a.due_date < today,
                owner_user_id=a.owner_user_id,
                sent_at=utc(a.sent_at),
                submitted_at=utc(a.submitted_at),
                decided_at=utc(a.decided_at),
                score=a.score,
                band=a.band,
                valid_until=a.valid_until,
                open_findings=int(count or 0),
                reminder_count=a.reminder_count,
                last_reminded_at=utc(a.last_reminded_at),
                created_at=utc(a.created_at),
                updated_at=utc(a.updated_at),
                version=a.version,
            )
            for a, vendor_name, questionnaire_id, number, count in rows
        ]
        return BareAssessmentPage(items=items, total=total, total_exact=exact, page=1, size=size)

    @app.get("/api/v1/monitoring-items")
    async def monitoring_items(
        stage: list[str] = Query(...), size: int = Query(50, ge=1, le=100), sort: str = "due_date"
    ) -> BareItemPage:
        if stage != ["overdue"] or sort != "due_date":
            raise HTTPException(422, "the bare calendar lists the overdue items by due date only")
        async with sessionmaker() as session:
            org = await session.get(Organization, org_id)
            today = today_in(org.time_zone if org else None)
            where = (
                MonitoringItem.organization_id == org_id,
                MonitoringItem.done_at.is_(None),
                MonitoringItem.due_date < today,
            )
            total, exact = await capped_total(session, select(MonitoringItem.id).where(*where))
            stmt = (
                select(
                    MonitoringItem, Vendor.name, Vendor.tier, VendorReport.id, MonitoringAudit.id, VendorReport.status
                )
                .join(Vendor, Vendor.id == MonitoringItem.vendor_id)
                .outerjoin(VendorReport, VendorReport.item_id == MonitoringItem.id)
                .outerjoin(
                    MonitoringAudit,
                    and_(MonitoringAudit.item_id == MonitoringItem.id, MonitoringAudit.status != "cancelled"),
                )
                .where(*where)
                .order_by(MonitoringItem.due_date, MonitoringItem.id)
                .limit(size)
            )
            rows = (await session.execute(stmt)).all()
        items = [
            BareItem(
                id=i.id,
                vendor_id=i.vendor_id,
                vendor_name=name,
                vendor_tier=tier,
                kind=i.kind,
                title=BareText(ja=i.subject_label or i.kind, en=i.subject_label or i.kind),
                due_date=i.due_date,
                opens_on=i.opens_on,
                period_start=i.period_start,
                period_end=i.period_end,
                subject_id=i.subject_id,
                stage="overdue",
                days_left=(i.due_date - today).days,
                done_at=utc(i.done_at),
                done_by=i.done_by,
                done_note=i.done_note,
                done_ref_id=i.done_ref_id,
                report_id=report_id,
                report_status=report_status,
                audit_id=audit_id,
            )
            for i, name, tier, report_id, audit_id, report_status in rows
        ]
        return BareItemPage(items=items, total=total, total_exact=exact, page=1, size=size)

    @app.get("/api/v1/findings")
    async def findings(
        overdue: bool = True, size: int = Query(50, ge=1, le=100), sort: str = "-created_at"
    ) -> BareFindingPage:
        if not overdue or sort != "-created_at":
            raise HTTPException(422, "the bare finding list is the overdue one, newest first")
        async with sessionmaker() as session:
            time_zone = await session.scalar(select(Organization.time_zone).where(Organization.id == org_id))
            today = today_in(time_zone)
            where = (
                Finding.organization_id == org_id,
                Finding.status.in_(OPEN_FINDINGS),
                Finding.due_date < today,
            )
            ids = select(Finding.id).join(Vendor, Vendor.id == Finding.vendor_id).where(*where)
            total, exact = await capped_total(session, ids)
            stmt = (
                select(Finding, Vendor.name)
                .join(Vendor, Vendor.id == Finding.vendor_id)
                .where(*where)
                .order_by(Finding.created_at.desc(), Finding.id.desc())
                .limit(size)
            )
            rows = (await session.execute(stmt)).all()
        items = [
            BareFinding(
                id=f.id,
                vendor_id=f.vendor_id,
                vendor_name=vendor_name,
                assessment_id=f.assessment_id,
                question_key=f.question_key,
                source=f.source,
                severity=f.severity,
                title=f.title,
                description=f.description,
                remediation_plan=f.remediation_plan,
                vendor_proposed_plan=f.vendor_proposed_plan,
                due_date=f.due_date,
                overdue=True,
                status=f.status,
                resolution=f.resolution,
                risk_accepted_by_user_id=f.risk_accepted_by_user_id,
                closed_at=utc(f.closed_at),
                created_at=utc(f.created_at),
                updated_at=utc(f.updated_at),
                version=f.version,
            )
            for f, vendor_name in rows
        ]
        return BareFindingPage(items=items, total=total, total_exact=exact, page=1, size=size)

    @app.get("/api/v1/incidents")
    async def incidents(size: int = Query(50, ge=1, le=100), sort: str = "-aware_at") -> BareIncidentPage:
        if sort != "-aware_at":
            raise HTTPException(422, "the bare incident list is the newest first")
        async with sessionmaker() as session:
            org = await session.get(Organization, org_id)
            total, exact = await capped_total(session, select(Incident.id).where(Incident.organization_id == org_id))
            stmt = (
                select(Incident, Vendor.name)
                .join(Vendor, Vendor.id == Incident.vendor_id)
                .where(Incident.organization_id == org_id)
                .order_by(Incident.aware_at.desc(), Incident.id.desc())
                .limit(size)
            )
            rows = (await session.execute(stmt)).all()
            ids = [i.id for i, _ in rows]
            obligations = (
                await session.scalars(
                    select(IncidentObligation)
                    .where(IncidentObligation.incident_id.in_(ids))
                    .order_by(IncidentObligation.incident_id, IncidentObligation.created_at, IncidentObligation.id)
                )
            ).all()
            contract_ids = [i.contract_id for i, _ in rows if i.contract_id is not None]
            notice = (
                await session.execute(
                    select(ContractClause.contract_id, ContractClause.values).where(
                        ContractClause.contract_id.in_(contract_ids),
                        ContractClause.requirement_key == "incident_reporting",
                    )
                )
            ).all()
        hours = {cid: values.get("notice_hours") for cid, values in notice}
        by_incident: dict[uuid.UUID, list[IncidentObligation]] = {i: [] for i in ids}
        for ob in obligations:
            by_incident[ob.incident_id].append(ob)
        now = datetime.now(ZoneInfo("UTC"))
        today = today_in(org.time_zone if org else None)
        items = []
        for i, vendor_name in rows:
            open_ = [
                o
                for o in by_incident[i.id]
                if o.party == "principal"
                and o.required
                and o.done_at is None
                and not o.waived_reason
                and i.status != "not_a_breach"
            ]
            timed = [o for o in open_ if o.due_at is not None]
            first = min(timed, key=lambda o: utc(o.due_at) or now) if timed else None
            items.append(
                BareIncident(
                    id=i.id,
                    title=i.title,
                    vendor_id=i.vendor_id,
                    vendor_name=vendor_name,
                    status=i.status,
                    aware_at=utc(i.aware_at),
                    affected_persons_estimate=i.affected_persons_estimate,
                    affected_persons_max=i.affected_persons_max,
                    contract_hours=hours.get(i.contract_id) if i.contract_id else None,
                    next_deadline=BareDeadline(
                        obligation_id=first.id,
                        kind=first.kind,
                        due_date=first.due_date,
                        due_at=utc(first.due_at),
                        days_left=(first.due_date - today).days if first.due_date else None,
                    )
                    if first
                    else None,
                    overdue=sum(1 for o in timed if (utc(o.due_at) or now) < now),
                    reported_via=i.reported_via,
                    source_incident_id=i.source_incident_id,
                    created_at=utc(i.created_at),
                    updated_at=utc(i.updated_at),
                )
            )
        return BareIncidentPage(items=items, total=total, total_exact=exact, page=1, size=size)

    @app.get("/api/v1/contract-gaps")
    async def contract_gaps() -> BareGapOverview:
        active = (Contract.organization_id == org_id, Contract.status == "active")
        active_ids = select(Contract.id).where(*active)
        async with sessionmaker() as session:
            org = await session.get(Organization, org_id)
            today = today_in(org.time_zone if org else None)
            contracts = (
                await session.execute(
                    select(Contract, Vendor.name)
                    .join(Vendor, Vendor.id == Contract.vendor_id)
                    .where(*active)
                    .order_by(Vendor.name, Contract.title, Contract.id)
                )
            ).all()
            clauses = (
                await session.execute(
                    select(ContractClause.contract_id, ContractClause.requirement_key, ContractClause.values)
                    .where(ContractClause.contract_id.in_(active_ids))
                    .order_by(ContractClause.contract_id, ContractClause.id)
                )
            ).all()
            categories = (
                await session.execute(
                    select(Processing.id, Processing.data_categories).where(
                        Processing.organization_id == org_id,
                        Processing.vendor_id.in_(select(Contract.vendor_id).where(*active)),
                    )
                )
            ).all()
            without = await session.scalar(
                select(func.count()).where(
                    Vendor.organization_id == org_id,
                    Vendor.category_keys != ",",
                    Vendor.id.not_in(select(Contract.vendor_id).where(*active)),
                )
            )
        keys_of: dict[uuid.UUID, set[str]] = {}
        for contract_id, key, _values in clauses:
            keys_of.setdefault(contract_id, set()).add(key)
        my_number = {str(pid) for pid, cats in categories if "my_number" in (cats or [])}
        counts = {k: {"missing": 0, "met": 0} for k in requirement_keys}
        rows = []
        for c, vendor_name in contracts:
            present = keys_of.get(c.id, set())
            cells = [BareCell(key=k, status="met" if k in present else "missing") for k in requirement_keys]
            met = sum(1 for cell in cells if cell.status == "met")
            for cell in cells:
                counts[cell.key][cell.status] += 1
            rows.append(
                BareContractGaps(
                    contract_id=c.id,
                    title=c.title,
                    vendor_id=c.vendor_id,
                    vendor_name=vendor_name,
                    status=c.status,
                    covers_my_number=any(p in my_number for p in c.processing_ids or []),
                    renewal_due=c.notice_date is not None and today >= c.notice_date,
                    summary=BareGapSummary(
                        total=len(cells), met=met, missing=len(cells) - met, complete=met == len(cells)
                    ),
                    cells=cells,
                )
            )
        return BareGapOverview(
            requirements=[BareRequirementGaps(key=k, **counts[k]) for k in requirement_keys],
            contracts=rows,
            vendors_without_active_contract=int(without or 0),
        )

    @app.get("/api/v1/dashboard")
    async def dashboard() -> BareDashboard:
        async def count(session: Any, table: Any, *where: Any) -> int:
            return int(await session.scalar(select(func.count()).select_from(table).where(*where)) or 0)

        async with sessionmaker() as session:
            org = await session.get(Organization, org_id)
            today = today_in(org.time_zone if org else None)
            now = datetime.now(ZoneInfo("UTC"))
            soon = today + timedelta(days=DUE_SOON_DAYS)
            open_item = (MonitoringItem.organization_id == org_id, MonitoringItem.done_at.is_(None))
            deadlines = (
                await session.execute(
                    select(IncidentObligation, Incident.title, Incident.vendor_id, Vendor.name)
                    .join(Incident, Incident.id == IncidentObligation.incident_id)
                    .join(Vendor, Vendor.id == Incident.vendor_id)
                    .where(
                        IncidentObligation.organization_id == org_id,
                        IncidentObligation.party == "principal",
                        IncidentObligation.required.is_(True),
                        IncidentObligation.done_at.is_(None),
                        IncidentObligation.waived_reason.is_(None),
                        IncidentObligation.due_at.is_not(None),
                        IncidentObligation.due_at <= now + timedelta(days=14),
                        Incident.status.in_(OPEN_INCIDENTS),
                    )
                    .order_by(IncidentObligation.due_at, IncidentObligation.id)
                )
            ).all()
            events = (
                await session.scalars(
                    select(AuditEvent)
                    .where(AuditEvent.organization_id == org_id)
                    .order_by(AuditEvent.occurred_at.desc(), AuditEvent.seq.desc())
                    .limit(8)
                )
            ).all()
            result = BareDashboard(
                members=await count(session, Membership, Membership.organization_id == org_id),
                active_api_keys=await count(
                    session, ApiKey, ApiKey.organization_id == org_id, ApiKey.revoked_at.is_(None)
                ),
                open_incidents=await count(
                    session, Incident, Incident.organization_id == org_id, Incident.status.in_(OPEN_INCIDENTS)
                ),
                deadlines=[
                    BareDashboardDeadline(
                        incident_id=ob.incident_id,
                        incident_title=title,
                        vendor_id=vendor_id,
                        vendor_name=vendor_name,
                        obligation_id=ob.id,
                        kind=ob.kind,
                        due_date=ob.due_date,
                        due_at=utc(ob.due_at),
                        overdue=(utc(ob.due_at) or now) < now,
                    )
                    for ob, title, vendor_id, vendor_name in deadlines
                ],
                vendors_by_tier={
                    tier: await count(session, Vendor, Vendor.organization_id == org_id, Vendor.tier == tier)
                    for tier in ("critical", "high", "medium", "low")
                },
                assessments={
                    "awaiting_review": await count(
                        session,
                        Assessment,
                        Assessment.organization_id == org_id,
                        Assessment.status.in_(("submitted", "under_review")),
                    ),
                    "overdue": await count(
                        session,
                        Assessment,
                        Assessment.organization_id == org_id,
                        Assessment.status.in_(OPEN_ASSESSMENTS),
                        Assessment.due_date < today,
                    ),
                    "open_findings": await count(
                        session, Finding, Finding.organization_id == org_id, Finding.status.in_(OPEN_FINDINGS)
                    ),
                    "overdue_findings": await count(
                        session,
                        Finding,
                        Finding.organization_id == org_id,
                        Finding.status.in_(OPEN_FINDINGS),
                        Finding.due_date < today,
                    ),
                },
                monitoring={
                    "overdue": await count(session, MonitoringItem, *open_item, MonitoringItem.due_date < today),
                    "due_soon": await count(
                        session,
                        MonitoringItem,
                        *open_item,
                        or_(
                            and_(MonitoringItem.due_date >= today, MonitoringItem.opens_on <= today),
                            and_(MonitoringItem.opens_on > today, MonitoringItem.due_date <= soon),
                        ),
                    ),
                    "reports_to_review": await count(
                        session,
                        VendorReport,
                        VendorReport.organization_id == org_id,
                        VendorReport.status == "submitted",
                    ),
                    "changes_to_decide": await count(
                        session,
                        ChangeRequest,
                        ChangeRequest.organization_id == org_id,
                        ChangeRequest.status == "pending",
                    ),
                },
                recent_activity=[
                    BareActivity(
                        id=e.id,
                        occurred_at=utc(e.occurred_at),
                        actor_label=e.actor_label,
                        entity_type=e.entity_type,
                        action=e.action,
                    )
                    for e in events
                ],
            )
        return result

    return app
