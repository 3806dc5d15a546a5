"""The review calendar (issue 7/7): cadences per tier from the issue's defaults, reporting periods on the fiscal
year, the stages of an item, and replanning on a tier change (REGULATION.md §2.2 (3): monitoring is the third
element of supervision; the numbers are policy)."""

from datetime import date
from itertools import pairwise

import pytest

from itaku.core.vocabulary import Tier
from itaku.monitoring.schedule import (
    DEFAULT_PLANS,
    Cadence,
    Certification,
    ContractDates,
    ItemKind,
    Policy,
    Stage,
    VendorFacts,
    horizon_reaches_new_reports,
    period_containing,
    plan,
    replan,
    stage,
)

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("tier", "reassess_months", "report", "audit_months"),
    [
        # issue 7/7, defaults: critical — reassessment every 12 months, report monthly, audit yearly
        (Tier.critical, 12, Cadence.monthly, 12),
        # high — 12 months, quarterly, every 2 years
        (Tier.high, 12, Cadence.quarterly, 24),
        # medium — 24 months, half-yearly, on demand
        (Tier.medium, 24, Cadence.half_yearly, None),
        # low — 36 months, yearly, on demand
        (Tier.low, 36, Cadence.yearly, None),
    ],
)
def test_default_cadences_per_tier(tier: Tier, reassess_months: int, report: Cadence, audit_months: int | None) -> None:
    p = DEFAULT_PLANS[tier]
    assert (p.reassessment_months, p.report, p.audit_months) == (reassess_months, report, audit_months)


@pytest.mark.parametrize(
    ("day", "cadence", "fiscal_start", "expected"),
    [
        (date(2026, 2, 14), Cadence.monthly, 4, (date(2026, 2, 1), date(2026, 2, 28))),
        (date(2028, 2, 29), Cadence.monthly, 4, (date(2028, 2, 1), date(2028, 2, 29))),  # leap year
        (date(2026, 5, 15), Cadence.quarterly, 4, (date(2026, 4, 1), date(2026, 6, 30))),  # Q1 of FY2026
        (date(2026, 2, 10), Cadence.quarterly, 4, (date(2026, 1, 1), date(2026, 3, 31))),  # Q4 of FY2025
        (date(2026, 11, 26), Cadence.half_yearly, 4, (date(2026, 10, 1), date(2027, 3, 31))),
        (date(2026, 3, 31), Cadence.yearly, 4, (date(2025, 4, 1), date(2026, 3, 31))),  # last day of FY2025
        (date(2026, 4, 1), Cadence.yearly, 4, (date(2026, 4, 1), date(2027, 3, 31))),
        (date(2026, 11, 26), Cadence.yearly, 1, (date(2026, 1, 1), date(2026, 12, 31))),  # calendar-year policy
        (date(2026, 11, 26), Cadence.quarterly, 1, (date(2026, 10, 1), date(2026, 12, 31))),
    ],
)
def test_reporting_periods_follow_the_fiscal_year(
    day: date, cadence: Cadence, fiscal_start: int, expected: tuple[date, date]
) -> None:
    assert period_containing(day, cadence, fiscal_start) == expected


@pytest.mark.parametrize(
    ("due", "opens", "done", "expected"),
    [
        (date(2026, 12, 31), date(2026, 12, 31), False, Stage.scheduled),  # 35 days off
        (date(2026, 12, 10), date(2026, 12, 1), False, Stage.due_soon),  # exactly 14 days: within the window
        (date(2026, 12, 11), date(2026, 12, 1), False, Stage.scheduled),  # 15 days
        (date(2026, 12, 10), date(2026, 11, 1), False, Stage.due),  # the period ended, the report can come
        (TODAY, TODAY, False, Stage.due),  # due today
        (date(2026, 11, 25), date(2026, 11, 1), False, Stage.overdue),  # a day late
        (date(2026, 11, 25), date(2026, 11, 1), True, Stage.done),
    ],
)
def test_stages(due: date, opens: date, done: bool, expected: Stage) -> None:
    assert stage(due, opens, done, TODAY) == expected


def test_a_new_critical_vendor_owes_monthly_reports_a_yearly_audit_and_a_reassessment() -> None:
    items = plan(VendorFacts(tier=Tier.critical, since=date(2026, 11, 1)), Policy(), TODAY)
    reports = [i for i in items if i.kind == ItemKind.vendor_report]
    first = reports[0]
    assert (first.period_start, first.period_end) == (date(2026, 11, 1), date(2026, 11, 30))
    assert (first.opens_on, first.due_date) == (date(2026, 12, 1), date(2026, 12, 10))  # 10 days after the month
    # Twelve and more months ahead (the 400-day horizon), each a calendar month, back to back.
    assert len(reports) == 13 and reports[-1].period_start == date(2027, 11, 1)
    assert all(
        a.period_end and b.period_start and (b.period_start - a.period_end).days == 1 for a, b in pairwise(reports)
    )
    [audit] = [i for i in items if i.kind == ItemKind.audit]
    assert audit.due_date == date(2027, 11, 1)  # yearly, from the start of monitoring
    [reassessment] = [i for i in items if i.kind == ItemKind.reassessment]
    assert reassessment.due_date == date(2027, 11, 1)
    assert [i.due_date for i in items] == sorted(i.due_date for i in items)


def test_history_moves_the_next_audit_and_reassessment() -> None:
    facts = VendorFacts(
        tier=Tier.high,
        since=date(2024, 4, 1),
        assessment_valid_until=date(2027, 1, 15),
        last_audit_date=date(2025, 6, 20),
        certifications=(Certification("c1", "ISMS", date(2027, 3, 31)),),
        contracts=(ContractDates("k1", "業務委託契約", date(2027, 2, 28)),),
    )
    items = {i.kind: i for i in plan(facts, Policy(), TODAY) if i.kind != ItemKind.vendor_report}
    assert items[ItemKind.reassessment].due_date == date(2027, 1, 15)  # before the accepted one lapses
    assert items[ItemKind.audit].due_date == date(2027, 6, 20)  # high: every two years from the last audit
    assert items[ItemKind.certification_renewal].subject_id == "c1"
    assert items[ItemKind.certification_renewal].due_date == date(2027, 3, 31)
    assert items[ItemKind.contract_renewal].due_date == date(2027, 2, 28)


def test_on_demand_audits_are_not_scheduled() -> None:
    for tier in (Tier.medium, Tier.low):
        items = plan(VendorFacts(tier=tier, since=date(2026, 4, 1)), Policy(), TODAY)
        assert ItemKind.audit not in {i.kind for i in items}


def test_a_tier_change_replaces_what_is_open_and_keeps_what_was_done() -> None:
    since = date(2026, 9, 1)
    before = plan(VendorFacts(tier=Tier.critical, since=since), Policy(), TODAY)
    september = next(i for i in before if i.kind == ItemKind.vendor_report)
    october = [i for i in before if i.kind == ItemKind.vendor_report][1]
    done = [september.key]  # September's report was accepted
    open_keys = [i.key for i in before if i.key not in done]

    after = plan(VendorFacts(tier=Tier.low, since=since), Policy(), TODAY)
    change = replan(after, open_keys, done)
    assert october.key in change.drop  # no more monthly reports
    assert all(
        k.startswith("vendor_report:monthly") or k.startswith("audit:") or k.startswith("reassessment:")
        for k in change.drop
    )
    assert september.key not in change.drop
    [yearly] = [i for i in change.add if i.kind == ItemKind.vendor_report]
    assert (yearly.period_start, yearly.period_end, yearly.due_date) == (
        date(2026, 4, 1),
        date(2027, 3, 31),
        date(2027, 4, 10),
    )
    [reassessment] = [i for i in change.add if i.kind == ItemKind.reassessment]
    assert reassessment.due_date == date(2029, 9, 1)  # low: 36 months
    assert ItemKind.audit not in {i.kind for i in change.add}

    # Planning the same again changes nothing.
    again = replan(after, [i.key for i in change.add] + [k for k in open_keys if k not in change.drop], done)
    assert (again.add, again.drop) == ([], [])


def test_a_tier_raise_brings_the_reassessment_forward_from_the_last_acceptance() -> None:
    """A low vendor's result was given for 36 months; raised to critical, it is looked at again 12 months after its
    acceptance (the tier's cycle), not when the old result lapses."""
    facts = VendorFacts(
        tier=Tier.critical,
        since=date(2025, 1, 1),
        assessment_valid_until=date(2028, 6, 1),
        assessment_accepted_on=date(2025, 6, 1),
    )
    [item] = [i for i in plan(facts, Policy(), TODAY) if i.kind == ItemKind.reassessment]
    assert item.due_date == date(2026, 6, 1)
    low = plan(VendorFacts(**{**facts.__dict__, "tier": Tier.low}), Policy(), TODAY)
    assert next(i for i in low if i.kind == ItemKind.reassessment).due_date == date(2028, 6, 1)


@pytest.mark.parametrize(
    ("due_days", "planned_until", "until", "expected"),
    [
        # Reports fall due `report_due_days` after a month's end (every cadence's periods end at one).
        (10, None, date(2027, 1, 1), True),  # never planned whole
        (10, date(2027, 1, 10), date(2027, 1, 10), False),  # the same horizon
        (10, date(2027, 1, 9), date(2027, 1, 10), True),  # 31 Dec + 10
        (10, date(2027, 1, 10), date(2027, 2, 9), False),  # 31 Jan + 10 is 10 Feb
        (10, date(2027, 1, 10), date(2027, 2, 10), True),
        (10, date(2027, 2, 10), date(2027, 3, 9), False),  # 28 Feb 2027 + 10 is 10 Mar
        (10, date(2027, 3, 9), date(2027, 3, 10), True),
        (10, date(2028, 3, 9), date(2028, 3, 10), True),  # 29 Feb 2028 + 10
        (60, date(2027, 1, 28), date(2027, 1, 29), True),  # 30 Nov + 60: a month's end two months back
        (60, date(2027, 1, 29), date(2027, 2, 28), False),  # 31 Dec + 60 is 1 Mar
        (60, date(2027, 1, 29), date(2027, 3, 1), True),
        (10, date(2027, 1, 10), date(2028, 1, 10), True),  # a year at once
    ],
)
def test_the_horizon_reaches_a_new_report(
    due_days: int, planned_until: date | None, until: date, expected: bool
) -> None:
    assert horizon_reaches_new_reports(Policy(report_due_days=due_days), planned_until, until) is expected
