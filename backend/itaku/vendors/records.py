"""Records that belong to a vendor: contacts, processing (what it does with which data), certifications, and the
subcontracting links as rows; each change is audited in the vendor's history and re-tiers it."""

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.audit import service as audit
from itaku.core.errors import NotFound, ensure_version, field_problem
from itaku.files import service as file_service
from itaku.identity.principals import Principal
from itaku.vendors import repository
from itaku.vendors.errors import (
    CertificationNotFound,
    ContactNotFound,
    InvalidReference,
    ProcessingNotFound,
    SubcontractNotFound,
)
from itaku.vendors.models import (
    Certification,
    Processing,
    Subcontract,
    Vendor,
    VendorContact,
)
from itaku.vendors.schemas import (
    CertificationCreate,
    CertificationUpdate,
    ContactCreate,
    ProcessingCreate,
)
from itaku.vendors.service import (
    CERTIFICATION_AUDITED,
    CONTACT_AUDITED,
    PROCESSING_AUDITED,
    SUBCONTRACT_AUDITED,
    apply_fields,
    get_vendor,
)
from itaku.vendors.tiering import retier


@dataclass(frozen=True)
class ChildKind:
    model: type[Any]
    entity_type: str
    audited: tuple[str, ...]
    not_found: type[NotFound]
    # Fields a PATCH may send as null to mean "leave as is" (they cannot be null themselves).
    keep_when_null: tuple[str, ...] = ()
    # A change re-tiers the vendor and every vendor above it.
    retiers: bool = False


CONTACT = ChildKind(VendorContact, "vendor_contact", CONTACT_AUDITED, ContactNotFound, ("name", "role"))
PROCESSING = ChildKind(
    Processing,
    "vendor_processing",
    PROCESSING_AUDITED,
    ProcessingNotFound,
    (
        "service",
        "data_categories",
        "persons_estimate",
        "access_type",
        "storage_country",
        "storage_type",
        "leaves_japan",
    ),
    retiers=True,
)
SUBCONTRACT = ChildKind(
    Subcontract,
    "vendor_subcontract",
    SUBCONTRACT_AUDITED,
    SubcontractNotFound,
    ("work", "approval_status"),
    retiers=True,
)
CERTIFICATION = ChildKind(
    Certification, "vendor_certification", CERTIFICATION_AUDITED, CertificationNotFound, ("kind",)
)


async def list_children(
    session: AsyncSession, principal: Principal, kind: ChildKind, vendor_id: uuid.UUID
) -> list[Any]:
    vendor = await get_vendor(session, principal, vendor_id)
    return await repository.children_of(session, kind.model, vendor.id)


async def _child(
    session: AsyncSession, principal: Principal, kind: ChildKind, vendor_id: uuid.UUID, child_id: uuid.UUID
) -> Any:
    row = await repository.child(session, kind.model, principal.organization_id, vendor_id, child_id)
    if row is None:
        raise kind.not_found()
    return row


async def _changed(session: AsyncSession, principal: Principal, kind: ChildKind, vendor_id: uuid.UUID) -> None:
    if kind.retiers:
        await retier(session, principal, {vendor_id}, include_ancestors=True)
    if kind is CONTACT:
        await repository.refresh_incident_contact(session, await get_vendor(session, principal, vendor_id))


async def add_child(
    session: AsyncSession, principal: Principal, kind: ChildKind, vendor: Vendor, body: Any, **preset: Any
) -> Any:
    row = kind.model(organization_id=vendor.organization_id, vendor_id=vendor.id, **preset)
    apply_fields(row, body, skip=preset)
    await repository.add(session, row)
    await audit.record(
        session,
        principal,
        entity_type=kind.entity_type,
        entity_id=row.id,
        action="created",
        after={"vendor_id": vendor.id, **audit.snapshot(row, kind.audited)},
        scope_id=vendor.id,
    )
    await _changed(session, principal, kind, vendor.id)
    return row


async def update_child(
    session: AsyncSession, principal: Principal, kind: ChildKind, vendor_id: uuid.UUID, child_id: uuid.UUID, body: Any
) -> Any:
    row = await _child(session, principal, kind, vendor_id, child_id)
    ensure_version(row, body.version)
    before = audit.snapshot(row, kind.audited)
    apply_fields(row, body, skip=[f for f in kind.keep_when_null if getattr(body, f) is None])
    await session.flush()
    await audit.record(
        session,
        principal,
        entity_type=kind.entity_type,
        entity_id=row.id,
        action="updated",
        before=before,
        after=audit.snapshot(row, kind.audited),
        scope_id=vendor_id,
    )
    await _changed(session, principal, kind, vendor_id)
    return row


async def delete_child(
    session: AsyncSession, principal: Principal, kind: ChildKind, vendor_id: uuid.UUID, child_id: uuid.UUID
) -> None:
    row = await _child(session, principal, kind, vendor_id, child_id)
    before = audit.snapshot(row, kind.audited)
    await repository.remove(session, row)
    await audit.record(
        session,
        principal,
        entity_type=kind.entity_type,
        entity_id=child_id,
        action="deleted",
        before=before,
        scope_id=vendor_id,
    )
    await _changed(session, principal, kind, vendor_id)


async def get_contact(
    session: AsyncSession, principal: Principal, vendor_id: uuid.UUID, contact_id: uuid.UUID
) -> VendorContact:
    contact: VendorContact = await _child(session, principal, CONTACT, vendor_id, contact_id)
    return contact


async def contacts_with_email(session: AsyncSession, email: str) -> list[VendorContact]:
    """The contacts with this address in every organisation — for a contact who asks for a link by mail; whatever is
    found is only mailed to that address, never shown."""
    return await repository.contacts_with_email(session, email)


async def add_contact(
    session: AsyncSession, principal: Principal, vendor_id: uuid.UUID, body: ContactCreate
) -> VendorContact:
    vendor = await get_vendor(session, principal, vendor_id)
    contact: VendorContact = await add_child(session, principal, CONTACT, vendor, body)
    return contact


async def add_processing(
    session: AsyncSession, principal: Principal, vendor_id: uuid.UUID, body: ProcessingCreate
) -> Processing:
    vendor = await get_vendor(session, principal, vendor_id)
    # Data stored outside Japan leaves it unless the caller says otherwise (guideline 10-7).
    leaves = body.leaves_japan if body.leaves_japan is not None else body.storage_country != "JP"
    row: Processing = await add_child(session, principal, PROCESSING, vendor, body, leaves_japan=leaves)
    return row


async def add_certification(
    session: AsyncSession, principal: Principal, vendor_id: uuid.UUID, body: CertificationCreate
) -> Certification:
    vendor = await get_vendor(session, principal, vendor_id)
    await _check_file(session, principal, body.evidence_file_id)
    cert: Certification = await add_child(session, principal, CERTIFICATION, vendor, body)
    return cert


async def update_certification(
    session: AsyncSession, principal: Principal, vendor_id: uuid.UUID, cert_id: uuid.UUID, body: CertificationUpdate
) -> Certification:
    if "evidence_file_id" in body.model_fields_set:
        await _check_file(session, principal, body.evidence_file_id)
    cert: Certification = await update_child(session, principal, CERTIFICATION, vendor_id, cert_id, body)
    return cert


async def _check_file(session: AsyncSession, principal: Principal, file_id: uuid.UUID | None) -> None:
    if file_id is not None:
        try:
            await file_service.get(session, principal, file_id)
        except file_service.FileNotFound:
            raise InvalidReference(
                [field_problem("evidence_file_id", msg="no such uploaded file", kind="invalid_reference")]
            ) from None


def certification_state(cert: Certification, today: date) -> str:
    if cert.expiry_date is None:
        return "no_expiry"
    if cert.expiry_date < today:
        return "expired"
    if (cert.expiry_date - today).days <= repository.EXPIRING_DAYS:
        return "expiring"
    return "valid"
