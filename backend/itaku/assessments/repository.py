"""Every query of the assessments domain, scoped by organisation (and by vendor for portal contacts)."""

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from itaku.assessments.models import (
    Assessment,
    AssessmentAnswer,
    AssessmentKind,
    AssessmentStatus,
    Finding,
    FindingStatus,
    Questionnaire,
    QuestionnaireVersion,
    TemplateStatus,
)
from itaku.core.pagination import Paged, PageParams, all_rows, order_by, paginate
from itaku.vendors.models import Vendor, VendorContact

OPEN_STATUSES = (AssessmentStatus.sent.value, AssessmentStatus.in_progress.value, AssessmentStatus.returned.value)
OPEN_FINDINGS = (FindingStatus.open.value, FindingStatus.in_remediation.value)
ASSESSMENT_SORT: dict[str, Any] = {
    "created_at": Assessment.created_at,
    "updated_at": Assessment.updated_at,
    "due_date": Assessment.due_date,
    "title": Assessment.title,
    "score": Assessment.score,
}
FINDING_SORT: dict[str, Any] = {
    "created_at": Finding.created_at,
    "due_date": Finding.due_date,
    "updated_at": Finding.updated_at,
}


async def add(session: AsyncSession, row: Any) -> None:
    session.add(row)
    await session.flush()


# --- templates ----------------------------------------------------------------------------------------------


async def questionnaires(session: AsyncSession, organization_id: uuid.UUID, *, archived: bool | None) -> list[Any]:
    stmt = select(Questionnaire).where(Questionnaire.organization_id == organization_id)
    if archived is not None:
        stmt = stmt.where(Questionnaire.archived == archived)
    return list((await session.scalars(stmt.order_by(Questionnaire.created_at, Questionnaire.id))).all())


async def builtin_keys(session: AsyncSession, organization_id: uuid.UUID) -> set[str]:
    stmt = select(Questionnaire.builtin_key).where(
        Questionnaire.organization_id == organization_id, Questionnaire.builtin_key.is_not(None)
    )
    return {k for k in (await session.scalars(stmt)).all() if k}


async def questionnaire(
    session: AsyncSession, organization_id: uuid.UUID, questionnaire_id: uuid.UUID, *, lock: bool = False
) -> Questionnaire | None:
    stmt = select(Questionnaire).where(
        Questionnaire.organization_id == organization_id, Questionnaire.id == questionnaire_id
    )
    if lock:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).one_or_none()


async def versions_of(session: AsyncSession, questionnaire_ids: Iterable[uuid.UUID]) -> list[QuestionnaireVersion]:
    ids = list(questionnaire_ids)
    if not ids:
        return []
    stmt = (
        select(QuestionnaireVersion)
        .where(QuestionnaireVersion.questionnaire_id.in_(ids))
        .order_by(QuestionnaireVersion.questionnaire_id, QuestionnaireVersion.number.desc())
    )
    return list((await session.scalars(stmt)).all())


async def version(
    session: AsyncSession, organization_id: uuid.UUID, version_id: uuid.UUID
) -> QuestionnaireVersion | None:
    stmt = select(QuestionnaireVersion).where(
        QuestionnaireVersion.organization_id == organization_id, QuestionnaireVersion.id == version_id
    )
    return (await session.scalars(stmt)).one_or_none()


async def latest_published(session: AsyncSession, questionnaire_id: uuid.UUID) -> QuestionnaireVersion | None:
    stmt = (
        select(QuestionnaireVersion)
        .where(
            QuestionnaireVersion.questionnaire_id == questionnaire_id,
            QuestionnaireVersion.status == TemplateStatus.published.value,
        )
        .order_by(QuestionnaireVersion.number.desc())
        .limit(1)
    )
    return (await session.scalars(stmt)).one_or_none()


async def version_in_use(session: AsyncSession, version_id: uuid.UUID) -> bool:
    return bool(await session.scalar(select(exists().where(Assessment.questionnaire_version_id == version_id))))


# --- assessments --------------------------------------------------------------------------------------------


def _assessment_rows() -> Select[Any]:
    open_findings = (
        select(func.count(Finding.id))
        .where(Finding.assessment_id == Assessment.id, Finding.status.in_(OPEN_FINDINGS))
        .correlate(Assessment)
        .scalar_subquery()
    )
    return (
        select(
            Assessment, Vendor.name, QuestionnaireVersion.questionnaire_id, QuestionnaireVersion.number, open_findings
        )
        .join(Vendor, Vendor.id == Assessment.vendor_id)
        .join(QuestionnaireVersion, QuestionnaireVersion.id == Assessment.questionnaire_version_id)
    )


async def all_sent_to_vendor(session: AsyncSession, organization_id: uuid.UUID, vendor_id: uuid.UUID) -> list[Any]:
    """Every assessment the vendor has been sent (never a draft), newest first, in the shape of list_assessments."""
    stmt = (
        _assessment_rows()
        .where(
            Assessment.organization_id == organization_id,
            Assessment.vendor_id == vendor_id,
            Assessment.status != AssessmentStatus.draft.value,
        )
        .order_by(Assessment.created_at.desc(), Assessment.id.desc())
    )
    return await all_rows(session, stmt)


async def list_assessments(
    session: AsyncSession,
    organization_id: uuid.UUID,
    params: PageParams,
    sort: str,
    *,
    today: date,
    vendor_id: uuid.UUID | None = None,
    statuses: list[str] | None = None,
    kind: str | None = None,
    overdue: bool | None = None,
    q: str | None = None,
    visible_to_vendor: bool = False,
) -> Paged[Any]:
    where: list[Any] = [Assessment.organization_id == organization_id]
    if vendor_id:
        where.append(Assessment.vendor_id == vendor_id)
    if visible_to_vendor:
        where.append(Assessment.status != AssessmentStatus.draft.value)
    if statuses:
        where.append(Assessment.status.in_(statuses))
    if kind:
        where.append(Assessment.kind == kind)
    if overdue is not None:
        late = and_(Assessment.status.in_(OPEN_STATUSES), Assessment.due_date < today)
        where.append(late if overdue else ~late)
    count = select(Assessment.id)
    if q:
        pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append(or_(Assessment.title.ilike(pattern, escape="\\"), Vendor.name.ilike(pattern, escape="\\")))
        count = count.join(Vendor, Vendor.id == Assessment.vendor_id)
    # The count needs the joins only to search vendor names (they are on non-null foreign keys).
    stmt = _assessment_rows().where(*where).order_by(*order_by(sort, ASSESSMENT_SORT, Assessment.id))
    return await paginate(session, stmt, params, count_from=count.where(*where))


async def assessment_row(
    session: AsyncSession, organization_id: uuid.UUID, assessment_id: uuid.UUID, *, vendor_id: uuid.UUID | None = None
) -> Any:
    stmt = _assessment_rows().where(Assessment.organization_id == organization_id, Assessment.id == assessment_id)
    if vendor_id is not None:
        stmt = stmt.where(Assessment.vendor_id == vendor_id, Assessment.status != AssessmentStatus.draft.value)
    return (await session.execute(stmt)).one_or_none()


async def assessment(
    session: AsyncSession, organization_id: uuid.UUID, assessment_id: uuid.UUID, *, vendor_id: uuid.UUID | None = None
) -> Assessment | None:
    stmt = select(Assessment).where(Assessment.organization_id == organization_id, Assessment.id == assessment_id)
    if vendor_id is not None:
        stmt = stmt.where(Assessment.vendor_id == vendor_id, Assessment.status != AssessmentStatus.draft.value)
    return (await session.scalars(stmt)).one_or_none()


async def answers(session: AsyncSession, assessment_id: uuid.UUID) -> list[AssessmentAnswer]:
    stmt = select(AssessmentAnswer).where(AssessmentAnswer.assessment_id == assessment_id)
    return list((await session.scalars(stmt.order_by(AssessmentAnswer.question_key))).all())


async def answer(session: AsyncSession, assessment_id: uuid.UUID, question_key: str) -> AssessmentAnswer | None:
    stmt = select(AssessmentAnswer).where(
        AssessmentAnswer.assessment_id == assessment_id, AssessmentAnswer.question_key == question_key
    )
    return (await session.scalars(stmt)).one_or_none()


def overdue_vendor_ids(organization_id: uuid.UUID, today: date) -> Any:
    """Vendors with an open assessment past its due date, or whose last accepted result is no longer valid."""
    late = select(Assessment.vendor_id).where(
        Assessment.organization_id == organization_id,
        Assessment.status.in_(OPEN_STATUSES),
        Assessment.due_date < today,
    )
    latest_valid = (
        select(Assessment.vendor_id, func.max(Assessment.valid_until).label("valid_until"))
        .where(Assessment.organization_id == organization_id, Assessment.status == AssessmentStatus.accepted.value)
        .group_by(Assessment.vendor_id)
        .subquery()
    )
    lapsed = select(latest_valid.c.vendor_id).where(latest_valid.c.valid_until < today)
    return late.union(lapsed)


def selection_reviewed_vendor_ids(organization_id: uuid.UUID) -> Select[Any]:
    return select(Assessment.vendor_id).where(
        Assessment.organization_id == organization_id,
        Assessment.kind == AssessmentKind.selection.value,
        Assessment.status == AssessmentStatus.accepted.value,
    )


# --- invitations --------------------------------------------------------------------------------------------


async def open_assessments_of_contact_email(session: AsyncSession, email: str) -> list[Any]:
    """(assessment, contact) for every assessment still with the vendor of a contact with this address, in any
    organisation: the address itself is the scope."""
    stmt = (
        select(Assessment, VendorContact)
        .join(VendorContact, VendorContact.vendor_id == Assessment.vendor_id)
        .where(func.lower(VendorContact.email) == email.strip().lower(), Assessment.status.in_(OPEN_STATUSES))
        .order_by(Assessment.created_at, Assessment.id)
    )
    return [tuple(row) for row in (await session.execute(stmt)).all()]


# --- findings -----------------------------------------------------------------------------------------------


def _finding_rows() -> Any:
    return select(Finding, Vendor.name).join(Vendor, Vendor.id == Finding.vendor_id)


async def list_findings(
    session: AsyncSession,
    organization_id: uuid.UUID,
    params: PageParams,
    sort: str,
    *,
    today: date,
    vendor_id: uuid.UUID | None = None,
    assessment_id: uuid.UUID | None = None,
    statuses: list[str] | None = None,
    severities: list[str] | None = None,
    overdue: bool | None = None,
) -> Paged[Any]:
    stmt = _finding_rows().where(Finding.organization_id == organization_id)
    if vendor_id:
        stmt = stmt.where(Finding.vendor_id == vendor_id)
    if assessment_id:
        stmt = stmt.where(Finding.assessment_id == assessment_id)
    if statuses:
        stmt = stmt.where(Finding.status.in_(statuses))
    if severities:
        stmt = stmt.where(Finding.severity.in_(severities))
    if overdue is not None:
        late = and_(Finding.status.in_(OPEN_FINDINGS), Finding.due_date < today)
        stmt = stmt.where(late if overdue else ~late)
    return await paginate(session, stmt.order_by(*order_by(sort, FINDING_SORT, Finding.id)), params)


async def finding_row(
    session: AsyncSession, organization_id: uuid.UUID, finding_id: uuid.UUID, *, vendor_id: uuid.UUID | None = None
) -> Any:
    stmt = _finding_rows().where(Finding.organization_id == organization_id, Finding.id == finding_id)
    if vendor_id is not None:
        stmt = stmt.where(Finding.vendor_id == vendor_id)
    return (await session.execute(stmt)).one_or_none()


async def findings_of_assessment(session: AsyncSession, assessment_id: uuid.UUID) -> list[Finding]:
    stmt = select(Finding).where(Finding.assessment_id == assessment_id)
    return list((await session.scalars(stmt)).all())


async def vendor_findings_for_portal(
    session: AsyncSession, organization_id: uuid.UUID, vendor_id: uuid.UUID
) -> list[Any]:
    """What the vendor may see: findings not tied to an assessment, or tied to one the reviewer has returned or
    accepted at least once (they stay visible while the vendor reworks the answers)."""
    decided = select(Assessment.id).where(
        Assessment.organization_id == organization_id, Assessment.decided_at.is_not(None)
    )
    stmt = (
        _finding_rows()
        .where(
            Finding.organization_id == organization_id,
            Finding.vendor_id == vendor_id,
            or_(Finding.assessment_id.is_(None), Finding.assessment_id.in_(decided)),
        )
        .order_by(Finding.created_at.desc(), Finding.id)
    )
    return list((await session.execute(stmt)).all())


async def valid_until_of(
    session: AsyncSession, organization_id: uuid.UUID, vendor_ids: set[uuid.UUID]
) -> dict[uuid.UUID, tuple[date, datetime | None]]:
    if not vendor_ids:
        return {}
    stmt = (
        select(Assessment.vendor_id, func.max(Assessment.valid_until), func.max(Assessment.decided_at))
        .where(
            Assessment.organization_id == organization_id,
            Assessment.vendor_id.in_(vendor_ids),
            Assessment.status == AssessmentStatus.accepted.value,
            Assessment.valid_until.is_not(None),
        )
        .group_by(Assessment.vendor_id)
    )
    return {r[0]: (r[1], r[2]) for r in (await session.execute(stmt)).all() if r[1] is not None}


async def open_findings_by_assessment(session: AsyncSession, assessment_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    if not assessment_ids:
        return {}
    stmt = (
        select(Finding.assessment_id, func.count())
        .where(
            Finding.assessment_id.in_(assessment_ids),
            Finding.status.in_([FindingStatus.open.value, FindingStatus.in_remediation.value]),
        )
        .group_by(Finding.assessment_id)
    )
    return {r[0]: int(r[1]) for r in (await session.execute(stmt)).all() if r[0] is not None}
