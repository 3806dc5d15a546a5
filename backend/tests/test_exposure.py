"""The damages exposure estimate, row by row. Every per-person amount comes from a case in REGULATION.md §4.2, named
in the row; figures were multiplied by hand."""

from dataclasses import asdict, fields
from typing import Any

import pytest

from itaku.core.vocabulary import DataCategory
from itaku.incidents.exposure import (
    CASES,
    CATEGORY_CLASS,
    DamagesClass,
    DamagesPolicy,
    Exposure,
    estimate,
)

basic, detailed, sensitive = DamagesClass.basic, DamagesClass.detailed, DamagesClass.sensitive

ESTIMATES = [
    # (categories, estimate, max, secondary harm, class, low, high, source)
    (
        ["ordinary"],
        1_000,
        1_000,
        False,
        basic,
        3_300_000,  # 1,000 × (¥3,000 + 10%)
        6_050_000,  # 1,000 × (¥5,500 + 10%)
        "§4.2 Benesse, Tokyo Dist Ct 2018-12-27: ¥3,000 + ¥300 fee; Yahoo!BB, Osaka High Ct 2007-06-21: ¥5,500",
    ),
    (
        ["ordinary"],
        29_000_000,
        35_000_000,
        False,
        basic,
        95_700_000_000,  # 29M × ¥3,300
        211_750_000_000,  # 35M × ¥6,050
        "§4.2 Benesse: ~29–35M records; Benesse Tokyo Dist Ct 2023-02-27: ¥3,300",
    ),
    (
        ["financial"],
        100,
        200,
        False,
        detailed,
        1_100_000,  # 100 × (¥10,000 + 10%)
        3_300_000,  # 200 × (¥15,000 + 10%)
        "§4.2 宇治市, Osaka High Ct 2001-12-25: ¥10,000 + ¥5,000 fee",
    ),
    (
        ["ordinary", "children"],
        10,
        10,
        False,
        detailed,
        110_000,
        165_000,
        "§4.2 宇治市 (family relations): the most severe category decides",
    ),
    (
        ["special_care"],
        10,
        13,
        False,
        sensitive,
        330_000,  # 10 × (¥30,000 + 10%)
        500_500,  # 13 × (¥35,000 + 10%)
        "§4.2 TBC, Tokyo Dist/High Ct 2007: ¥30,000 + ¥5,000 fee to 13 plaintiffs",
    ),
    (
        ["ordinary"],
        13,
        13,
        True,
        detailed,
        143_000,
        214_500,
        "§4.2: secondary harm raises basic to the 宇治市 range (¥10,000–¥15,000)",
    ),
    (
        ["credentials"],
        1,
        1,
        True,
        sensitive,
        33_000,
        38_500,
        "§4.2 TBC: secondary harm raises detailed to ¥30,000–¥35,000",
    ),
    (
        ["special_care", "ordinary"],
        1,
        1,
        True,
        sensitive,
        33_000,
        38_500,
        "§4.2 TBC: already the most severe class; no further step",
    ),
    ([], 5, 5, False, basic, 16_500, 30_250, "§4.2 basic identity data when no category is recorded"),
]


@pytest.mark.parametrize(
    ("categories", "persons_estimate", "persons_max", "harm", "damages_class", "low", "high", "source"),
    ESTIMATES,
    ids=[row[-1] for row in ESTIMATES],
)
def test_exposure_is_people_times_the_per_person_amount_plus_the_fee(
    categories: list[str],
    persons_estimate: int,
    persons_max: int,
    harm: bool,
    damages_class: DamagesClass,
    low: int,
    high: int,
    source: str,
) -> None:
    e = estimate(categories, persons_estimate, persons_max, harm)
    assert (e.damages_class, e.low, e.high) == (damages_class, low, high)
    assert (e.persons_low, e.persons_high) == (persons_estimate, persons_max)
    assert (e.per_person_low, e.per_person_high) == DamagesPolicy().per_person(damages_class)
    assert e.lawyer_fee_percent == 10
    assert e.cases == CASES[damages_class]
    assert f"{low:,}円" in e.explanation.ja and f"¥{high:,}" in e.explanation.en


CASE_AMOUNTS = [
    # (class, court, decided, per-person award incl. fee) — REGULATION.md §4.2
    (basic, "Tokyo District Court", "2018-12-27", 3_300),  # Benesse
    (basic, "Tokyo District Court", "2023-02-27", 3_300),  # Benesse class action
    (basic, "Osaka High Court", "2007-06-21", 5_500),  # Yahoo!BB
    (detailed, "Osaka High Court", "2001-12-25", 15_000),  # 宇治市
    (sensitive, "Tokyo District Court and Tokyo High Court (same amounts)", "2007", 35_000),  # TBC
]


@pytest.mark.parametrize(("damages_class", "court", "decided", "amount"), CASE_AMOUNTS)
def test_each_class_names_the_cases_it_rests_on(
    damages_class: DamagesClass, court: str, decided: str, amount: int
) -> None:
    assert any(
        (c.court.en, c.decided, c.amount) == (court, decided, amount) and c.summary.ja and c.summary.en and c.name.ja
        for c in CASES[damages_class]
    )


def test_the_default_ranges_run_from_the_smallest_damages_to_the_largest_award_of_their_cases() -> None:
    policy = DamagesPolicy()
    for damages_class, (low, high) in [(c, policy.per_person(c)) for c in DamagesClass]:
        assert high == max(c.amount for c in CASES[damages_class])
        assert any(f"{low:,}" in c.summary.ja for c in CASES[damages_class])  # the damages before the fee


@pytest.mark.parametrize(
    ("category", "damages_class"),
    [
        ("ordinary", basic),
        ("special_care", sensitive),
        ("my_number", detailed),
        ("financial", detailed),
        ("credentials", detailed),
        ("children", detailed),
    ],
)
def test_each_data_category_maps_to_a_class(category: str, damages_class: DamagesClass) -> None:
    assert CATEGORY_CLASS[category] == damages_class
    assert estimate([category], 1, 1, False).damages_class == damages_class


def test_every_data_category_has_a_class() -> None:
    assert set(CATEGORY_CLASS) == {c.value for c in DataCategory}


@pytest.mark.parametrize(
    ("categories", "without_harm", "with_harm"),
    [(["ordinary"], basic, detailed), (["my_number"], detailed, sensitive), (["special_care"], sensitive, sensitive)],
)
def test_secondary_harm_raises_the_class_one_step_and_says_so(
    categories: list[str], without_harm: DamagesClass, with_harm: DamagesClass
) -> None:
    calm, harmed = estimate(categories, 10, 10, False), estimate(categories, 10, 10, True)
    assert (calm.damages_class, harmed.damages_class) == (without_harm, with_harm)
    assert "二次被害" not in calm.reason.ja and "Secondary harm" not in calm.reason.en
    if with_harm != without_harm:
        assert "1段階引き上げ" in harmed.reason.ja and "raised one step" in harmed.reason.en
    else:
        assert "既に最も重い区分" in harmed.reason.ja and "already the most severe" in harmed.reason.en


@pytest.mark.parametrize(
    ("fee_percent", "low", "high"),
    [
        (10, 3_300, 6_050),
        (0, 3_000, 5_500),
        (15, 3_450, 6_325),
        (3, 3_090, 5_665),
    ],
)
def test_the_lawyer_fee_is_added_to_both_ends(fee_percent: int, low: int, high: int) -> None:
    e = estimate(["ordinary"], 1, 1, False, DamagesPolicy(lawyer_fee_percent=fee_percent))
    assert (e.low, e.high, e.lawyer_fee_percent) == (low, high, fee_percent)
    assert f"{fee_percent}%" in e.explanation.ja and f"{fee_percent}%" in e.explanation.en


def test_the_fee_is_rounded_down_to_the_yen() -> None:
    e = estimate(["ordinary"], 1, 1, False, DamagesPolicy(basic=(1_001, 1_001), lawyer_fee_percent=10))
    assert (e.low, e.high) == (1_101, 1_101)  # 1,001 + 100.1 → 1,101


@pytest.mark.parametrize(("persons_estimate", "persons_max"), [(500, None), (None, 500)])
def test_one_count_known_is_used_for_both_ends(persons_estimate: int | None, persons_max: int | None) -> None:
    e = estimate(["ordinary"], persons_estimate, persons_max, False)
    assert (e.persons_low, e.persons_high) == (500, 500)
    assert (e.low, e.high) == (1_650_000, 3_025_000)  # 500 × ¥3,300; 500 × ¥6,050
    assert "両端に使います" in e.explanation.ja and "used for both ends" in e.explanation.en


def test_no_count_gives_no_figures_but_the_class_the_range_and_why() -> None:
    e = estimate(["financial"], None, None, False)
    assert (e.low, e.high, e.persons_low, e.persons_high) == (None, None, None, None)
    assert (e.damages_class, e.per_person_low, e.per_person_high) == (detailed, 10_000, 15_000)
    assert e.cases == CASES[detailed]
    assert "本人の数が判明していない" in e.explanation.ja and "not known yet" in e.explanation.en


def test_an_organisations_policy_overrides_the_defaults_and_the_output_says_so() -> None:
    policy = DamagesPolicy(
        basic=(1_000, 2_000), detailed=(5_000, 8_000), sensitive=(50_000, 100_000), lawyer_fee_percent=0
    )
    ordinary = estimate(["ordinary"], 10, 20, False, policy)
    assert (ordinary.low, ordinary.high) == (10_000, 40_000)  # 10 × ¥1,000; 20 × ¥2,000; no fee
    e = estimate(["special_care"], 2, 3, False, policy)
    assert (e.per_person_low, e.per_person_high, e.low, e.high) == (50_000, 100_000, 100_000, 300_000)
    assert "組織の設定値" in e.explanation.ja and "organisation's settings" in e.explanation.en
    default = estimate(["special_care"], 2, 3, False)
    assert "裁判例に基づく既定値" in default.explanation.ja and "defaults from court cases" in default.explanation.en


def test_the_output_says_it_is_a_rule_of_thumb_not_law() -> None:
    e = estimate(["ordinary"], 1, 1, False)
    assert "法令上の基準ではありません" in e.note.ja and "not a legal standard" in e.note.en


@pytest.mark.parametrize(
    "policy",
    [
        {"basic": (5_000, 3_000)},
        {"detailed": (-1, 10)},
        {"lawyer_fee_percent": -1},
        {"lawyer_fee_percent": 101},
    ],
)
def test_a_policy_with_impossible_amounts_is_refused(policy: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        DamagesPolicy(**policy)


@pytest.mark.parametrize(("persons_estimate", "persons_max"), [(10, 5), (-1, None), (None, -3)])
def test_impossible_counts_are_refused(persons_estimate: int | None, persons_max: int | None) -> None:
    with pytest.raises(ValueError):
        estimate(["ordinary"], persons_estimate, persons_max, False)


def _numbers(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [n for v in value.values() for n in _numbers(v)]
    if isinstance(value, list | tuple):
        return [n for v in value for n in _numbers(v)]
    return [value] if isinstance(value, int | float) else []


@pytest.mark.parametrize("counts", [(1_234, 5_678), (None, None)])
def test_amounts_are_whole_yen_never_floats(counts: tuple[int | None, int | None]) -> None:
    e = estimate(["children"], *counts, True, DamagesPolicy(lawyer_fee_percent=7))
    numbers = _numbers(asdict(e))
    assert numbers and all(type(n) is int for n in numbers)
    assert {f.name for f in fields(Exposure)} >= {"low", "high", "per_person_low", "per_person_high", "cases"}
