"""The regulation engine, table by table. Every expected value comes from REGULATION.md (section named in each row);
dates were counted by hand against the calendar."""

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from itaku.regulation.calendar import closed_because, next_open_day
from itaku.regulation.rules import (
    Evaluation,
    Facts,
    GdprRisk,
    Kind,
    NoRuleSet,
    Obligation,
    Policy,
    Trigger,
    evaluate,
)

TOKYO_10AM = "T10:00:00+09:00"


def at(day: str, clock: str = TOKYO_10AM) -> datetime:
    return datetime.fromisoformat(day + clock)


def obligation(evaluation: Evaluation, kind: Kind) -> Obligation:
    return next(o for o in evaluation.obligations if o.kind == kind)


NOTHING = Facts(affected_persons_estimate=10, affected_persons_max=10, financial_damage_possible=False)

# --- triggers ---------------------------------------------------------------------------------------------------

TRIGGER_CASES = [
    # (facts, reportable, triggers, rule)
    (NOTHING, False, (), "§1.2: none of the four categories"),
    (replace(NOTHING, data_categories=frozenset({"special_care"})), True, ("special_care",), "§1.2 cat 1, ≥ 1 person"),
    (replace(NOTHING, financial_damage_possible=True), True, ("financial_damage",), "§1.2 cat 2"),
    (
        replace(NOTHING, financial_damage_possible=None, data_categories=frozenset({"financial"})),
        True,
        ("financial_damage",),
        "§1.2 cat 2: card numbers, judged from the data when not stated",
    ),
    (
        replace(NOTHING, financial_damage_possible=None, data_categories=frozenset({"credentials"})),
        True,
        ("financial_damage",),
        "§1.2 cat 2: login data of a service with payment functions",
    ),
    (
        replace(NOTHING, financial_damage_possible=False, data_categories=frozenset({"financial"})),
        False,
        (),
        "§1.2 cat 2 is judged on the probability of damage: a stated 'no' stands",
    ),
    (replace(NOTHING, wrongful_intent_possible=True), True, ("wrongful_intent",), "§1.2 cat 3"),
    (
        replace(NOTHING, affected_persons_estimate=1000, affected_persons_max=1000),
        False,
        (),
        "§1.2 cat 4: 1,000 is not",
    ),
    (
        replace(NOTHING, affected_persons_estimate=1001, affected_persons_max=1001),
        True,
        ("over_threshold",),
        "§1.2 cat 4: more than 1,000",
    ),
    (
        replace(NOTHING, affected_persons_estimate=40, affected_persons_max=1200),
        True,
        ("over_threshold",),
        "§1.2 counting: the maximum possible when the number cannot be fixed",
    ),
    (
        replace(NOTHING, affected_persons_estimate=None, affected_persons_max=None),
        False,
        (),
        "§1.2 cat 4 needs a count; unknown is re-evaluated later",
    ),
    (
        replace(
            NOTHING,
            data_categories=frozenset({"special_care"}),
            wrongful_intent_possible=True,
            affected_persons_max=1200,
        ),
        True,
        ("special_care", "wrongful_intent", "over_threshold"),
        "§1.2: categories combine",
    ),
]


@pytest.mark.parametrize(("facts", "reportable", "triggers", "rule"), TRIGGER_CASES, ids=[c[3] for c in TRIGGER_CASES])
def test_appi_triggers(facts: Facts, reportable: bool, triggers: tuple[str, ...], rule: str) -> None:
    result = evaluate("JP-APPI", "principal", at("2025-04-01"), facts)
    assert (result.reportable, tuple(t.value for t in result.triggers)) == (reportable, triggers), rule
    kinds = {o.kind for o in result.obligations}
    expected = {Kind.regulator_preliminary_report, Kind.regulator_final_report, Kind.notify_individuals}
    assert kinds == (expected if reportable else set()), rule


ENCRYPTED_CASES = [
    replace(NOTHING, data_categories=frozenset({"special_care"})),
    replace(NOTHING, financial_damage_possible=True),
    replace(NOTHING, wrongful_intent_possible=True),
    replace(NOTHING, affected_persons_max=5000),
]


@pytest.mark.parametrize("facts", ENCRYPTED_CASES, ids=["cat 1", "cat 2", "cat 3", "cat 4"])
def test_strong_encryption_with_the_key_safe_removes_every_trigger(facts: Facts) -> None:
    # §1.2 exclusion: 規則7条1号's parenthesis defines "personal data" for all of Art. 7.
    assert evaluate("JP-APPI", "principal", at("2025-04-01"), facts).reportable is True
    result = evaluate("JP-APPI", "principal", at("2025-04-01"), replace(facts, strongly_encrypted=True))
    assert (result.reportable, result.triggers, result.obligations) == (False, (), ())
    assert "規則7条1号" in result.notes[0].ja


MY_NUMBER_CASES = [
    (replace(NOTHING, affected_persons_max=100), False, (), "§1.11(a) (4): 100 is not"),
    (replace(NOTHING, affected_persons_max=101), True, ("over_threshold",), "§1.11(a) (4): more than 100"),
    (replace(NOTHING, my_number_system=True), True, ("my_number_system",), "§1.11(a) (1)"),
    (replace(NOTHING, wrongful_intent_possible=True), True, ("wrongful_intent",), "§1.11(a) (2) wrongful intent"),
    (replace(NOTHING, wrongful_use=True), True, ("wrongful_intent",), "§1.11(a) (2) wrongful use or provision"),
    (replace(NOTHING, publicly_viewable=True), True, ("publicly_viewable",), "§1.11(a) (3)"),
    (
        replace(NOTHING, data_categories=frozenset({"special_care"})),
        False,
        (),
        "§1.11(a): special-care data is an APPI trigger, not a My Number one",
    ),
]


@pytest.mark.parametrize(
    ("facts", "reportable", "triggers", "rule"), MY_NUMBER_CASES, ids=[c[3] for c in MY_NUMBER_CASES]
)
def test_my_number_triggers(facts: Facts, reportable: bool, triggers: tuple[str, ...], rule: str) -> None:
    result = evaluate("JP-MYNUMBER", "principal", at("2025-04-01"), facts)
    assert (result.reportable, tuple(t.value for t in result.triggers)) == (reportable, triggers), rule


def test_the_appi_threshold_is_1000_while_my_numbers_is_100() -> None:
    facts = replace(NOTHING, affected_persons_max=101)
    assert evaluate("JP-APPI", "principal", at("2025-04-01"), facts).reportable is False  # §1.2 cat 4
    assert evaluate("JP-MYNUMBER", "principal", at("2025-04-01"), facts).reportable is True  # §1.11(a) (4)


# --- the dated rule sets ----------------------------------------------------------------------------------------

SKIMMING = replace(NOTHING, wrongful_intent_possible=True, data_being_acquired=True)


def test_information_being_acquired_counts_for_category_3_from_2024_04_01() -> None:
    # §1.4: PPC Rules 2023 No. 5, in force 2024-04-01; before that such information was not personal data.
    before = evaluate("JP-APPI", "principal", at("2024-03-31"), SKIMMING)
    after = evaluate("JP-APPI", "principal", at("2024-04-01"), SKIMMING)
    assert (before.rule_set, before.reportable) == ("JP-APPI 2022-04-01", False)
    assert (after.rule_set, after.reportable, after.triggers) == (
        "JP-APPI 2024-04-01",
        True,
        (Trigger.wrongful_intent,),
    )
    # Only category 3 reaches such information: the other categories need data actually handled.
    other = replace(SKIMMING, wrongful_intent_possible=False, data_categories=frozenset({"special_care"}))
    assert evaluate("JP-APPI", "principal", at("2025-04-01"), other).reportable is False


def test_the_day_is_judged_in_tokyo_and_no_rule_set_before_mandatory_reporting() -> None:
    # 2024-03-31 23:30 UTC is 2024-04-01 08:30 in Tokyo: the 2024 rule set applies.
    assert evaluate("JP-APPI", "principal", at("2024-03-31", "T23:30:00+00:00"), SKIMMING).reportable is True
    with pytest.raises(NoRuleSet):  # §1: mandatory from 2022-04-01
        evaluate("JP-APPI", "principal", at("2022-03-31"), NOTHING)
    with pytest.raises(ValueError, match="offset"):
        evaluate("JP-APPI", "principal", datetime(2025, 4, 1, 10), NOTHING)


# --- deadlines --------------------------------------------------------------------------------------------------

FINAL_CASES = [
    # (aware date, wrongful intent, final due date, rule)
    ("2025-04-01", False, "2025-04-30", "§1.6 example: 30 days, day 1 = day known"),
    ("2025-04-01", True, "2025-05-30", "§1.6 example: 60 days when category 3 applies"),
    ("2025-06-07", False, "2025-07-07", "§1.6 roll-forward: day 30 is Sunday 2025-07-06"),
    ("2025-06-06", False, "2025-07-07", "§1.6 roll-forward: day 30 is Saturday 2025-07-05, then Sunday"),
    ("2025-08-17", False, "2025-09-16", "§1.6 roll-forward: day 30 is 敬老の日 2025-09-15"),
    ("2025-04-04", False, "2025-05-07", "§1.6 roll-forward over a run: 2025-05-03 Sat to 05-06 振替休日"),
    ("2026-08-21", False, "2026-09-24", "§1.6 roll-forward over a run: 2026-09-19 Sat to 09-23 (国民の休日 09-22)"),
    ("2025-11-30", False, "2026-01-05", "§1.6 year-end closure 12-29 to 01-03, then Sunday 01-04"),
    ("2025-11-01", True, "2026-01-05", "§1.6: day 60 is 2025-12-30, inside the closure"),
    ("2025-10-02", False, "2025-10-31", "§1.6: day 30 is a Friday, no move"),
]


@pytest.mark.parametrize(("aware", "wrongful", "due", "rule"), FINAL_CASES, ids=[c[3] for c in FINAL_CASES])
def test_final_report_deadline(aware: str, wrongful: bool, due: str, rule: str) -> None:
    facts = replace(NOTHING, wrongful_intent_possible=wrongful, financial_damage_possible=not wrongful)
    final = obligation(evaluate("JP-APPI", "principal", at(aware), facts), Kind.regulator_final_report)
    assert final.due_date == date.fromisoformat(due), rule
    assert final.due_at.isoformat() == f"{due}T23:59:59+09:00"
    days = 60 if wrongful else 30
    assert (
        f"{days}" in final.reason.en
        and "規則8条2項" in final.legal_reference.ja
        and "Art. 8(2)" in final.legal_reference.en
    )


def test_wrongful_intent_makes_it_60_days_for_my_number_too() -> None:
    # §1.11(a): 30 days, 60 for category (2).
    plain = obligation(
        evaluate("JP-MYNUMBER", "principal", at("2025-04-01"), replace(NOTHING, affected_persons_max=101)),
        Kind.regulator_final_report,
    )
    wrongful = obligation(
        evaluate("JP-MYNUMBER", "principal", at("2025-04-01"), replace(NOTHING, wrongful_use=True)),
        Kind.regulator_final_report,
    )
    assert (plain.due_date, wrongful.due_date) == (date(2025, 4, 30), date(2025, 5, 30))


PRELIMINARY_CASES = [
    # (aware, policy, target, due, rule)
    ("2025-04-01", Policy(), "2025-04-04", "2025-04-06", "§1.6: about 3–5 days, [U] defaults 3 and 5"),
    ("2025-12-26", Policy(), "2025-12-29", "2025-12-31", "§1.6: the preliminary report does not move past closed days"),
    (
        "2025-04-01",
        Policy(preliminary_target_days=2, preliminary_due_days=3),
        "2025-04-03",
        "2025-04-04",
        "§1.6 [U]: the days are the organisation's policy",
    ),
]


@pytest.mark.parametrize(
    ("aware", "policy", "target", "due", "rule"), PRELIMINARY_CASES, ids=[c[4] for c in PRELIMINARY_CASES]
)
def test_preliminary_report_target_and_due_date(aware: str, policy: Policy, target: str, due: str, rule: str) -> None:
    facts = replace(NOTHING, wrongful_intent_possible=True)
    prelim = obligation(evaluate("JP-APPI", "principal", at(aware), facts, policy), Kind.regulator_preliminary_report)
    assert (prelim.target_date, prelim.due_date) == (date.fromisoformat(target), date.fromisoformat(due)), rule


def test_notice_to_individuals_has_no_number_of_days() -> None:
    # §1.6: 「当該事態の状況に応じて速やかに」 — no number to encode.
    notice = obligation(
        evaluate("JP-APPI", "principal", at("2025-04-01"), replace(NOTHING, wrongful_intent_possible=True)),
        Kind.notify_individuals,
    )
    assert (notice.due_date, notice.due_at) == (None, None) and "法26条2項" in notice.legal_reference.ja


# --- who reports: the vendor's notice to the principal ----------------------------------------------------------


def test_a_vendor_is_released_from_its_own_duty_by_notifying_the_principal() -> None:
    # §1.5 (3): both must report; the vendor is released by notifying the principal within about 3–5 days.
    result = evaluate("JP-APPI", "vendor", at("2025-04-01"), replace(NOTHING, wrongful_intent_possible=True))
    notice = obligation(result, Kind.notify_principal)
    assert (notice.target_date, notice.due_date) == (date(2025, 4, 4), date(2025, 4, 6))
    assert "規則9条" in notice.legal_reference.ja and "Art. 9" in notice.legal_reference.en
    released = [o for o in result.obligations if o.kind != Kind.notify_principal]
    assert {o.kind for o in released} == {
        Kind.regulator_preliminary_report,
        Kind.regulator_final_report,
        Kind.notify_individuals,
    }
    assert all(o.released_by == Kind.notify_principal for o in released)


def test_the_contract_notice_time_governs_when_it_is_shorter() -> None:
    # §2.3: contracts usually demand faster than the law's 3–5 days; the earlier one governs.
    aware = at("2025-04-01")
    result = evaluate(
        "JP-APPI", "vendor", aware, replace(NOTHING, wrongful_intent_possible=True, contract_notice_hours=24)
    )
    notice = obligation(result, Kind.notify_principal)
    assert (notice.due_at, notice.due_date, notice.target_date) == (aware + timedelta(hours=24), date(2025, 4, 2), None)
    # An event that is not reportable still owes the contract's notice, and only that.
    quiet = evaluate("JP-APPI", "vendor", aware, replace(NOTHING, contract_notice_hours=72))
    assert [o.kind for o in quiet.obligations] == [Kind.notify_principal]
    assert obligation(quiet, Kind.notify_principal).due_at == aware + timedelta(hours=72)
    assert evaluate("JP-APPI", "vendor", aware, NOTHING).obligations == ()


def test_the_principal_has_no_notice_to_give_itself() -> None:
    result = evaluate(
        "JP-APPI",
        "principal",
        at("2025-04-01"),
        replace(NOTHING, wrongful_intent_possible=True, contract_notice_hours=24),
    )
    assert all(o.kind != Kind.notify_principal and o.released_by is None for o in result.obligations)


# --- GDPR -------------------------------------------------------------------------------------------------------


def test_gdpr_authority_notification_within_72_hours() -> None:
    # §5.1 Art. 33(1): ≤ 72 hours after becoming aware; dated in Central European time.
    aware = at("2025-04-01", "T10:00:00+02:00")
    result = evaluate("EU-GDPR", "principal", aware, NOTHING)
    notice = obligation(result, Kind.authority_notification)
    assert notice.due_at == aware + timedelta(hours=72) and notice.due_date == date(2025, 4, 4)
    assert (result.reportable, result.triggers) == (True, (Trigger.risk_to_rights,))
    assert all(o.kind != Kind.notify_individuals for o in result.obligations)


GDPR_CASES = [
    (GdprRisk.unlikely, False, set(), "§5.1 Art. 33(1): no notification when unlikely to result in a risk"),
    (GdprRisk.risk, False, {Kind.authority_notification}, "§5.1 Art. 33(1)"),
    (GdprRisk.high, False, {Kind.authority_notification, Kind.notify_individuals}, "§5.1 Art. 34: high risk"),
    (GdprRisk.high, True, set(), "§5.1 Art. 34 exception: unintelligible through encryption"),
]


@pytest.mark.parametrize(("risk", "encrypted", "kinds", "rule"), GDPR_CASES, ids=[c[3] for c in GDPR_CASES])
def test_gdpr_risk_levels(risk: GdprRisk, encrypted: bool, kinds: set[Kind], rule: str) -> None:
    facts = replace(NOTHING, gdpr_risk=risk, strongly_encrypted=encrypted)
    result = evaluate("EU-GDPR", "principal", at("2025-04-01", "T10:00:00+02:00"), facts)
    assert {o.kind for o in result.obligations} == kinds, rule
    assert "33(5)" in result.notes[0].en  # every breach is documented


def test_a_gdpr_processor_notifies_the_controller() -> None:
    # §5.1 Art. 33(2): without undue delay; the contract may set hours.
    aware = at("2025-04-01", "T10:00:00+02:00")
    plain = obligation(evaluate("EU-GDPR", "vendor", aware, NOTHING), Kind.notify_controller)
    timed = obligation(
        evaluate("EU-GDPR", "vendor", aware, replace(NOTHING, contract_notice_hours=48)), Kind.notify_controller
    )
    assert plain.due_at is None and timed.due_at == aware + timedelta(hours=48)


# --- the calendar -----------------------------------------------------------------------------------------------

CLOSED_CASES = [
    ("2025-05-06", "振替休日"),
    ("2026-09-22", "国民の休日"),
    ("2025-12-29", "年末年始の閉庁日（12月29日〜1月3日）"),
    ("2026-01-02", "年末年始の閉庁日（12月29日〜1月3日）"),
    ("2025-07-05", "土曜日"),
    ("2025-07-07", None),
]


@pytest.mark.parametrize(("day", "why"), CLOSED_CASES)
def test_closed_days(day: str, why: str | None) -> None:
    # 行政機関の休日に関する法律 Art. 1 (REGULATION.md §1.6)
    closed = closed_because(date.fromisoformat(day))
    assert (closed[0] if closed else None) == why
    assert (next_open_day(date.fromisoformat(day)) == date.fromisoformat(day)) == (why is None)
