"""The vendor's subcontracting chain (再委託): links checked for cycles, the tree as staff see it, and the exposure an
incident at one vendor has through the chain."""

import uuid
from collections import defaultdict, deque
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.core.errors import field_problem
from itaku.identity.principals import Principal
from itaku.vendors import repository
from itaku.vendors.errors import DuplicateSubcontract, InvalidReference, SubcontractCycle
from itaku.vendors.models import (
    ApprovalStatus,
    Subcontract,
    Vendor,
)
from itaku.vendors.records import SUBCONTRACT, add_child, list_children, update_child
from itaku.vendors.schemas import (
    SubcontractCreate,
    SubcontractUpdate,
)
from itaku.vendors.service import get_vendor
from itaku.vendors.tiering import data_categories, subtree


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
    _, below = subtree(children, sub.id)
    if sub.id == vendor.id or any(lk.subcontractor_id == vendor.id for lk in below):
        raise SubcontractCycle()
    created: Subcontract = await add_child(session, principal, SUBCONTRACT, vendor, body)
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
    _, chain = subtree(children, vendor.id)
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
