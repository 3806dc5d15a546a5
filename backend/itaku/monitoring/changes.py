"""Change requests: the vendor asks before changing a subcontractor, a location or its measures; staff decide."""

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.audit import service as audit
from itaku.core.errors import (
    Conflict,
    NotFound,
    ensure_version,
    field_problem,
)
from itaku.core.models import utcnow
from itaku.core.pagination import Paged, PageParams
from itaku.identity.principals import Caller, PortalContact, Principal
from itaku.monitoring import repository
from itaku.monitoring.errors import InvalidMonitoring
from itaku.monitoring.models import (
    ChangeKind,
    ChangeRequest,
    ChangeStatus,
)
from itaku.monitoring.policy import context
from itaku.vendors import service as vendor_service
from itaku.vendors import subcontracting as vendor_subcontracting
from itaku.vendors.models import ApprovalStatus
from itaku.vendors.schemas import SubcontractCreate, VendorCreate


class ChangeRequestNotFound(NotFound):
    code = "change_request_not_found"
    message = "No such change request."


class ChangeRequestDecided(Conflict):
    code = "change_request_decided"
    message = "This request has already been decided."


CHANGE_AUDITED = ("kind", "title", "status", "subcontractor_name", "work", "decision_reason", "subcontract_id")


async def request_change(session: AsyncSession, contact: PortalContact, body: Any) -> tuple[ChangeRequest, str]:
    """The vendor asks before it changes its measures or brings in a subcontractor (REGULATION.md §2.4)."""
    vendor = await vendor_service.get_vendor(session, contact, contact.vendor_id)
    row = ChangeRequest(
        organization_id=contact.organization_id,
        vendor_id=vendor.id,
        kind=body.kind.value,
        title=body.title,
        details=body.details,
        planned_date=body.planned_date,
        subcontractor_name=body.subcontractor_name,
        subcontractor_corporate_number=body.subcontractor_corporate_number,
        subcontractor_country=body.subcontractor_country,
        work=body.work,
        data_handled=body.data_handled,
        status=ChangeStatus.pending.value,
        requested_by=contact.actor_label,
        requested_at=utcnow(),
    )
    await repository.add(session, row)
    await audit.record(
        session,
        contact,
        entity_type="change_request",
        entity_id=row.id,
        action="requested",
        after=audit.snapshot(row, CHANGE_AUDITED),
        scope_id=vendor.id,
    )
    return row, vendor.name


async def list_change_requests(
    session: AsyncSession, actor: Caller, params: PageParams, sort: str, **filters: Any
) -> Paged[tuple[ChangeRequest, str]]:
    if isinstance(actor, PortalContact):
        filters["vendor_id"] = actor.vendor_id
    return await repository.list_change_requests(session, actor.organization_id, params, sort, **filters)


async def portal_change_requests(session: AsyncSession, contact: PortalContact) -> list[ChangeRequest]:
    """Everything the contact's company asked to change, newest first."""
    return await repository.all_change_requests_of_vendor(session, contact.organization_id, contact.vendor_id)


async def get_change_request(session: AsyncSession, actor: Caller, request_id: uuid.UUID) -> tuple[ChangeRequest, str]:
    vendor_id = actor.vendor_id if isinstance(actor, PortalContact) else None
    found = await repository.change_request(session, actor.organization_id, request_id, vendor_id=vendor_id)
    if found is None:
        raise ChangeRequestNotFound()
    return found


async def decide_change(
    session: AsyncSession, principal: Principal, request_id: uuid.UUID, body: Any
) -> tuple[ChangeRequest, str]:
    """Approve or refuse; an approved new subcontractor joins the register's tree with the approval date."""
    row, vendor_name = await get_change_request(session, principal, request_id)
    ensure_version(row, body.version)
    if row.status != ChangeStatus.pending.value:
        raise ChangeRequestDecided()
    if body.decision not in (ChangeStatus.approved, ChangeStatus.refused):
        raise InvalidMonitoring([field_problem("decision", msg="approved or refused")])
    if body.decision == ChangeStatus.refused and not (body.reason or "").strip():
        raise InvalidMonitoring([field_problem("reason", msg="say why the change is refused")])
    before = audit.snapshot(row, CHANGE_AUDITED)
    ctx = await context(session, principal.organization_id)
    if body.decision == ChangeStatus.approved and row.kind == ChangeKind.new_subcontractor.value:
        sub_id = body.subcontractor_id or await _subcontractor(session, principal, row)
        link, _ = await vendor_subcontracting.add_subcontract(
            session,
            principal,
            row.vendor_id,
            SubcontractCreate(
                subcontractor_id=sub_id,
                work=row.work or row.title,
                approval_status=ApprovalStatus.approved,
                approval_date=ctx.today,
            ),
        )
        row.subcontract_id = link.id
    row.status = body.decision.value
    row.decision_reason = body.reason
    row.decided_by = principal.actor_label
    row.decided_at = utcnow()
    await session.flush()
    await audit.record(
        session,
        principal,
        entity_type="change_request",
        entity_id=row.id,
        action=row.status,
        before=before,
        after=audit.snapshot(row, CHANGE_AUDITED),
        scope_id=row.vendor_id,
    )
    return row, vendor_name


async def _subcontractor(session: AsyncSession, principal: Principal, row: ChangeRequest) -> uuid.UUID:
    """The register's vendor with the requested corporate number, or a new candidate under the requested name."""
    if row.subcontractor_corporate_number:
        found = await vendor_service.by_corporate_number(session, principal, row.subcontractor_corporate_number)
        if found is not None:
            return found.id
    created = await vendor_service.create_vendor(
        session,
        principal,
        VendorCreate(
            name=row.subcontractor_name or row.title,
            corporate_number=row.subcontractor_corporate_number,
            country=row.subcontractor_country or "JP",
            notes=row.data_handled,
        ),
    )
    return created.id


async def subcontractor_of(session: AsyncSession, link_ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    return await vendor_service.subcontractor_ids(session, link_ids)
