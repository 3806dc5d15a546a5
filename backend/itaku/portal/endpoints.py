"""Everything a vendor contact does, without an account: open a link, answer, upload evidence, submit,
propose remediation plans. Responses use the portal's own shapes (no internal scores or notes)."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Path, UploadFile, status
from fastapi.responses import Response

from itaku.assessments import answering as assessment_answering
from itaku.assessments import errors as assessment_errors
from itaku.assessments import findings as assessment_findings
from itaku.assessments import service as assessment_service
from itaku.assessments.schemas import (
    PortalAnswer,
    PortalAnswerSave,
    PortalAssessmentRead,
    PortalAssessmentSummary,
    PortalFinding,
    PortalPlanProposal,
    PortalProgress,
    PortalSection,
)
from itaku.core.dependencies import DatabaseDep, MailerDep, SessionDep, SettingsDep, StorageDep
from itaku.core.errors import StaleVersion, TooManyRequests, error_responses
from itaku.core.security import create_portal_token
from itaku.core.views import Overlay
from itaku.files import service as file_service
from itaku.files.schemas import PortalFile
from itaku.incidents import errors as incident_errors
from itaku.incidents import from_vendor as incident_from_vendor
from itaku.incidents import service as incident_service
from itaku.incidents.schemas import PortalIncident, PortalIncidentReport, PortalIncidentUpdate
from itaku.monitoring import changes as monitoring_changes
from itaku.monitoring import errors as monitoring_errors
from itaku.monitoring import reports as monitoring_reports
from itaku.monitoring.schedule import Stage
from itaku.monitoring.schemas import (
    AccessChangeRead,
    ChangeRequestCreate,
    PortalChangeRequest,
    PortalReportSave,
    PortalVendorReport,
)
from itaku.organizations import service as organization_service
from itaku.portal import service as portal_service
from itaku.portal.dependencies import Contact, PortalSessionInfo
from itaku.portal.schemas import PortalLinkRequest, PortalLinkRequested, PortalMe, PortalSession, PortalSessionCreate
from itaku.throttle import service as throttle
from itaku.vendors import service as vendor_service

router = APIRouter(prefix="/portal", tags=["portal"], responses=error_responses(portal_service.PortalSessionEnded))
NOT_FOUND = error_responses(assessment_errors.AssessmentNotFound)
QuestionKey = Annotated[str, Path(max_length=64)]


@router.post(
    "/session",
    response_model=PortalSession,
    responses=error_responses(
        portal_service.PortalLinkInvalid,
        portal_service.PortalLinkUsed,
        portal_service.PortalLinkExpired,
        portal_service.PortalLinkRevoked,
    ),
)
async def open_portal_session(body: PortalSessionCreate, session: SessionDep, settings: SettingsDep) -> PortalSession:
    """Exchange the token of an invitation link (single use) for a short-lived portal session."""
    contact, expires_at = await portal_service.open_link(
        session, body.token, session_minutes=settings.portal_session_minutes
    )
    token = create_portal_token(settings.secret_key, invitation_id=contact.invitation_id, expires_at=expires_at)
    return PortalSession(access_token=token, expires_at=expires_at, assessment_id=contact.assessment_id)


@router.post(
    "/link-requests",
    response_model=PortalLinkRequested,
    status_code=status.HTTP_202_ACCEPTED,
    responses=error_responses(TooManyRequests),
)
async def request_portal_links(
    body: PortalLinkRequest, database: DatabaseDep, settings: SettingsDep, mailer: MailerDep
) -> PortalLinkRequested:
    """Ask for links by email: every questionnaire still open for the contact with this address (at most once per
    questionnaire in 15 minutes), or with `purpose: portal` one link into the portal, valid for a day, to report an
    incident at any hour (at most once per contact in 15 minutes). The answer is the same for any address."""
    email = str(body.email)
    await throttle.claim(
        database, settings, ("link_request_client", throttle.client_subject()), ("link_request_email", email)
    )
    async with database.unit_of_work(write=True) as session:
        if body.purpose == "portal":
            await portal_service.request_access(session, email, settings=settings, mailer=mailer)
            return PortalLinkRequested(message="If this address belongs to a vendor contact, a link is on its way.")
        await assessment_service.request_links(session, email, settings=settings, mailer=mailer)
    return PortalLinkRequested(
        message="If this address belongs to a contact with an open questionnaire, a new link is on its way."
    )


@router.get("/me", response_model=PortalMe)
async def get_portal_me(session: SessionDep, found: PortalSessionInfo, settings: SettingsDep) -> PortalMe:
    """Who the session belongs to and when it ends."""
    contact, expires_at = found
    org = await organization_service.get(session, contact.organization_id)
    vendor = await vendor_service.get_vendor(session, contact, contact.vendor_id)
    return PortalMe(
        contact_name=contact.name,
        contact_email=contact.email,
        vendor_name=vendor.name,
        organization_name=org.name,
        expires_at=expires_at,
        upload_max_bytes=settings.upload_max_bytes,
        time_zone=org.time_zone,
    )


def _progress(result: object) -> PortalProgress:
    return PortalProgress.model_validate(result, from_attributes=True)


@router.get("/assessments", response_model=list[PortalAssessmentSummary])
async def list_portal_assessments(session: SessionDep, contact: Contact) -> list[PortalAssessmentSummary]:
    """The questionnaires addressed to the contact's company."""
    views = await assessment_service.portal_assessments(session, contact)
    out = []
    for view in views:
        detail = await assessment_service.get_detail(session, contact, view.assessment.id)
        out.append(_summary(detail))
    return out


def _summary(detail: assessment_service.AssessmentDetail) -> PortalAssessmentSummary:
    overlay = Overlay(detail.view.assessment, progress=detail.result)
    return PortalAssessmentSummary.model_validate(overlay, from_attributes=True)


async def _read(session: SessionDep, contact: Contact, assessment_id: uuid.UUID) -> PortalAssessmentRead:
    detail = await assessment_service.get_detail(session, contact, assessment_id)
    a = detail.view.assessment
    org = await organization_service.get(session, contact.organization_id)
    returned = a.status == "returned" or (a.status == "in_progress" and a.decision_comment is not None)
    return PortalAssessmentRead(
        **_summary(detail).model_dump(),
        organization_name=org.name,
        editable=a.status in ("sent", "in_progress", "returned"),
        return_comment=a.decision_comment if returned else None,
        description=detail.definition.description,
        sections=[PortalSection.model_validate(s, from_attributes=True) for s in detail.definition.sections],
        answers=[
            PortalAnswer(
                question_key=x.question_key,
                value=x.value,
                comment=x.comment,
                files=[PortalFile.model_validate(detail.files[f]) for f in x.file_ids or [] if f in detail.files],
                return_comment=x.return_comment if returned else None,
                updated_at=x.updated_at,
            )
            for x in detail.answers
        ],
    )


@router.get("/assessments/{assessment_id}", response_model=PortalAssessmentRead, responses=NOT_FOUND)
async def get_portal_assessment(
    assessment_id: uuid.UUID, session: SessionDep, contact: Contact
) -> PortalAssessmentRead:
    """A questionnaire with the answers given so far and, when returned, the reviewer's comments."""
    return await _read(session, contact, assessment_id)


@router.put(
    "/assessments/{assessment_id}/answers/{question_key}",
    response_model=PortalAnswer,
    responses=error_responses(
        assessment_errors.AssessmentNotFound,
        assessment_errors.QuestionNotFound,
        assessment_errors.AnswersFrozen,
        assessment_errors.InvalidAnswerValue,
    ),
)
async def save_portal_answer(
    assessment_id: uuid.UUID, question_key: QuestionKey, body: PortalAnswerSave, session: SessionDep, contact: Contact
) -> PortalAnswer:
    """Save one answer (the portal autosaves as the contact types)."""
    row = await assessment_answering.save_answer(
        session, contact, assessment_id, question_key, body.value, body.comment
    )
    files = await assessment_answering.answer_files(session, contact, row)
    return PortalAnswer(
        question_key=row.question_key,
        value=row.value,
        comment=row.comment,
        files=[PortalFile.model_validate(f) for f in files],
        return_comment=None,
        updated_at=row.updated_at,
    )


@router.post(
    "/assessments/{assessment_id}/answers/{question_key}/evidence",
    response_model=PortalFile,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(
        assessment_errors.AssessmentNotFound,
        assessment_errors.QuestionNotFound,
        assessment_errors.AnswersFrozen,
        *file_service.UPLOAD_ERRORS,
    ),
)
async def upload_portal_evidence(
    assessment_id: uuid.UUID,
    question_key: QuestionKey,
    file: UploadFile,
    session: SessionDep,
    contact: Contact,
    storage: StorageDep,
    settings: SettingsDep,
) -> PortalFile:
    """Attach an evidence file (PDF, PNG, JPEG, XLSX or DOCX up to the size limit) to an answer."""
    data = await file_service.read_upload(file, settings.upload_max_bytes)
    _, stored = await assessment_answering.add_evidence(
        session,
        contact,
        assessment_id,
        question_key,
        storage=storage,
        data=data,
        filename=file.filename or "evidence",
        max_bytes=settings.upload_max_bytes,
    )
    return PortalFile.model_validate(stored)


@router.delete(
    "/assessments/{assessment_id}/answers/{question_key}/evidence/{file_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(
        assessment_errors.AssessmentNotFound, assessment_errors.EvidenceNotFound, assessment_errors.AnswersFrozen
    ),
)
async def remove_portal_evidence(
    assessment_id: uuid.UUID, question_key: QuestionKey, file_id: uuid.UUID, session: SessionDep, contact: Contact
) -> None:
    """Take an evidence file off an answer."""
    await assessment_answering.remove_evidence(session, contact, assessment_id, question_key, file_id)


@router.get(
    "/assessments/{assessment_id}/evidence/{file_id}",
    response_class=Response,
    responses={
        200: file_service.STORED_FILE_RESPONSE,
        **error_responses(assessment_errors.AssessmentNotFound, assessment_errors.EvidenceNotFound),
    },
)
async def download_portal_evidence(
    assessment_id: uuid.UUID, file_id: uuid.UUID, session: SessionDep, contact: Contact, storage: StorageDep
) -> Response:
    """Download an evidence file attached to this questionnaire."""
    stored = await assessment_answering.evidence_file(session, contact, assessment_id, file_id)
    return Response(
        await file_service.read(storage, stored),
        media_type=stored.content_type,
        headers=file_service.attachment(stored.filename),
    )


@router.post(
    "/assessments/{assessment_id}/submit",
    response_model=PortalAssessmentRead,
    responses=error_responses(
        assessment_errors.AssessmentNotFound,
        assessment_errors.AnswersFrozen,
        assessment_errors.AssessmentIncomplete,
    ),
)
async def submit_portal_assessment(
    assessment_id: uuid.UUID, session: SessionDep, contact: Contact
) -> PortalAssessmentRead:
    """Submit the answers; they are frozen from then on unless the reviewer returns them."""
    await assessment_answering.submit(session, contact, assessment_id)
    return await _read(session, contact, assessment_id)


def _finding(view: assessment_findings.FindingView) -> PortalFinding:
    return PortalFinding.model_validate(view.finding)


@router.get("/findings", response_model=list[PortalFinding])
async def list_portal_findings(session: SessionDep, contact: Contact) -> list[PortalFinding]:
    """The findings the company has raised with the contact's company and wants remedied."""
    return [_finding(v) for v in await assessment_findings.portal_findings(session, contact)]


@router.put(
    "/findings/{finding_id}/plan",
    response_model=PortalFinding,
    responses=error_responses(assessment_errors.FindingNotFound),
)
async def propose_portal_remediation_plan(
    finding_id: uuid.UUID, body: PortalPlanProposal, session: SessionDep, contact: Contact
) -> PortalFinding:
    """Propose how and by when the finding will be remedied; the company reviews the proposal."""
    return _finding(await assessment_findings.propose_plan(session, contact, finding_id, body.plan))


# --- incidents ----------------------------------------------------------------------------------------------------

INCIDENT_NOT_FOUND = error_responses(incident_errors.IncidentNotFound)


async def _portal_incident(session: SessionDep, contact: Contact, incident_id: uuid.UUID) -> PortalIncident:
    view = await incident_service.get_incident(session, contact, incident_id)
    updates = await incident_service.list_vendor_updates(session, contact, [incident_id])
    return _portal_read(view.incident, updates[incident_id])


def _portal_read(i: Any, events: list[Any]) -> PortalIncident:
    # The vendor's words for what staff record under other names.
    overlay = Overlay(
        i,
        discovered_at=i.vendor_discovered_at,
        notified_at=i.vendor_notified_at,
        data_categories=i.data_categories or [],
        next_steps=i.measures_planned,
        contact_point=i.vendor_contact_point,
        updates=[Overlay(e, author=e.actor_name) for e in events],
    )
    return PortalIncident.model_validate(overlay, from_attributes=True)


@router.get("/incidents", response_model=list[PortalIncident])
async def list_portal_incidents(session: SessionDep, contact: Contact) -> list[PortalIncident]:
    """The incidents your company reported, newest first."""
    incidents = await incident_service.portal_incidents(session, contact)
    updates = await incident_service.list_vendor_updates(session, contact, [i.id for i in incidents])
    return [_portal_read(i, updates[i.id]) for i in incidents]


@router.post(
    "/incidents",
    response_model=PortalIncident,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(incident_errors.InvalidIncident),
)
async def report_portal_incident(
    body: PortalIncidentReport, session: SessionDep, contact: Contact, settings: SettingsDep, mailer: MailerDep
) -> PortalIncident:
    """Report an incident — a suspected one too: this report is your notice to the company, and its reporting
    clocks start now."""
    incident = await incident_from_vendor.report_from_portal(session, contact, body, settings=settings, mailer=mailer)
    return await _portal_incident(session, contact, incident.id)


@router.get("/incidents/{incident_id}", response_model=PortalIncident, responses=INCIDENT_NOT_FOUND)
async def get_portal_incident(incident_id: uuid.UUID, session: SessionDep, contact: Contact) -> PortalIncident:
    """One incident your company reported, with its updates."""
    return await _portal_incident(session, contact, incident_id)


@router.post(
    "/incidents/{incident_id}/updates",
    response_model=PortalIncident,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(incident_errors.IncidentNotFound, incident_errors.InvalidIncident),
)
async def update_portal_incident(
    incident_id: uuid.UUID, body: PortalIncidentUpdate, session: SessionDep, contact: Contact
) -> PortalIncident:
    """Tell the company what is new: a message, and the facts you now know."""
    await incident_from_vendor.update_from_portal(session, contact, incident_id, body)
    return await _portal_incident(session, contact, incident_id)


# --- periodic reports (issue 7/7) -----------------------------------------------------------------------------------

REPORT_NOT_FOUND = error_responses(monitoring_errors.MonitoringItemNotFound)


def _portal_report(v: monitoring_reports.PortalReportView) -> PortalVendorReport:
    item, r = v.item, v.report
    return PortalVendorReport(
        item_id=item.item.id,
        title=item.title,
        period_start=item.item.period_start or item.item.due_date,
        period_end=item.item.period_end or item.item.due_date,
        due_date=item.item.due_date,
        overdue=item.stage == Stage.overdue,
        status=r.status if r else "not_started",
        question=r.review_comment if r and r.status == "queried" else None,
        handling=r.handling if r else None,
        incidents_occurred=r.incidents_occurred if r else None,
        incident_summary=r.incident_summary if r else None,
        incident_id=r.incident_id if r else None,
        access_changes=[AccessChangeRead.model_validate(c) for c in (r.access_changes if r else [])],
        access_changes_applied=r.access_changes_applied if r else None,
        measures_changed=r.measures_changed if r else None,
        measures_changes=r.measures_changes if r else None,
        attachments=[PortalFile.model_validate(v.files[f]) for f in (r.attachment_ids if r else []) if f in v.files],
        submitted_at=r.submitted_at if r else None,
        version=r.version if r else None,
    )


@router.get("/vendor-reports", response_model=list[PortalVendorReport])
async def list_portal_vendor_reports(session: SessionDep, contact: Contact) -> list[PortalVendorReport]:
    """The periodic reports your company owes (every period that has ended) and those of the last year."""
    return [_portal_report(v) for v in await monitoring_reports.portal_reports(session, contact)]


@router.get("/vendor-reports/{item_id}", response_model=PortalVendorReport, responses=REPORT_NOT_FOUND)
async def get_portal_vendor_report(item_id: uuid.UUID, session: SessionDep, contact: Contact) -> PortalVendorReport:
    """One periodic report, by the item of the calendar it answers."""
    return _portal_report(await monitoring_reports.portal_report(session, contact, item_id))


@router.put(
    "/vendor-reports/{item_id}",
    response_model=PortalVendorReport,
    responses=error_responses(
        monitoring_errors.MonitoringItemNotFound,
        monitoring_reports.ReportNotOpen,
        monitoring_reports.ReportNotEditable,
        monitoring_reports.ReportIncomplete,
        monitoring_errors.InvalidMonitoring,
        StaleVersion,
    ),
)
async def save_portal_vendor_report(
    item_id: uuid.UUID, body: PortalReportSave, session: SessionDep, contact: Contact
) -> PortalVendorReport:
    """Save the report (as often as you like) and, with `submit`, send it for review."""
    return _portal_report(await monitoring_reports.save_portal_report(session, contact, item_id, body))


@router.post(
    "/vendor-reports/{item_id}/attachments",
    response_model=PortalFile,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(
        monitoring_errors.MonitoringItemNotFound,
        monitoring_reports.ReportNotOpen,
        monitoring_reports.ReportNotEditable,
        *file_service.UPLOAD_ERRORS,
    ),
)
async def upload_portal_report_attachment(
    item_id: uuid.UUID,
    file: UploadFile,
    session: SessionDep,
    contact: Contact,
    storage: StorageDep,
    settings: SettingsDep,
) -> PortalFile:
    """Attach a file (PDF, PNG, JPEG, XLSX or DOCX up to the size limit) to the report, e.g. an access-right list."""
    stored = await monitoring_reports.add_report_attachment(
        session,
        contact,
        item_id,
        storage=storage,
        data=await file_service.read_upload(file, settings.upload_max_bytes),
        filename=file.filename or "attachment",
        max_bytes=settings.upload_max_bytes,
    )
    return PortalFile.model_validate(stored)


@router.delete(
    "/vendor-reports/{item_id}/attachments/{file_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(
        monitoring_errors.MonitoringItemNotFound,
        monitoring_reports.ReportNotOpen,
        monitoring_reports.ReportNotEditable,
        file_service.FileNotFound,
    ),
)
async def remove_portal_report_attachment(
    item_id: uuid.UUID, file_id: uuid.UUID, session: SessionDep, contact: Contact
) -> None:
    """Take a file off the report."""
    await monitoring_reports.remove_report_attachment(session, contact, item_id, file_id)


# --- change requests (issue 7/7) ------------------------------------------------------------------------------------


def _portal_change(row: Any) -> PortalChangeRequest:
    return PortalChangeRequest.model_validate(row)


@router.get("/change-requests", response_model=list[PortalChangeRequest])
async def list_portal_change_requests(session: SessionDep, contact: Contact) -> list[PortalChangeRequest]:
    """What your company asked to change (a new subcontractor, changed measures), newest first, with decisions."""
    return [_portal_change(r) for r in await monitoring_changes.portal_change_requests(session, contact)]


@router.post(
    "/change-requests",
    response_model=PortalChangeRequest,
    status_code=status.HTTP_201_CREATED,
)
async def create_portal_change_request(
    body: ChangeRequestCreate, session: SessionDep, contact: Contact
) -> PortalChangeRequest:
    """Ask before you bring in a subcontractor or change your security measures; the company approves or refuses."""
    row, _ = await monitoring_changes.request_change(session, contact, body)
    return _portal_change(row)


@router.get(
    "/change-requests/{request_id}",
    response_model=PortalChangeRequest,
    responses=error_responses(monitoring_changes.ChangeRequestNotFound),
)
async def get_portal_change_request(
    request_id: uuid.UUID, session: SessionDep, contact: Contact
) -> PortalChangeRequest:
    """One of your requests and its decision."""
    row, _ = await monitoring_changes.get_change_request(session, contact, request_id)
    return _portal_change(row)
