"""Entrustment contracts, the clauses they contain, the organisation's contract policy, and the gap analysis of
each contract against the clause library (clauses.py, gaps.py: pure)."""

import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.audit import service as audit
from itaku.contracts import addendum, gaps, repository
from itaku.contracts import clauses as library
from itaku.contracts.models import Contract, ContractClause, ContractStatus, OrganizationRequirement
from itaku.contracts.schemas import (
    ClauseInput,
    ContractCreate,
    ContractPolicyUpdate,
    ContractUpdate,
    OrganizationRequirementCreate,
    OrganizationRequirementUpdate,
)
from itaku.core.clock import today_in
from itaku.core.errors import AppError, Conflict, NotFound, ensure_version, field_problem
from itaku.core.models import utcnow
from itaku.core.pagination import Paged, PageParams
from itaku.core.storage import Storage
from itaku.core.text import Text
from itaku.core.views import RowView
from itaku.files import service as file_service
from itaku.identity.principals import Principal, ensure_admin
from itaku.organizations import service as organization_service
from itaku.vendors import errors as vendor_errors
from itaku.vendors import records as vendor_records
from itaku.vendors import service as vendor_service

CONTRACT_AUDITED = (
    "title",
    "number",
    "signed_date",
    "start_date",
    "end_date",
    "auto_renewal",
    "notice_period_days",
    "status",
    "processing_ids",
    "document_file_id",
    "notes",
)
PDF = frozenset({"application/pdf"})


class ContractNotFound(NotFound):
    code = "contract_not_found"
    message = "No contract with this id in your organisation."


class RequirementNotFound(NotFound):
    code = "clause_requirement_not_found"
    message = "No clause requirement of your organisation with this id (built-in requirements cannot be changed)."


class RequirementKeyTaken(Conflict):
    code = "clause_requirement_key_taken"
    message = "Your organisation already has a clause requirement with this key."


class RequirementInUse(Conflict):
    code = "clause_requirement_in_use"
    message = "Contracts state this clause; take it out of them before deleting the requirement."


class InvalidClause(AppError):
    status_code = 422
    code = "invalid_clause"
    message = "A clause names no known requirement, or states a value that does not fit it."


@dataclass
class ContractView(RowView):
    row_field = "contract"
    contract: Contract
    vendor_name: str
    clauses: list[ContractClause]
    covers_my_number: bool
    today: date  # in the organisation's time zone
    report: gaps.GapReport

    @property
    def processing_ids(self) -> list[uuid.UUID]:
        return [uuid.UUID(i) for i in self.contract.processing_ids or []]

    @property
    def gaps(self) -> gaps.Summary:
        return self.report.summary

    @property
    def incident_notice_hours(self) -> int | None:
        return gaps.incident_notice_hours(_pure_clauses(self.clauses))

    @property
    def renewal_due(self) -> bool:
        """An active contract inside its notice period, or past its end: someone must decide now."""
        notice = self.contract.notice_date
        return self.contract.status == ContractStatus.active.value and notice is not None and self.today >= notice


def notice_date(contract: Contract) -> date | None:
    """The last day to give notice (renew, renegotiate or end) before the contract runs out."""
    return contract.end_date - timedelta(days=contract.notice_period_days or 0) if contract.end_date else None


def _pure_clauses(rows: list[ContractClause]) -> list[gaps.ContractClause]:
    return [gaps.ContractClause(r.requirement_key, dict(r.values or {}), r.article or r.excerpt) for r in rows]


# --- policy -------------------------------------------------------------------------------------------------


def policy_from(stored: dict[str, Any] | None, extra: list[OrganizationRequirement] | tuple[()] = ()) -> library.Policy:
    values = stored or {}
    return library.Policy(
        max_incident_notice_hours=int(values.get("max_incident_notice_hours", 24)),
        min_audit_frequency_per_year=int(values.get("min_audit_frequency_per_year", 1)),
        min_report_frequency_per_year=int(values.get("min_report_frequency_per_year", 1)),
        required_keys=frozenset(values.get("required_keys", [])),
        extra=tuple(pure_requirement(r) for r in extra),
    )


def pure_requirement(row: OrganizationRequirement) -> library.Requirement:
    wording = (
        Text(ja=row.wording_ja or row.wording_en or "", en=row.wording_en or row.wording_ja or "")
        if row.wording_ja or row.wording_en
        else None
    )
    return library.organisation_requirement(
        row.key, Text(ja=row.title_ja, en=row.title_en), library.Level(row.level), wording=wording
    )


async def policy(session: AsyncSession, organization_id: uuid.UUID) -> tuple[library.Policy, library.Profile, Any]:
    """The organisation's contract policy with its own requirements, its jurisdiction profile, and the row."""
    org = await organization_service.get(session, organization_id)
    extra = await repository.organization_requirements(session, organization_id)
    return policy_from(org.contract_policy, extra), library.Profile(org.jurisdiction), org


def requirement_by_key(policy: library.Policy, key: str) -> library.Requirement | None:
    return library.BUILTIN_BY_KEY.get(key) or next((r for r in policy.extra if r.key == key), None)


async def update_policy(session: AsyncSession, principal: Principal, body: ContractPolicyUpdate) -> Any:
    admin = ensure_admin(principal)
    if body.policy is not None:
        unknown = sorted(set(body.policy.required_keys) - set(library.BUILTIN_BY_KEY))
        if unknown:
            raise InvalidClause([field_problem("policy", "required_keys", msg=f"unknown clauses {unknown}")])
    value = body.policy.model_dump(mode="json") if body.policy else None
    return await organization_service.update_policy(session, admin, "contract_policy", body.version, value)


def active_contract_vendor_ids(organization_id: uuid.UUID) -> Any:
    """A select of the vendors with an active contract (for the register's filter)."""
    return repository.active_contract_vendor_ids(organization_id)


def requirements(policy: library.Policy) -> tuple[library.Requirement, ...]:
    """The library as the organisation sees it: the built-in requirements, then its own."""
    return (*library.BUILTIN, *policy.extra)


# --- the organisation's own requirements -------------------------------------------------------------------------


async def organization_requirements(
    session: AsyncSession, organization_id: uuid.UUID
) -> dict[str, OrganizationRequirement]:
    return {r.key: r for r in await repository.organization_requirements(session, organization_id)}


def _requirement_snapshot(row: OrganizationRequirement) -> dict[str, Any]:
    return audit.snapshot(row, ("key", "title_ja", "title_en", "wording_ja", "wording_en", "level"))


def _set_texts(row: OrganizationRequirement, title: Any, wording: Any) -> None:
    if title is not None:
        row.title_ja, row.title_en = title.ja or title.en, title.en or title.ja
    if wording is not None:
        row.wording_ja, row.wording_en = wording.ja or wording.en, wording.en or wording.ja


async def create_requirement(
    session: AsyncSession, principal: Principal, body: OrganizationRequirementCreate
) -> OrganizationRequirement:
    admin = ensure_admin(principal)
    existing = await organization_requirements(session, admin.organization_id)
    key = body.key or f"org_{secrets.token_hex(4)}"
    if key in existing:
        raise RequirementKeyTaken()
    row = OrganizationRequirement(organization_id=admin.organization_id, key=key, level=body.level.value)
    _set_texts(row, body.title, body.standard_wording)
    await repository.add(session, row)
    await audit.record(
        session,
        admin,
        entity_type="clause_requirement",
        entity_id=row.id,
        action="created",
        after=_requirement_snapshot(row),
    )
    return row


async def _own_requirement(
    session: AsyncSession, principal: Principal, requirement_id: uuid.UUID
) -> OrganizationRequirement:
    row = await repository.organization_requirement(session, principal.organization_id, requirement_id, lock=True)
    if row is None:
        raise RequirementNotFound()
    return row


async def update_requirement(
    session: AsyncSession, principal: Principal, requirement_id: uuid.UUID, body: OrganizationRequirementUpdate
) -> OrganizationRequirement:
    row = await _own_requirement(session, principal, requirement_id)  # another organisation's: 404 before 403
    admin = ensure_admin(principal)
    ensure_version(row, body.version)
    before = _requirement_snapshot(row)
    _set_texts(row, body.title, body.standard_wording)
    if "standard_wording" in body.model_fields_set and body.standard_wording is None:
        row.wording_ja = row.wording_en = None
    if body.level is not None:
        row.level = body.level.value
    row.updated_at = utcnow()
    await session.flush()
    await audit.record(
        session,
        admin,
        entity_type="clause_requirement",
        entity_id=row.id,
        action="updated",
        before=before,
        after=_requirement_snapshot(row),
    )
    return row


async def delete_requirement(session: AsyncSession, principal: Principal, requirement_id: uuid.UUID) -> None:
    """Only a requirement no contract states: deleting it would leave those clauses pointing at nothing."""
    row = await _own_requirement(session, principal, requirement_id)
    admin = ensure_admin(principal)
    in_use = await repository.contracts_stating(session, admin.organization_id, row.key)
    if in_use:
        raise RequirementInUse({"contracts": in_use, "key": row.key})
    before = _requirement_snapshot(row)
    await session.delete(row)
    await session.flush()
    await audit.record(
        session, admin, entity_type="clause_requirement", entity_id=requirement_id, action="deleted", before=before
    )


# --- contracts ----------------------------------------------------------------------------------------------


def _clause_rows(
    principal: Principal, contract_id: uuid.UUID, given: list[ClauseInput], policy: library.Policy
) -> list[ContractClause]:
    rows, problems = [], []
    for i, c in enumerate(given):
        requirement = requirement_by_key(policy, c.requirement_key)
        if requirement is None:
            problems.append(
                {"loc": ["body", "clauses", i, "requirement_key"], "msg": "no such requirement", "type": "invalid"}
            )
            continue
        try:
            library.validate_values(requirement, c.values)
        except library.InvalidClauseValue as exc:
            problems.append({"loc": ["body", "clauses", i, "values"], "msg": str(exc), "type": "invalid"})
            continue
        rows.append(
            ContractClause(
                organization_id=principal.organization_id,
                contract_id=contract_id,
                requirement_key=c.requirement_key,
                values=dict(c.values),
                article=c.article,
                excerpt=c.excerpt,
            )
        )
    if problems:
        raise InvalidClause(problems)
    return rows


async def _check_processing(
    session: AsyncSession, principal: Principal, vendor_id: uuid.UUID, ids: list[uuid.UUID]
) -> None:
    """The covered processing must be the vendor's own."""
    own = {p.id for p in await vendor_records.list_children(session, principal, vendor_records.PROCESSING, vendor_id)}
    if any(i not in own for i in ids):
        raise vendor_errors.InvalidReference(
            [{"loc": ["body", "processing_ids"], "msg": "not processing of this vendor", "type": "invalid_reference"}]
        )


async def _views(session: AsyncSession, principal: Principal, rows: list[Any]) -> list[ContractView]:
    """Views of (contract, vendor name) rows with their clauses, My Number coverage and gap analysis, read in a
    fixed number of queries however many rows there are."""
    org_policy, profile, org = await policy(session, principal.organization_id)
    today = today_in(org.time_zone)
    by_contract: dict[uuid.UUID, list[ContractClause]] = {}
    for c in await repository.clauses(session, [r[0].id for r in rows]):
        by_contract.setdefault(c.contract_id, []).append(c)
    categories = await repository.processing_categories(
        session, principal.organization_id, {r[0].vendor_id for r in rows}
    )
    views = []
    for contract, vendor_name in rows:
        clauses = by_contract.get(contract.id, [])
        my_number = any("my_number" in categories.get(uuid.UUID(i), []) for i in contract.processing_ids or [])
        report = gaps.analyse(library.BUILTIN, _pure_clauses(clauses), org_policy, profile, my_number)
        views.append(ContractView(contract, vendor_name, clauses, my_number, today, report))
    return views


async def _view(session: AsyncSession, principal: Principal, contract_id: uuid.UUID) -> ContractView:
    row = await repository.contract(session, principal.organization_id, contract_id)
    if row is None:
        raise ContractNotFound()
    return (await _views(session, principal, [row]))[0]


async def get_contract(session: AsyncSession, principal: Principal, contract_id: uuid.UUID) -> ContractView:
    return await _view(session, principal, contract_id)


async def list_contracts(
    session: AsyncSession,
    principal: Principal,
    params: PageParams,
    sort: str,
    *,
    renewal_due: bool | None = None,
    **filters: Any,
) -> Paged[ContractView]:
    today = await _today(session, principal) if renewal_due is not None else None
    paged = await repository.list_contracts(
        session, principal.organization_id, params, sort, renewal_due=renewal_due, renewal_due_on=today, **filters
    )
    return paged.with_rows(await _views(session, principal, paged.rows))


async def _today(session: AsyncSession, principal: Principal) -> date:
    org = await organization_service.get(session, principal.organization_id)
    return today_in(org.time_zone)


async def create_contract(session: AsyncSession, principal: Principal, body: ContractCreate) -> ContractView:
    vendor = await vendor_service.get_vendor(session, principal, body.vendor_id)
    await _check_processing(session, principal, vendor.id, body.processing_ids)
    contract = Contract(
        organization_id=principal.organization_id,
        vendor_id=vendor.id,
        title=body.title,
        number=body.number,
        signed_date=body.signed_date,
        start_date=body.start_date,
        end_date=body.end_date,
        auto_renewal=body.auto_renewal,
        notice_period_days=body.notice_period_days,
        status=body.status.value,
        processing_ids=[str(i) for i in body.processing_ids],
        notes=body.notes,
    )
    contract.notice_date = notice_date(contract)
    org_policy, _, _ = await policy(session, principal.organization_id)
    await repository.add(session, contract)
    await repository.add(session, *_clause_rows(principal, contract.id, body.clauses, org_policy))
    await audit.record(
        session,
        principal,
        entity_type="contract",
        entity_id=contract.id,
        action="created",
        after={**audit.snapshot(contract, CONTRACT_AUDITED), "clauses": [c.requirement_key for c in body.clauses]},
        scope_id=vendor.id,
    )
    return await _view(session, principal, contract.id)


async def update_contract(
    session: AsyncSession, principal: Principal, contract_id: uuid.UUID, body: ContractUpdate
) -> ContractView:
    view = await _view(session, principal, contract_id)
    contract = view.contract
    ensure_version(contract, body.version)
    before = {**audit.snapshot(contract, CONTRACT_AUDITED), "clauses": [c.requirement_key for c in view.clauses]}
    sent = body.model_fields_set - {"version", "clauses"}
    if "processing_ids" in sent and body.processing_ids is not None:
        await _check_processing(session, principal, contract.vendor_id, body.processing_ids)
    for field in sent:
        value = getattr(body, field)
        if field in ("title", "status", "auto_renewal", "processing_ids") and value is None:
            continue
        if field == "processing_ids":
            value = [str(i) for i in value]
        setattr(contract, field, getattr(value, "value", value))
    if contract.start_date and contract.end_date and contract.end_date < contract.start_date:
        raise InvalidClause([{"loc": ["body", "end_date"], "msg": "end_date is before start_date", "type": "invalid"}])
    contract.notice_date = notice_date(contract)
    if body.clauses is not None:
        org_policy, _, _ = await policy(session, principal.organization_id)
        rows = _clause_rows(principal, contract.id, body.clauses, org_policy)
        await repository.replace_clauses(session, contract.id, rows)
    contract.updated_at = utcnow()  # a change of clauses alone is a change of the contract (its version moves)
    await session.flush()
    fresh = await _view(session, principal, contract.id)
    await audit.record(
        session,
        principal,
        entity_type="contract",
        entity_id=contract.id,
        action="updated",
        before=before,
        after={**audit.snapshot(contract, CONTRACT_AUDITED), "clauses": [c.requirement_key for c in fresh.clauses]},
        scope_id=contract.vendor_id,
    )
    return fresh


async def delete_contract(session: AsyncSession, principal: Principal, contract_id: uuid.UUID) -> None:
    view = await _view(session, principal, contract_id)
    before = audit.snapshot(view.contract, CONTRACT_AUDITED)
    await session.delete(view.contract)
    await session.flush()
    await audit.record(
        session,
        principal,
        entity_type="contract",
        entity_id=contract_id,
        action="deleted",
        before=before,
        scope_id=view.contract.vendor_id,
    )


async def attach_document(
    session: AsyncSession,
    principal: Principal,
    contract_id: uuid.UUID,
    *,
    storage: Storage,
    data: bytes,
    filename: str,
    max_bytes: int,
) -> ContractView:
    """The signed contract as a PDF (only PDF: it is the document of record)."""
    view = await _view(session, principal, contract_id)
    stored = await file_service.store(
        session, principal, storage, data=data, filename=filename, max_bytes=max_bytes, allowed=PDF
    )
    before = {"document_file_id": view.contract.document_file_id}
    view.contract.document_file_id = stored.id
    await session.flush()
    await audit.record(
        session,
        principal,
        entity_type="contract",
        entity_id=view.contract.id,
        action="document_attached",
        before=before,
        after={"document_file_id": stored.id, "filename": stored.filename},
        scope_id=view.contract.vendor_id,
    )
    return await _view(session, principal, contract_id)


async def gap_report(session: AsyncSession, principal: Principal, contract_id: uuid.UUID) -> gaps.GapReport:
    return (await _view(session, principal, contract_id)).report


async def addendum_draft(
    session: AsyncSession, principal: Principal, contract_id: uuid.UUID, lang: Literal["ja", "en"]
) -> addendum.AddendumInput:
    """What the addendum says: every clause the contract lacks or states more weakly than policy, in the standard
    wording with the policy values filled in, and why it is there."""
    view = await _view(session, principal, contract_id)
    org_policy, _, org = await policy(session, principal.organization_id)
    clauses = []
    for row in view.report.gaps:
        requirement = requirement_by_key(org_policy, row.key)
        wording = library.standard_text(requirement, org_policy) if requirement else None
        clauses.append(
            addendum.AddendumClause(
                title=getattr(row.title, lang),
                wording=getattr(wording, lang) if wording else None,
                reason=" ".join(getattr(reason, lang) for reason in row.reasons),
                status=row.status.value,
            )
        )
    c = view.contract
    return addendum.AddendumInput(
        organization=org.name,
        vendor=view.vendor_name,
        contract_title=c.title,
        contract_number=c.number,
        signed_date=c.signed_date,
        clauses=clauses,
        lang=lang,
    )


# --- the organisation-wide view ---------------------------------------------------------------------------------


@dataclass
class Overview:
    profile: library.Profile
    requirements: list[library.Requirement]  # those that apply to at least one contract, in library order
    views: list[ContractView]
    vendors_without_active_contract: int


async def gap_overview(
    session: AsyncSession, principal: Principal, *, statuses: list[str], vendor_id: uuid.UUID | None
) -> Overview:
    """Which vendors' contracts miss which clauses: the gap analysis of every contract that matches."""
    rows = await repository.all_contracts(session, principal.organization_id, vendor_id=vendor_id, statuses=statuses)
    views = await _views(session, principal, rows)
    org_policy, profile, _ = await policy(session, principal.organization_id)
    applied = {row.key for v in views for row in v.report.rows}
    return Overview(
        profile=profile,
        requirements=[r for r in requirements(org_policy) if r.key in applied],
        views=views,
        vendors_without_active_contract=await repository.vendors_without_active_contract(
            session, principal.organization_id
        ),
    )


# --- for other domains ------------------------------------------------------------------------------------------


async def contract_references(
    session: AsyncSession, organization_id: uuid.UUID, wanted: Iterable[tuple[uuid.UUID, uuid.UUID]]
) -> dict[uuid.UUID, tuple[str, int | None]]:
    """The title and incident-notice hours of vendors' contracts (for incidents, issue 6/7), by contract id, for the
    (contract, vendor) pairs given; a contract that is not that vendor's is left out."""
    vendor_of = dict(wanted)
    rows = [
        c
        for c in await repository.contracts(session, organization_id, list(vendor_of))
        if vendor_of[c.id] == c.vendor_id
    ]
    clauses: dict[uuid.UUID, list[ContractClause]] = {c.id: [] for c in rows}
    for clause in await repository.clauses(session, list(clauses)):
        clauses[clause.contract_id].append(clause)
    return {c.id: (c.title, gaps.incident_notice_hours(_pure_clauses(clauses[c.id]))) for c in rows}


async def contract_reference(
    session: AsyncSession, organization_id: uuid.UUID, contract_id: uuid.UUID, vendor_id: uuid.UUID
) -> tuple[str, int | None] | None:
    """The title and incident-notice hours of one of the vendor's contracts, or None."""
    return (await contract_references(session, organization_id, [(contract_id, vendor_id)])).get(contract_id)


async def only_active_contract(
    session: AsyncSession, organization_id: uuid.UUID, vendor_id: uuid.UUID
) -> uuid.UUID | None:
    """The vendor's active contract when it has exactly one."""
    rows = await repository.all_contracts(
        session, organization_id, vendor_id=vendor_id, statuses=[ContractStatus.active.value]
    )
    return rows[0][0].id if len(rows) == 1 else None


async def active_contracts_by_vendor(
    session: AsyncSession, organization_id: uuid.UUID, vendor_ids: set[uuid.UUID]
) -> dict[uuid.UUID, list[Contract]]:
    """Each vendor's active contracts (monitoring plans their renewals and starts from the earliest)."""
    found: dict[uuid.UUID, list[Contract]] = {v: [] for v in vendor_ids}
    for c in await repository.active_contracts_of(session, organization_id, vendor_ids):
        found[c.vendor_id].append(c)
    return found
