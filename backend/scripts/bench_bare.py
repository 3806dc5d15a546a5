"""The bare baseline for `make bench`: FastAPI + async SQLAlchemy, no auth, no middleware, no project code.

Each endpoint has the shape of the app endpoint it is compared with, so the ratio app/bare shows what the
app's layers (authentication, unit of work, middleware, services) cost on top of the same database work:

- `GET /api/v1/auth/me`: one user row read by primary key, returned as a small typed object;
- `GET /api/v1/audit-events?size=50`: the organisation's newest 50 audit events plus a count(*),
  returned through a typed Pydantic page;
- `GET /api/v1/vendors?size=50&tier=...&sort=name`: one page of vendors filtered by tier, with a count and
  an EXISTS per row for the incident-contact flag, returned through a typed Pydantic page;
- `GET /api/v1/assessments?size=50&sort=-created_at&status=...`: the organisation's time zone (for `overdue`),
  then one page of assessments filtered by status, newest first, joined to their vendor and questionnaire
  version, with a correlated count of open findings per row, plus a count(*), returned through a typed
  Pydantic page with the fields of the app's AssessmentSummary;
- `GET /hello`: nothing at all, the ceiling of FastAPI + uvicorn on this machine.

Configured through the environment (set by scripts/bench.py): BENCH_DATABASE_URL, BENCH_USER_ID, BENCH_ORG_ID.
Run: `uvicorn scripts.bench_bare:create_app --factory`.
"""

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import FastAPI, Query
from pydantic import BaseModel, ConfigDict
from sqlalchemy import JSON, Date, DateTime, Float, Integer, String, Text, Uuid, exists, func, select
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
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer)


class VendorContact(Base):
    __tablename__ = "vendor_contacts"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    vendor_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    role: Mapped[str] = mapped_column(String(32))


class Organization(Base):
    __tablename__ = "organizations"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    time_zone: Mapped[str] = mapped_column(String(64))


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
    __tablename__ = "findings"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    assessment_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    status: Mapped[str] = mapped_column(String(16))


OPEN_ASSESSMENTS = ("sent", "in_progress", "returned")  # with the vendor: these can be overdue
OPEN_FINDINGS = ("open", "in_remediation")


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
    items: list[BareAssessment]
    total: int
    page: int
    size: int


def utc(value: datetime | None) -> datetime | None:
    """SQLite gives timestamps back naive; they are stored in UTC (what the app's column type does)."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=ZoneInfo("UTC"))


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
    items: list[BareAuditEvent]
    total: int
    page: int
    size: int


class Hello(BaseModel):
    status: str


def create_app() -> FastAPI:
    url = os.environ["BENCH_DATABASE_URL"]
    user_id = uuid.UUID(os.environ["BENCH_USER_ID"])
    org_id = uuid.UUID(os.environ["BENCH_ORG_ID"])
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
            total = await session.scalar(select(func.count()).where(AuditEvent.organization_id == org_id))
            stmt = (
                select(AuditEvent)
                .where(AuditEvent.organization_id == org_id)
                .order_by(AuditEvent.occurred_at.desc(), AuditEvent.seq.desc())
                .limit(size)
                .offset((page - 1) * size)
            )
            rows = (await session.scalars(stmt)).all()
        return BarePage(
            items=[BareAuditEvent.model_validate(r) for r in rows], total=int(total or 0), page=page, size=size
        )

    @app.get("/api/v1/vendors")
    async def vendors(
        tier: list[str] = Query(...), size: int = Query(50, ge=1, le=100), sort: str = "name"
    ) -> BareVendorPage:
        incident = (
            exists().where(VendorContact.vendor_id == Vendor.id, VendorContact.role == "incident_contact")
        ).label("has_incident_contact")
        where = (Vendor.organization_id == org_id, Vendor.tier.in_(tier))
        async with sessionmaker() as session:
            total = await session.scalar(select(func.count()).select_from(Vendor).where(*where))
            stmt = select(Vendor, incident).where(*where).order_by(Vendor.name, Vendor.id).limit(size)
            rows = (await session.execute(stmt)).all()
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
                missing_incident_contact=not has,
                updated_at=v.updated_at,
                version=v.version,
            )
            for v, has in rows
        ]
        return BareVendorPage(items=items, total=int(total or 0), page=1, size=size)

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
            total = await session.scalar(select(func.count()).select_from(Assessment).where(*where))
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
        today = datetime.now(ZoneInfo(time_zone or "UTC")).date()
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
        return BareAssessmentPage(items=items, total=int(total or 0), page=1, size=size)

    return app
