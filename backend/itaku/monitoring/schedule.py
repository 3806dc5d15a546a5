"""The review calendar: what each vendor owes when, from its tier and the organisation's policy — pure.

APPI Art. 25 and PPC guideline 3-4-4 make "knowing how the vendor handles the data" the third element of
supervision (REGULATION.md §2.2 (3)): periodic audits against the contract, regular reports from the vendor and a
fresh look at the vendor from time to time. The law gives no numbers, so the cadences are the organisation's policy,
scaled by tier; the defaults below are Itaku's. Re-entrustment is watched through change requests (§2.4), not here.

Every planned item has a stable key, so planning again (a tier change, a new certification, a report accepted)
keeps what was done and replaces only what is still open.
"""

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from itaku.core.clock import add_months
from itaku.core.vocabulary import Tier


class Cadence(StrEnum):
    monthly = "monthly"
    quarterly = "quarterly"
    half_yearly = "half_yearly"
    yearly = "yearly"
    on_demand = "on_demand"


MONTHS: dict[Cadence, int] = {Cadence.monthly: 1, Cadence.quarterly: 3, Cadence.half_yearly: 6, Cadence.yearly: 12}


class ItemKind(StrEnum):
    reassessment = "reassessment"  # a fresh assessment before the last one lapses (issue 4/7)
    vendor_report = "vendor_report"  # the vendor's periodic report on how it handled the data
    audit = "audit"  # documents, on-site, remote or third-party diagnosis
    certification_renewal = "certification_renewal"  # ISMS / Privacy Mark expiry
    contract_renewal = "contract_renewal"  # decide to renew or end by the contract's notice date


class Stage(StrEnum):
    scheduled = "scheduled"  # further off than the due-soon window
    due_soon = "due_soon"  # due within the window (14 days by default)
    due = "due"  # open for doing: a report's period has ended, or the due date is today
    overdue = "overdue"  # past its due date and not done
    done = "done"


@dataclass(frozen=True)
class TierPlan:
    reassessment_months: int
    report: Cadence
    audit: Cadence  # yearly, every two years (`audit_months`), or on demand
    audit_months: int | None  # None: on demand, nothing is scheduled


DEFAULT_PLANS: dict[Tier, TierPlan] = {
    Tier.critical: TierPlan(12, Cadence.monthly, Cadence.yearly, 12),
    Tier.high: TierPlan(12, Cadence.quarterly, Cadence.yearly, 24),
    Tier.medium: TierPlan(24, Cadence.half_yearly, Cadence.on_demand, None),
    Tier.low: TierPlan(36, Cadence.yearly, Cadence.on_demand, None),
}


@dataclass(frozen=True)
class Policy:
    plans: dict[Tier, TierPlan] = field(default_factory=lambda: dict(DEFAULT_PLANS))
    report_due_days: int = 10  # a period's report is due this many days after the period ends
    due_soon_days: int = 14
    fiscal_year_start_month: int = 4  # periods follow the Japanese fiscal year (April) unless set otherwise
    horizon_days: int = 400  # how far ahead items are planned (a year's worth, and the next yearly item)


@dataclass(frozen=True)
class Certification:
    id: str
    name: str
    expiry_date: date


@dataclass(frozen=True)
class ContractDates:
    id: str
    title: str
    decide_by: date  # the notice date (or the end date when no notice period is stated)


@dataclass(frozen=True)
class VendorFacts:
    tier: Tier
    since: date  # nothing is owed for periods before this (the service decides it: policy, contract, first planning)
    assessment_valid_until: date | None = None  # of the last accepted assessment
    assessment_accepted_on: date | None = None  # when it was accepted (a tier change moves the next one from here)
    last_audit_date: date | None = None  # of the last completed audit
    certifications: tuple[Certification, ...] = ()
    contracts: tuple[ContractDates, ...] = ()


@dataclass(frozen=True)
class PlannedItem:
    kind: ItemKind
    key: str  # stable per vendor: planning again finds the same item
    due_date: date
    opens_on: date  # from this day the item can be done (a report: the day after its period)
    period_start: date | None = None
    period_end: date | None = None
    subject_id: str | None = None  # the certification or contract it is about
    subject_label: str | None = None


def stage(due_date: date, opens_on: date, done: bool, today: date, due_soon_days: int = 14) -> Stage:
    if done:
        return Stage.done
    if today > due_date:
        return Stage.overdue
    if today >= opens_on:
        return Stage.due
    if (due_date - today).days <= due_soon_days:
        return Stage.due_soon
    return Stage.scheduled


def period_containing(day: date, cadence: Cadence, fiscal_start_month: int = 4) -> tuple[date, date]:
    """The reporting period a day falls in; quarters, halves and years are counted from the fiscal year's start."""
    months = MONTHS[cadence]
    offset = (day.month - fiscal_start_month) % 12
    start = add_months(date(day.year, day.month, 1), -(offset % months))
    return start, add_months(start, months) - timedelta(days=1)


def report_items(facts: VendorFacts, plan: TierPlan, policy: Policy, today: date) -> list[PlannedItem]:
    """One report per period from the one monitoring starts in, as far ahead as the horizon reaches."""
    if plan.report == Cadence.on_demand:
        return []
    start, end = period_containing(facts.since, plan.report, policy.fiscal_year_start_month)
    until = today + timedelta(days=policy.horizon_days)
    return list(_reports_from(start, end, plan.report, policy.report_due_days, until))


@functools.lru_cache(maxsize=4096)
def _reports_from(start: date, end: date, cadence: Cadence, due_days: int, until: date) -> tuple[PlannedItem, ...]:
    """The reports from one period to the horizon: the same for every vendor whose monitoring started in that period,
    so a whole register's calendar computes each run of periods once."""
    items: list[PlannedItem] = []
    while True:
        due = end + timedelta(days=due_days)
        if due > until:
            return tuple(items)
        items.append(
            PlannedItem(
                kind=ItemKind.vendor_report,
                key=f"vendor_report:{cadence.value}:{start.isoformat()}",
                due_date=due,
                opens_on=end + timedelta(days=1),
                period_start=start,
                period_end=end,
            )
        )
        start = end + timedelta(days=1)
        end = add_months(start, MONTHS[cadence]) - timedelta(days=1)


def plan(facts: VendorFacts, policy: Policy, today: date) -> list[PlannedItem]:
    """Everything a vendor owes from `facts.since` to the horizon, in due-date order."""
    tier_plan = policy.plans[facts.tier]
    items = report_items(facts, tier_plan, policy, today)

    # The next reassessment: before the last accepted one lapses, or one cycle after monitoring started.
    # Keys name what the date follows from, so the item after a completed one is never mistaken for it.
    if facts.assessment_valid_until:
        # Before the last result lapses, and no later than the tier's cycle from its acceptance (a vendor raised to
        # critical is looked at again within 12 months even if its last result was given for 36).
        reassess = facts.assessment_valid_until
        if facts.assessment_accepted_on:
            reassess = min(reassess, add_months(facts.assessment_accepted_on, tier_plan.reassessment_months))
        key = f"reassessment:until:{reassess.isoformat()}"
    else:
        reassess = add_months(facts.since, tier_plan.reassessment_months)
        key = f"reassessment:first:{reassess.isoformat()}"
    items.append(PlannedItem(ItemKind.reassessment, key, reassess, reassess))

    # The next audit, one cycle after the last (or after monitoring started); on demand plans none.
    if tier_plan.audit_months is not None:
        base = facts.last_audit_date or facts.since
        audit = add_months(base, tier_plan.audit_months)
        after = f"after:{facts.last_audit_date.isoformat()}" if facts.last_audit_date else "first"
        items.append(PlannedItem(ItemKind.audit, f"audit:{after}:{audit.isoformat()}", audit, audit))

    for c in facts.certifications:
        items.append(
            PlannedItem(
                ItemKind.certification_renewal,
                f"certification_renewal:{c.id}:{c.expiry_date.isoformat()}",
                c.expiry_date,
                c.expiry_date,
                subject_id=c.id,
                subject_label=c.name,
            )
        )
    for k in facts.contracts:
        items.append(
            PlannedItem(
                ItemKind.contract_renewal,
                f"contract_renewal:{k.id}:{k.decide_by.isoformat()}",
                k.decide_by,
                k.decide_by,
                subject_id=k.id,
                subject_label=k.title,
            )
        )
    return sorted(items, key=lambda i: (i.due_date, i.kind.value, i.key))


def horizon_reaches_new_reports(policy: Policy, planned_until: date | None, until: date) -> bool:
    """Whether moving the horizon from `planned_until` to `until` brings a report into it that was not planned:
    every period of every cadence ends at a month's end, so a report comes due `report_due_days` after one. Nothing
    else a plan holds depends on the day it is made, so on the other days the daily run has nothing to add."""
    if planned_until is None:
        return True
    first = planned_until - timedelta(days=policy.report_due_days)
    month = add_months(date(first.year, first.month, 1), -1)
    while True:
        month_end = add_months(month, 1) - timedelta(days=1)
        due = month_end + timedelta(days=policy.report_due_days)
        if due > until:
            return False
        if due > planned_until:
            return True
        month = add_months(month, 1)


@dataclass(frozen=True)
class Replan:
    add: list[PlannedItem]
    drop: list[str]  # keys of open items no longer planned (a tier change, a renewed certificate)


def replan(planned: Iterable[PlannedItem], existing_open: Iterable[str], existing_done: Iterable[str]) -> Replan:
    """What to add and what to drop so the stored items match the plan; what was done is never touched."""
    wanted = {i.key: i for i in planned}
    open_keys, done_keys = set(existing_open), set(existing_done)
    return Replan(
        add=[i for k, i in wanted.items() if k not in open_keys and k not in done_keys],
        drop=sorted(open_keys - set(wanted)),
    )
