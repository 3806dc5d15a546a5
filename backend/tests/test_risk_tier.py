"""Table-driven checks of the inherent-risk rules; each row names the rule it checks."""

import pytest

from itaku.risk.tier import (
    AccessType,
    DataCategory,
    ProcessingFacts,
    Tier,
    VendorFacts,
    assess,
    required_star,
)
from itaku.vendors.corporate_number import validate

C = DataCategory


def facts(
    categories: set[DataCategory], persons: int, access: AccessType = AccessType.none, **kw: object
) -> VendorFacts:
    leaves = bool(kw.pop("leaves_japan", False))
    return VendorFacts([ProcessingFacts(frozenset(categories), persons, access, leaves)], **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("rule", "given", "tier"),
    [
        (
            "issue 3/7: special-care data of 5,000 people is critical or high",
            facts({C.special_care}, 5000),
            {Tier.critical, Tier.high},
        ),
        ("issue 3/7: ordinary data of 50 people, no system access, is low", facts({C.ordinary}, 50), {Tier.low}),
        (
            "REGULATION §1.8/§2.4: My Number data is at least high, whatever the volume",
            facts({C.my_number}, 10),
            {Tier.high, Tier.critical},
        ),
        (
            "REGULATION §1.2 cat. 4 + cat. 1: special care over 1,000 people is at least high",
            facts({C.special_care}, 1001),
            {Tier.high, Tier.critical},
        ),
        (
            "privileged access to financial data of over 100,000 people is critical",
            facts({C.financial, C.credentials}, 200_000, AccessType.privileged),
            {Tier.critical},
        ),
        ("no processing recorded is low", VendorFacts([]), {Tier.low}),
    ],
)
def test_tier(rule: str, given: VendorFacts, tier: set[Tier]) -> None:
    assert assess(given).tier in tier, rule


@pytest.mark.parametrize(
    ("rule", "persons", "threshold_named"),
    [
        ("REGULATION §1.2 cat. 4: exactly 1,000 people is not over the threshold", 1000, False),
        ("REGULATION §1.2 cat. 4: 1,001 people is over it", 1001, True),
    ],
)
def test_reasons_name_the_regulators_threshold(rule: str, persons: int, threshold_named: bool) -> None:
    reasons = assess(facts({C.ordinary}, persons)).reasons
    assert any("reporting threshold" in r.en for r in reasons) is threshold_named, rule


def test_reasons_name_both_facts_for_special_care_of_5000() -> None:
    reasons = assess(facts({C.special_care}, 5000)).reasons
    text = " ".join(r.en for r in reasons)
    assert "special-care" in text and "5,000" in text
    assert all(r.ja for r in reasons)


def test_every_point_is_explained() -> None:
    result = assess(
        facts(
            {C.children, C.ordinary},
            3000,
            AccessType.remote,
            leaves_japan=True,
            subcontracting_depth=2,
            unapproved_subcontractors=1,
        )
    )
    assert result.score == sum(r.points for r in result.reasons)
    codes = {r.code for r in result.reasons}
    assert {
        "category_children",
        "persons",
        "access_remote",
        "cross_border",
        "subcontracting",
        "unapproved_subcontractors",
    } <= codes


@pytest.mark.parametrize(
    ("rule", "q", "star"),
    [
        ("REGULATION §3.1: none of the three questions → ★3", {}, 3),
        (
            "REGULATION §3.1 q1: confidential information on the supplier's infrastructure → ★4",
            {"handles_confidential_info": True},
            4,
        ),
        ("REGULATION §3.1 q2: supplier outage unacceptable → ★4", {"critical_to_continuity": True}, 4),
        ("REGULATION §3.1 q3: our systems reachable from the supplier → ★4", {"network_access": True}, 4),
    ],
)
def test_required_meti_star(rule: str, q: dict[str, bool], star: int) -> None:
    assert required_star(VendorFacts([], **q)) == star, rule  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("7000012050002", True),  # issue 3/7 example, accepted
        ("7000012050003", False),  # issue 3/7 example, refused: check digit does not match
        ("700001205000", False),  # 12 digits
        ("70000120500021", False),  # 14 digits
        ("70000120500O2", False),  # a letter O
        ("１０００００１２０５０００２", False),  # full-width digits are not ASCII digits
    ],
)
def test_corporate_number_check_digit(number: str, valid: bool) -> None:
    assert (validate(number) is None) is valid


def test_a_stored_policy_reads_back_the_same_and_partial_ones_keep_defaults() -> None:
    from itaku.risk.tier import RiskPolicy

    default = RiskPolicy()
    assert RiskPolicy.from_dict(default.to_dict()) == default
    partial = RiskPolicy.from_dict({"thresholds": {"critical": 90}})
    assert partial.thresholds == {"critical": 90, "high": 45, "medium": 20}
    assert partial.category_points == default.category_points
