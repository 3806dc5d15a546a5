"""The organisation's monitoring policy (REGULATION.md §2.2 (3), §2.4) and the context every plan is made in:
the policy's values, the organisation's today and the date from which anything is owed."""

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.core.clock import today_in
from itaku.monitoring import schedule
from itaku.monitoring.schedule import Cadence
from itaku.monitoring.schemas import MonitoringPolicyValues
from itaku.organizations import service as organization_service

# Vendors under entrustment are watched; candidates are not yet, terminated ones no more.
MONITORED = ["approved", "active", "suspended"]


def policy_values(stored: dict[str, Any] | None) -> MonitoringPolicyValues:
    return MonitoringPolicyValues.model_validate(stored or {})


def schedule_policy(values: MonitoringPolicyValues) -> schedule.Policy:
    plans = {
        tier: schedule.TierPlan(
            reassessment_months=p.reassessment_months,
            report=p.report,
            audit=Cadence.on_demand if p.audit_months is None else Cadence.yearly,
            audit_months=p.audit_months,
        )
        for tier, p in values.plans.items()
    }
    return schedule.Policy(
        plans=plans,
        report_due_days=values.report_due_days,
        due_soon_days=values.due_soon_days,
        fiscal_year_start_month=values.fiscal_year_start_month,
    )


@dataclass(frozen=True)
class OrgContext:
    organization_id: uuid.UUID
    time_zone: str
    today: date
    values: MonitoringPolicyValues
    policy: schedule.Policy
    since: date  # nothing is owed before this


async def context(session: AsyncSession, organization_id: uuid.UUID, *, today: date | None = None) -> OrgContext:
    org = await organization_service.get(session, organization_id)
    values = policy_values(org.monitoring_policy)
    zone = ZoneInfo(org.time_zone)
    joined = org.created_at.astimezone(zone).date()
    return OrgContext(
        organization_id=org.id,
        time_zone=org.time_zone,
        today=today or today_in(org.time_zone),
        values=values,
        policy=schedule_policy(values),
        since=values.since or joined,
    )
