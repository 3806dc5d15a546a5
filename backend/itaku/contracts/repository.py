"""Every query of the contracts domain, scoped by organisation."""

import uuid
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from itaku.contracts.models import Contract, ContractClause, ContractStatus
from itaku.core.pagination import PageParams, order_by
from itaku.vendors.models import Vendor

SORT: dict[str, Any] = {"title": Contract.title, "end_date": Contract.end_date, "updated_at": Contract.updated_at}


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
) -> tuple[list[Any], int]:
    where: list[Any] = [Contract.organization_id == organization_id]
    if vendor_id:
        where.append(Contract.vendor_id == vendor_id)
    if statuses:
        where.append(Contract.status.in_(statuses))
    total = await session.scalar(select(func.count()).select_from(Contract).where(*where))
    stmt = (
        select(Contract, Vendor.name)
        .join(Vendor, Vendor.id == Contract.vendor_id)
        .where(*where)
        .order_by(*order_by(sort, SORT, Contract.id))
        .limit(params.size)
        .offset(params.offset)
    )
    return [tuple(r) for r in (await session.execute(stmt)).all()], int(total or 0)


async def contract(session: AsyncSession, organization_id: uuid.UUID, contract_id: uuid.UUID) -> Any:
    stmt = (
        select(Contract, Vendor.name)
        .join(Vendor, Vendor.id == Contract.vendor_id)
        .where(Contract.organization_id == organization_id, Contract.id == contract_id)
    )
    row = (await session.execute(stmt)).one_or_none()
    return tuple(row) if row else None


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
