import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response, UploadFile, status

from itaku.auth.dependencies import Reader, SessionDep, SettingsDep, StorageDep, Writer
from itaku.contracts import addendum, service
from itaku.contracts import clauses as library
from itaku.contracts.gaps import GapReport
from itaku.contracts.models import ContractStatus
from itaku.contracts.schemas import (
    ClauseRead,
    ClauseRequirementRead,
    ContractCreate,
    ContractPolicyRead,
    ContractPolicyUpdate,
    ContractRead,
    ContractUpdate,
    GapReportRead,
    GapRowRead,
    GapSummaryRead,
    ParameterRead,
    ReasonRead,
    TextRead,
)
from itaku.core.errors import Forbidden, NotAuthenticated, PayloadTooLarge, StaleVersion, error_responses
from itaku.core.pagination import PageParams, page_params
from itaku.core.schemas import Page
from itaku.files import service as file_service
from itaku.vendors import service as vendor_service

COMMON = error_responses(NotAuthenticated, Forbidden)
requirements_router = APIRouter(prefix="/clause-requirements", tags=["contracts"], responses=COMMON)
policy_router = APIRouter(prefix="/contract-policy", tags=["contracts"], responses=COMMON)
router = APIRouter(prefix="/contracts", tags=["contracts"], responses=COMMON)
NOT_FOUND = error_responses(service.ContractNotFound)
ContractSort = Literal["title", "-title", "end_date", "-end_date", "updated_at", "-updated_at"]


def _text(t: library.Text | None) -> TextRead | None:
    return TextRead(ja=t.ja, en=t.en) if t else None


def requirement_read(r: library.Requirement, policy: library.Policy, profile: library.Profile) -> ClauseRequirementRead:
    applies = r.levels.get(profile)
    level = library.Level.required if r.key in policy.required_keys else (applies.level if applies else None)
    return ClauseRequirementRead(
        key=r.key,
        title=TextRead(ja=r.title.ja, en=r.title.en),
        standard_wording=_text(library.standard_text(r, policy)),
        level=level,
        levels={p: a.level for p, a in r.levels.items()},
        required_for_my_number=r.required_for_my_number,
        parameters=[
            ParameterRead(
                name=p.name,
                type=p.type,
                title=TextRead(ja=p.title.ja, en=p.title.en),
                compare=p.compare,
                unit=p.unit,
                choices=list(p.choices),
                limit=library.policy_limit(p, policy),
                only_when_my_number=p.only_when_my_number,
            )
            for p in r.parameters
        ],
    )


@requirements_router.get("", response_model=list[ClauseRequirementRead])
async def list_clause_requirements(session: SessionDep, principal: Reader) -> list[ClauseRequirementRead]:
    """The clause library: each requirement with its standard wording (policy values filled in), its level under
    your jurisdiction profile and every profile, and its parameters with the policy limit they are held to."""
    policy, profile, _ = await service.policy(session, principal.organization_id)
    return [requirement_read(r, policy, profile) for r in service.requirements()]


def policy_read(policy: library.Policy, is_default: bool, version: int) -> ContractPolicyRead:
    return ContractPolicyRead(
        max_incident_notice_hours=policy.max_incident_notice_hours,
        min_audit_frequency_per_year=policy.min_audit_frequency_per_year,
        min_report_frequency_per_year=policy.min_report_frequency_per_year,
        required_keys=sorted(policy.required_keys),
        is_default=is_default,
        version=version,
    )


@policy_router.get("", response_model=ContractPolicyRead)
async def get_contract_policy(session: SessionDep, principal: Reader) -> ContractPolicyRead:
    """The values contracts are held against: longest incident notice, fewest audits and reports a year, and the
    library clauses the organisation requires everywhere."""
    policy, _, org = await service.policy(session, principal.organization_id)
    return policy_read(policy, org.contract_policy is None, org.version)


@policy_router.put(
    "", response_model=ContractPolicyRead, responses=error_responses(StaleVersion, service.InvalidClause)
)
async def update_contract_policy(
    body: ContractPolicyUpdate, session: SessionDep, principal: Writer
) -> ContractPolicyRead:
    """Change the contract policy (administrators); null restores the defaults."""
    org = await service.update_policy(session, principal, body)
    return policy_read(service.policy_from(org.contract_policy), org.contract_policy is None, org.version)


def contract_read(view: service.ContractView) -> ContractRead:
    c = view.contract
    return ContractRead(
        id=c.id,
        vendor_id=c.vendor_id,
        vendor_name=view.vendor_name,
        title=c.title,
        number=c.number,
        signed_date=c.signed_date,
        start_date=c.start_date,
        end_date=c.end_date,
        auto_renewal=c.auto_renewal,
        notice_period_days=c.notice_period_days,
        status=ContractStatus(c.status),
        processing_ids=[uuid.UUID(i) for i in c.processing_ids or []],
        covers_my_number=view.covers_my_number,
        document_file_id=c.document_file_id,
        notes=c.notes,
        clauses=[ClauseRead.model_validate(x) for x in view.clauses],
        incident_notice_hours=view.incident_notice_hours,
        notice_date=view.notice_date,
        renewal_due=view.renewal_due,
        created_at=c.created_at,
        updated_at=c.updated_at,
        version=c.version,
    )


@router.get("", response_model=Page[ContractRead])
async def list_contracts(
    session: SessionDep,
    principal: Reader,
    params: Annotated[PageParams, Depends(page_params)],
    sort: ContractSort = "title",
    vendor_id: uuid.UUID | None = None,
    status_: Annotated[list[ContractStatus] | None, Query(alias="status", description="one or more")] = None,
) -> Page[ContractRead]:
    """Contracts, filtered by vendor and status."""
    views, total = await service.list_contracts(
        session,
        principal,
        params,
        sort,
        vendor_id=vendor_id,
        statuses=[s.value for s in status_] if status_ else None,
    )
    return Page(items=[contract_read(v) for v in views], total=total, page=params.page, size=params.size)


@router.post(
    "",
    response_model=ContractRead,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(vendor_service.VendorNotFound, vendor_service.InvalidReference, service.InvalidClause),
)
async def create_contract(body: ContractCreate, session: SessionDep, principal: Writer) -> ContractRead:
    """Record a contract with a vendor: dates, renewal, covered processing and the clauses it contains."""
    return contract_read(await service.create_contract(session, principal, body))


@router.get("/{contract_id}", response_model=ContractRead, responses=NOT_FOUND)
async def get_contract(contract_id: uuid.UUID, session: SessionDep, principal: Reader) -> ContractRead:
    """One contract with its clauses."""
    return contract_read(await service.get_contract(session, principal, contract_id))


@router.patch(
    "/{contract_id}",
    response_model=ContractRead,
    responses=error_responses(
        service.ContractNotFound, StaleVersion, vendor_service.InvalidReference, service.InvalidClause
    ),
)
async def update_contract(
    contract_id: uuid.UUID, body: ContractUpdate, session: SessionDep, principal: Writer
) -> ContractRead:
    """Change a contract; `clauses`, when sent, replaces every clause."""
    return contract_read(await service.update_contract(session, principal, contract_id, body))


@router.delete("/{contract_id}", status_code=status.HTTP_204_NO_CONTENT, responses=NOT_FOUND)
async def delete_contract(contract_id: uuid.UUID, session: SessionDep, principal: Writer) -> None:
    """Delete a contract recorded by mistake (the audit trail keeps it)."""
    await service.delete_contract(session, principal, contract_id)


@router.post(
    "/{contract_id}/document",
    response_model=ContractRead,
    responses=error_responses(
        service.ContractNotFound, PayloadTooLarge, file_service.UnsupportedFileType, file_service.EmptyFile
    ),
)
async def attach_contract_document(
    contract_id: uuid.UUID,
    file: UploadFile,
    session: SessionDep,
    principal: Writer,
    storage: StorageDep,
    settings: SettingsDep,
) -> ContractRead:
    """Attach the signed contract (PDF only, up to the upload limit)."""
    if file.size is not None and file.size > settings.upload_max_bytes:
        raise PayloadTooLarge(f"The file is {file.size:,} bytes; the limit is {settings.upload_max_bytes:,} bytes.")
    data = await file.read(settings.upload_max_bytes + 1)
    view = await service.attach_document(
        session,
        principal,
        contract_id,
        storage=storage,
        data=data,
        filename=file.filename or "contract.pdf",
        max_bytes=settings.upload_max_bytes,
    )
    return contract_read(view)


def gap_read(contract_id: uuid.UUID, report: GapReport) -> GapReportRead:
    s = report.summary
    return GapReportRead(
        contract_id=contract_id,
        profile=report.profile,
        covers_my_number=report.covers_my_number,
        rows=[
            GapRowRead(
                key=r.key,
                title=TextRead(ja=r.title.ja, en=r.title.en),
                level=r.level,
                source=r.source,
                status=r.status,
                reasons=[ReasonRead(code=x.code, ja=x.ja, en=x.en) for x in r.reasons],
                ref=r.ref,
            )
            for r in report.rows
        ],
        summary=GapSummaryRead(
            total=s.total,
            met=s.met,
            missing=s.missing,
            weaker=s.weaker,
            required_missing=s.required_missing,
            required_weaker=s.required_weaker,
            complete=s.complete,
        ),
        unknown_clause_keys=list(report.unknown_clause_keys),
    )


@router.get("/{contract_id}/gaps", response_model=GapReportRead, responses=NOT_FOUND)
async def get_contract_gaps(contract_id: uuid.UUID, session: SessionDep, principal: Reader) -> GapReportRead:
    """Each clause requirement that applies, as met, missing or weaker than policy, with the reason."""
    return gap_read(contract_id, await service.gap_report(session, principal, contract_id))


DOCX = file_service.ZIP_TYPES[".docx"]


@router.get(
    "/{contract_id}/addendum",
    response_class=Response,
    responses={
        200: {
            "content": {"text/html": {}, DOCX: {}},
            "description": "the addendum draft: a printable HTML page, or a DOCX file to download",
        },
        **NOT_FOUND,
    },
)
async def get_contract_addendum(
    contract_id: uuid.UUID,
    session: SessionDep,
    principal: Reader,
    lang: Annotated[Literal["ja", "en"], Query(description="language of the draft")] = "ja",
    format_: Annotated[Literal["html", "docx"], Query(alias="format", description="printable page or Word file")] = (
        "html"
    ),
) -> Response:
    """A draft addendum adding the clauses the contract lacks or states more weakly than policy, in the standard
    wording with the organisation's policy values filled in."""
    draft = await service.addendum_draft(session, principal, contract_id, lang)
    name = f"{draft.contract_title}-addendum-{lang}"
    if format_ == "docx":
        return Response(addendum.render_docx(draft), media_type=DOCX, headers=file_service.attachment(f"{name}.docx"))
    return Response(addendum.render_html(draft), media_type="text/html")
