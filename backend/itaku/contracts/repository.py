"""Every query of the contracts domain, scoped by organisation."""

import uuid
from datetime import date
from typing import Any

from sqlalchemy import and_, delete, func, not_, select
from sqlalchemy.ext.asyncio import AsyncSession

from itaku.contracts.models import Contract, ContractClause, ContractStatus, OrganizationRequirement
from itaku.core.pagination import Paged, PageParams, order_by, paginate
from itaku.vendors.models import Processing, Vendor

SORT: dict[str, Any] = {
    "title": Contract.title,
    "end_date": Contract.end_date,
    "notice_date": Contract.notice_date,
    "updated_at": Contract.updated_at,
}


def active_contract_vendor_ids(organization_id: uuid.UUID) -> Any:
    return select(Contract.vendor_id).where(
        Contract.organization_id == organization_id, Contract.status == ContractStatus.active.value
    )


async def add(session: AsyncSession, *rows: Any) -> None:
    session.add_all(rows)
    await session.flush()


async def list_contracts(
    session: AsyncSession,
    organization_id: uuid.UUID,
    params: PageParams,
    sort: str,
    *,
    vendor_id: uuid.UUID | None = None,
    statuses: list[str] | None = None,
    renewal_due_on: date | None = None,
    renewal_due: bool | None = None,
) -> Paged[Any]:
    where = _where(organization_id, vendor_id, statuses)
    if renewal_due is not None and renewal_due_on is not None:
        due = and_(Contract.status == ContractStatus.active.value, Contract.notice_date <= renewal_due_on)
        where.append(due if renewal_due else not_(func.coalesce(due, False)))
    stmt = (
        select(Contract, Vendor.name)
        .join(Vendor, Vendor.id == Contract.vendor_id)
        .where(*where)
        .order_by(*order_by(sort, SORT, Contract.id))
    )
    return await paginate(session, stmt, params, count_from=select(Contract.id).where(*where))


def _where(organization_id: uuid.UUID, vendor_id: uuid.UUID | None, statuses: list[str] | None) -> list[Any]:
    where: list[Any] = [Contract.organization_id == organization_id]
    if vendor_id:
        where.append(Contract.vendor_id == vendor_id)
    if statuses:
        where.append(Contract.status.in_(statuses))
    return where


async def all_contracts(
    session: AsyncSession, organization_id: uuid.UUID, *, vendor_id: uuid.UUID | None, statuses: list[str] | None
) -> list[Any]:
    """Every contract that matches, with its vendor's name, by vendor then title (the organisation-wide view)."""
    stmt = (
        select(Contract, Vendor.name)
        .join(Vendor, Vendor.id == Contract.vendor_id)
        .where(*_where(organization_id, vendor_id, statuses))
        .order_by(Vendor.name, Contract.title, Contract.id)
    )
    return [tuple(r) for r in (await session.execute(stmt)).all()]


async def processing_categories(
    session: AsyncSession, organization_id: uuid.UUID, vendor_ids: set[uuid.UUID]
) -> dict[uuid.UUID, list[str]]:
    """The data categories of each processing of the given vendors, in one query."""
    if not vendor_ids:
        return {}
    stmt = select(Processing.id, Processing.data_categories).where(
        Processing.organization_id == organization_id, Processing.vendor_id.in_(vendor_ids)
    )
    return {pid: list(categories or []) for pid, categories in (await session.execute(stmt)).all()}


async def vendors_without_active_contract(session: AsyncSession, organization_id: uuid.UUID) -> int:
    """Vendors entrusted with personal data (any processing) and no active contract (as the register's filter)."""
    stmt = select(func.count()).where(
        Vendor.organization_id == organization_id,
        Vendor.category_keys != ",",
        Vendor.id.not_in(active_contract_vendor_ids(organization_id)),
    )
    return int(await session.scalar(stmt) or 0)


async def contract(session: AsyncSession, organization_id: uuid.UUID, contract_id: uuid.UUID) -> Any:
    stmt = (
        select(Contract, Vendor.name)
        .join(Vendor, Vendor.id == Contract.vendor_id)
        .where(Contract.organization_id == organization_id, Contract.id == contract_id)
    )
    row = (await session.execute(stmt)).one_or_none()
    return tuple(row) if row else None


async def contracts(session: AsyncSession, organization_id: uuid.UUID, contract_ids: list[uuid.UUID]) -> list[Contract]:
    if not contract_ids:
        return []
    stmt = select(Contract).where(Contract.organization_id == organization_id, Contract.id.in_(contract_ids))
    return list((await session.scalars(stmt)).all())


async def clauses(session: AsyncSession, contract_ids: list[uuid.UUID]) -> list[ContractClause]:
    if not contract_ids:
        return []
    stmt = (
        select(ContractClause)
        .where(ContractClause.contract_id.in_(contract_ids))
        .order_by(ContractClause.contract_id, ContractClause.created_at, ContractClause.id)
    )
    return list((await session.scalars(stmt)).all())


async def replace_clauses(session: AsyncSession, contract_id: uuid.UUID, rows: list[ContractClause]) -> None:
    await session.execute(delete(ContractClause).where(ContractClause.contract_id == contract_id))
    session.add_all(rows)
    await session.flush()


# --- the organisation's own requirements -------------------------------------------------------------------------


async def organization_requirements(session: AsyncSession, organization_id: uuid.UUID) -> list[OrganizationRequirement]:
    stmt = (
        select(OrganizationRequirement)
        .where(OrganizationRequirement.organization_id == organization_id)
        .order_by(OrganizationRequirement.created_at, OrganizationRequirement.id)
    )
    return list((await session.scalars(stmt)).all())


async def organization_requirement(
    session: AsyncSession, organization_id: uuid.UUID, requirement_id: uuid.UUID, *, lock: bool = False
) -> OrganizationRequirement | None:
    stmt = select(OrganizationRequirement).where(
        OrganizationRequirement.organization_id == organization_id, OrganizationRequirement.id == requirement_id
    )
    if lock:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).one_or_none()


async def contracts_stating(session: AsyncSession, organization_id: uuid.UUID, key: str) -> int:
    """How many contracts have a clause that names the requirement."""
    stmt = select(func.count(func.distinct(ContractClause.contract_id))).where(
        ContractClause.organization_id == organization_id, ContractClause.requirement_key == key
    )
    return int(await session.scalar(stmt) or 0)


async def active_contracts_of(
    session: AsyncSession, organization_id: uuid.UUID, vendor_ids: set[uuid.UUID]
) -> list[Contract]:
    if not vendor_ids:
        return []
    stmt = select(Contract).where(
        Contract.organization_id == organization_id,
        Contract.vendor_id.in_(vendor_ids),
        Contract.status == ContractStatus.active.value,
    )
    return list((await session.scalars(stmt.order_by(Contract.id))).all())
