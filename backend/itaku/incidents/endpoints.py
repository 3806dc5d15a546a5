import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Response, status

from itaku.auth.dependencies import Reader, Writer
from itaku.core.dependencies import SessionDep
from itaku.core.errors import Forbidden, NotAuthenticated, StaleVersion, error_responses
from itaku.core.pagination import PageParams, page_params
from itaku.core.schemas import Page, TextRead
from itaku.files import service as file_service
from itaku.incidents import documents, errors, exposure, policy, reach, service
from itaku.incidents.models import IncidentEvent, IncidentStatus
from itaku.incidents.schemas import (
    IncidentCreate,
    IncidentEventRead,
    IncidentNoteCreate,
    IncidentObligationRead,
    IncidentPolicyRead,
    IncidentPolicyUpdate,
    IncidentRead,
    IncidentSummary,
    IncidentUpdate,
    ObligationUpdate,
    ReachProcessing,
    ReachRead,
    ReachRegister,
)
from itaku.organizations import service as organization_service
from itaku.vendors import errors as vendor_errors

COMMON = error_responses(NotAuthenticated, Forbidden)
router = APIRouter(prefix="/incidents", tags=["incidents"], responses=COMMON)
policy_router = APIRouter(prefix="/incident-policy", tags=["incidents"], responses=COMMON)
NOT_FOUND = error_responses(errors.IncidentNotFound)
IncidentSort = Literal["aware_at", "-aware_at", "created_at", "-created_at", "updated_at", "-updated_at", "title"]


def _text(ja: str, en: str) -> TextRead:
    return TextRead(ja=ja, en=en)


def summary_read(view: service.IncidentView) -> IncidentSummary:
    return IncidentSummary.model_validate(view, from_attributes=True)


def incident_read(view: service.IncidentView) -> IncidentRead:
    return IncidentRead.model_validate(view, from_attributes=True)


@router.get("", response_model=Page[IncidentSummary])
async def list_incidents(
    session: SessionDep,
    principal: Reader,
    params: Annotated[PageParams, Depends(page_params)],
    sort: IncidentSort = "-aware_at",
    vendor_id: uuid.UUID | None = None,
    status_: Annotated[list[IncidentStatus] | None, Query(alias="status", description="one or more")] = None,
    source_incident_id: Annotated[
        uuid.UUID | None, Query(description="incidents registered from this one through the supply chain")
    ] = None,
) -> Page[IncidentSummary]:
    """Incidents with their next deadline and how many obligations are late."""
    paged = await service.list_incidents(
        session,
        principal,
        params,
        sort,
        vendor_id=vendor_id,
        statuses=[s.value for s in status_] if status_ else None,
        source_incident_id=source_incident_id,
    )
    return Page.of([summary_read(v) for v in paged.rows], paged, params)


@router.post(
    "",
    response_model=IncidentRead,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(vendor_errors.VendorNotFound, errors.IncidentNotFound, errors.InvalidIncident),
)
async def create_incident(body: IncidentCreate, session: SessionDep, principal: Writer) -> IncidentRead:
    """Record an incident at a vendor — already at "suspected": the clocks start when we became aware."""
    return incident_read(await service.create_incident(session, principal, body))


@router.get("/{incident_id}", response_model=IncidentRead, responses=NOT_FOUND)
async def get_incident(incident_id: uuid.UUID, session: SessionDep, principal: Reader) -> IncidentRead:
    """One incident with its obligations (recomputed on every change) and the vendor's notice time."""
    return incident_read(await service.get_incident(session, principal, incident_id))


@router.patch(
    "/{incident_id}",
    response_model=IncidentRead,
    responses=error_responses(
        errors.IncidentNotFound,
        StaleVersion,
        errors.InvalidIncident,
        errors.InvalidStatusTransition,
        errors.ObligationsOpen,
    ),
)
async def update_incident(
    incident_id: uuid.UUID, body: IncidentUpdate, session: SessionDep, principal: Writer
) -> IncidentRead:
    """Change the facts or the status; the obligations are recomputed and the change goes on the timeline."""
    return incident_read(await service.update_incident(session, principal, incident_id, body))


def event_read(e: IncidentEvent) -> IncidentEventRead:
    return IncidentEventRead.model_validate(e)


@router.get("/{incident_id}/events", response_model=list[IncidentEventRead], responses=NOT_FOUND)
async def list_incident_events(
    incident_id: uuid.UUID, session: SessionDep, principal: Reader
) -> list[IncidentEventRead]:
    """The timeline: every change and note, with who and when, oldest first."""
    return [event_read(e) for e in await service.list_events(session, principal, incident_id)]


@router.post(
    "/{incident_id}/events", response_model=IncidentEventRead, status_code=status.HTTP_201_CREATED, responses=NOT_FOUND
)
async def add_incident_note(
    incident_id: uuid.UUID, body: IncidentNoteCreate, session: SessionDep, principal: Writer
) -> IncidentEventRead:
    """Add a note to the timeline."""
    return event_read(await service.add_note(session, principal, incident_id, body.message))


@router.get("/{incident_id}/obligations", response_model=list[IncidentObligationRead], responses=NOT_FOUND)
async def list_incident_obligations(
    incident_id: uuid.UUID, session: SessionDep, principal: Reader
) -> list[IncidentObligationRead]:
    """The obligations as a checklist: pending, done (with date and reference), overdue, or not required (why)."""
    view = await service.get_incident(session, principal, incident_id)
    return [IncidentObligationRead.model_validate(o, from_attributes=True) for o in view.obligations]


@router.patch(
    "/{incident_id}/obligations/{obligation_id}",
    response_model=IncidentRead,
    responses=error_responses(errors.IncidentNotFound, errors.ObligationNotFound, StaleVersion, errors.InvalidIncident),
)
async def update_incident_obligation(
    incident_id: uuid.UUID, obligation_id: uuid.UUID, body: ObligationUpdate, session: SessionDep, principal: Writer
) -> IncidentRead:
    """Mark an obligation done (when, with which reference) or not required (why), or undo that."""
    return incident_read(await service.update_obligation(session, principal, incident_id, obligation_id, body))


@router.get("/{incident_id}/reach", response_model=list[ReachRead], responses=NOT_FOUND)
async def get_incident_reach(incident_id: uuid.UUID, session: SessionDep, principal: Reader) -> list[ReachRead]:
    """Our vendors exposed through the subcontracting chain: the vendors that pass data to the incident's vendor,
    their processing and people, and whether the incident is registered for them yet."""
    return [
        ReachRead(
            vendor_id=r.vendor_id,
            name=r.name,
            tier=r.tier,
            depth=r.depth,
            path=r.path,
            processing=[ReachProcessing.model_validate(p) for p in r.processing],
            persons=r.persons,
            categories=r.categories,
            incident_id=r.incident_id,
        )
        for r in await reach.reach(session, principal, incident_id)
    ]


@router.post(
    "/{incident_id}/reach",
    response_model=list[IncidentSummary],
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(errors.IncidentNotFound, errors.InvalidIncident),
)
async def register_incident_reach(
    incident_id: uuid.UUID, body: ReachRegister, session: SessionDep, principal: Writer
) -> list[IncidentSummary]:
    """Register the incident for each chosen vendor it reaches (once per vendor), with our data at that vendor."""
    return [summary_read(v) for v in await reach.register_reach(session, principal, incident_id, body.vendor_ids)]


DOCX = file_service.ZIP_TYPES[".docx"]
DOCUMENT_RESPONSES: dict[int | str, dict[str, object]] = {
    200: {"content": {"text/html": {}, DOCX: {}}, "description": "a printable HTML page, or a DOCX file to download"},
    **NOT_FOUND,
}
Lang = Annotated[Literal["ja", "en"], Query(description="language of the draft")]
Format = Annotated[Literal["html", "docx"], Query(alias="format", description="printable page or Word file")]


@router.get("/{incident_id}/regulator-report", response_class=Response, responses=DOCUMENT_RESPONSES)
async def get_regulator_report(
    incident_id: uuid.UUID,
    session: SessionDep,
    principal: Reader,
    lang: Lang = "ja",
    format_: Format = "html",
    kind: Annotated[
        Literal["preliminary", "final"], Query(description="速報 (what is known now) or 確報 (all nine items)")
    ] = "preliminary",
) -> Response:
    """A draft of the report to the Personal Information Protection Commission with the nine items of Enforcement
    Rules Art. 8(1), filled from the incident; what is still unknown is marked."""
    facts = await service.document_facts(session, principal, incident_id, lang=lang, report_kind=kind)
    if format_ == "docx":
        name = f"{facts.title}-regulator-report-{kind}-{lang}.docx"
        return Response(documents.render_report_docx(facts), media_type=DOCX, headers=file_service.attachment(name))
    return Response(documents.render_report_html(facts), media_type="text/html")


@router.get("/{incident_id}/individual-notice", response_class=Response, responses=DOCUMENT_RESPONSES)
async def get_individual_notice(
    incident_id: uuid.UUID, session: SessionDep, principal: Reader, lang: Lang = "ja", format_: Format = "html"
) -> Response:
    """A draft notice to the people affected with the five items they receive (Enforcement Rules Art. 10)."""
    facts = await service.document_facts(session, principal, incident_id, lang=lang, report_kind="final")
    if format_ == "docx":
        name = f"{facts.title}-notice-{lang}.docx"
        return Response(documents.render_notice_docx(facts), media_type=DOCX, headers=file_service.attachment(name))
    return Response(documents.render_notice_html(facts), media_type="text/html")


def policy_read(org: Any) -> IncidentPolicyRead:
    values = policy.policy_values(org.incident_policy)
    return IncidentPolicyRead(
        **values.model_dump(),
        is_default=org.incident_policy is None,
        version=org.version,
        cases={str(k): list(cases) for k, cases in exposure.CASES.items()},
    )


@policy_router.get("", response_model=IncidentPolicyRead)
async def get_incident_policy(session: SessionDep, principal: Reader) -> IncidentPolicyRead:
    """The days the law leaves open (preliminary report, vendor notice) and the damages amounts of the exposure
    estimate."""
    return policy_read(await organization_service.get(session, principal.organization_id))


@policy_router.put("", response_model=IncidentPolicyRead, responses=error_responses(StaleVersion))
async def update_incident_policy(
    body: IncidentPolicyUpdate, session: SessionDep, principal: Writer
) -> IncidentPolicyRead:
    """Change the incident policy (administrators); null restores the defaults. Open incidents are recomputed."""
    return policy_read(await service.update_policy(session, principal, body))
