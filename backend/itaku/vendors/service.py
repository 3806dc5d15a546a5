"""The vendor register: vendors, contacts, entrusted processing, subcontracting chains, certifications,
and the inherent-risk tier recomputed from them on every change."""

import uuid
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.audit import service as audit
from itaku.core.clock import today_in
from itaku.core.errors import AppError, Conflict, NotFound, ensure_version, field_problem
from itaku.core.pagination import PageParams
from itaku.core.vocabulary import AccessType, DataCategory
from itaku.files import service as file_service
from itaku.identity.principals import Caller, Principal, ensure_admin
from itaku.organizations import service as organization_service
from itaku.risk.tier import ProcessingFacts, RiskPolicy, VendorFacts, assess
from itaku.users import service as user_service
from itaku.vendors import repository
from itaku.vendors.models import (
    ApprovalStatus,
    Certification,
    ContactRole,
    Processing,
    Subcontract,
    TierChange,
    Vendor,
    VendorContact,
    VendorStatus,
)
from itaku.vendors.schemas import (
    CertificationCreate,
    CertificationUpdate,
    ContactCreate,
    ProcessingCreate,
    RiskPolicyUpdate,
    SubcontractCreate,
    SubcontractUpdate,
    TierOverride,
    VendorCreate,
    VendorUpdate,
)

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


class VendorNotFound(NotFound):
    code = "vendor_not_found"
    message = "No vendor with this id in your organisation."


class ContactNotFound(NotFound):
    code = "contact_not_found"
    message = "No contact with this id for this vendor."


class ProcessingNotFound(NotFound):
    code = "processing_not_found"
    message = "No entrusted processing with this id for this vendor."


class SubcontractNotFound(NotFound):
    code = "subcontract_not_found"
    message = "No subcontracting link with this id for this vendor."


class CertificationNotFound(NotFound):
    code = "certification_not_found"
    message = "No certification with this id for this vendor."


class CorporateNumberTaken(Conflict):
    code = "corporate_number_taken"
    message = "Another vendor of your register already has this corporate number."


class InvalidTransition(Conflict):
    code = "invalid_status_transition"
    message = "The vendor's lifecycle does not allow this status change."


class SubcontractCycle(Conflict):
    code = "subcontract_cycle"
    message = "This link would make the subcontracting chain loop back to a vendor already in it."


class DuplicateSubcontract(Conflict):
    code = "subcontract_exists"
    message = "This vendor already entrusts work to that subcontractor; edit the existing link."


class InvalidReference(AppError):
    status_code = 422
    code = "invalid_reference"
    message = "A referenced record does not exist in your organisation."


class OverrideReasonRequired(AppError):
    status_code = 422
    code = "override_reason_required"
    message = "Say why the tier is overridden; the reason is kept in the vendor's history."


def _apply(row: Any, body: Any, *, skip: Iterable[str] = ()) -> None:
    """Copy a create body whole, or the fields an update body actually sent."""
    sent = body.model_fields_set if "version" in type(body).model_fields else set(type(body).model_fields)
    for field in sent - {"version", *skip}:
        value = getattr(body, field)
        if isinstance(value, list):
            value = [getattr(v, "value", v) for v in value]
        elif value is not None and not isinstance(value, bool | int | date | uuid.UUID | str):
            value = str(value)  # URLs
        setattr(row, field, getattr(value, "value", value))


# --- vendors ----------------------------------------------------------------------------------------------


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
    _apply(vendor, body)
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


async def has_incident_contact(session: AsyncSession, vendor: Vendor) -> bool:
    return await repository.vendor_has_incident_contact(session, vendor.id)


async def list_vendors(
    session: AsyncSession,
    principal: Principal,
    params: PageParams,
    sort: str,
    *,
    time_zone: str | None,
    **filters: Any,
) -> tuple[list[tuple[Vendor, bool]], int]:
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
    _apply(vendor, body, skip=[f for f in not_nullable if getattr(body, f) is None])
    await session.flush()
    if body.model_fields_set & {"handles_confidential_info", "critical_to_continuity", "network_access"}:
        await _recompute(session, principal, {vendor.id})
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


# --- tier computation ---------------------------------------------------------------------------------------


def _subtree(children: dict[uuid.UUID, list[Subcontract]], root: uuid.UUID) -> tuple[int, list[Subcontract]]:
    """Depth of the chain below `root` and every link in it (cycles are refused on insert; guarded anyway)."""
    depth, links, seen = 0, [], {root}
    queue: deque[tuple[uuid.UUID, int]] = deque([(root, 0)])
    while queue:
        node, d = queue.popleft()
        for link in children.get(node, []):
            links.append(link)
            depth = max(depth, d + 1)
            if link.subcontractor_id not in seen:
                seen.add(link.subcontractor_id)
                queue.append((link.subcontractor_id, d + 1))
    return depth, links


def _ancestors(links: list[Subcontract], start: set[uuid.UUID]) -> set[uuid.UUID]:
    parents: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for link in links:
        parents[link.subcontractor_id].append(link.vendor_id)
    found, queue = set(start), deque(start)
    while queue:
        for parent in parents.get(queue.popleft(), []):
            if parent not in found:
                found.add(parent)
                queue.append(parent)
    return found


async def _recompute(
    session: AsyncSession,
    principal: Principal,
    vendor_ids: set[uuid.UUID],
    *,
    include_ancestors: bool = False,
) -> None:
    links = await repository.org_links(session, principal.organization_id)
    if include_ancestors:
        vendor_ids = _ancestors(links, vendor_ids)
    children: dict[uuid.UUID, list[Subcontract]] = defaultdict(list)
    for link in links:
        children[link.vendor_id].append(link)
    vendors = await repository.vendors_by_ids(session, principal.organization_id, vendor_ids)
    processing: dict[uuid.UUID, list[Processing]] = defaultdict(list)
    for p in await repository.processing_of(session, set(vendors)):
        processing[p.vendor_id].append(p)
    policy = await risk_policy(session, principal.organization_id)
    for vendor in vendors.values():
        depth, chain = _subtree(children, vendor.id)
        old_tier = vendor.tier
        assess_into(vendor, processing[vendor.id], depth, chain, policy)
        if vendor.tier != old_tier:
            session.add(
                TierChange(
                    organization_id=vendor.organization_id,
                    vendor_id=vendor.id,
                    from_tier=old_tier,
                    to_tier=vendor.tier,
                    cause="computed",
                    reason=None,
                    actor_label=principal.actor_label,
                )
            )
    await session.flush()


def assess_into(
    vendor: Vendor, processing: list[Processing], depth: int, chain: list[Subcontract], policy: RiskPolicy
) -> None:
    facts = VendorFacts(
        processing=[
            ProcessingFacts(
                frozenset(DataCategory(c) for c in p.data_categories),
                p.persons_estimate,
                AccessType(p.access_type),
                p.leaves_japan,
            )
            for p in processing
        ],
        subcontracting_depth=depth,
        unapproved_subcontractors=sum(1 for link in chain if link.approval_status != ApprovalStatus.approved),
        handles_confidential_info=vendor.handles_confidential_info,
        critical_to_continuity=vendor.critical_to_continuity,
        network_access=vendor.network_access,
    )
    result = assess(facts, policy)
    vendor.computed_tier = result.tier.value
    vendor.tier = vendor.tier_override or result.tier.value
    vendor.tier_score = result.score
    vendor.tier_reasons = [asdict(r) for r in result.reasons]
    vendor.required_star = result.required_star
    categories = sorted({c for p in processing for c in p.data_categories})
    vendor.category_keys = "," + "".join(f"{c}," for c in categories)
    vendor.persons_total = sum(p.persons_estimate for p in processing)


async def risk_policy(session: AsyncSession, organization_id: uuid.UUID) -> RiskPolicy:
    org = await organization_service.get(session, organization_id)
    return RiskPolicy.from_dict(org.risk_policy)


async def get_risk_policy(session: AsyncSession, principal: Principal) -> tuple[RiskPolicy, bool, int]:
    org = await organization_service.get(session, principal.organization_id)
    return RiskPolicy.from_dict(org.risk_policy), org.risk_policy is None, org.version


async def update_risk_policy(
    session: AsyncSession, principal: Principal, body: RiskPolicyUpdate
) -> tuple[RiskPolicy, bool, int, int]:
    """Store the organisation's tier policy and re-tier every vendor with it; returns how many changed."""
    admin = ensure_admin(principal)
    value = body.policy.model_dump(mode="json") if body.policy else None
    org = await organization_service.update_policy(session, admin, "risk_policy", body.version, value)
    ids = await repository.vendor_ids(session, org.id)
    old = await repository.tiers(session, org.id)
    await _recompute(session, principal, ids)
    new = await repository.tiers(session, org.id)
    changed = sum(1 for vid, tier in new.items() if old.get(vid) != tier)
    return RiskPolicy.from_dict(org.risk_policy), org.risk_policy is None, org.version, changed


def data_categories(vendor: Vendor) -> list[str]:
    return [c for c in vendor.category_keys.split(",") if c]


def allowed_transitions(vendor: Vendor) -> list[VendorStatus]:
    return list(TRANSITIONS[VendorStatus(vendor.status)])


# --- records that belong to a vendor: contacts, processing, subcontracting links, certifications ---------------


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
        await _recompute(session, principal, {vendor_id}, include_ancestors=True)


async def _add_child(
    session: AsyncSession, principal: Principal, kind: ChildKind, vendor: Vendor, body: Any, **preset: Any
) -> Any:
    row = kind.model(organization_id=vendor.organization_id, vendor_id=vendor.id, **preset)
    _apply(row, body, skip=preset)
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
    _apply(row, body, skip=[f for f in kind.keep_when_null if getattr(body, f) is None])
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
    contact: VendorContact = await _add_child(session, principal, CONTACT, vendor, body)
    return contact


async def add_processing(
    session: AsyncSession, principal: Principal, vendor_id: uuid.UUID, body: ProcessingCreate
) -> Processing:
    vendor = await get_vendor(session, principal, vendor_id)
    # Data stored outside Japan leaves it unless the caller says otherwise (guideline 10-7).
    leaves = body.leaves_japan if body.leaves_japan is not None else body.storage_country != "JP"
    row: Processing = await _add_child(session, principal, PROCESSING, vendor, body, leaves_japan=leaves)
    return row


async def add_certification(
    session: AsyncSession, principal: Principal, vendor_id: uuid.UUID, body: CertificationCreate
) -> Certification:
    vendor = await get_vendor(session, principal, vendor_id)
    await _check_file(session, principal, body.evidence_file_id)
    cert: Certification = await _add_child(session, principal, CERTIFICATION, vendor, body)
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


# --- subcontractors ------------------------------------------------------------------------------------------


async def list_subcontracts(
    session: AsyncSession, principal: Principal, vendor_id: uuid.UUID
) -> list[tuple[Subcontract, Vendor]]:
    links: list[Subcontract] = await list_children(session, principal, SUBCONTRACT, vendor_id)
    names = await repository.vendors_by_ids(session, principal.organization_id, {lk.subcontractor_id for lk in links})
    return [(link, names[link.subcontractor_id]) for link in links]


async def add_subcontract(
    session: AsyncSession, principal: Principal, vendor_id: uuid.UUID, body: SubcontractCreate
) -> tuple[Subcontract, Vendor]:
    vendor = await get_vendor(session, principal, vendor_id)
    sub = await repository.get_vendor(session, principal.organization_id, body.subcontractor_id)
    if sub is None:
        raise InvalidReference(
            [field_problem("subcontractor_id", msg="not a vendor of your register", kind="invalid_reference")]
        )
    links = await repository.org_links(session, principal.organization_id)
    if any(lk.vendor_id == vendor.id and lk.subcontractor_id == sub.id for lk in links):
        raise DuplicateSubcontract()
    children: dict[uuid.UUID, list[Subcontract]] = defaultdict(list)
    for link in links:
        children[link.vendor_id].append(link)
    _, below = _subtree(children, sub.id)
    if sub.id == vendor.id or any(lk.subcontractor_id == vendor.id for lk in below):
        raise SubcontractCycle()
    created: Subcontract = await _add_child(session, principal, SUBCONTRACT, vendor, body)
    return created, sub


async def update_subcontract(
    session: AsyncSession, principal: Principal, vendor_id: uuid.UUID, link_id: uuid.UUID, body: SubcontractUpdate
) -> tuple[Subcontract, Vendor]:
    link: Subcontract = await update_child(session, principal, SUBCONTRACT, vendor_id, link_id, body)
    return link, await get_vendor(session, principal, link.subcontractor_id)


async def subcontract_tree(session: AsyncSession, principal: Principal, vendor_id: uuid.UUID) -> list[dict[str, Any]]:
    """The chain below a vendor as nested nodes, flagging My Number data passed on without approval."""
    vendor = await get_vendor(session, principal, vendor_id)
    links = await repository.org_links(session, principal.organization_id)
    children: dict[uuid.UUID, list[Subcontract]] = defaultdict(list)
    for link in links:
        children[link.vendor_id].append(link)
    _, chain = _subtree(children, vendor.id)
    vendors = await repository.vendors_by_ids(session, principal.organization_id, {lk.subcontractor_id for lk in chain})
    my_number = "my_number" in data_categories(vendor)

    def build(node: uuid.UUID, depth: int, path: frozenset[uuid.UUID]) -> list[dict[str, Any]]:
        out = []
        for link in children.get(node, []):
            sub = vendors.get(link.subcontractor_id)
            if sub is None or link.subcontractor_id in path:
                continue
            out.append(
                {
                    "link_id": link.id,
                    "vendor_id": sub.id,
                    "name": sub.name,
                    "tier": sub.tier,
                    "work": link.work,
                    "approval_status": link.approval_status,
                    "approval_date": link.approval_date,
                    "depth": depth,
                    # 番号法10条: every tier of re-entrustment of My Number data needs the principal's permission.
                    "my_number_unapproved": my_number and link.approval_status != ApprovalStatus.approved.value,
                    "children": build(sub.id, depth + 1, path | {sub.id}),
                }
            )
        return out

    return build(vendor.id, 1, frozenset({vendor.id}))


async def exposure(session: AsyncSession, principal: Principal, vendor_id: uuid.UUID) -> list[dict[str, Any]]:
    """Which of our vendors depend on this one, directly or through the chain (who is exposed if it fails)."""
    vendor = await get_vendor(session, principal, vendor_id)
    links = await repository.org_links(session, principal.organization_id)
    parents: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for link in links:
        parents[link.subcontractor_id].append(link.vendor_id)
    paths: dict[uuid.UUID, list[uuid.UUID]] = {}
    queue: deque[tuple[uuid.UUID, list[uuid.UUID]]] = deque([(vendor.id, [vendor.id])])
    while queue:
        node, path = queue.popleft()
        for parent in parents.get(node, []):
            if parent not in paths and parent != vendor.id:
                paths[parent] = [parent, *path]
                queue.append((parent, [parent, *path]))
    vendors = await repository.vendors_by_ids(session, principal.organization_id, {*paths, vendor.id})
    return sorted(
        (
            {
                "vendor_id": vid,
                "name": vendors[vid].name,
                "tier": vendors[vid].tier,
                "depth": len(path) - 1,
                "path": [vendors[p].name for p in path],
            }
            for vid, path in paths.items()
            if vid in vendors
        ),
        key=lambda e: (e["depth"], e["name"]),
    )


# --- certifications ------------------------------------------------------------------------------------------


def certification_state(cert: Certification, today: date) -> str:
    if cert.expiry_date is None:
        return "no_expiry"
    if cert.expiry_date < today:
        return "expired"
    if (cert.expiry_date - today).days <= repository.EXPIRING_DAYS:
        return "expiring"
    return "valid"


# --- for monitoring (issue 7/7) ---------------------------------------------------------------------------------


async def vendors_of(session: AsyncSession, organization_id: uuid.UUID, ids: set[uuid.UUID]) -> dict[uuid.UUID, Vendor]:
    return await repository.vendors_by_ids(session, organization_id, ids)


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
