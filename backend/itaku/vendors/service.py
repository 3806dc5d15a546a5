"""The vendor register: creating, reading, listing and changing vendors, their status and owner.

The records that belong to a vendor are in records.py (contacts, processing, certifications), its subcontracting
chain in subcontracting.py, its tier in tiering.py."""

import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.audit import service as audit
from itaku.core.clock import today_in
from itaku.core.errors import ensure_version, field_problem
from itaku.core.pagination import Paged, PageParams
from itaku.identity.principals import Caller, Principal
from itaku.users import service as user_service
from itaku.vendors import repository
from itaku.vendors.errors import (
    CorporateNumberTaken,
    InvalidReference,
    InvalidTransition,
    OverrideReasonRequired,
    VendorNotFound,
)
from itaku.vendors.models import (
    Certification,
    ContactRole,
    TierChange,
    Vendor,
    VendorContact,
    VendorStatus,
)
from itaku.vendors.schemas import (
    TierOverride,
    VendorCreate,
    VendorUpdate,
)
from itaku.vendors.tiering import assess_into, retier, risk_policy

S = VendorStatus
TRANSITIONS: dict[VendorStatus, tuple[VendorStatus, ...]] = {
    S.candidate: (S.under_review, S.terminated),
    S.under_review: (S.approved, S.candidate, S.terminated),
    S.approved: (S.active, S.terminated),
    S.active: (S.suspended, S.terminated),
    S.suspended: (S.active, S.terminated),
    S.terminated: (),
}
VENDOR_AUDITED = (
    "name",
    "name_kana",
    "corporate_number",
    "address",
    "country",
    "website",
    "status",
    "owner_user_id",
    "notes",
    "handles_confidential_info",
    "critical_to_continuity",
    "network_access",
    "tier",
    "tier_override",
    "tier_override_reason",
)
CONTACT_AUDITED = ("name", "email", "phone", "role", "notes")
PROCESSING_AUDITED = (
    "service",
    "data_categories",
    "persons_estimate",
    "access_type",
    "storage_country",
    "storage_type",
    "cloud_provider",
    "retention",
    "leaves_japan",
    "foreign_regime_notes",
)
SUBCONTRACT_AUDITED = ("subcontractor_id", "work", "approval_status", "approval_date")
CERTIFICATION_AUDITED = ("kind", "name", "number", "scope", "issued_date", "expiry_date", "evidence_file_id")


def apply_fields(row: Any, body: Any, *, skip: Iterable[str] = ()) -> None:
    """Copy a create body whole, or the fields an update body actually sent."""
    sent = body.model_fields_set if "version" in type(body).model_fields else set(type(body).model_fields)
    for field in sent - {"version", *skip}:
        value = getattr(body, field)
        if isinstance(value, list):
            value = [getattr(v, "value", v) for v in value]
        elif value is not None and not isinstance(value, bool | int | date | uuid.UUID | str):
            value = str(value)  # URLs
        setattr(row, field, getattr(value, "value", value))


async def _check_owner(session: AsyncSession, principal: Principal, owner_user_id: uuid.UUID | None) -> None:
    if owner_user_id is None:
        return
    try:
        await user_service.get_member(session, principal, owner_user_id)
    except user_service.MemberNotFound:
        raise InvalidReference(
            [field_problem("owner_user_id", msg="not a member of your organisation", kind="invalid_reference")]
        ) from None


async def _check_corporate_number(
    session: AsyncSession, principal: Principal, number: str | None, vendor_id: uuid.UUID | None = None
) -> None:
    if number:
        other = await repository.by_corporate_number(session, principal.organization_id, number)
        if other is not None and other.id != vendor_id:
            raise CorporateNumberTaken()


async def create_vendor(session: AsyncSession, principal: Principal, body: VendorCreate) -> Vendor:
    await _check_owner(session, principal, body.owner_user_id)
    await _check_corporate_number(session, principal, body.corporate_number)
    vendor = Vendor(organization_id=principal.organization_id, tier_override=None)
    apply_fields(vendor, body)
    # A new vendor has no processing or subcontractors yet.
    assess_into(vendor, [], 0, [], await risk_policy(session, principal.organization_id))
    await repository.add(session, vendor)
    session.add(
        TierChange(
            organization_id=vendor.organization_id,
            vendor_id=vendor.id,
            from_tier=None,
            to_tier=vendor.tier,
            cause="computed",
            reason=None,
            actor_label=principal.actor_label,
        )
    )
    await audit.record(
        session,
        principal,
        entity_type="vendor",
        entity_id=vendor.id,
        action="created",
        after=audit.snapshot(vendor, VENDOR_AUDITED),
    )
    return vendor


async def get_vendor(session: AsyncSession, principal: Caller, vendor_id: uuid.UUID) -> Vendor:
    vendor = await repository.get_vendor(session, principal.organization_id, vendor_id)
    if vendor is None:
        raise VendorNotFound()
    return vendor


async def list_vendors(
    session: AsyncSession,
    principal: Principal,
    params: PageParams,
    sort: str,
    *,
    time_zone: str | None,
    **filters: Any,
) -> Paged[Vendor]:
    today = today_in(time_zone) if time_zone else None
    return await repository.list_vendors(session, principal.organization_id, params, sort, today=today, **filters)


async def update_vendor(
    session: AsyncSession, principal: Principal, vendor_id: uuid.UUID, body: VendorUpdate
) -> Vendor:
    vendor = await get_vendor(session, principal, vendor_id)
    ensure_version(vendor, body.version)
    if "owner_user_id" in body.model_fields_set:
        await _check_owner(session, principal, body.owner_user_id)
    if "corporate_number" in body.model_fields_set:
        await _check_corporate_number(session, principal, body.corporate_number, vendor.id)
    if body.status is not None and body.status.value != vendor.status:
        if body.status not in TRANSITIONS[VendorStatus(vendor.status)]:
            allowed = ", ".join(s.value for s in TRANSITIONS[VendorStatus(vendor.status)]) or "none"
            raise InvalidTransition(f"A vendor in status {vendor.status} can move to: {allowed}.")
    before = audit.snapshot(vendor, VENDOR_AUDITED)
    not_nullable = (
        "name",
        "country",
        "status",
        "handles_confidential_info",
        "critical_to_continuity",
        "network_access",
    )  # a null for these means "leave as is"
    apply_fields(vendor, body, skip=[f for f in not_nullable if getattr(body, f) is None])
    await session.flush()
    if body.model_fields_set & {"handles_confidential_info", "critical_to_continuity", "network_access"}:
        await retier(session, principal, {vendor.id})
    await audit.record(
        session,
        principal,
        entity_type="vendor",
        entity_id=vendor.id,
        action="updated",
        before=before,
        after=audit.snapshot(vendor, VENDOR_AUDITED),
    )
    return vendor


async def override_tier(
    session: AsyncSession, principal: Principal, vendor_id: uuid.UUID, body: TierOverride
) -> Vendor:
    vendor = await get_vendor(session, principal, vendor_id)
    ensure_version(vendor, body.version)
    if body.tier is not None and not (body.reason and body.reason.strip()):
        raise OverrideReasonRequired(
            [field_problem("reason", msg="required when setting an override", kind="invalid_reference")]
        )
    before = audit.snapshot(vendor, VENDOR_AUDITED)
    old_tier = vendor.tier
    vendor.tier_override = body.tier.value if body.tier else None
    vendor.tier_override_reason = body.reason.strip() if body.tier and body.reason else None
    vendor.tier = vendor.tier_override or vendor.computed_tier
    session.add(
        TierChange(
            organization_id=vendor.organization_id,
            vendor_id=vendor.id,
            from_tier=old_tier,
            to_tier=vendor.tier,
            cause="override_set" if body.tier else "override_removed",
            reason=vendor.tier_override_reason,
            actor_label=principal.actor_label,
        )
    )
    await session.flush()
    await audit.record(
        session,
        principal,
        entity_type="vendor",
        entity_id=vendor.id,
        action="tier_overridden",
        before=before,
        after=audit.snapshot(vendor, VENDOR_AUDITED),
    )
    return vendor


async def tier_history(session: AsyncSession, principal: Principal, vendor_id: uuid.UUID) -> list[TierChange]:
    vendor = await get_vendor(session, principal, vendor_id)
    return await repository.tier_changes(session, vendor.id)


def allowed_transitions(vendor: Vendor) -> list[VendorStatus]:
    return list(TRANSITIONS[VendorStatus(vendor.status)])


async def planning_states(
    session: AsyncSession, organization_id: uuid.UUID, ids: list[uuid.UUID], *, id_range: bool = False
) -> dict[uuid.UUID, tuple[str, str]]:
    """(tier, status) of each vendor found, for the review calendar."""
    return await repository.planning_states(session, organization_id, ids, id_range=id_range)


async def vendor_ids_in(session: AsyncSession, organization_id: uuid.UUID, statuses: list[str]) -> list[uuid.UUID]:
    return await repository.vendor_ids_with_status(session, organization_id, statuses)


async def certifications_by_vendor(
    session: AsyncSession, vendor_ids: set[uuid.UUID]
) -> dict[uuid.UUID, list[Certification]]:
    found: dict[uuid.UUID, list[Certification]] = {v: [] for v in vendor_ids}
    for c in await repository.certifications_of(session, vendor_ids):
        found[c.vendor_id].append(c)
    return found


async def by_corporate_number(session: AsyncSession, principal: Principal, number: str) -> Vendor | None:
    return await repository.by_corporate_number(session, principal.organization_id, number)


async def subcontractor_ids(session: AsyncSession, link_ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    """The subcontractor of each subcontracting link (a change request shows where its approval landed)."""
    return await repository.subcontractor_ids(session, link_ids)


async def report_contacts(session: AsyncSession, vendor_ids: set[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    """Whom at each vendor to remind of what the vendor owes: its security officers and account managers, or
    anyone with an address when it has neither."""
    found: dict[uuid.UUID, list[VendorContact]] = {v: [] for v in vendor_ids}
    for c in await repository.contacts_of(session, vendor_ids):
        found[c.vendor_id].append(c)
    preferred = {ContactRole.security_officer.value, ContactRole.account_manager.value}
    return {
        v: [c.email for c in (chosen or contacts) if c.email]
        for v, contacts in found.items()
        for chosen in [[c for c in contacts if c.role in preferred]]
    }
