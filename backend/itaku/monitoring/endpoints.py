import uuid
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query

from itaku.auth.dependencies import Reader, SessionDep
from itaku.core.errors import Forbidden, NotAuthenticated, StaleVersion, error_responses
from itaku.core.pagination import PageParams, page_params
from itaku.core.schemas import Page
from itaku.monitoring import service
from itaku.monitoring.schedule import ItemKind, Stage
from itaku.monitoring.schemas import (
    MonitoringCounts,
    MonitoringItemRead,
    MonitoringPolicyRead,
    MonitoringPolicyUpdate,
    VendorMonitoringRead,
)
from itaku.organizations import service as organization_service
from itaku.risk.tier import Tier
from itaku.vendors import service as vendor_service

COMMON = error_responses(NotAuthenticated, Forbidden)
items_router = APIRouter(prefix="/monitoring-items", tags=["monitoring"], responses=COMMON)
policy_router = APIRouter(prefix="/monitoring-policy", tags=["monitoring"], responses=COMMON)
summary_router = APIRouter(prefix="/vendors", tags=["monitoring"], responses=COMMON)
ItemSort = Literal["due_date", "-due_date", "vendor", "-vendor"]


def item_read(v: service.ItemView) -> MonitoringItemRead:
    i = v.item
    return MonitoringItemRead(
        id=i.id,
        vendor_id=i.vendor_id,
        vendor_name=v.vendor_name,
        vendor_tier=Tier(v.vendor_tier),
        kind=ItemKind(i.kind),
        title=v.title,
        due_date=i.due_date,
        opens_on=i.opens_on,
        period_start=i.period_start,
        period_end=i.period_end,
        subject_id=i.subject_id,
        stage=v.stage,
        days_left=v.days_left,
        done_at=i.done_at,
        done_by=i.done_by,
        done_note=i.done_note,
        done_ref_id=i.done_ref_id,
        report_id=v.report_id,
        audit_id=v.audit_id,
    )


@items_router.get("", response_model=Page[MonitoringItemRead])
async def list_monitoring_items(
    session: SessionDep,
    principal: Reader,
    params: Annotated[PageParams, Depends(page_params)],
    sort: ItemSort = "due_date",
    vendor_id: uuid.UUID | None = None,
    kind: Annotated[list[ItemKind] | None, Query()] = None,
    stage: Annotated[list[Stage] | None, Query(description="overdue, due, due_soon, scheduled, done")] = None,
    due_from: date | None = None,
    due_to: date | None = None,
) -> Page[MonitoringItemRead]:
    """The review calendar: what vendors owe and when, with each item's stage as of today (the overdue list is
    `stage=overdue`; a month of the calendar is `due_from` and `due_to`)."""
    views, total = await service.list_items(
        session,
        principal,
        params,
        sort,
        vendor_id=vendor_id,
        kinds=[k.value for k in kind] if kind else None,
        stages=stage,
        due_from=due_from,
        due_to=due_to,
    )
    return Page(items=[item_read(v) for v in views], total=total, page=params.page, size=params.size)


@items_router.get(
    "/{item_id}", response_model=MonitoringItemRead, responses=error_responses(service.MonitoringItemNotFound)
)
async def get_monitoring_item(item_id: uuid.UUID, session: SessionDep, principal: Reader) -> MonitoringItemRead:
    """One item of the review calendar."""
    return item_read(await service.get_item(session, principal, item_id))


def policy_read(org: Any) -> MonitoringPolicyRead:
    values = service.policy_values(org.monitoring_policy)
    return MonitoringPolicyRead(**values.model_dump(), is_default=org.monitoring_policy is None, version=org.version)


@policy_router.get("", response_model=MonitoringPolicyRead)
async def get_monitoring_policy(session: SessionDep, principal: Reader) -> MonitoringPolicyRead:
    """How often each tier is reassessed, reports and is audited, when reports fall due, and from when."""
    return policy_read(await organization_service.get(session, principal.organization_id))


@policy_router.put("", response_model=MonitoringPolicyRead, responses=error_responses(StaleVersion))
async def update_monitoring_policy(
    body: MonitoringPolicyUpdate, session: SessionDep, principal: Reader
) -> MonitoringPolicyRead:
    """Set the monitoring policy (administrators); every vendor's calendar is planned again at once."""
    return policy_read(await service.update_policy(session, principal, body))


@summary_router.get(
    "/{vendor_id}/monitoring",
    response_model=VendorMonitoringRead,
    responses=error_responses(vendor_service.VendorNotFound),
)
async def get_vendor_monitoring(vendor_id: uuid.UUID, session: SessionDep, principal: Reader) -> VendorMonitoringRead:
    """A vendor's monitoring at a glance: its plan, counts by stage, the next item, what is overdue."""
    s = await service.vendor_summary(session, principal, vendor_id)
    return VendorMonitoringRead(
        vendor_id=s.vendor_id,
        tier=Tier(s.tier),
        plan=s.plan,
        counts=MonitoringCounts(**{k.value: n for k, n in s.counts.items()}),
        next_item=item_read(s.next_item) if s.next_item else None,
        overdue=[item_read(v) for v in s.overdue],
        last_report=None,
        last_audit=None,
        pending_change_requests=s.pending_change_requests,
    )
