"""Answering an assessment: the vendor in the portal (answers, evidence, submitting) and staff through the XLSX
import. Submitting scores the answers and raises the questionnaire's findings."""

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.assessments import repository, scoring
from itaku.assessments.definition import Definition
from itaku.assessments.errors import (
    AnswersFrozen,
    AssessmentIncomplete,
    EvidenceNotFound,
    InvalidAnswerValue,
    QuestionNotFound,
    WrongState,
)
from itaku.assessments.models import (
    Assessment,
    AssessmentAnswer,
    AssessmentStatus,
    Finding,
    FindingSource,
)
from itaku.assessments.service import (
    ASSESSMENT_AUDITED,
    EDITABLE_BY_VENDOR,
    FINDING_AUDITED,
    RESOLVED_BY_RESUBMISSION,
    A,
    AssessmentDetail,
    F,
    definition_of,
    found_assessment,
    get_detail,
    record,
    scoring_answers,
)
from itaku.audit import service as audit
from itaku.core.errors import field_problem
from itaku.core.models import utcnow
from itaku.core.storage import Storage
from itaku.files import service as file_service
from itaku.files.models import StoredFile
from itaku.identity.principals import Caller, Principal, StaffUser


def _editable(a: Assessment) -> None:
    if AssessmentStatus(a.status) not in EDITABLE_BY_VENDOR:
        raise AnswersFrozen() if a.status != A.draft else WrongState("The assessment has not been sent yet.")


def question_of(definition: Definition, key: str) -> Any:
    q = definition.question(key)
    if q is None:
        raise QuestionNotFound()
    return q


async def answer_row(session: AsyncSession, a: Assessment, key: str) -> AssessmentAnswer:
    row = await repository.answer(session, a.id, key)
    if row is None:
        row = AssessmentAnswer(organization_id=a.organization_id, assessment_id=a.id, question_key=key, file_ids=[])
        session.add(row)
    return row


def _started(a: Assessment) -> None:
    if a.status in (A.sent, A.returned):
        a.status = A.in_progress.value


async def save_answer(
    session: AsyncSession, caller: Caller, assessment_id: uuid.UUID, key: str, value: Any, comment: str | None
) -> AssessmentAnswer:
    a = await found_assessment(session, caller, assessment_id)
    _editable(a)
    q = question_of(await definition_of(session, a), key)
    try:
        normalised = scoring.normalise(q, value) if q.type != "file" or value is not None else None
    except scoring.InvalidAnswer as exc:
        raise InvalidAnswerValue([field_problem("value", msg=str(exc), kind="invalid_answer")]) from None
    row = await answer_row(session, a, key)
    row.value, row.comment, row.answered_by_label = normalised, comment or None, caller.actor_label
    row.updated_at = utcnow()
    _started(a)
    await session.flush()
    return row


async def add_evidence(
    session: AsyncSession,
    caller: Caller,
    assessment_id: uuid.UUID,
    key: str,
    *,
    storage: Storage,
    data: bytes,
    filename: str,
    max_bytes: int,
) -> tuple[AssessmentAnswer, StoredFile]:
    a = await found_assessment(session, caller, assessment_id)
    _editable(a)
    question_of(await definition_of(session, a), key)
    stored = await file_service.store(session, caller, storage, data=data, filename=filename, max_bytes=max_bytes)
    row = await answer_row(session, a, key)
    row.file_ids = [*(row.file_ids or []), str(stored.id)]
    row.answered_by_label, row.updated_at = caller.actor_label, utcnow()
    _started(a)
    await session.flush()
    await record(
        session,
        caller,
        a,
        "evidence_added",
        after={"question_key": key, "file_id": stored.id, "filename": stored.filename},
    )
    return row, stored


async def answer_files(session: AsyncSession, caller: Caller, row: AssessmentAnswer) -> list[StoredFile]:
    files = await file_service.by_ids(session, caller.organization_id, row.file_ids or [])
    return [files[f] for f in row.file_ids or [] if f in files]


async def remove_evidence(
    session: AsyncSession, caller: Caller, assessment_id: uuid.UUID, key: str, file_id: uuid.UUID
) -> None:
    a = await found_assessment(session, caller, assessment_id)
    _editable(a)
    row = await repository.answer(session, a.id, key)
    if row is None or str(file_id) not in (row.file_ids or []):
        raise EvidenceNotFound()
    row.file_ids = [f for f in row.file_ids if f != str(file_id)]
    row.updated_at = utcnow()
    await session.flush()
    await record(
        session,
        caller,
        a,
        "evidence_removed",
        before={"question_key": key, "file_id": file_id},
    )


async def evidence_file(
    session: AsyncSession, caller: Caller, assessment_id: uuid.UUID, file_id: uuid.UUID
) -> StoredFile:
    """A file attached to one of the assessment's answers (what a portal contact may download)."""
    a = await found_assessment(session, caller, assessment_id)
    answers = await repository.answers(session, a.id)
    if not any(str(file_id) in (x.file_ids or []) for x in answers):
        raise EvidenceNotFound()
    files = await file_service.by_ids(session, a.organization_id, [str(file_id)])
    if str(file_id) not in files:
        raise EvidenceNotFound()
    return files[str(file_id)]


async def submit(session: AsyncSession, caller: Caller, assessment_id: uuid.UUID) -> AssessmentDetail:
    """Freeze the answers, score them and raise the findings the template's rules call for."""
    a = await found_assessment(session, caller, assessment_id)
    _editable(a)
    definition = await definition_of(session, a)
    answers = await repository.answers(session, a.id)
    result = scoring.evaluate(definition, scoring_answers(answers))
    if result.missing:
        raise AssessmentIncomplete(
            {
                "message": f"{len(result.missing)} required question(s) are not answered yet.",
                "missing": result.missing,
            }
        )
    before = audit.snapshot(a, ASSESSMENT_AUDITED)
    a.status, a.submitted_at = A.submitted.value, utcnow()
    for row in answers:
        # The vendor has answered the comments of the last return; they stay in the audit trail, and a new
        # return starts from a clean sheet.
        row.return_comment = None
    a.score, a.band = result.score, result.band
    a.section_scores = [
        {"key": s.key, "score": s.score, "earned": s.earned, "possible": s.possible} for s in result.sections
    ]
    await session.flush()
    await record(
        session,
        caller,
        a,
        "submitted",
        before=before,
        after=audit.snapshot(a, ASSESSMENT_AUDITED),
    )
    await _raise_findings(session, caller, a, definition, result)
    return await get_detail(session, caller, a.id)


async def _raise_findings(
    session: AsyncSession, caller: Caller, a: Assessment, definition: Definition, result: scoring.Result
) -> None:
    """One finding per question whose answer a rule flags; a flag that disappears on resubmission closes its
    finding (the vendor fixed the answer), one that stays is not raised twice."""
    # A question can have a closed finding and a later one raised anew; the open one is the finding of record,
    # whatever order the rows come back in.
    existing: dict[str | None, Finding] = {}
    for row in await repository.findings_of_assessment(session, a.id):
        if row.source == FindingSource.answer.value and (
            row.question_key not in existing or row.status in (*repository.OPEN_FINDINGS, F.risk_accepted.value)
        ):
            existing[row.question_key] = row
    flagged: dict[str, scoring.RaisedFinding] = {}
    for raised in result.findings:
        current = flagged.get(raised.question_key)
        if current is None or _rank(raised.rule.severity) > _rank(current.rule.severity):
            flagged[raised.question_key] = raised
    lang = "en" if isinstance(caller, StaffUser) and caller.locale == "en" else "ja"
    for key, raised in flagged.items():
        f = existing.get(key)
        if f is not None and f.status in (*repository.OPEN_FINDINGS, F.risk_accepted.value):
            continue  # already on record, or its risk was knowingly accepted
        q = definition.question(key)
        assert q is not None
        title = (raised.rule.title or q.text).get(lang)[:300]
        answer = raised.answer if isinstance(raised.answer, list) else [raised.answer]
        labels = [o.label.get(lang) for o in q.options if o.key in answer]
        finding = Finding(
            organization_id=a.organization_id,
            vendor_id=a.vendor_id,
            assessment_id=a.id,
            question_key=key,
            source=FindingSource.answer.value,
            severity=raised.rule.severity.value,
            title=title,
            description=f"{q.text.get(lang)} → {', '.join(labels)}",
            status=F.open.value,
        )
        await repository.add(session, finding)
        await audit.record(
            session,
            caller,
            entity_type="finding",
            entity_id=finding.id,
            action="raised",
            after={"vendor_id": a.vendor_id, "assessment_id": a.id, **audit.snapshot(finding, FINDING_AUDITED)},
            scope_id=a.vendor_id,
        )
    for question_key, f in existing.items():
        if question_key not in flagged and f.status in repository.OPEN_FINDINGS:
            before = audit.snapshot(f, FINDING_AUDITED)
            f.status, f.closed_at = F.closed.value, utcnow()
            f.resolution = RESOLVED_BY_RESUBMISSION
            await session.flush()
            await audit.record(
                session,
                caller,
                entity_type="finding",
                entity_id=f.id,
                action="closed",
                before=before,
                after=audit.snapshot(f, FINDING_AUDITED),
                scope_id=a.vendor_id,
            )


def _rank(severity: str) -> int:
    return ["low", "medium", "high", "critical"].index(str(severity))


async def apply_imported_answers(
    session: AsyncSession, principal: Principal, assessment_id: uuid.UUID, answers: dict[str, tuple[Any, str | None]]
) -> tuple[int, bool, list[str]]:
    """Write answers read from the vendor's filled workbook (already validated) and submit when complete.
    Returns (answers written, submitted, required questions still missing)."""
    a = await found_assessment(session, principal, assessment_id)
    if a.status == A.draft:
        a.status, a.sent_at = A.sent.value, utcnow()
    _editable(a)
    stored = {x.question_key: x for x in await repository.answers(session, a.id)}
    changed = 0
    for key, (value, comment) in answers.items():
        old = stored.get(key)
        if (old.value, old.comment) == (value, comment) if old else (value, comment) == (None, None):
            continue  # an unchanged row of a re-uploaded workbook is not a new answer
        row = old or await answer_row(session, a, key)
        row.value, row.comment, row.answered_by_label = value, comment, f"{principal.actor_label} (XLSX import)"
        row.updated_at = utcnow()
        changed += 1
    _started(a)
    await session.flush()
    await record(
        session,
        principal,
        a,
        "answers_imported",
        after={"answers_changed": changed},
    )
    result = scoring.evaluate(await definition_of(session, a), scoring_answers(await repository.answers(session, a.id)))
    if result.missing:
        return changed, False, result.missing
    await submit(session, principal, a.id)
    return changed, True, []
