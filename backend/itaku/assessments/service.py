"""Assessments sent to vendors: creating them from a published questionnaire, sending them through a portal link,
reading them (staff through the organisation's scope, a vendor contact through its vendor's), and what the register
and the review calendar read of them.

The topics of the domain are sibling modules: templates, answering (the vendor in the portal; staff through the
XLSX import), review (reviewing, returning, accepting) and findings."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.assessments import repository, scoring
from itaku.assessments.definition import Definition
from itaku.assessments.errors import (
    AssessmentNotFound,
    InvitationNotFound,
    NotPublished,
    QuestionnaireArchived,
    WrongState,
)
from itaku.assessments.models import (
    Assessment,
    AssessmentAnswer,
    AssessmentStatus,
    FindingStatus,
)
from itaku.assessments.schemas import (
    AssessmentCreate,
    AssessmentSend,
    AssessmentUpdate,
)
from itaku.assessments.templates import get_questionnaire
from itaku.audit import service as audit
from itaku.core.config import Settings
from itaku.core.errors import ensure_version, field_problem
from itaku.core.mail import Mail, Mailer
from itaku.core.models import utcnow
from itaku.core.pagination import Paged, PageParams
from itaku.core.views import RowView
from itaku.files import service as file_service
from itaku.files.models import StoredFile
from itaku.identity.principals import Caller, PortalContact, Principal, Role, StaffUser
from itaku.jobs import service as job_service
from itaku.jobs.models import MailKind
from itaku.organizations import service as organization_service
from itaku.portal import service as portal_service
from itaku.portal.models import PortalInvitation
from itaku.users import service as user_service
from itaku.vendors import errors as vendor_errors
from itaku.vendors import records as vendor_records
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


async def record(
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


@dataclass
class AssessmentView(RowView):
    row_field = "assessment"
    assessment: Assessment
    vendor_name: str
    questionnaire_id: uuid.UUID
    version_number: int
    open_findings: int
    overdue: bool

    @property
    def questionnaire_version_number(self) -> int:
        return self.version_number

    @property
    def allowed_actions(self) -> list[str]:
        return allowed_actions(self.assessment)


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


def vendor_scope(caller: Caller) -> uuid.UUID | None:
    return caller.vendor_id if isinstance(caller, PortalContact) else None


async def found_assessment(session: AsyncSession, caller: Caller, assessment_id: uuid.UUID) -> Assessment:
    a = await repository.assessment(session, caller.organization_id, assessment_id, vendor_id=vendor_scope(caller))
    if a is None:
        raise AssessmentNotFound()
    return a


async def get_view(session: AsyncSession, caller: Caller, assessment_id: uuid.UUID) -> AssessmentView:
    row = await repository.assessment_row(
        session, caller.organization_id, assessment_id, vendor_id=vendor_scope(caller)
    )
    if row is None:
        raise AssessmentNotFound()
    return _view(row, await organization_service.today(session, caller.organization_id))


async def definition_of(session: AsyncSession, a: Assessment) -> Definition:
    version = await repository.version(session, a.organization_id, a.questionnaire_version_id)
    assert version is not None  # the foreign key restricts deletion
    return Definition.model_validate(version.definition)


def scoring_answers(answers: list[AssessmentAnswer]) -> dict[str, scoring.Answer]:
    return {x.question_key: scoring.Answer(x.value, len(x.file_ids or [])) for x in answers}


async def get_detail(session: AsyncSession, caller: Caller, assessment_id: uuid.UUID) -> AssessmentDetail:
    view = await get_view(session, caller, assessment_id)
    definition = await definition_of(session, view.assessment)
    answers = await repository.answers(session, view.assessment.id)
    files = await file_service.by_ids(session, caller.organization_id, [f for x in answers for f in x.file_ids or []])
    result = scoring.evaluate(definition, scoring_answers(answers))
    return AssessmentDetail(view, definition, answers, files, result)


async def list_assessments(
    session: AsyncSession, caller: Caller, params: PageParams, sort: str, **filters: Any
) -> Paged[AssessmentView]:
    today = await organization_service.today(session, caller.organization_id)
    if isinstance(caller, PortalContact):
        filters = {"vendor_id": caller.vendor_id, "visible_to_vendor": True}
    paged = await repository.list_assessments(session, caller.organization_id, params, sort, today=today, **filters)
    return paged.with_rows([_view(r, today) for r in paged.rows])


async def portal_assessments(session: AsyncSession, contact: PortalContact) -> list[AssessmentView]:
    """Every questionnaire sent to the contact's company, newest first."""
    today = await organization_service.today(session, contact.organization_id)
    rows = await repository.all_sent_to_vendor(session, contact.organization_id, contact.vendor_id)
    return [_view(r, today) for r in rows]


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
        await check_member(session, principal, body.owner_user_id, "owner_user_id")
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
    await record(
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


async def check_member(session: AsyncSession, principal: Principal, user_id: uuid.UUID, field: str) -> Role:
    try:
        member = await user_service.get_member(session, principal, user_id)
    except user_service.MemberNotFound:
        raise vendor_errors.InvalidReference([field_problem(field, msg="not a member of your organisation")]) from None
    return Role(member.role)


async def update_assessment(
    session: AsyncSession, principal: Principal, assessment_id: uuid.UUID, body: AssessmentUpdate
) -> AssessmentView:
    a = await found_assessment(session, principal, assessment_id)
    ensure_version(a, body.version)
    if a.status == A.accepted and body.model_fields_set - {"version", "internal_notes", "owner_user_id"}:
        raise WrongState("An accepted assessment keeps its title, kind and due date; only notes and owner change.")
    if body.owner_user_id and "owner_user_id" in body.model_fields_set:
        await check_member(session, principal, body.owner_user_id, "owner_user_id")
    before = audit.snapshot(a, (*ASSESSMENT_AUDITED, "internal_notes"))
    for field in body.model_fields_set - {"version"}:
        value = getattr(body, field)
        if field in ("title", "kind") and value is None:
            continue
        setattr(a, field, getattr(value, "value", value))
    await session.flush()
    await record(
        session,
        principal,
        a,
        "updated",
        before=before,
        after=audit.snapshot(a, (*ASSESSMENT_AUDITED, "internal_notes")),
    )
    return await get_view(session, principal, a.id)


async def delete_assessment(session: AsyncSession, principal: Principal, assessment_id: uuid.UUID) -> None:
    a = await found_assessment(session, principal, assessment_id)
    if a.status != A.draft:
        raise WrongState("Only a draft that was never sent can be deleted; a sent assessment stays on record.")
    before = audit.snapshot(a, ASSESSMENT_AUDITED)
    await session.delete(a)
    await session.flush()
    await record(session, principal, a, "deleted", before=before)


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

    await job_service.queue_mail(
        session, mailer, mail, kind=MailKind.assessment_link, organization_id=a.organization_id
    )


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
    a = await found_assessment(session, principal, assessment_id)
    status = AssessmentStatus(a.status)
    if status not in (A.draft, *EDITABLE_BY_VENDOR, A.accepted):
        raise WrongState(f"An assessment in status {a.status} is with the reviewer; nothing to send.")
    contact = await vendor_records.get_contact(session, principal, a.vendor_id, body.contact_id)
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
    await record(
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
        await record(
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
    a = await found_assessment(session, principal, assessment_id)
    return await portal_service.links_of_assessment(session, a.id)


async def revoke_invitation(
    session: AsyncSession, principal: Principal, assessment_id: uuid.UUID, invitation_id: uuid.UUID
) -> tuple[PortalInvitation, str]:
    a = await found_assessment(session, principal, assessment_id)
    found = await portal_service.link_of_assessment(session, principal.organization_id, a.id, invitation_id)
    if found is None:
        raise InvitationNotFound()
    inv, name = found
    if inv.revoked_at is None:
        inv.revoked_at = utcnow()
        await session.flush()
        await record(
            session,
            principal,
            a,
            "invitation_revoked",
            after={"invitation_id": inv.id},
        )
    return inv, name


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
