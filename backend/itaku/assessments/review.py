"""Reviewing a submitted assessment: per-answer review, returning it to the vendor, and the decision (accepted or
rejected, with how long an accepted result stands)."""

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.assessments.answering import answer_row, question_of
from itaku.assessments.errors import WrongState
from itaku.assessments.models import AssessmentStatus
from itaku.assessments.schemas import AnswerReview, AssessmentDecision
from itaku.assessments.service import (
    ASSESSMENT_AUDITED,
    REVIEWABLE,
    VALIDITY_MONTHS,
    A,
    AssessmentDetail,
    definition_of,
    found_assessment,
    get_detail,
    record,
)
from itaku.audit import service as audit
from itaku.core.clock import add_months
from itaku.core.errors import ensure_version
from itaku.core.models import utcnow
from itaku.identity.principals import Principal
from itaku.organizations import service as organization_service
from itaku.portal import service as portal_service
from itaku.vendors import service as vendor_service


async def start_review(session: AsyncSession, principal: Principal, assessment_id: uuid.UUID) -> AssessmentDetail:
    a = await found_assessment(session, principal, assessment_id)
    if a.status != A.submitted:
        raise WrongState("Only a submitted assessment can be taken into review.")
    a.status = A.under_review.value
    await session.flush()
    await record(
        session,
        principal,
        a,
        "review_started",
        before={"status": A.submitted.value},
        after={"status": a.status},
    )
    return await get_detail(session, principal, a.id)


async def review_answer(
    session: AsyncSession, principal: Principal, assessment_id: uuid.UUID, key: str, body: AnswerReview
) -> AssessmentDetail:
    a = await found_assessment(session, principal, assessment_id)
    if AssessmentStatus(a.status) not in REVIEWABLE:
        raise WrongState("Comments on answers are made while the assessment is submitted or under review.")
    question_of(await definition_of(session, a), key)
    row = await answer_row(session, a, key)
    before = {"return_comment": row.return_comment, "reviewer_note": row.reviewer_note}
    for field in body.model_fields_set:
        setattr(row, field, getattr(body, field) or None)
    await session.flush()
    await record(
        session,
        principal,
        a,
        "answer_reviewed",
        before={"question_key": key, **before},
        after={"question_key": key, "return_comment": row.return_comment, "reviewer_note": row.reviewer_note},
    )
    return await get_detail(session, principal, a.id)


async def return_to_vendor(
    session: AsyncSession, principal: Principal, assessment_id: uuid.UUID, body: AssessmentDecision
) -> AssessmentDetail:
    return await _decide(session, principal, assessment_id, body, A.returned)


async def accept(
    session: AsyncSession, principal: Principal, assessment_id: uuid.UUID, body: AssessmentDecision
) -> AssessmentDetail:
    return await _decide(session, principal, assessment_id, body, A.accepted)


async def _decide(
    session: AsyncSession,
    principal: Principal,
    assessment_id: uuid.UUID,
    body: AssessmentDecision,
    decision: AssessmentStatus,
) -> AssessmentDetail:
    """Return the answers to the vendor, or accept them; an accepted result stays valid for a period set by the
    vendor's tier."""
    a = await found_assessment(session, principal, assessment_id)
    ensure_version(a, body.version)
    if AssessmentStatus(a.status) not in REVIEWABLE:
        verb = "returned" if decision == A.returned else "accepted"
        raise WrongState(f"Only a submitted assessment, or one under review, can be {verb}.")
    before = audit.snapshot(a, ASSESSMENT_AUDITED)
    a.status, a.decision_comment = decision.value, body.comment
    a.decided_at, a.decided_by_label = utcnow(), principal.actor_label
    if decision == A.accepted:
        vendor = await vendor_service.get_vendor(session, principal, a.vendor_id)
        a.valid_until = add_months(
            await organization_service.today(session, principal.organization_id), VALIDITY_MONTHS[vendor.tier]
        )
        await portal_service.revoke_unopened(session, a.id)
    await session.flush()
    await record(
        session,
        principal,
        a,
        decision.value,
        before=before,
        after={**audit.snapshot(a, ASSESSMENT_AUDITED), "comment": body.comment},
    )
    return await get_detail(session, principal, a.id)
