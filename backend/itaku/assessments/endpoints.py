import uuid
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, UploadFile, status
from fastapi.responses import Response

from itaku.assessments import answering, errors, review, service, templates, xlsx, xlsx_export, xlsx_import
from itaku.assessments import findings as finding_service
from itaku.assessments.definition import Definition, Severity
from itaku.assessments.models import AssessmentKind, AssessmentStatus, FindingStatus
from itaku.assessments.schemas import (
    AnswerReview,
    AssessmentCreate,
    AssessmentDecision,
    AssessmentImported,
    AssessmentRead,
    AssessmentSend,
    AssessmentSummary,
    AssessmentUpdate,
    DraftPublish,
    DraftSave,
    EvidenceFile,
    FindingCreate,
    FindingRead,
    FindingUpdate,
    InvitationIssued,
    InvitationRead,
    QuestionnaireCreate,
    QuestionnaireRead,
    QuestionnaireSummary,
    QuestionnaireUpdate,
    QuestionnaireVersionRead,
    QuestionnaireVersionSummary,
)
from itaku.auth.dependencies import Reader, Writer
from itaku.core.dependencies import MailerDep, SessionDep, SettingsDep
from itaku.core.errors import Forbidden, NotAuthenticated, PayloadTooLarge, StaleVersion, error_responses
from itaku.core.pagination import PageParams, page_params
from itaku.core.schemas import Page
from itaku.core.views import Overlay
from itaku.files import service as file_service
from itaku.organizations import service as organization_service
from itaku.portal import service as portal_service
from itaku.portal.models import PortalInvitation
from itaku.vendors import errors as vendor_errors

COMMON = error_responses(NotAuthenticated, Forbidden)
questionnaires = APIRouter(prefix="/questionnaires", tags=["questionnaires"], responses=COMMON)
assessments = APIRouter(prefix="/assessments", tags=["assessments"], responses=COMMON)
findings = APIRouter(prefix="/findings", tags=["findings"], responses=COMMON)

Q_NOT_FOUND = error_responses(errors.QuestionnaireNotFound)
A_NOT_FOUND = error_responses(errors.AssessmentNotFound)
F_NOT_FOUND = error_responses(errors.FindingNotFound)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- templates ----------------------------------------------------------------------------------------------


def version_summary(v: Any) -> QuestionnaireVersionSummary:
    return QuestionnaireVersionSummary.model_validate(v)


def template_summary(view: templates.TemplateView, cls: type[QuestionnaireSummary] = QuestionnaireSummary) -> Any:
    latest = view.published or view.latest
    extra = {"versions": [version_summary(v) for v in view.versions]} if cls is QuestionnaireRead else {}
    return cls(
        id=view.questionnaire.id,
        builtin_key=view.questionnaire.builtin_key,
        archived=view.questionnaire.archived,
        title_ja=latest.title_ja,
        title_en=latest.title_en,
        published=version_summary(view.published) if view.published else None,
        draft=version_summary(view.draft) if view.draft else None,
        updated_at=view.questionnaire.updated_at,
        version=view.questionnaire.version,
        **extra,
    )


def template_read(view: templates.TemplateView) -> QuestionnaireRead:
    result: QuestionnaireRead = template_summary(view, QuestionnaireRead)
    return result


@questionnaires.get("", response_model=list[QuestionnaireSummary])
async def list_questionnaires(
    session: SessionDep,
    principal: Reader,
    archived: Annotated[bool | None, Query(description="true: only archived; false (default): only in use")] = False,
) -> list[QuestionnaireSummary]:
    """Questionnaire templates, built-in and the organisation's own, with their published and draft versions."""
    return [template_summary(v) for v in await templates.list_questionnaires(session, principal, archived)]


@questionnaires.post("", response_model=QuestionnaireRead, status_code=status.HTTP_201_CREATED)
async def create_questionnaire(body: QuestionnaireCreate, session: SessionDep, principal: Writer) -> QuestionnaireRead:
    """Create a template from a definition (also how an exported template is imported); it starts as a draft."""
    return template_read(await templates.create_questionnaire(session, principal, body.definition))


@questionnaires.get("/{questionnaire_id}", response_model=QuestionnaireRead, responses=Q_NOT_FOUND)
async def get_questionnaire(questionnaire_id: uuid.UUID, session: SessionDep, principal: Reader) -> QuestionnaireRead:
    """A template with every version."""
    return template_read(await templates.get_questionnaire(session, principal, questionnaire_id))


@questionnaires.patch(
    "/{questionnaire_id}",
    response_model=QuestionnaireRead,
    responses=error_responses(errors.QuestionnaireNotFound, StaleVersion),
)
async def update_questionnaire(
    questionnaire_id: uuid.UUID, body: QuestionnaireUpdate, session: SessionDep, principal: Writer
) -> QuestionnaireRead:
    """Archive a template (it can no longer be sent; past assessments keep it) or restore it."""
    return template_read(await templates.update_questionnaire(session, principal, questionnaire_id, body))


@questionnaires.put(
    "/{questionnaire_id}/draft",
    response_model=QuestionnaireRead,
    responses=error_responses(
        errors.QuestionnaireNotFound, errors.QuestionnaireArchived, errors.DraftExists, errors.NoDraft, StaleVersion
    ),
)
async def save_questionnaire_draft(
    questionnaire_id: uuid.UUID, body: DraftSave, session: SessionDep, principal: Writer
) -> QuestionnaireRead:
    """Save the template's draft; editing a published template starts the next version's draft."""
    return template_read(await templates.save_draft(session, principal, questionnaire_id, body))


@questionnaires.delete(
    "/{questionnaire_id}/draft",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(errors.QuestionnaireNotFound, errors.NoDraft),
)
async def discard_questionnaire_draft(questionnaire_id: uuid.UUID, session: SessionDep, principal: Writer) -> None:
    """Discard the draft; the published versions stay."""
    await templates.discard_draft(session, principal, questionnaire_id)


@questionnaires.post(
    "/{questionnaire_id}/publish",
    response_model=QuestionnaireRead,
    responses=error_responses(errors.QuestionnaireNotFound, errors.QuestionnaireArchived, errors.NoDraft, StaleVersion),
)
async def publish_questionnaire(
    questionnaire_id: uuid.UUID, body: DraftPublish, session: SessionDep, principal: Writer
) -> QuestionnaireRead:
    """Publish the draft: from now on new assessments use it; sent ones keep their version."""
    return template_read(await templates.publish(session, principal, questionnaire_id, body))


@questionnaires.get(
    "/{questionnaire_id}/versions/{version_id}",
    response_model=QuestionnaireVersionRead,
    responses=error_responses(errors.QuestionnaireNotFound, errors.QuestionnaireVersionNotFound),
)
async def get_questionnaire_version(
    questionnaire_id: uuid.UUID, version_id: uuid.UUID, session: SessionDep, principal: Reader
) -> QuestionnaireVersionRead:
    """One version with its full definition (sections, questions, scores, finding rules)."""
    return QuestionnaireVersionRead.model_validate(
        await templates.get_version(session, principal, questionnaire_id, version_id)
    )


@questionnaires.get(
    "/{questionnaire_id}/versions/{version_id}/export",
    response_model=Definition,
    responses=error_responses(errors.QuestionnaireNotFound, errors.QuestionnaireVersionNotFound),
)
async def export_questionnaire_version(
    questionnaire_id: uuid.UUID, version_id: uuid.UUID, session: SessionDep, principal: Reader
) -> Response:
    """The version's definition as a JSON file, to import elsewhere (POST /questionnaires)."""
    v = await templates.get_version(session, principal, questionnaire_id, version_id)
    body = Definition.model_validate(v.definition).model_dump_json(indent=2)
    name = f"{v.title_en or v.title_ja}-v{v.number}.json"
    return Response(
        body,
        media_type="application/json",
        headers=file_service.attachment(name),
    )


# --- assessments --------------------------------------------------------------------------------------------

AssessmentSort = Literal[
    "created_at",
    "-created_at",
    "updated_at",
    "-updated_at",
    "due_date",
    "-due_date",
    "title",
    "-title",
    "score",
    "-score",
]


def assessment_summary(view: service.AssessmentView) -> AssessmentSummary:
    return AssessmentSummary.model_validate(view, from_attributes=True)


def evidence(file_ids: list[str], files: dict[str, Any]) -> list[EvidenceFile]:
    return [EvidenceFile.model_validate(files[f]) for f in file_ids if f in files]


def assessment_read(detail: service.AssessmentDetail) -> AssessmentRead:
    a, r = detail.view.assessment, detail.result
    answers = [Overlay(x, files=evidence(x.file_ids or [], detail.files)) for x in detail.answers]
    # Frozen at submission; before that, the score the answers so far would give.
    sections = a.section_scores if a.submitted_at else r.sections
    overlay = Overlay(detail.view, definition=detail.definition, answers=answers, progress=r, section_scores=sections)
    return AssessmentRead.model_validate(overlay, from_attributes=True)


def invitation_read(inv: PortalInvitation, contact_name: str) -> InvitationRead:
    state = portal_service.link_state(inv, datetime.now(UTC))
    return InvitationRead.model_validate(Overlay(inv, contact_name=contact_name, state=state), from_attributes=True)


@assessments.get("", response_model=Page[AssessmentSummary])
async def list_assessments(
    session: SessionDep,
    principal: Reader,
    params: Annotated[PageParams, Depends(page_params)],
    sort: AssessmentSort = "-created_at",
    vendor_id: uuid.UUID | None = None,
    status_: Annotated[list[AssessmentStatus] | None, Query(alias="status", description="one or more")] = None,
    kind: AssessmentKind | None = None,
    overdue: Annotated[bool | None, Query(description="with the vendor and past the due date")] = None,
    q: Annotated[str | None, Query(max_length=200, description="part of the title or vendor name")] = None,
) -> Page[AssessmentSummary]:
    """Assessments, filtered by vendor, status, kind and lateness."""
    paged = await service.list_assessments(
        session,
        principal,
        params,
        sort,
        vendor_id=vendor_id,
        statuses=[s.value for s in status_] if status_ else None,
        kind=kind.value if kind else None,
        overdue=overdue,
        q=q,
    )
    return Page.of([assessment_summary(v) for v in paged.rows], paged, params)


@assessments.post(
    "",
    response_model=AssessmentRead,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(
        vendor_errors.VendorNotFound,
        errors.QuestionnaireNotFound,
        errors.NotPublished,
        errors.QuestionnaireArchived,
        vendor_errors.InvalidReference,
    ),
)
async def create_assessment(body: AssessmentCreate, session: SessionDep, principal: Writer) -> AssessmentRead:
    """Prepare an assessment of a vendor from a template's latest published version (as a draft)."""
    view = await service.create_assessment(session, principal, body)
    return assessment_read(await service.get_detail(session, principal, view.assessment.id))


@assessments.get("/{assessment_id}", response_model=AssessmentRead, responses=A_NOT_FOUND)
async def get_assessment(assessment_id: uuid.UUID, session: SessionDep, principal: Reader) -> AssessmentRead:
    """An assessment with its questionnaire, answers, evidence, scores and what can be done next."""
    return assessment_read(await service.get_detail(session, principal, assessment_id))


@assessments.patch(
    "/{assessment_id}",
    response_model=AssessmentRead,
    responses=error_responses(
        errors.AssessmentNotFound, StaleVersion, errors.WrongState, vendor_errors.InvalidReference
    ),
)
async def update_assessment(
    assessment_id: uuid.UUID, body: AssessmentUpdate, session: SessionDep, principal: Writer
) -> AssessmentRead:
    """Change the title, kind, due date, owner or internal notes."""
    await service.update_assessment(session, principal, assessment_id, body)
    return assessment_read(await service.get_detail(session, principal, assessment_id))


@assessments.delete(
    "/{assessment_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(errors.AssessmentNotFound, errors.WrongState),
)
async def delete_assessment(assessment_id: uuid.UUID, session: SessionDep, principal: Writer) -> None:
    """Delete a draft that was never sent."""
    await service.delete_assessment(session, principal, assessment_id)


@assessments.post(
    "/{assessment_id}/send",
    response_model=InvitationIssued,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(errors.AssessmentNotFound, vendor_errors.ContactNotFound, errors.WrongState),
)
async def send_assessment(
    assessment_id: uuid.UUID,
    body: AssessmentSend,
    session: SessionDep,
    principal: Writer,
    settings: SettingsDep,
    mailer: MailerDep,
) -> InvitationIssued:
    """Send the assessment to a vendor contact: a single-use portal link, mailed when SMTP is set up and
    returned here to copy. Sending again replaces the earlier link and counts as a reminder."""
    inv, contact_name, link, emailed = await service.send(
        session, principal, assessment_id, body, settings=settings, mailer=mailer
    )
    return InvitationIssued(
        invitation=invitation_read(inv, contact_name),
        link=link,
        emailed=emailed,
        assessment=assessment_read(await service.get_detail(session, principal, assessment_id)),
    )


@assessments.get("/{assessment_id}/invitations", response_model=list[InvitationRead], responses=A_NOT_FOUND)
async def list_assessment_invitations(
    assessment_id: uuid.UUID, session: SessionDep, principal: Reader
) -> list[InvitationRead]:
    """Every portal link issued for the assessment and its state (the links themselves are never stored)."""
    return [invitation_read(i, n) for i, n in await service.list_invitations(session, principal, assessment_id)]


@assessments.post(
    "/{assessment_id}/invitations/{invitation_id}/revoke",
    response_model=InvitationRead,
    responses=error_responses(errors.AssessmentNotFound, errors.InvitationNotFound),
)
async def revoke_assessment_invitation(
    assessment_id: uuid.UUID, invitation_id: uuid.UUID, session: SessionDep, principal: Writer
) -> InvitationRead:
    """Revoke a portal link; a portal session opened with it ends too."""
    return invitation_read(*await service.revoke_invitation(session, principal, assessment_id, invitation_id))


@assessments.post(
    "/{assessment_id}/start-review",
    response_model=AssessmentRead,
    responses=error_responses(errors.AssessmentNotFound, errors.WrongState),
)
async def start_assessment_review(assessment_id: uuid.UUID, session: SessionDep, principal: Writer) -> AssessmentRead:
    """Take a submitted assessment into review."""
    return assessment_read(await review.start_review(session, principal, assessment_id))


@assessments.put(
    "/{assessment_id}/answers/{question_key}/review",
    response_model=AssessmentRead,
    responses=error_responses(errors.AssessmentNotFound, errors.QuestionNotFound, errors.WrongState),
)
async def review_assessment_answer(
    assessment_id: uuid.UUID, question_key: str, body: AnswerReview, session: SessionDep, principal: Writer
) -> AssessmentRead:
    """Comment on one answer: a return comment the vendor sees, and an internal note it never sees."""
    return assessment_read(await review.review_answer(session, principal, assessment_id, question_key, body))


@assessments.post(
    "/{assessment_id}/return",
    response_model=AssessmentRead,
    responses=error_responses(errors.AssessmentNotFound, errors.WrongState, StaleVersion),
)
async def return_assessment(
    assessment_id: uuid.UUID, body: AssessmentDecision, session: SessionDep, principal: Writer
) -> AssessmentRead:
    """Return the answers to the vendor with comments; the vendor can change them and submit again."""
    return assessment_read(await review.return_to_vendor(session, principal, assessment_id, body))


@assessments.post(
    "/{assessment_id}/accept",
    response_model=AssessmentRead,
    responses=error_responses(errors.AssessmentNotFound, errors.WrongState, StaleVersion),
)
async def accept_assessment(
    assessment_id: uuid.UUID, body: AssessmentDecision, session: SessionDep, principal: Writer
) -> AssessmentRead:
    """Accept the result; it stays valid for a period set by the vendor's tier."""
    return assessment_read(await review.accept(session, principal, assessment_id, body))


@assessments.get(
    "/{assessment_id}/export",
    response_class=Response,
    responses={200: {"content": {XLSX: {}}, "description": "the questionnaire as a workbook"}, **A_NOT_FOUND},
)
async def export_assessment_workbook(
    assessment_id: uuid.UUID,
    session: SessionDep,
    principal: Reader,
    lang: Annotated[Literal["ja", "en"], Query(description="language of the workbook")] = "ja",
) -> Response:
    """The questionnaire with the answers so far as an XLSX workbook, for a vendor who answers offline."""
    detail = await service.get_detail(session, principal, assessment_id)
    org = await organization_service.get(session, principal.organization_id)
    a = detail.view.assessment
    data = xlsx_export.export_workbook(
        detail.definition,
        {x.question_key: (x.value, x.comment) for x in detail.answers},
        xlsx.WorkbookMeta(a.id, a.title, detail.view.vendor_name, org.name, a.due_date),
        lang,
    )
    name = f"{detail.view.vendor_name}-{a.title}.xlsx"
    return Response(data, media_type=XLSX, headers=file_service.attachment(name))


@assessments.post(
    "/{assessment_id}/import",
    response_model=AssessmentImported,
    responses=error_responses(
        errors.AssessmentNotFound,
        errors.WrongState,
        errors.AnswersFrozen,
        PayloadTooLarge,
        file_service.UnsupportedFileType,
        xlsx.WorkbookRejected,
    ),
)
async def import_assessment_workbook(
    assessment_id: uuid.UUID, file: UploadFile, session: SessionDep, principal: Writer, settings: SettingsDep
) -> AssessmentImported:
    """Read a filled workbook back in: every answer is checked first and nothing is written if any is wrong;
    when every required question is answered the assessment is submitted."""
    data = await file_service.read_upload(file, settings.upload_max_bytes)
    detail = await service.get_detail(session, principal, assessment_id)
    answers = xlsx_import.read_answers(detail.definition, data, detail.view.assessment.id)
    updated, submitted, missing = await answering.apply_imported_answers(session, principal, assessment_id, answers)
    return AssessmentImported(
        updated=updated,
        submitted=submitted,
        missing=missing,
        assessment=assessment_read(await service.get_detail(session, principal, assessment_id)),
    )


# --- findings -----------------------------------------------------------------------------------------------

FindingSort = Literal["created_at", "-created_at", "due_date", "-due_date", "updated_at", "-updated_at"]


def finding_read(view: finding_service.FindingView) -> FindingRead:
    return FindingRead.model_validate(view, from_attributes=True)


@findings.get("", response_model=Page[FindingRead])
async def list_findings(
    session: SessionDep,
    principal: Reader,
    params: Annotated[PageParams, Depends(page_params)],
    sort: FindingSort = "-created_at",
    vendor_id: uuid.UUID | None = None,
    assessment_id: uuid.UUID | None = None,
    status_: Annotated[list[FindingStatus] | None, Query(alias="status", description="one or more")] = None,
    severity: Annotated[list[Severity] | None, Query(description="one or more")] = None,
    overdue: Annotated[bool | None, Query(description="still open and past the due date")] = None,
) -> Page[FindingRead]:
    """Findings across vendors, filtered by vendor, assessment, status, severity and lateness."""
    paged = await finding_service.list_findings(
        session,
        principal,
        params,
        sort,
        vendor_id=vendor_id,
        assessment_id=assessment_id,
        statuses=[s.value for s in status_] if status_ else None,
        severities=[s.value for s in severity] if severity else None,
        overdue=overdue,
    )
    return Page.of([finding_read(v) for v in paged.rows], paged, params)


@findings.post(
    "",
    response_model=FindingRead,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(vendor_errors.VendorNotFound, vendor_errors.InvalidReference),
)
async def create_finding(body: FindingCreate, session: SessionDep, principal: Writer) -> FindingRead:
    """Record a finding by hand (from an audit, a call, a document review), optionally tied to an answer."""
    return finding_read(await finding_service.create_finding(session, principal, body))


@findings.get("/{finding_id}", response_model=FindingRead, responses=F_NOT_FOUND)
async def get_finding(finding_id: uuid.UUID, session: SessionDep, principal: Reader) -> FindingRead:
    """One finding."""
    return finding_read(await finding_service.get_finding(session, principal, finding_id))


@findings.patch(
    "/{finding_id}",
    response_model=FindingRead,
    responses=error_responses(
        errors.FindingNotFound,
        StaleVersion,
        errors.InvalidFindingTransition,
        errors.RiskAcceptanceIncomplete,
        vendor_errors.InvalidReference,
    ),
)
async def update_finding(
    finding_id: uuid.UUID, body: FindingUpdate, session: SessionDep, principal: Writer
) -> FindingRead:
    """Edit a finding or move it on: open → in remediation → closed, or risk accepted with reason and approver."""
    return finding_read(await finding_service.update_finding(session, principal, finding_id, body))
