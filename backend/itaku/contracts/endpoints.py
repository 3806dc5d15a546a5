import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Response, UploadFile, status

from itaku.auth.dependencies import Reader, Writer
from itaku.contracts import addendum, service
from itaku.contracts import clauses as library
from itaku.contracts.gaps import GapReport, Status, Summary
from itaku.contracts.models import ContractStatus, OrganizationRequirement
from itaku.contracts.schemas import (
    ClauseRequirementRead,
    ContractCreate,
    ContractGapsRead,
    ContractPolicyRead,
    ContractPolicyUpdate,
    ContractRead,
    ContractUpdate,
    GapCellRead,
    GapOverviewRead,
    GapReportRead,
    GapSummaryRead,
    OrganizationRequirementCreate,
    OrganizationRequirementUpdate,
    ParameterRead,
    RequirementGapsRead,
)
from itaku.core.dependencies import SessionDep, SettingsDep, StorageDep
from itaku.core.errors import Forbidden, NotAuthenticated, StaleVersion, error_responses
from itaku.core.pagination import PageParams, page_params
from itaku.core.schemas import Page
from itaku.core.views import Overlay
from itaku.files import service as file_service
from itaku.vendors import errors as vendor_errors

COMMON = error_responses(NotAuthenticated, Forbidden)
requirements_router = APIRouter(prefix="/clause-requirements", tags=["contracts"], responses=COMMON)
policy_router = APIRouter(prefix="/contract-policy", tags=["contracts"], responses=COMMON)
router = APIRouter(prefix="/contracts", tags=["contracts"], responses=COMMON)
overview_router = APIRouter(prefix="/contract-gaps", tags=["contracts"], responses=COMMON)
NOT_FOUND = error_responses(service.ContractNotFound)
ContractSort = Literal[
    "title", "-title", "end_date", "-end_date", "notice_date", "-notice_date", "updated_at", "-updated_at"
]


def requirement_read(
    r: library.Requirement,
    policy: library.Policy,
    profile: library.Profile,
    own: OrganizationRequirement | None = None,
) -> ClauseRequirementRead:
    applies = r.levels.get(profile)
    level = library.Level.required if r.key in policy.required_keys else (applies.level if applies else None)
    return ClauseRequirementRead(
        key=r.key,
        custom=own is not None,
        id=own.id if own else None,
        version=own.version if own else None,
        title=r.title,
        standard_wording=library.standard_text(r, policy) or None,
        level=level,
        levels={p: a.level for p, a in r.levels.items()},
        required_for_my_number=r.required_for_my_number,
        parameters=[
            ParameterRead(
                name=p.name,
                type=p.type,
                title=p.title,
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
    your jurisdiction profile and every profile, and its parameters with the policy limit they are held to; the
    built-in requirements first, then the organisation's own."""
    policy, profile, _ = await service.policy(session, principal.organization_id)
    own = await service.organization_requirements(session, principal.organization_id)
    return [requirement_read(r, policy, profile, own.get(r.key)) for r in service.requirements(policy)]


async def _own_requirement_read(session: SessionDep, principal: Reader, row: OrganizationRequirement) -> Any:
    policy, profile, _ = await service.policy(session, principal.organization_id)
    return requirement_read(service.pure_requirement(row), policy, profile, row)


@requirements_router.post(
    "",
    response_model=ClauseRequirementRead,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(service.RequirementKeyTaken),
)
async def create_clause_requirement(
    body: OrganizationRequirementCreate, session: SessionDep, principal: Writer
) -> ClauseRequirementRead:
    """Add a requirement of the organisation's own (administrators): required or desirable under every profile, with
    a title and the standard wording the addendum uses. Contracts then name it by its key like any other."""
    row = await service.create_requirement(session, principal, body)
    return await _own_requirement_read(session, principal, row)


@requirements_router.patch(
    "/{requirement_id}",
    response_model=ClauseRequirementRead,
    responses=error_responses(service.RequirementNotFound, StaleVersion),
)
async def update_clause_requirement(
    requirement_id: uuid.UUID, body: OrganizationRequirementUpdate, session: SessionDep, principal: Writer
) -> ClauseRequirementRead:
    """Change one of the organisation's requirements (administrators); the key stays."""
    row = await service.update_requirement(session, principal, requirement_id, body)
    return await _own_requirement_read(session, principal, row)


@requirements_router.delete(
    "/{requirement_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(service.RequirementNotFound, service.RequirementInUse),
)
async def delete_clause_requirement(requirement_id: uuid.UUID, session: SessionDep, principal: Writer) -> None:
    """Delete one of the organisation's requirements that no contract states (administrators)."""
    await service.delete_requirement(session, principal, requirement_id)


def policy_read(policy: library.Policy, is_default: bool, version: int) -> ContractPolicyRead:
    overlay = Overlay(policy, required_keys=sorted(policy.required_keys), is_default=is_default, version=version)
    return ContractPolicyRead.model_validate(overlay, from_attributes=True)


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
    return ContractRead.model_validate(view, from_attributes=True)


@router.get("", response_model=Page[ContractRead])
async def list_contracts(
    session: SessionDep,
    principal: Reader,
    params: Annotated[PageParams, Depends(page_params)],
    sort: ContractSort = "title",
    vendor_id: uuid.UUID | None = None,
    status_: Annotated[list[ContractStatus] | None, Query(alias="status", description="one or more")] = None,
    renewal_due: Annotated[
        bool | None, Query(description="true: active and inside the notice period or past the end; false: the rest")
    ] = None,
) -> Page[ContractRead]:
    """Contracts, filtered by vendor, status and whether renewal is due."""
    paged = await service.list_contracts(
        session,
        principal,
        params,
        sort,
        vendor_id=vendor_id,
        statuses=[s.value for s in status_] if status_ else None,
        renewal_due=renewal_due,
    )
    return Page.of([contract_read(v) for v in paged.rows], paged, params)


@router.post(
    "",
    response_model=ContractRead,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(vendor_errors.VendorNotFound, vendor_errors.InvalidReference, service.InvalidClause),
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
        service.ContractNotFound, StaleVersion, vendor_errors.InvalidReference, service.InvalidClause
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
    responses=error_responses(service.ContractNotFound, *file_service.UPLOAD_ERRORS),
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
    data = await file_service.read_upload(file, settings.upload_max_bytes)
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


def summary_read(s: Summary) -> GapSummaryRead:
    return GapSummaryRead.model_validate(s, from_attributes=True)


def gap_read(contract_id: uuid.UUID, report: GapReport) -> GapReportRead:
    return GapReportRead.model_validate(Overlay(report, contract_id=contract_id), from_attributes=True)


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


@overview_router.get("", response_model=GapOverviewRead)
async def get_gap_overview(
    session: SessionDep,
    principal: Reader,
    status_: Annotated[
        list[ContractStatus] | None, Query(alias="status", description="one or more; active when left out")
    ] = None,
    vendor_id: uuid.UUID | None = None,
) -> GapOverviewRead:
    """Organisation-wide: which vendors' contracts miss which clauses. One row per contract (active ones unless
    `status` says otherwise) with the status of every requirement that applies to it, counts per requirement, and
    how many vendors handle personal data with no active contract at all."""
    statuses = [s.value for s in status_] if status_ else [ContractStatus.active.value]
    overview = await service.gap_overview(session, principal, statuses=statuses, vendor_id=vendor_id)
    counts: dict[str, dict[str, int]] = {
        r.key: {"missing": 0, "weaker": 0, "met": 0, "required_missing": 0} for r in overview.requirements
    }
    for view in overview.views:
        for row in view.report.rows:
            counts[row.key][row.status.value] += 1
            if row.status == Status.missing and row.level == library.Level.required:
                counts[row.key]["required_missing"] += 1
    custom = {r.key for r in overview.requirements if r.key not in library.BUILTIN_BY_KEY}
    return GapOverviewRead(
        profile=overview.profile,
        requirements=[
            RequirementGapsRead(key=r.key, title=r.title, custom=r.key in custom, **counts[r.key])
            for r in overview.requirements
        ],
        contracts=[
            ContractGapsRead(
                contract_id=v.contract.id,
                title=v.contract.title,
                vendor_id=v.contract.vendor_id,
                vendor_name=v.vendor_name,
                status=ContractStatus(v.contract.status),
                covers_my_number=v.covers_my_number,
                renewal_due=v.renewal_due,
                summary=summary_read(v.report.summary),
                cells=[GapCellRead(key=row.key, level=row.level, status=row.status) for row in v.report.rows],
            )
            for v in overview.views
        ],
        vendors_without_active_contract=overview.vendors_without_active_contract,
    )
