"""Questionnaire templates, assessments sent to vendors, their review, and findings.

Staff (and API clients) work through the organisation's scope; a vendor contact in the portal works
through its vendor's scope, on the same functions, so a rule is written once for both sides."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.assessments import repository, scoring
from itaku.assessments.builtin import BUILTIN
from itaku.assessments.definition import Definition
from itaku.assessments.models import (
    Assessment,
    AssessmentAnswer,
    AssessmentStatus,
    Finding,
    FindingSource,
    FindingStatus,
    Questionnaire,
    QuestionnaireVersion,
    TemplateStatus,
)
from itaku.assessments.schemas import (
    AnswerReview,
    AssessmentCreate,
    AssessmentDecision,
    AssessmentSend,
    AssessmentUpdate,
    DraftPublish,
    DraftSave,
    FindingCreate,
    FindingUpdate,
    QuestionnaireUpdate,
)
from itaku.audit import service as audit
from itaku.core.clock import add_months
from itaku.core.config import Settings
from itaku.core.db import after_commit
from itaku.core.errors import AppError, Conflict, NotFound, ensure_version, field_problem
from itaku.core.mail import Mail, Mailer
from itaku.core.models import utcnow
from itaku.core.pagination import PageParams
from itaku.core.storage import Storage
from itaku.files import service as file_service
from itaku.files.models import StoredFile
from itaku.identity.principals import Caller, PortalContact, Principal, Role, StaffUser
from itaku.organizations import service as organization_service
from itaku.portal import service as portal_service
from itaku.portal.models import PortalInvitation
from itaku.users import service as user_service
from itaku.vendors import service as vendor_service

A = AssessmentStatus
EDITABLE_BY_VENDOR = (A.sent, A.in_progress, A.returned)
REVIEWABLE = (A.submitted, A.under_review)
# How long an accepted result stands before the vendor is reassessed, by tier (months). The monitoring
# calendar (issue 7/7) turns these into organisation policy; until then they are the defaults it names.
VALIDITY_MONTHS = {"critical": 12, "high": 12, "medium": 24, "low": 36}
ASSESSMENT_AUDITED = ("title", "kind", "status", "due_date", "owner_user_id", "score", "band", "valid_until")
FINDING_AUDITED = (
    "severity",
    "title",
    "description",
    "remediation_plan",
    "vendor_proposed_plan",
    "due_date",
    "status",
    "resolution",
    "risk_accepted_by_user_id",
)
F = FindingStatus
_RESOLVED_JA = "再提出された回答では、この指摘の条件に該当しなくなりました。"
RESOLVED_BY_RESUBMISSION = f"{_RESOLVED_JA} / The resubmitted answer no longer raises this finding."
FINDING_TRANSITIONS: dict[FindingStatus, tuple[FindingStatus, ...]] = {
    F.open: (F.in_remediation, F.closed, F.risk_accepted),
    F.in_remediation: (F.open, F.closed, F.risk_accepted),
    F.closed: (F.open,),
    F.risk_accepted: (F.open,),
}


# --- errors -------------------------------------------------------------------------------------------------


class QuestionnaireNotFound(NotFound):
    code = "questionnaire_not_found"
    message = "No questionnaire template with this id in your organisation."


class QuestionnaireVersionNotFound(NotFound):
    code = "questionnaire_version_not_found"
    message = "No version with this id for this questionnaire template."


class NoDraft(Conflict):
    code = "no_draft"
    message = "This template has no draft version; save an edit to start one."


class DraftExists(Conflict):
    code = "draft_exists"
    message = "This template already has a draft; edit that draft (send its draft_version) or discard it first."


class NotPublished(Conflict):
    code = "questionnaire_not_published"
    message = "This template has no published version yet; publish it before sending it to a vendor."


class QuestionnaireArchived(Conflict):
    code = "questionnaire_archived"
    message = "This template is archived; restore it before using it."


class AssessmentNotFound(NotFound):
    code = "assessment_not_found"
    message = "No assessment with this id."


class InvitationNotFound(NotFound):
    code = "invitation_not_found"
    message = "No invitation with this id for this assessment."


class FindingNotFound(NotFound):
    code = "finding_not_found"
    message = "No finding with this id."


class QuestionNotFound(NotFound):
    code = "question_not_found"
    message = "This assessment's questionnaire has no question with this key."


class EvidenceNotFound(NotFound):
    code = "evidence_not_found"
    message = "No evidence file with this id on this answer."


class WrongState(Conflict):
    code = "assessment_state"
    message = "The assessment's status does not allow this."


class AnswersFrozen(Conflict):
    code = "answers_frozen"
    message = "The answers were submitted and are frozen; they can change again only if the reviewer returns them."


class AssessmentIncomplete(Conflict):
    code = "assessment_incomplete"
    message = "Some required questions are not answered yet."


class InvalidAnswerValue(AppError):
    status_code = 422
    code = "invalid_answer"
    message = "The answer does not fit the question."


class InvalidFindingTransition(Conflict):
    code = "invalid_finding_transition"
    message = "A finding in this status cannot move to the one requested."


class RiskAcceptanceIncomplete(AppError):
    status_code = 422
    code = "risk_acceptance_incomplete"
    message = "Accepting a risk needs a reason and the manager or administrator who accepts it."


async def _record(
    session: AsyncSession,
    caller: Caller,
    a: Assessment,
    action: str,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """An assessment's audit event, in its vendor's history."""
    await audit.record(
        session,
        caller,
        entity_type="assessment",
        entity_id=a.id,
        action=action,
        before=before,
        after=after,
        scope_id=a.vendor_id,
    )


# --- templates ----------------------------------------------------------------------------------------------


def _version_row(organization_id: uuid.UUID, questionnaire_id: uuid.UUID, number: int, d: Definition) -> Any:
    return QuestionnaireVersion(
        organization_id=organization_id,
        questionnaire_id=questionnaire_id,
        number=number,
        status=TemplateStatus.draft.value,
        title_ja=d.title.get("ja")[:300],
        title_en=d.title.get("en")[:300],
        definition=d.model_dump(mode="json"),
        question_count=len(d.questions()),
    )


async def install_builtins(session: AsyncSession, organization_id: uuid.UUID) -> int:
    """Give the organisation every built-in template it lacks, published as version 1. Idempotent."""
    have = await repository.builtin_keys(session, organization_id)
    added = 0
    for key, definition in BUILTIN.items():
        if key in have:
            continue
        q = Questionnaire(organization_id=organization_id, builtin_key=key, archived=False)
        await repository.add(session, q)
        v = _version_row(organization_id, q.id, 1, definition)
        v.status, v.published_at = TemplateStatus.published.value, utcnow()
        await repository.add(session, v)
        added += 1
    return added


@dataclass
class TemplateView:
    questionnaire: Questionnaire
    versions: list[QuestionnaireVersion]

    @property
    def published(self) -> QuestionnaireVersion | None:
        return next((v for v in self.versions if v.status == TemplateStatus.published.value), None)

    @property
    def draft(self) -> QuestionnaireVersion | None:
        return next((v for v in self.versions if v.status == TemplateStatus.draft.value), None)

    @property
    def latest(self) -> QuestionnaireVersion:
        return self.versions[0]


async def list_questionnaires(session: AsyncSession, principal: Principal, archived: bool | None) -> list[TemplateView]:
    rows = await repository.questionnaires(session, principal.organization_id, archived=archived)
    versions = await repository.versions_of(session, [q.id for q in rows])
    by_q: dict[uuid.UUID, list[QuestionnaireVersion]] = {}
    for v in versions:
        by_q.setdefault(v.questionnaire_id, []).append(v)
    return [TemplateView(q, by_q.get(q.id, [])) for q in rows]


async def get_questionnaire(
    session: AsyncSession, principal: Principal, questionnaire_id: uuid.UUID, *, lock: bool = False
) -> TemplateView:
    q = await repository.questionnaire(session, principal.organization_id, questionnaire_id, lock=lock)
    if q is None:
        raise QuestionnaireNotFound()
    return TemplateView(q, await repository.versions_of(session, [q.id]))


async def get_version(
    session: AsyncSession, principal: Principal, questionnaire_id: uuid.UUID, version_id: uuid.UUID
) -> QuestionnaireVersion:
    view = await get_questionnaire(session, principal, questionnaire_id)
    found = next((v for v in view.versions if v.id == version_id), None)
    if found is None:
        raise QuestionnaireVersionNotFound()
    return found


async def create_questionnaire(session: AsyncSession, principal: Principal, definition: Definition) -> TemplateView:
    q = Questionnaire(organization_id=principal.organization_id, builtin_key=None, archived=False)
    await repository.add(session, q)
    v = _version_row(principal.organization_id, q.id, 1, definition)
    await repository.add(session, v)
    await audit.record(
        session,
        principal,
        entity_type="questionnaire",
        entity_id=q.id,
        action="created",
        after={"title": v.title_ja or v.title_en, "questions": v.question_count},
    )
    return TemplateView(q, [v])


async def update_questionnaire(
    session: AsyncSession, principal: Principal, questionnaire_id: uuid.UUID, body: QuestionnaireUpdate
) -> TemplateView:
    view = await get_questionnaire(session, principal, questionnaire_id)
    ensure_version(view.questionnaire, body.version)
    before = {"archived": view.questionnaire.archived}
    view.questionnaire.archived = body.archived
    await session.flush()
    await audit.record(
        session,
        principal,
        entity_type="questionnaire",
        entity_id=view.questionnaire.id,
        action="archived" if body.archived else "restored",
        before=before,
        after={"archived": body.archived},
    )
    return view


async def save_draft(
    session: AsyncSession, principal: Principal, questionnaire_id: uuid.UUID, body: DraftSave
) -> TemplateView:
    """Edit the draft, or start the next version's draft from the given content; published ones never change."""
    view = await get_questionnaire(session, principal, questionnaire_id, lock=True)
    if view.questionnaire.archived:
        raise QuestionnaireArchived()
    draft = view.draft
    if body.draft_version is None:
        if draft is not None:
            raise DraftExists()
        draft = _version_row(principal.organization_id, view.questionnaire.id, view.latest.number + 1, body.definition)
        await repository.add(session, draft)
        view.versions.insert(0, draft)
        action = "draft_started"
    else:
        if draft is None:
            raise NoDraft()
        ensure_version(draft, body.draft_version)
        fresh = _version_row(principal.organization_id, view.questionnaire.id, draft.number, body.definition)
        draft.title_ja, draft.title_en = fresh.title_ja, fresh.title_en
        draft.definition, draft.question_count = fresh.definition, fresh.question_count
        await session.flush()
        action = "draft_saved"
    view.questionnaire.updated_at = utcnow()
    await audit.record(
        session,
        principal,
        entity_type="questionnaire",
        entity_id=view.questionnaire.id,
        action=action,
        after={"version": draft.number, "questions": draft.question_count},
    )
    return view


async def discard_draft(session: AsyncSession, principal: Principal, questionnaire_id: uuid.UUID) -> None:
    view = await get_questionnaire(session, principal, questionnaire_id, lock=True)
    draft = view.draft
    if draft is None:
        raise NoDraft()
    if len(view.versions) == 1:
        raise Conflict("The first version of a template cannot be discarded; archive the template instead.")
    await session.delete(draft)
    await session.flush()
    await audit.record(
        session,
        principal,
        entity_type="questionnaire",
        entity_id=view.questionnaire.id,
        action="draft_discarded",
        before={"version": draft.number},
    )


async def publish(
    session: AsyncSession, principal: Principal, questionnaire_id: uuid.UUID, body: DraftPublish
) -> TemplateView:
    view = await get_questionnaire(session, principal, questionnaire_id, lock=True)
    if view.questionnaire.archived:
        raise QuestionnaireArchived()
    draft = view.draft
    if draft is None:
        raise NoDraft()
    ensure_version(draft, body.draft_version)
    draft.status, draft.published_at = TemplateStatus.published.value, utcnow()
    view.questionnaire.updated_at = utcnow()
    await session.flush()
    await audit.record(
        session,
        principal,
        entity_type="questionnaire",
        entity_id=view.questionnaire.id,
        action="published",
        after={"version": draft.number, "questions": draft.question_count},
    )
    return view


# --- assessments --------------------------------------------------------------------------------------------


@dataclass
class AssessmentView:
    assessment: Assessment
    vendor_name: str
    questionnaire_id: uuid.UUID
    version_number: int
    open_findings: int
    overdue: bool


@dataclass
class AssessmentDetail:
    view: AssessmentView
    definition: Definition
    answers: list[AssessmentAnswer]
    files: dict[str, StoredFile]
    result: scoring.Result


def _view(row: Any, today: date) -> AssessmentView:
    a, vendor_name, questionnaire_id, number, open_findings = row
    overdue = a.status in repository.OPEN_STATUSES and a.due_date is not None and a.due_date < today
    return AssessmentView(a, vendor_name, questionnaire_id, number, int(open_findings or 0), overdue)


def _vendor_scope(caller: Caller) -> uuid.UUID | None:
    return caller.vendor_id if isinstance(caller, PortalContact) else None


async def _row(session: AsyncSession, caller: Caller, assessment_id: uuid.UUID) -> Assessment:
    a = await repository.assessment(session, caller.organization_id, assessment_id, vendor_id=_vendor_scope(caller))
    if a is None:
        raise AssessmentNotFound()
    return a


async def get_view(session: AsyncSession, caller: Caller, assessment_id: uuid.UUID) -> AssessmentView:
    row = await repository.assessment_row(
        session, caller.organization_id, assessment_id, vendor_id=_vendor_scope(caller)
    )
    if row is None:
        raise AssessmentNotFound()
    return _view(row, await organization_service.today(session, caller.organization_id))


async def _definition(session: AsyncSession, a: Assessment) -> Definition:
    version = await repository.version(session, a.organization_id, a.questionnaire_version_id)
    assert version is not None  # the foreign key restricts deletion
    return Definition.model_validate(version.definition)


def _scoring_answers(answers: list[AssessmentAnswer]) -> dict[str, scoring.Answer]:
    return {x.question_key: scoring.Answer(x.value, len(x.file_ids or [])) for x in answers}


async def get_detail(session: AsyncSession, caller: Caller, assessment_id: uuid.UUID) -> AssessmentDetail:
    view = await get_view(session, caller, assessment_id)
    definition = await _definition(session, view.assessment)
    answers = await repository.answers(session, view.assessment.id)
    files = await file_service.by_ids(session, caller.organization_id, [f for x in answers for f in x.file_ids or []])
    result = scoring.evaluate(definition, _scoring_answers(answers))
    return AssessmentDetail(view, definition, answers, files, result)


async def list_assessments(
    session: AsyncSession, caller: Caller, params: PageParams, sort: str, **filters: Any
) -> tuple[list[AssessmentView], int]:
    today = await organization_service.today(session, caller.organization_id)
    if isinstance(caller, PortalContact):
        filters = {"vendor_id": caller.vendor_id, "visible_to_vendor": True}
    rows, total = await repository.list_assessments(
        session, caller.organization_id, params, sort, today=today, **filters
    )
    return [_view(r, today) for r in rows], total


def allowed_actions(a: Assessment) -> list[str]:
    status = AssessmentStatus(a.status)
    actions = []
    if status in (A.draft, *EDITABLE_BY_VENDOR, A.accepted):
        actions.append("send")
    if status == A.submitted:
        actions.append("start_review")
    if status in REVIEWABLE:
        actions += ["return", "accept"]
    if status in (A.draft, *EDITABLE_BY_VENDOR):
        actions.append("import")
    if status == A.draft:
        actions.append("delete")
    return actions


async def create_assessment(session: AsyncSession, principal: Principal, body: AssessmentCreate) -> AssessmentView:
    vendor = await vendor_service.get_vendor(session, principal, body.vendor_id)
    view = await get_questionnaire(session, principal, body.questionnaire_id)
    if view.questionnaire.archived:
        raise QuestionnaireArchived()
    version = view.published
    if version is None:
        raise NotPublished()
    if body.owner_user_id:
        await _check_member(session, principal, body.owner_user_id, "owner_user_id")
    locale = principal.locale if isinstance(principal, StaffUser) else "ja"
    a = Assessment(
        organization_id=principal.organization_id,
        vendor_id=vendor.id,
        questionnaire_version_id=version.id,
        kind=body.kind.value,
        status=A.draft.value,
        title=body.title or (version.title_en if locale == "en" else version.title_ja) or version.title_ja,
        due_date=body.due_date,
        owner_user_id=body.owner_user_id,
        section_scores=[],
        reminder_count=0,
    )
    await repository.add(session, a)
    await _record(
        session,
        principal,
        a,
        "created",
        after={
            "vendor_id": vendor.id,
            "questionnaire_version": version.number,
            **audit.snapshot(a, ASSESSMENT_AUDITED),
        },
    )
    return await get_view(session, principal, a.id)


async def _check_member(session: AsyncSession, principal: Principal, user_id: uuid.UUID, field: str) -> Role:
    try:
        member = await user_service.get_member(session, principal, user_id)
    except user_service.MemberNotFound:
        raise vendor_service.InvalidReference([field_problem(field, msg="not a member of your organisation")]) from None
    return Role(member.role)


async def update_assessment(
    session: AsyncSession, principal: Principal, assessment_id: uuid.UUID, body: AssessmentUpdate
) -> AssessmentView:
    a = await _row(session, principal, assessment_id)
    ensure_version(a, body.version)
    if a.status == A.accepted and body.model_fields_set - {"version", "internal_notes", "owner_user_id"}:
        raise WrongState("An accepted assessment keeps its title, kind and due date; only notes and owner change.")
    if body.owner_user_id and "owner_user_id" in body.model_fields_set:
        await _check_member(session, principal, body.owner_user_id, "owner_user_id")
    before = audit.snapshot(a, (*ASSESSMENT_AUDITED, "internal_notes"))
    for field in body.model_fields_set - {"version"}:
        value = getattr(body, field)
        if field in ("title", "kind") and value is None:
            continue
        setattr(a, field, getattr(value, "value", value))
    await session.flush()
    await _record(
        session,
        principal,
        a,
        "updated",
        before=before,
        after=audit.snapshot(a, (*ASSESSMENT_AUDITED, "internal_notes")),
    )
    return await get_view(session, principal, a.id)


async def delete_assessment(session: AsyncSession, principal: Principal, assessment_id: uuid.UUID) -> None:
    a = await _row(session, principal, assessment_id)
    if a.status != A.draft:
        raise WrongState("Only a draft that was never sent can be deleted; a sent assessment stays on record.")
    before = audit.snapshot(a, ASSESSMENT_AUDITED)
    await session.delete(a)
    await session.flush()
    await _record(session, principal, a, "deleted", before=before)


async def _mail_link(
    session: AsyncSession, a: Assessment, contact: Any, link: str, *, days: int, message: str | None, mailer: Mailer
) -> None:
    """Mail the link once the transaction has committed (nothing is sent for a write that did not land)."""
    org = await organization_service.get(session, a.organization_id)
    due = a.due_date.isoformat() if a.due_date else "—"
    note = f"\n{message}\n" if message else ""
    mail = Mail(
        to=contact.email,
        subject=f"[Itaku] {org.name} からの回答依頼: {a.title} / Questionnaire from {org.name}",
        body=(
            f"{contact.name} 様\n\n{org.name} から「{a.title}」へのご回答をお願いしております"
            f"（回答期限: {due}）。\n"
            f"{note}\n次のリンクから、アカウント登録なしで回答できます。リンクは一度だけ使え、"
            f"{days} 日後に無効になります。\n{link}\n\n"
            f"Dear {contact.name},\n\n{org.name} asks you to answer “{a.title}” (due {due}).\n{note}\n"
            f"Open this link to answer; no account is needed. It works once and expires in "
            f"{days} days.\n{link}\n"
        ),
    )

    async def _send() -> None:
        await mailer.send(mail)

    after_commit(session, _send)


async def send(
    session: AsyncSession,
    principal: Principal,
    assessment_id: uuid.UUID,
    body: AssessmentSend,
    *,
    settings: Settings,
    mailer: Mailer,
) -> tuple[PortalInvitation, str, str, bool]:
    """Issue a single-use portal link to one of the vendor's contacts (replacing earlier unopened links) and
    mail it when possible. Sending again while the vendor is answering is a reminder; after acceptance a link
    lets the vendor see the findings and propose remediation plans. Returns (invitation, contact name, link,
    emailed)."""
    a = await _row(session, principal, assessment_id)
    status = AssessmentStatus(a.status)
    if status not in (A.draft, *EDITABLE_BY_VENDOR, A.accepted):
        raise WrongState(f"An assessment in status {a.status} is with the reviewer; nothing to send.")
    contact = await vendor_service.get_contact(session, principal, a.vendor_id, body.contact_id)
    inv, path = await portal_service.issue_link(
        session,
        contact,
        assessment_id=a.id,
        valid_for=timedelta(days=body.expires_in_days),
        created_by=principal.actor_label,
    )
    now = utcnow()
    before = audit.snapshot(a, ASSESSMENT_AUDITED)
    if status == A.draft:
        a.status, a.sent_at = A.sent.value, now
        action = "sent"
    elif status == A.accepted:
        action = "findings_link_sent"
    else:
        a.reminder_count, a.last_reminded_at = a.reminder_count + 1, now
        action = "reminded"
    await session.flush()
    await _record(
        session,
        principal,
        a,
        action,
        before=before,
        after={
            **audit.snapshot(a, ASSESSMENT_AUDITED),
            "invitation_id": inv.id,
            "contact_id": contact.id,
            "expires_at": inv.expires_at,
        },
    )
    link = settings.base_url + path
    if contact.email:
        await _mail_link(session, a, contact, link, days=body.expires_in_days, message=body.message, mailer=mailer)
    return inv, contact.name, link, bool(contact.email) and mailer.enabled


async def request_links(session: AsyncSession, email: str, *, settings: Settings, mailer: Mailer) -> int:
    """A vendor contact whose session ended asks for new links: every questionnaire still with its company is
    mailed to the address on record (never shown in the answer, which is the same for any address, so it
    reveals nothing), at most one per questionnaire in the portal's interval. Returns how many were issued."""
    if not mailer.enabled:
        return 0
    found = await repository.open_assessments_of_contact_email(session, email)
    newest = await portal_service.newest_link_times(session, [(a.id, contact.id) for a, contact in found])
    now = utcnow()
    issued = 0
    for a, contact in found:
        if not portal_service.may_issue_again(newest.get((a.id, contact.id)), now):
            continue
        inv, path = await portal_service.issue_link(
            session,
            contact,
            assessment_id=a.id,
            valid_for=timedelta(days=settings.invitation_days),
            created_by=f"{contact.name} (self-service)",
        )
        actor = PortalContact(inv.id, a.organization_id, a.vendor_id, contact.id, contact.name, contact.email, a.id)
        await _record(
            session,
            actor,
            a,
            "link_requested",
            after={"invitation_id": inv.id, "contact_id": contact.id, "expires_at": inv.expires_at},
        )
        await _mail_link(
            session, a, contact, settings.base_url + path, days=settings.invitation_days, message=None, mailer=mailer
        )
        issued += 1
    return issued


async def list_invitations(
    session: AsyncSession, principal: Principal, assessment_id: uuid.UUID
) -> list[tuple[PortalInvitation, str]]:
    a = await _row(session, principal, assessment_id)
    return await portal_service.links_of_assessment(session, a.id)


async def revoke_invitation(
    session: AsyncSession, principal: Principal, assessment_id: uuid.UUID, invitation_id: uuid.UUID
) -> tuple[PortalInvitation, str]:
    a = await _row(session, principal, assessment_id)
    found = await portal_service.link_of_assessment(session, principal.organization_id, a.id, invitation_id)
    if found is None:
        raise InvitationNotFound()
    inv, name = found
    if inv.revoked_at is None:
        inv.revoked_at = utcnow()
        await session.flush()
        await _record(
            session,
            principal,
            a,
            "invitation_revoked",
            after={"invitation_id": inv.id},
        )
    return inv, name


# --- answering (the vendor in the portal; staff through the XLSX import) -------------------------------------


def _editable(a: Assessment) -> None:
    if AssessmentStatus(a.status) not in EDITABLE_BY_VENDOR:
        raise AnswersFrozen() if a.status != A.draft else WrongState("The assessment has not been sent yet.")


def _question(definition: Definition, key: str) -> Any:
    q = definition.question(key)
    if q is None:
        raise QuestionNotFound()
    return q


async def _answer_row(session: AsyncSession, a: Assessment, key: str) -> AssessmentAnswer:
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
    a = await _row(session, caller, assessment_id)
    _editable(a)
    q = _question(await _definition(session, a), key)
    try:
        normalised = scoring.normalise(q, value) if q.type != "file" or value is not None else None
    except scoring.InvalidAnswer as exc:
        raise InvalidAnswerValue([field_problem("value", msg=str(exc), kind="invalid_answer")]) from None
    row = await _answer_row(session, a, key)
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
    a = await _row(session, caller, assessment_id)
    _editable(a)
    _question(await _definition(session, a), key)
    stored = await file_service.store(session, caller, storage, data=data, filename=filename, max_bytes=max_bytes)
    row = await _answer_row(session, a, key)
    row.file_ids = [*(row.file_ids or []), str(stored.id)]
    row.answered_by_label, row.updated_at = caller.actor_label, utcnow()
    _started(a)
    await session.flush()
    await _record(
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
    a = await _row(session, caller, assessment_id)
    _editable(a)
    row = await repository.answer(session, a.id, key)
    if row is None or str(file_id) not in (row.file_ids or []):
        raise EvidenceNotFound()
    row.file_ids = [f for f in row.file_ids if f != str(file_id)]
    row.updated_at = utcnow()
    await session.flush()
    await _record(
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
    a = await _row(session, caller, assessment_id)
    answers = await repository.answers(session, a.id)
    if not any(str(file_id) in (x.file_ids or []) for x in answers):
        raise EvidenceNotFound()
    files = await file_service.by_ids(session, a.organization_id, [str(file_id)])
    if str(file_id) not in files:
        raise EvidenceNotFound()
    return files[str(file_id)]


async def submit(session: AsyncSession, caller: Caller, assessment_id: uuid.UUID) -> AssessmentDetail:
    """Freeze the answers, score them and raise the findings the template's rules call for."""
    a = await _row(session, caller, assessment_id)
    _editable(a)
    definition = await _definition(session, a)
    answers = await repository.answers(session, a.id)
    result = scoring.evaluate(definition, _scoring_answers(answers))
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
    await _record(
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


# --- review -------------------------------------------------------------------------------------------------


async def start_review(session: AsyncSession, principal: Principal, assessment_id: uuid.UUID) -> AssessmentDetail:
    a = await _row(session, principal, assessment_id)
    if a.status != A.submitted:
        raise WrongState("Only a submitted assessment can be taken into review.")
    a.status = A.under_review.value
    await session.flush()
    await _record(
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
    a = await _row(session, principal, assessment_id)
    if AssessmentStatus(a.status) not in REVIEWABLE:
        raise WrongState("Comments on answers are made while the assessment is submitted or under review.")
    _question(await _definition(session, a), key)
    row = await _answer_row(session, a, key)
    before = {"return_comment": row.return_comment, "reviewer_note": row.reviewer_note}
    for field in body.model_fields_set:
        setattr(row, field, getattr(body, field) or None)
    await session.flush()
    await _record(
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
    a = await _row(session, principal, assessment_id)
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
    await _record(
        session,
        principal,
        a,
        decision.value,
        before=before,
        after={**audit.snapshot(a, ASSESSMENT_AUDITED), "comment": body.comment},
    )
    return await get_detail(session, principal, a.id)


async def apply_imported_answers(
    session: AsyncSession, principal: Principal, assessment_id: uuid.UUID, answers: dict[str, tuple[Any, str | None]]
) -> tuple[int, bool, list[str]]:
    """Write answers read from the vendor's filled workbook (already validated) and submit when complete.
    Returns (answers written, submitted, required questions still missing)."""
    a = await _row(session, principal, assessment_id)
    if a.status == A.draft:
        a.status, a.sent_at = A.sent.value, utcnow()
    _editable(a)
    stored = {x.question_key: x for x in await repository.answers(session, a.id)}
    changed = 0
    for key, (value, comment) in answers.items():
        old = stored.get(key)
        if (old.value, old.comment) == (value, comment) if old else (value, comment) == (None, None):
            continue  # an unchanged row of a re-uploaded workbook is not a new answer
        row = old or await _answer_row(session, a, key)
        row.value, row.comment, row.answered_by_label = value, comment, f"{principal.actor_label} (XLSX import)"
        row.updated_at = utcnow()
        changed += 1
    _started(a)
    await session.flush()
    await _record(
        session,
        principal,
        a,
        "answers_imported",
        after={"answers_changed": changed},
    )
    result = scoring.evaluate(await _definition(session, a), _scoring_answers(await repository.answers(session, a.id)))
    if result.missing:
        return changed, False, result.missing
    await submit(session, principal, a.id)
    return changed, True, []


# --- findings -----------------------------------------------------------------------------------------------


@dataclass
class FindingView:
    finding: Finding
    vendor_name: str
    overdue: bool


def _finding_view(row: Any, today: date) -> FindingView:
    f, vendor_name = row
    overdue = f.status in repository.OPEN_FINDINGS and f.due_date is not None and f.due_date < today
    return FindingView(f, vendor_name, overdue)


def finding_transitions(f: Finding) -> list[FindingStatus]:
    return list(FINDING_TRANSITIONS[FindingStatus(f.status)])


async def list_findings(
    session: AsyncSession, principal: Principal, params: PageParams, sort: str, **filters: Any
) -> tuple[list[FindingView], int]:
    today = await organization_service.today(session, principal.organization_id)
    rows, total = await repository.list_findings(
        session, principal.organization_id, params, sort, today=today, **filters
    )
    return [_finding_view(r, today) for r in rows], total


async def get_finding(session: AsyncSession, caller: Caller, finding_id: uuid.UUID) -> FindingView:
    row = await repository.finding_row(session, caller.organization_id, finding_id, vendor_id=_vendor_scope(caller))
    if row is None:
        raise FindingNotFound()
    return _finding_view(row, await organization_service.today(session, caller.organization_id))


async def create_finding(session: AsyncSession, principal: Principal, body: FindingCreate) -> FindingView:
    vendor = await vendor_service.get_vendor(session, principal, body.vendor_id)
    if body.assessment_id is not None:
        a = await repository.assessment(session, principal.organization_id, body.assessment_id)
        if a is None or a.vendor_id != vendor.id:
            raise vendor_service.InvalidReference(
                [
                    field_problem(
                        "assessment_id", msg="no assessment of this vendor with this id", kind="invalid_reference"
                    )
                ]
            )
        if body.question_key and (await _definition(session, a)).question(body.question_key) is None:
            raise vendor_service.InvalidReference(
                [
                    field_problem(
                        "question_key",
                        msg="the assessment's questionnaire has no such question",
                        kind="invalid_reference",
                    )
                ]
            )
    f = Finding(
        organization_id=principal.organization_id,
        vendor_id=vendor.id,
        assessment_id=body.assessment_id,
        question_key=body.question_key if body.assessment_id else None,
        source=FindingSource.manual.value,
        severity=body.severity.value,
        title=body.title,
        description=body.description,
        remediation_plan=body.remediation_plan,
        due_date=body.due_date,
        status=F.open.value,
    )
    await repository.add(session, f)
    await audit.record(
        session,
        principal,
        entity_type="finding",
        entity_id=f.id,
        action="created",
        after={"vendor_id": vendor.id, "assessment_id": f.assessment_id, **audit.snapshot(f, FINDING_AUDITED)},
        scope_id=vendor.id,
    )
    return await get_finding(session, principal, f.id)


async def update_finding(
    session: AsyncSession, principal: Principal, finding_id: uuid.UUID, body: FindingUpdate
) -> FindingView:
    view = await get_finding(session, principal, finding_id)
    f = view.finding
    ensure_version(f, body.version)
    before = audit.snapshot(f, FINDING_AUDITED)
    sent = body.model_fields_set - {"version", "status", "resolution", "risk_accepted_by_user_id"}
    for field in sent:
        value = getattr(body, field)
        if field in ("severity", "title") and value is None:
            continue
        setattr(f, field, getattr(value, "value", value))
    if body.status is not None and body.status.value != f.status:
        if body.status not in FINDING_TRANSITIONS[FindingStatus(f.status)]:
            allowed = ", ".join(s.value for s in FINDING_TRANSITIONS[FindingStatus(f.status)])
            raise InvalidFindingTransition(f"A finding in status {f.status} can move to: {allowed}.")
        if body.status == F.risk_accepted:
            problems = []
            if not (body.resolution and body.resolution.strip()):
                problems += [field_problem("resolution", msg="say why the risk is accepted", kind="required")]
            if body.risk_accepted_by_user_id is None:
                problems += [
                    field_problem("risk_accepted_by_user_id", msg="name who accepts the risk", kind="required")
                ]
            elif await _check_member(
                session, principal, body.risk_accepted_by_user_id, "risk_accepted_by_user_id"
            ) not in (
                Role.admin,
                Role.manager,
            ):
                problems += [
                    field_problem(
                        "risk_accepted_by_user_id",
                        msg="only a manager or administrator can accept a risk",
                        kind="invalid_reference",
                    )
                ]
            if problems:
                raise RiskAcceptanceIncomplete(problems)
            f.risk_accepted_by_user_id = body.risk_accepted_by_user_id
        else:
            f.risk_accepted_by_user_id = None
        f.status = body.status.value
        f.closed_at = utcnow() if body.status in (F.closed, F.risk_accepted) else None
        f.resolution = body.resolution if body.status in (F.closed, F.risk_accepted) else None
    elif "resolution" in body.model_fields_set and f.status in (F.closed, F.risk_accepted):
        f.resolution = body.resolution
    await session.flush()
    await audit.record(
        session,
        principal,
        entity_type="finding",
        entity_id=f.id,
        action="updated",
        before=before,
        after=audit.snapshot(f, FINDING_AUDITED),
        scope_id=f.vendor_id,
    )
    return await get_finding(session, principal, f.id)


async def portal_findings(session: AsyncSession, contact: PortalContact) -> list[FindingView]:
    today = await organization_service.today(session, contact.organization_id)
    rows = await repository.vendor_findings_for_portal(session, contact.organization_id, contact.vendor_id)
    return [_finding_view(r, today) for r in rows]


async def propose_plan(session: AsyncSession, contact: PortalContact, finding_id: uuid.UUID, plan: str) -> FindingView:
    visible = {v.finding.id for v in await portal_findings(session, contact)}
    if finding_id not in visible:
        raise FindingNotFound()
    view = await get_finding(session, contact, finding_id)
    f = view.finding
    if f.status not in repository.OPEN_FINDINGS:
        raise Conflict("This finding is no longer open; there is nothing to plan.")
    before = audit.snapshot(f, FINDING_AUDITED)
    f.vendor_proposed_plan = plan
    await session.flush()
    await audit.record(
        session,
        contact,
        entity_type="finding",
        entity_id=f.id,
        action="plan_proposed",
        before=before,
        after=audit.snapshot(f, FINDING_AUDITED),
        scope_id=f.vendor_id,
    )
    return view


# --- the register's view of assessments ---------------------------------------------------------------------


def overdue_vendor_ids(organization_id: uuid.UUID, today: date) -> Any:
    return repository.overdue_vendor_ids(organization_id, today)


def selection_reviewed_vendor_ids(organization_id: uuid.UUID) -> Any:
    return repository.selection_reviewed_vendor_ids(organization_id)


async def valid_until_by_vendor(
    session: AsyncSession, organization_id: uuid.UUID, vendor_ids: set[uuid.UUID]
) -> dict[uuid.UUID, tuple[date, datetime | None]]:
    """When each vendor's last accepted assessment lapses, and when it was accepted (monitoring plans the
    reassessment from them)."""
    return await repository.valid_until_of(session, organization_id, vendor_ids)


async def open_findings_by_assessment(session: AsyncSession, assessment_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    """Findings not yet closed or accepted, per assessment (an audit's checklist is one)."""
    return await repository.open_findings_by_assessment(session, assessment_ids)
