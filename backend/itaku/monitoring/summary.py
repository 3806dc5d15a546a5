"""A vendor's monitoring at a glance: what is open on its calendar, its reports, audits and change requests."""

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.core.pagination import PageParams
from itaku.core.vocabulary import Tier
from itaku.identity.principals import Principal
from itaku.monitoring import repository
from itaku.monitoring.audits import AuditView, audit_views
from itaku.monitoring.calendar import ItemView, item_view
from itaku.monitoring.policy import context
from itaku.monitoring.reports import ReportView
from itaku.monitoring.schedule import Stage
from itaku.monitoring.schemas import TierPlanValues
from itaku.vendors import service as vendor_service

# The at-a-glance shows the oldest overdue items up to this many; its stage counts give the whole number.
OVERDUE_SHOWN = 50


@dataclass(frozen=True)
class VendorSummary:
    vendor_id: uuid.UUID
    tier: str
    plan: TierPlanValues
    counts: dict[Stage, int]
    next_item: ItemView | None
    overdue: list[ItemView]
    pending_change_requests: int
    last_report: ReportView | None
    last_audit: AuditView | None


async def vendor_summary(session: AsyncSession, principal: Principal, vendor_id: uuid.UUID) -> VendorSummary:
    vendor = await vendor_service.get_vendor(session, principal, vendor_id)
    ctx = await context(session, principal.organization_id)
    counts = await repository.stage_counts(session, ctx.organization_id, vendor.id, ctx.today, ctx.values.due_soon_days)
    upcoming = (
        await repository.list_items(
            session,
            ctx.organization_id,
            PageParams(page=1, size=1),
            "due_date",
            today=ctx.today,
            due_soon_days=ctx.values.due_soon_days,
            vendor_id=vendor.id,
            stages=[Stage.due, Stage.due_soon, Stage.scheduled],
        )
    ).rows
    late = (
        await repository.list_items(
            session,
            ctx.organization_id,
            PageParams(page=1, size=OVERDUE_SHOWN),
            "due_date",
            today=ctx.today,
            due_soon_days=ctx.values.due_soon_days,
            vendor_id=vendor.id,
            stages=[Stage.overdue],
        )
    ).rows
    last_report = await repository.last_report(session, vendor.id)
    last_audit = await repository.last_audit(session, vendor.id)
    return VendorSummary(
        vendor_id=vendor.id,
        tier=vendor.tier,
        plan=ctx.values.plans[Tier(vendor.tier)],
        counts=counts,
        next_item=item_view(ctx, upcoming[0]) if upcoming else None,
        overdue=[item_view(ctx, r) for r in late],
        pending_change_requests=await repository.pending_change_requests(session, vendor.id),
        last_report=ReportView(last_report[0], last_report[1], vendor.name, {}) if last_report else None,
        last_audit=(await audit_views(session, [(last_audit, vendor.name)]))[0] if last_audit else None,
    )
