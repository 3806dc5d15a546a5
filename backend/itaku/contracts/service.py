"""Entrustment contracts, the clauses they contain, the organisation's contract policy, and the gap analysis of
each contract against the clause library (clauses.py, gaps.py: pure)."""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.audit import service as audit
from itaku.auth.principals import Principal, ensure_admin
from itaku.contracts import addendum, gaps, repository
from itaku.contracts import clauses as library
from itaku.contracts.models import Contract, ContractClause, ContractStatus
from itaku.contracts.schemas import ClauseInput, ContractCreate, ContractPolicyUpdate, ContractUpdate
from itaku.core.errors import AppError, NotFound, StaleVersion
from itaku.core.models import utcnow
from itaku.core.pagination import PageParams
from itaku.core.storage import Storage
from itaku.files import service as file_service
from itaku.organizations import service as organization_service
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


class InvalidClause(AppError):
    status_code = 422
    code = "invalid_clause"
    message = "A clause names no known requirement, or states a value that does not fit it."


@dataclass
class ContractView:
    contract: Contract
    vendor_name: str
    clauses: list[ContractClause]
    covers_my_number: bool
    today: date  # in the organisation's time zone

    @property
    def incident_notice_hours(self) -> int | None:
        return gaps.incident_notice_hours(_pure_clauses(self.clauses))

    @property
    def notice_date(self) -> date | None:
        """The last day to give notice (renew, renegotiate or end) before the contract runs out."""
        c = self.contract
        return c.end_date - timedelta(days=c.notice_period_days or 0) if c.end_date else None

    @property
    def renewal_due(self) -> bool:
        """An active contract inside its notice period, or past its end: someone must decide now."""
        notice = self.notice_date
        return self.contract.status == ContractStatus.active.value and notice is not None and self.today >= notice


def _pure_clauses(rows: list[ContractClause]) -> list[gaps.ContractClause]:
    return [gaps.ContractClause(r.requirement_key, dict(r.values or {}), r.article or r.excerpt) for r in rows]


# --- policy -------------------------------------------------------------------------------------------------


def policy_from(stored: dict[str, Any] | None) -> library.Policy:
    values = stored or {}
    return library.Policy(
        max_incident_notice_hours=int(values.get("max_incident_notice_hours", 24)),
        min_audit_frequency_per_year=int(values.get("min_audit_frequency_per_year", 1)),
        min_report_frequency_per_year=int(values.get("min_report_frequency_per_year", 1)),
        required_keys=frozenset(values.get("required_keys", [])),
    )


async def policy(session: AsyncSession, organization_id: uuid.UUID) -> tuple[library.Policy, library.Profile, Any]:
    org = await organization_service.get(session, organization_id)
    return policy_from(org.contract_policy), library.Profile(org.jurisdiction), org


async def update_policy(session: AsyncSession, principal: Principal, body: ContractPolicyUpdate) -> Any:
    admin = ensure_admin(principal)
    org = await organization_service.get(session, admin.organization_id, lock=True)
    if org.version != body.version:
        raise StaleVersion()
    if body.policy is not None:
        unknown = sorted(set(body.policy.required_keys) - set(library.BUILTIN_BY_KEY))
        if unknown:
            raise InvalidClause(
                [{"loc": ["body", "policy", "required_keys"], "msg": f"unknown clauses {unknown}", "type": "invalid"}]
            )
    before = {"contract_policy": org.contract_policy}
    org.contract_policy = body.policy.model_dump(mode="json") if body.policy else None
    await session.flush()
    await audit.record(
        session,
        admin,
        entity_type="organization",
        entity_id=org.id,
        action="contract_policy_updated",
        before=before,
        after={"contract_policy": org.contract_policy},
    )
    return org


def active_contract_vendor_ids(organization_id: uuid.UUID) -> Any:
    """A select of the vendors with an active contract (for the register's filter)."""
    return repository.active_contract_vendor_ids(organization_id)


def requirements() -> tuple[library.Requirement, ...]:
    return library.BUILTIN


# --- contracts ----------------------------------------------------------------------------------------------


def _clause_rows(principal: Principal, contract_id: uuid.UUID, given: list[ClauseInput]) -> list[ContractClause]:
    rows, problems = [], []
    for i, c in enumerate(given):
        requirement = library.BUILTIN_BY_KEY.get(c.requirement_key)
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
) -> bool:
    """The covered processing must be the vendor's own; returns whether any of it includes My Number data."""
    own = {
        p.id: p for p in await vendor_service.list_children(session, principal, vendor_service.PROCESSING, vendor_id)
    }
    foreign = [str(i) for i in ids if i not in own]
    if foreign:
        raise vendor_service.InvalidReference(
            [{"loc": ["body", "processing_ids"], "msg": "not processing of this vendor", "type": "invalid_reference"}]
        )
    return any("my_number" in own[i].data_categories for i in ids)


async def _today(session: AsyncSession, principal: Principal) -> date:
    org = await organization_service.get(session, principal.organization_id)
    return vendor_service.today_in(org.time_zone)


async def _view(session: AsyncSession, principal: Principal, contract_id: uuid.UUID) -> ContractView:
    row = await repository.contract(session, principal.organization_id, contract_id)
    if row is None:
        raise ContractNotFound()
    contract, vendor_name = row
    ids = [uuid.UUID(i) for i in contract.processing_ids or []]
    processing = await vendor_service.list_children(session, principal, vendor_service.PROCESSING, contract.vendor_id)
    my_number = any("my_number" in p.data_categories for p in processing if p.id in ids)
    today = await _today(session, principal)
    return ContractView(contract, vendor_name, await repository.clauses(session, [contract.id]), my_number, today)


async def get_contract(session: AsyncSession, principal: Principal, contract_id: uuid.UUID) -> ContractView:
    return await _view(session, principal, contract_id)


async def list_contracts(
    session: AsyncSession, principal: Principal, params: PageParams, sort: str, **filters: Any
) -> tuple[list[ContractView], int]:
    rows, total = await repository.list_contracts(session, principal.organization_id, params, sort, **filters)
    today = await _today(session, principal)
    by_contract: dict[uuid.UUID, list[ContractClause]] = {}
    for c in await repository.clauses(session, [r[0].id for r in rows]):
        by_contract.setdefault(c.contract_id, []).append(c)
    # covers_my_number needs each vendor's processing; the list shows it per contract, so read it per vendor once.
    categories: dict[uuid.UUID, dict[uuid.UUID, list[str]]] = {}
    views = []
    for contract, vendor_name in rows:
        if contract.vendor_id not in categories:
            children = await vendor_service.list_children(
                session, principal, vendor_service.PROCESSING, contract.vendor_id
            )
            categories[contract.vendor_id] = {p.id: p.data_categories for p in children}
        cats = categories[contract.vendor_id]
        my_number = any("my_number" in cats.get(uuid.UUID(i), []) for i in contract.processing_ids or [])
        views.append(ContractView(contract, vendor_name, by_contract.get(contract.id, []), my_number, today))
    return views, total


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
    await repository.add(session, contract)
    await repository.add(session, *_clause_rows(principal, contract.id, body.clauses))
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
    if contract.version != body.version:
        raise StaleVersion()
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
    if body.clauses is not None:
        await repository.replace_clauses(session, contract.id, _clause_rows(principal, contract.id, body.clauses))
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
    view = await _view(session, principal, contract_id)
    org_policy, profile, _ = await policy(session, principal.organization_id)
    return gaps.analyse(requirements(), _pure_clauses(view.clauses), org_policy, profile, view.covers_my_number)


async def addendum_draft(
    session: AsyncSession, principal: Principal, contract_id: uuid.UUID, lang: Literal["ja", "en"]
) -> addendum.AddendumInput:
    """What the addendum says: every clause the contract lacks or states more weakly than policy, in the standard
    wording with the policy values filled in, and why it is there."""
    view = await _view(session, principal, contract_id)
    org_policy, profile, org = await policy(session, principal.organization_id)
    report = gaps.analyse(requirements(), _pure_clauses(view.clauses), org_policy, profile, view.covers_my_number)
    clauses = []
    for row in report.gaps:
        requirement = library.BUILTIN_BY_KEY.get(row.key)
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
