import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, delete, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from itaku.core.pagination import Keyset, Paged, PageParams, paginate
from itaku.vendors import search
from itaku.vendors.models import (
    Certification,
    ContactRole,
    Processing,
    Subcontract,
    TierChange,
    Vendor,
    VendorContact,
)

EXPIRING_DAYS = 90
SORT_COLUMNS: dict[str, Any] = {
    "name": Vendor.name,
    "updated_at": Vendor.updated_at,
    "tier": Vendor.tier_rank,
    "persons_total": Vendor.persons_total,
}


async def get_vendor(session: AsyncSession, organization_id: uuid.UUID, vendor_id: uuid.UUID) -> Vendor | None:
    stmt = select(Vendor).where(Vendor.organization_id == organization_id, Vendor.id == vendor_id)
    return (await session.scalars(stmt)).one_or_none()


async def vendors_by_ids(
    session: AsyncSession, organization_id: uuid.UUID, ids: set[uuid.UUID]
) -> dict[uuid.UUID, Vendor]:
    if not ids:
        return {}
    stmt = select(Vendor).where(Vendor.organization_id == organization_id, Vendor.id.in_(ids))
    return {v.id: v for v in (await session.scalars(stmt)).all()}


async def by_corporate_number(session: AsyncSession, organization_id: uuid.UUID, number: str) -> Vendor | None:
    stmt = select(Vendor).where(Vendor.organization_id == organization_id, Vendor.corporate_number == number)
    return (await session.scalars(stmt)).one_or_none()


async def list_vendors(
    session: AsyncSession,
    organization_id: uuid.UUID,
    params: PageParams,
    sort: str,
    *,
    today: date | None,
    q: str | None = None,
    tiers: list[str] | None = None,
    statuses: list[str] | None = None,
    data_category: str | None = None,
    certification: str | None = None,
    owner_user_id: uuid.UUID | None = None,
    missing_incident_contact: bool | None = None,
    handles_personal_data: bool | None = None,
    among: list[Any] | None = None,
    not_among: list[Any] | None = None,
) -> Paged[Vendor]:
    """`among` / `not_among`: selects of vendor ids (from other domains) the vendor must / must not be in."""
    stmt: Select[Any] = select(Vendor).where(Vendor.organization_id == organization_id)
    if q and (terms := search.terms(q)):
        dialect = session.get_bind().dialect.name
        stmt = stmt.where(search.condition(dialect, terms, Vendor.search_text, Vendor.id))
    if tiers:
        stmt = stmt.where(Vendor.tier.in_(tiers))
    if statuses:
        stmt = stmt.where(Vendor.status.in_(statuses))
    if data_category:
        stmt = stmt.where(Vendor.category_keys.like(f"%,{data_category},%"))
    if owner_user_id:
        stmt = stmt.where(Vendor.owner_user_id == owner_user_id)
    if missing_incident_contact is not None:
        stmt = stmt.where(Vendor.has_incident_contact.is_(not missing_incident_contact))
    if certification and today:
        stmt = stmt.where(certification_filter(certification, today))
    if handles_personal_data is not None:
        # category_keys lists the data categories of every entrusted processing; "," means none.
        stmt = stmt.where(Vendor.category_keys != "," if handles_personal_data else Vendor.category_keys == ",")
    for ids in among or []:
        stmt = stmt.where(Vendor.id.in_(ids))
    for ids in not_among or []:
        stmt = stmt.where(Vendor.id.not_in(ids))
    return await paginate(session, stmt, params, keyset=Keyset(sort, SORT_COLUMNS, Vendor.id))


def certification_filter(state: str, today: date) -> Any:
    cert = Certification
    soon = today + timedelta(days=EXPIRING_DAYS)
    of_vendor = cert.vendor_id == Vendor.id
    if state == "expired":
        return exists().where(of_vendor, cert.expiry_date < today)
    if state == "expiring":
        return exists().where(of_vendor, cert.expiry_date >= today, cert.expiry_date <= soon)
    if state == "valid":
        return exists().where(of_vendor, or_(cert.expiry_date.is_(None), cert.expiry_date > soon))
    return ~exists().where(of_vendor)  # "none"


async def refresh_incident_contact(session: AsyncSession, vendor: Vendor) -> None:
    """Sets the vendor's incident-contact flag from its contacts, as the row's state rather than an edit of the vendor
    (no new version, no update time)."""
    of_vendor = exists().where(
        VendorContact.vendor_id == vendor.id, VendorContact.role == ContactRole.incident_contact.value
    )
    found = bool(await session.scalar(select(of_vendor)))
    if found != vendor.has_incident_contact:
        stmt = (
            update(Vendor)
            .where(Vendor.id == vendor.id)
            .values(has_incident_contact=found, updated_at=Vendor.updated_at)
            .execution_options(synchronize_session=False)
        )
        await session.execute(stmt)
        set_committed_value(vendor, "has_incident_contact", found)


async def add(session: AsyncSession, *rows: Any) -> None:
    session.add_all(rows)
    await session.flush()


async def remove(session: AsyncSession, row: Any) -> None:
    await session.delete(row)
    await session.flush()


async def children_of(session: AsyncSession, model: Any, vendor_id: uuid.UUID) -> list[Any]:
    stmt = select(model).where(model.vendor_id == vendor_id).order_by(model.created_at, model.id)
    return list((await session.scalars(stmt)).all())


async def child(
    session: AsyncSession, model: Any, organization_id: uuid.UUID, vendor_id: uuid.UUID, child_id: uuid.UUID
) -> Any:
    stmt = select(model).where(
        model.organization_id == organization_id, model.vendor_id == vendor_id, model.id == child_id
    )
    return (await session.scalars(stmt)).one_or_none()


async def org_links(session: AsyncSession, organization_id: uuid.UUID) -> list[Subcontract]:
    """Every subcontracting link of the organisation: the graph is small next to the vendors themselves."""
    stmt = select(Subcontract).where(Subcontract.organization_id == organization_id)
    return list((await session.scalars(stmt)).all())


async def tier_changes(session: AsyncSession, vendor_id: uuid.UUID) -> list[TierChange]:
    stmt = select(TierChange).where(TierChange.vendor_id == vendor_id).order_by(TierChange.at.desc(), TierChange.id)
    return list((await session.scalars(stmt)).all())


async def processing_of(session: AsyncSession, vendor_ids: set[uuid.UUID]) -> list[Processing]:
    if not vendor_ids:
        return []
    return list((await session.scalars(select(Processing).where(Processing.vendor_id.in_(vendor_ids)))).all())


async def delete_links_touching(session: AsyncSession, vendor_id: uuid.UUID) -> None:
    await session.execute(
        delete(Subcontract).where(or_(Subcontract.vendor_id == vendor_id, Subcontract.subcontractor_id == vendor_id))
    )


async def vendor_ids(session: AsyncSession, organization_id: uuid.UUID) -> set[uuid.UUID]:
    return set((await session.scalars(select(Vendor.id).where(Vendor.organization_id == organization_id))).all())


async def tiers(session: AsyncSession, organization_id: uuid.UUID) -> dict[uuid.UUID, str]:
    rows = await session.execute(select(Vendor.id, Vendor.tier).where(Vendor.organization_id == organization_id))
    return {r.id: r.tier for r in rows}


async def certifications_of(session: AsyncSession, vendor_ids: set[uuid.UUID]) -> list[Certification]:
    if not vendor_ids:
        return []
    stmt = select(Certification).where(Certification.vendor_id.in_(vendor_ids)).order_by(Certification.id)
    return list((await session.scalars(stmt)).all())


async def planning_states(
    session: AsyncSession, organization_id: uuid.UUID, ids: list[uuid.UUID], *, id_range: bool
) -> dict[uuid.UUID, tuple[str, str]]:
    """Each vendor's tier and status, all the calendar needs of the row; `id_range`: the ids are a slice of the
    organisation's vendors in id order, read as one range of the primary key."""
    if not ids:
        return {}
    stmt = select(Vendor.id, Vendor.tier, Vendor.status).where(Vendor.organization_id == organization_id)
    stmt = stmt.where(Vendor.id.between(min(ids), max(ids)) if id_range else Vendor.id.in_(ids))
    return {r.id: (r.tier, r.status) for r in (await session.execute(stmt)).all()}


async def vendor_ids_with_status(
    session: AsyncSession, organization_id: uuid.UUID, statuses: list[str]
) -> list[uuid.UUID]:
    stmt = select(Vendor.id).where(Vendor.organization_id == organization_id, Vendor.status.in_(statuses))
    return list((await session.scalars(stmt.order_by(Vendor.id))).all())


async def subcontractor_ids(session: AsyncSession, link_ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    if not link_ids:
        return {}
    stmt = select(Subcontract.id, Subcontract.subcontractor_id).where(Subcontract.id.in_(link_ids))
    return {r[0]: r[1] for r in (await session.execute(stmt)).all()}


async def contacts_of(session: AsyncSession, vendor_ids: set[uuid.UUID]) -> list[VendorContact]:
    if not vendor_ids:
        return []
    stmt = select(VendorContact).where(VendorContact.vendor_id.in_(vendor_ids), VendorContact.email.is_not(None))
    return list((await session.scalars(stmt.order_by(VendorContact.created_at, VendorContact.id))).all())


async def contacts_with_email(session: AsyncSession, email: str) -> list[VendorContact]:
    """Every contact with this address, in any organisation: the address itself is the scope."""
    stmt = (
        select(VendorContact)
        .where(func.lower(VendorContact.email) == email.strip().lower())
        .order_by(VendorContact.created_at, VendorContact.id)
    )
    return list((await session.scalars(stmt)).all())
