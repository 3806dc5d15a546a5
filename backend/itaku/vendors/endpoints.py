import uuid
from collections.abc import AsyncIterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, UploadFile, status
from fastapi.responses import Response, StreamingResponse

from itaku.assessments import service as assessment_service
from itaku.auth.dependencies import Reader, Writer
from itaku.contracts import service as contract_service
from itaku.core.clock import today_in
from itaku.core.dependencies import DatabaseDep, MailerDep, SessionDep, SettingsDep
from itaku.core.errors import Forbidden, NotAuthenticated, PayloadTooLarge, StaleVersion, error_responses
from itaku.core.pagination import PageParams, page_params
from itaku.core.schemas import Page
from itaku.core.views import Overlay
from itaku.core.vocabulary import DataCategory, Tier
from itaku.files import service as file_service
from itaku.identity.principals import Principal
from itaku.organizations import service as organization_service
from itaku.portal import service as portal_service
from itaku.vendors import csv_io, errors, import_service, records, service, subcontracting, tiering
from itaku.vendors.models import Certification, Vendor, VendorStatus
from itaku.vendors.schemas import (
    CertificationCreate,
    CertificationRead,
    CertificationUpdate,
    ContactCreate,
    ContactRead,
    ContactUpdate,
    ExposedVendor,
    ImportReport,
    PortalLinkIssue,
    PortalLinkIssued,
    ProcessingCreate,
    ProcessingRead,
    ProcessingUpdate,
    RiskPolicyApplied,
    RiskPolicyRead,
    RiskPolicySettings,
    RiskPolicyUpdate,
    SubcontractCreate,
    SubcontractNode,
    SubcontractRead,
    SubcontractUpdate,
    TierChangeRead,
    TierOverride,
    VendorCreate,
    VendorRead,
    VendorSummary,
    VendorUpdate,
)

router = APIRouter(prefix="/vendors", tags=["vendors"], responses=error_responses(NotAuthenticated, Forbidden))
NOT_FOUND = error_responses(errors.VendorNotFound)
VendorSort = Literal["name", "-name", "updated_at", "-updated_at", "tier", "-tier", "persons_total", "-persons_total"]


def summary(vendor: Vendor) -> VendorSummary:
    return VendorSummary.model_validate(_overlay(vendor), from_attributes=True)


def _overlay(vendor: Vendor) -> Overlay:
    return Overlay(
        vendor,
        tier_overridden=vendor.tier_override is not None,
        data_categories=tiering.data_categories(vendor),
        missing_incident_contact=not vendor.has_incident_contact,
        allowed_status_transitions=service.allowed_transitions(vendor),
    )


async def read(session: SessionDep, vendor: Vendor) -> VendorRead:
    return VendorRead.model_validate(_overlay(vendor), from_attributes=True)


async def org_time_zone(session: SessionDep, principal: Principal) -> str:
    return (await organization_service.get(session, principal.organization_id)).time_zone


def cert_read(cert: Certification, today_tz: str) -> CertificationRead:
    state = records.certification_state(cert, today_in(today_tz))
    return CertificationRead.model_validate(Overlay(cert, state=state), from_attributes=True)


@router.get("", response_model=Page[VendorSummary])
async def list_vendors(
    session: SessionDep,
    principal: Reader,
    params: Annotated[PageParams, Depends(page_params)],
    sort: VendorSort = "name",
    q: Annotated[str | None, Query(max_length=200, description="part of the name, kana or corporate number")] = None,
    tier: Annotated[list[Tier] | None, Query(description="one or more tiers")] = None,
    status_: Annotated[list[VendorStatus] | None, Query(alias="status", description="one or more statuses")] = None,
    data_category: DataCategory | None = None,
    certification: Annotated[
        Literal["expired", "expiring", "valid", "none"] | None,
        Query(description="vendors with a certification expired / expiring within 90 days / valid, or none"),
    ] = None,
    owner_user_id: uuid.UUID | None = None,
    missing_incident_contact: bool | None = None,
    assessment_overdue: Annotated[
        bool | None,
        Query(description="true: an assessment is past its due date, or the last accepted result has lapsed"),
    ] = None,
    no_active_contract: Annotated[
        bool | None,
        Query(description="true: entrusted with personal data (any processing) but without an active contract"),
    ] = None,
    no_selection_review: Annotated[
        bool | None,
        Query(description="true: entrusted (approved, active or suspended) without an accepted selection review"),
    ] = None,
) -> Page[VendorSummary]:
    """The register: filter by tier, status, data category, certification state, owner, assessment state;
    search by name."""
    # "Today" for certification expiry and assessment lateness is the organisation's.
    time_zone = await org_time_zone(session, principal) if certification or assessment_overdue is not None else None
    among: list[Any] = []
    not_among: list[Any] = []
    if assessment_overdue is not None:
        late = assessment_service.overdue_vendor_ids(principal.organization_id, today_in(time_zone or "UTC"))
        (among if assessment_overdue else not_among).append(late)
    if no_selection_review is not None:
        reviewed = assessment_service.selection_reviewed_vendor_ids(principal.organization_id)
        (not_among if no_selection_review else among).append(reviewed)
        if no_selection_review:
            entrusted = [VendorStatus.approved, VendorStatus.active, VendorStatus.suspended]
            status_ = [s for s in status_ if s in entrusted] if status_ else entrusted
            if not status_:
                return Page(items=[], total=0, page=params.page, size=params.size)
    handles_personal_data = None
    if no_active_contract is not None:
        active = contract_service.active_contract_vendor_ids(principal.organization_id)
        (not_among if no_active_contract else among).append(active)
        handles_personal_data = True if no_active_contract else None
    paged = await service.list_vendors(
        session,
        principal,
        params,
        sort,
        time_zone=time_zone,
        among=among,
        handles_personal_data=handles_personal_data,
        not_among=not_among,
        q=q,
        tiers=[t.value for t in tier] if tier else None,
        statuses=[s.value for s in status_] if status_ else None,
        data_category=data_category.value if data_category else None,
        certification=certification,
        owner_user_id=owner_user_id,
        missing_incident_contact=missing_incident_contact,
    )
    return Page.of([summary(v) for v in paged.rows], paged, params)


@router.get(
    "/export",
    response_class=Response,
    responses={
        200: {"content": {"text/csv": {}}, "description": "the register as CSV (UTF-8 with BOM, opens in Excel)"}
    },
)
async def export_vendors(session: SessionDep, db: DatabaseDep, principal: Reader) -> StreamingResponse:
    """Download the whole register as CSV for Excel; the file can be edited and imported back. It is sent as it is
    read, a thousand vendors at a time."""
    stamp = today_in(await org_time_zone(session, principal)).isoformat()

    async def body() -> AsyncIterator[bytes]:
        first = True
        async for batch in import_service.export_batches(db, principal):
            yield csv_io.render(batch, header=first).encode("utf-8")
            first = False
        if first:  # an empty register: the header alone
            yield csv_io.render([], header=True).encode("utf-8")

    return StreamingResponse(
        body(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="itaku-vendors-{stamp}.csv"'},
    )


@router.post(
    "/import",
    response_model=ImportReport,
    responses=error_responses(import_service.ImportUnreadable, import_service.ImportInvalid, PayloadTooLarge),
)
async def import_vendors(
    file: UploadFile,
    session: SessionDep,
    principal: Writer,
    settings: SettingsDep,
    dry_run: Annotated[bool, Query(description="check every row and report, writing nothing")] = True,
) -> ImportReport:
    """Import vendors from CSV (UTF-8 or Shift_JIS); rows with an ID or a known corporate number update.
    All or nothing: with any invalid row, nothing is written and every problem is listed by line and column."""
    data = await file_service.read_upload(file, settings.upload_max_bytes)
    return await import_service.import_csv(session, principal, data, dry_run=dry_run)


@router.post(
    "",
    response_model=VendorRead,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(errors.CorporateNumberTaken, errors.InvalidReference),
)
async def create_vendor(body: VendorCreate, session: SessionDep, principal: Writer) -> VendorRead:
    """Add a vendor (委託先) to the register."""
    return await read(session, await service.create_vendor(session, principal, body))


@router.get("/{vendor_id}", response_model=VendorRead, responses=NOT_FOUND)
async def get_vendor(vendor_id: uuid.UUID, session: SessionDep, principal: Reader) -> VendorRead:
    """Read a vendor with its tier, the reasons for it, and whether it is overridden."""
    return await read(session, await service.get_vendor(session, principal, vendor_id))


@router.patch(
    "/{vendor_id}",
    response_model=VendorRead,
    responses=error_responses(
        errors.VendorNotFound,
        StaleVersion,
        errors.InvalidTransition,
        errors.CorporateNumberTaken,
        errors.InvalidReference,
    ),
)
async def update_vendor(vendor_id: uuid.UUID, body: VendorUpdate, session: SessionDep, principal: Writer) -> VendorRead:
    """Change a vendor's details or move it along its lifecycle."""
    return await read(session, await service.update_vendor(session, principal, vendor_id, body))


@router.put(
    "/{vendor_id}/tier-override",
    response_model=VendorRead,
    responses=error_responses(errors.VendorNotFound, StaleVersion, errors.OverrideReasonRequired),
)
async def override_vendor_tier(
    vendor_id: uuid.UUID, body: TierOverride, session: SessionDep, principal: Writer
) -> VendorRead:
    """Override the computed tier with a reason, or remove the override (tier null)."""
    return await read(session, await service.override_tier(session, principal, vendor_id, body))


@router.get("/{vendor_id}/tier-history", response_model=list[TierChangeRead], responses=NOT_FOUND)
async def list_tier_history(vendor_id: uuid.UUID, session: SessionDep, principal: Reader) -> list[TierChangeRead]:
    """Every change of the vendor's tier, newest first, with its cause."""
    return [TierChangeRead.model_validate(c) for c in await service.tier_history(session, principal, vendor_id)]


@router.get("/{vendor_id}/exposure", response_model=list[ExposedVendor], responses=NOT_FOUND)
async def list_exposed_vendors(vendor_id: uuid.UUID, session: SessionDep, principal: Reader) -> list[ExposedVendor]:
    """Which of our vendors depend on this vendor, directly or through subcontracting chains."""
    return [ExposedVendor.model_validate(e) for e in await subcontracting.exposure(session, principal, vendor_id)]


# contacts


@router.get("/{vendor_id}/contacts", response_model=list[ContactRead], responses=NOT_FOUND)
async def list_contacts(vendor_id: uuid.UUID, session: SessionDep, principal: Reader) -> list[ContactRead]:
    """The vendor's contacts: security officer, 24/365 incident contact, account manager."""
    return [
        ContactRead.model_validate(c)
        for c in await records.list_children(session, principal, records.CONTACT, vendor_id)
    ]


@router.post(
    "/{vendor_id}/contacts", response_model=ContactRead, status_code=status.HTTP_201_CREATED, responses=NOT_FOUND
)
async def create_contact(
    vendor_id: uuid.UUID, body: ContactCreate, session: SessionDep, principal: Writer
) -> ContactRead:
    """Add a contact person at the vendor."""
    return ContactRead.model_validate(await records.add_contact(session, principal, vendor_id, body))


@router.patch(
    "/{vendor_id}/contacts/{contact_id}",
    response_model=ContactRead,
    responses=error_responses(errors.VendorNotFound, errors.ContactNotFound, StaleVersion),
)
async def update_contact(
    vendor_id: uuid.UUID, contact_id: uuid.UUID, body: ContactUpdate, session: SessionDep, principal: Writer
) -> ContactRead:
    """Change a contact."""
    return ContactRead.model_validate(
        await records.update_child(session, principal, records.CONTACT, vendor_id, contact_id, body)
    )


@router.post(
    "/{vendor_id}/contacts/{contact_id}/portal-links",
    response_model=PortalLinkIssued,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(errors.VendorNotFound, errors.ContactNotFound),
)
async def issue_portal_link(
    vendor_id: uuid.UUID,
    contact_id: uuid.UUID,
    body: PortalLinkIssue,
    session: SessionDep,
    principal: Writer,
    settings: SettingsDep,
    mailer: MailerDep,
) -> PortalLinkIssued:
    """Give a contact a single-use link into the vendor portal, valid for a day (to report an incident, say);
    mailed when the contact has an address and mail is set up."""
    inv, link, emailed = await portal_service.grant_access(
        session, principal, vendor_id, contact_id, message=body.message, settings=settings, mailer=mailer
    )
    contact = await records.get_contact(session, principal, vendor_id, contact_id)
    return PortalLinkIssued(
        link=link, expires_at=inv.expires_at, emailed=emailed, emailed_to=contact.email if emailed else None
    )


@router.delete(
    "/{vendor_id}/contacts/{contact_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(errors.ContactNotFound),
)
async def delete_contact(vendor_id: uuid.UUID, contact_id: uuid.UUID, session: SessionDep, principal: Writer) -> None:
    """Remove a contact."""
    await records.delete_child(session, principal, records.CONTACT, vendor_id, contact_id)


# entrusted processing


@router.get("/{vendor_id}/processing", response_model=list[ProcessingRead], responses=NOT_FOUND)
async def list_processing(vendor_id: uuid.UUID, session: SessionDep, principal: Reader) -> list[ProcessingRead]:
    """What the vendor processes for us: data categories, people, storage, access."""
    return [
        ProcessingRead.model_validate(p)
        for p in await records.list_children(session, principal, records.PROCESSING, vendor_id)
    ]


@router.post(
    "/{vendor_id}/processing", response_model=ProcessingRead, status_code=status.HTTP_201_CREATED, responses=NOT_FOUND
)
async def create_processing(
    vendor_id: uuid.UUID, body: ProcessingCreate, session: SessionDep, principal: Writer
) -> ProcessingRead:
    """Record an entrusted processing; the vendor's tier is recomputed."""
    return ProcessingRead.model_validate(await records.add_processing(session, principal, vendor_id, body))


@router.patch(
    "/{vendor_id}/processing/{processing_id}",
    response_model=ProcessingRead,
    responses=error_responses(errors.ProcessingNotFound, StaleVersion),
)
async def update_processing(
    vendor_id: uuid.UUID, processing_id: uuid.UUID, body: ProcessingUpdate, session: SessionDep, principal: Writer
) -> ProcessingRead:
    """Change an entrusted processing; the tier is recomputed."""
    return ProcessingRead.model_validate(
        await records.update_child(session, principal, records.PROCESSING, vendor_id, processing_id, body)
    )


@router.delete(
    "/{vendor_id}/processing/{processing_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(errors.ProcessingNotFound),
)
async def delete_processing(
    vendor_id: uuid.UUID, processing_id: uuid.UUID, session: SessionDep, principal: Writer
) -> None:
    """Remove an entrusted processing; the tier is recomputed."""
    await records.delete_child(session, principal, records.PROCESSING, vendor_id, processing_id)


# subcontractors


def link_read(pair: tuple[object, Vendor]) -> SubcontractRead:
    link, sub = pair
    return SubcontractRead.model_validate(Overlay(link, subcontractor_name=sub.name), from_attributes=True)


@router.get("/{vendor_id}/subcontractors", response_model=list[SubcontractRead], responses=NOT_FOUND)
async def list_subcontractors(vendor_id: uuid.UUID, session: SessionDep, principal: Reader) -> list[SubcontractRead]:
    """The vendor's direct subcontractors (再委託先)."""
    return [link_read(p) for p in await subcontracting.list_subcontracts(session, principal, vendor_id)]


@router.get("/{vendor_id}/subcontractors/tree", response_model=list[SubcontractNode], responses=NOT_FOUND)
async def get_subcontractor_tree(vendor_id: uuid.UUID, session: SessionDep, principal: Reader) -> list[SubcontractNode]:
    """The whole subcontracting chain below the vendor, any depth."""
    return [
        SubcontractNode.model_validate(n) for n in await subcontracting.subcontract_tree(session, principal, vendor_id)
    ]


@router.post(
    "/{vendor_id}/subcontractors",
    response_model=SubcontractRead,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(
        errors.VendorNotFound, errors.InvalidReference, errors.SubcontractCycle, errors.DuplicateSubcontract
    ),
)
async def create_subcontractor(
    vendor_id: uuid.UUID, body: SubcontractCreate, session: SessionDep, principal: Writer
) -> SubcontractRead:
    """Record that the vendor entrusts part of the work to another vendor of the register."""
    return link_read(await subcontracting.add_subcontract(session, principal, vendor_id, body))


@router.patch(
    "/{vendor_id}/subcontractors/{subcontract_id}",
    response_model=SubcontractRead,
    responses=error_responses(errors.SubcontractNotFound, StaleVersion),
)
async def update_subcontractor(
    vendor_id: uuid.UUID, subcontract_id: uuid.UUID, body: SubcontractUpdate, session: SessionDep, principal: Writer
) -> SubcontractRead:
    """Change the work entrusted onward or its approval."""
    return link_read(await subcontracting.update_subcontract(session, principal, vendor_id, subcontract_id, body))


@router.delete(
    "/{vendor_id}/subcontractors/{subcontract_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(errors.SubcontractNotFound),
)
async def delete_subcontractor(
    vendor_id: uuid.UUID, subcontract_id: uuid.UUID, session: SessionDep, principal: Writer
) -> None:
    """Remove a subcontracting link."""
    await records.delete_child(session, principal, records.SUBCONTRACT, vendor_id, subcontract_id)


# certifications


@router.get("/{vendor_id}/certifications", response_model=list[CertificationRead], responses=NOT_FOUND)
async def list_certifications(vendor_id: uuid.UUID, session: SessionDep, principal: Reader) -> list[CertificationRead]:
    """The vendor's certifications with their state (valid, expiring within 90 days, expired)."""
    certs = await records.list_children(session, principal, records.CERTIFICATION, vendor_id)
    tz = await org_time_zone(session, principal)
    return [cert_read(c, tz) for c in certs]


@router.post(
    "/{vendor_id}/certifications",
    response_model=CertificationRead,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(errors.VendorNotFound, errors.InvalidReference),
)
async def create_certification(
    vendor_id: uuid.UUID, body: CertificationCreate, session: SessionDep, principal: Writer
) -> CertificationRead:
    """Record a certification (ISO/IEC 27001, Privacy Mark, ISMAP, SOC 2, SECURITY ACTION, METI ★...)."""
    cert = await records.add_certification(session, principal, vendor_id, body)
    return cert_read(cert, await org_time_zone(session, principal))


@router.patch(
    "/{vendor_id}/certifications/{certification_id}",
    response_model=CertificationRead,
    responses=error_responses(errors.CertificationNotFound, StaleVersion, errors.InvalidReference),
)
async def update_certification(
    vendor_id: uuid.UUID, certification_id: uuid.UUID, body: CertificationUpdate, session: SessionDep, principal: Writer
) -> CertificationRead:
    """Change a certification."""
    cert = await records.update_certification(session, principal, vendor_id, certification_id, body)
    return cert_read(cert, await org_time_zone(session, principal))


@router.delete(
    "/{vendor_id}/certifications/{certification_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(errors.CertificationNotFound),
)
async def delete_certification(
    vendor_id: uuid.UUID, certification_id: uuid.UUID, session: SessionDep, principal: Writer
) -> None:
    """Remove a certification."""
    await records.delete_child(session, principal, records.CERTIFICATION, vendor_id, certification_id)


policy_router = APIRouter(
    prefix="/risk-policy", tags=["risk-policy"], responses=error_responses(NotAuthenticated, Forbidden)
)


def policy_read(policy: object, is_default: bool, version: int) -> RiskPolicyRead:
    return RiskPolicyRead(
        policy=RiskPolicySettings.model_validate(policy.to_dict()),  # type: ignore[attr-defined]
        is_default=is_default,
        version=version,
    )


@policy_router.get("", response_model=RiskPolicyRead)
async def get_risk_policy(session: SessionDep, principal: Reader) -> RiskPolicyRead:
    """The weights and thresholds that compute vendor tiers in your organisation."""
    return policy_read(*await tiering.get_risk_policy(session, principal))


@policy_router.put("", response_model=RiskPolicyApplied, responses=error_responses(StaleVersion))
async def update_risk_policy(body: RiskPolicyUpdate, session: SessionDep, principal: Writer) -> RiskPolicyApplied:
    """Set your organisation's tier policy (administrators); every vendor is re-tiered at once."""
    policy, is_default, version, changed = await tiering.update_risk_policy(session, principal, body)
    return RiskPolicyApplied(**policy_read(policy, is_default, version).model_dump(), vendors_retiered=changed)
