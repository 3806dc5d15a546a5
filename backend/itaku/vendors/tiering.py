"""The vendor's tier: computed from its processing, data and subcontracting chain under the organisation's risk
policy (risk.tier decides), recomputed whenever one of them changes, and overridden by staff with a reason."""

import uuid
from collections import defaultdict, deque
from dataclasses import asdict

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.core.vocabulary import AccessType, DataCategory
from itaku.identity.principals import Principal, ensure_admin
from itaku.organizations import service as organization_service
from itaku.risk.tier import ProcessingFacts, RiskPolicy, VendorFacts, assess
from itaku.vendors import repository
from itaku.vendors.models import (
    ApprovalStatus,
    Processing,
    Subcontract,
    TierChange,
    Vendor,
)
from itaku.vendors.schemas import (
    RiskPolicyUpdate,
)


def subtree(children: dict[uuid.UUID, list[Subcontract]], root: uuid.UUID) -> tuple[int, list[Subcontract]]:
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


async def retier(
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
        depth, chain = subtree(children, vendor.id)
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
    await retier(session, principal, ids)
    new = await repository.tiers(session, org.id)
    changed = sum(1 for vid, tier in new.items() if old.get(vid) != tier)
    return RiskPolicy.from_dict(org.risk_policy), org.risk_policy is None, org.version, changed


def data_categories(vendor: Vendor) -> list[str]:
    return [c for c in vendor.category_keys.split(",") if c]
