"""Table-driven checks of the clause library and the contract gap analysis; each row names the rule it checks and
where the rule comes from. Expected values are written out from REGULATION.md and issue 5/7, never recomputed with
the code under test."""

import re
import string
from typing import Any

import pytest

from itaku.contracts.clauses import (
    BUILTIN,
    BUILTIN_BY_KEY,
    Comparison,
    InvalidClauseValue,
    Level,
    Parameter,
    ParamType,
    Policy,
    Profile,
    Text,
    Value,
    organisation_requirement,
    standard_text,
    validate_values,
)
from itaku.contracts.gaps import ContractClause, GapReport, GapRow, Status, analyse, incident_notice_hours

APPI, MYNUMBER, GDPR = Profile.jp_appi, Profile.jp_mynumber, Profile.eu_gdpr
R, D = Level.required, Level.desirable
MET, MISSING, WEAKER = Status.met, Status.missing, Status.weaker

# A clause for every built-in requirement, stating what the default policy asks for (24 h, once a year).
MEETS_DEFAULT_POLICY: dict[str, dict[str, Value]] = {
    "return_or_disposal": {"end_action": "client_choice", "disposal_certificate": True},
    "subcontracting": {"prior_approval": True, "approval_at_every_tier": True},
    "incident_reporting": {"notice_hours": 24, "to_whom": "情報セキュリティ室", "content_items": True},
    "compliance_reports": {"report_frequency_per_year": 1},
    "audit_rights": {"audit_frequency_per_year": 1, "on_site": True},
}
ALL_KEYS = [
    "data_scope",
    "access_control",
    "storage_and_retention",
    "return_or_disposal",
    "confidentiality",
    "purpose_limitation",
    "no_removal",
    "staff_supervision",
    "security_measures",
    "subcontracting",
    "incident_reporting",
    "compliance_reports",
    "audit_rights",
    "termination_and_damages",
    "gdpr_instructions",
    "gdpr_data_subject_rights",
    "gdpr_assistance",
    "gdpr_demonstrate_compliance",
]


def contract(*, without: tuple[str, ...] = (), **changes: dict[str, Value]) -> list[ContractClause]:
    """A complete contract (one article per clause), less the keys in `without`, with some values changed."""
    return [
        ContractClause(key, {**MEETS_DEFAULT_POLICY.get(key, {}), **changes.get(key, {})}, ref=f"第{n}条")
        for n, key in enumerate(ALL_KEYS, start=1)
        if key not in without
    ]


def run(
    clauses: list[ContractClause],
    profile: Profile = APPI,
    my_number: bool = False,
    policy: Policy | None = None,
) -> GapReport:
    return analyse(BUILTIN, clauses, policy or Policy(), profile, my_number)


def row(report: GapReport, key: str) -> GapRow:
    found = [r for r in report.rows if r.key == key]
    assert len(found) == 1, f"{key}: expected one row, got {len(found)}"
    return found[0]


def codes(r: GapRow) -> list[str]:
    return [reason.code for reason in r.reasons]


# --- the library: levels per profile ----------------------------------------------------------------------

# (JP-APPI, JP-MYNUMBER, EU-GDPR, required_for_my_number), decided from REGULATION.md:
# §2.3 My Number "must include" 1–8 → required under JP-MYNUMBER (and wherever My Number data is covered);
# §2.3 items 9–10 → desirable; §2.2 APPI contract contents 望ましい → desirable, except incident reporting (the
# §2.3 product-level clause, required everywhere); §5.1 Art. 28(3) contents → required under EU-GDPR.
EXPECTED_LEVELS: dict[str, tuple[Level | None, Level | None, Level | None, bool]] = {
    "data_scope": (D, D, R, False),  # GDPR Art. 28(3) first sentence
    "access_control": (D, D, D, False),  # My Number item 9 (desirable)
    "storage_and_retention": (D, D, D, False),
    "return_or_disposal": (D, R, R, True),  # My Number item 6; GDPR 28(3)(g)
    "confidentiality": (D, R, R, True),  # My Number item 1; GDPR 28(3)(b)
    "purpose_limitation": (D, R, D, True),  # My Number item 3; GDPR carries it in gdpr_instructions
    "no_removal": (D, R, D, True),  # My Number item 2
    "staff_supervision": (D, R, D, True),  # My Number item 7
    "security_measures": (D, D, R, False),  # APPI 3-4-4 agreed safety measures; GDPR 28(3)(c)
    "subcontracting": (D, R, R, True),  # My Number item 4 + 番号法10条; GDPR 28(2)/(4)
    "incident_reporting": (R, R, R, True),  # product rule everywhere; My Number item 5
    "compliance_reports": (D, R, D, True),  # My Number item 8
    "audit_rights": (D, D, R, False),  # My Number item 10 (desirable); GDPR 28(3)(h)
    "termination_and_damages": (D, R, D, True),  # My Number item 5 (the vendor's responsibility)
    "gdpr_instructions": (None, None, R, False),  # GDPR 28(3)(a)
    "gdpr_data_subject_rights": (None, None, R, False),  # GDPR 28(3)(e)
    "gdpr_assistance": (None, None, R, False),  # GDPR 28(3)(f)
    "gdpr_demonstrate_compliance": (None, None, R, False),  # GDPR 28(3)(h)
}


def test_library_holds_exactly_the_expected_keys_in_order() -> None:
    assert [r.key for r in BUILTIN] == ALL_KEYS
    assert set(BUILTIN_BY_KEY) == set(ALL_KEYS), "keys are unique"


@pytest.mark.parametrize("key", ALL_KEYS)
def test_library_levels_per_profile(key: str) -> None:
    requirement = BUILTIN_BY_KEY[key]
    levels = tuple(requirement.levels[p].level if p in requirement.levels else None for p in (APPI, MYNUMBER, GDPR))
    assert (*levels, requirement.required_for_my_number) == EXPECTED_LEVELS[key], "REGULATION.md §2.3, §2.4, §5.1"


@pytest.mark.parametrize("key", ALL_KEYS)
def test_library_required_for_my_number_matches_the_my_number_profile(key: str) -> None:
    requirement = BUILTIN_BY_KEY[key]
    under_my_number = requirement.levels.get(MYNUMBER)
    assert requirement.required_for_my_number == (under_my_number is not None and under_my_number.level == R), (
        "My Number guideline (事業者編): what that profile requires is required wherever My Number data is covered"
    )


@pytest.mark.parametrize("key", ALL_KEYS)
def test_library_names_a_source_for_every_level(key: str) -> None:
    for profile, applicability in BUILTIN_BY_KEY[key].levels.items():
        assert applicability.source.ja.strip() and applicability.source.en.strip(), (
            f"{key} under {profile}: STYLE.md rule 11"
        )


# --- the library: both languages, placeholders, parameters ---------------------------------------------------

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", ALL_KEYS)
def test_every_builtin_has_title_and_wording_in_both_languages(key: str) -> None:
    requirement = BUILTIN_BY_KEY[key]
    wording = requirement.standard_wording
    assert wording is not None, "issue 5/7: a built-in comes with standard wording"
    for text in (requirement.title, wording):
        assert text.ja.strip() and text.en.strip()
        assert JAPANESE.search(text.ja), f"the Japanese text is Japanese: {text.ja}"
        assert not JAPANESE.search(text.en), f"the English text is English: {text.en}"


@pytest.mark.parametrize("key", ALL_KEYS)
def test_every_wording_placeholder_names_a_declared_parameter(key: str) -> None:
    requirement = BUILTIN_BY_KEY[key]
    assert requirement.standard_wording is not None
    names = {p.name for p in requirement.parameters}
    ja, en = _fields(requirement.standard_wording.ja), _fields(requirement.standard_wording.en)
    assert ja <= names and en <= names, "a placeholder is filled from a parameter"
    assert ja == en, "both languages leave the same blanks"


@pytest.mark.parametrize("key", ALL_KEYS)
def test_every_checked_parameter_explains_itself_in_both_languages(key: str) -> None:
    for p in BUILTIN_BY_KEY[key].parameters:
        assert p.title.ja and p.title.en
        if not p.checked:
            continue
        messages = [p.fail] + ([p.unstated] if p.compare in (Comparison.max, Comparison.min) else [])
        for m in messages:
            assert m is not None, f"{key}.{p.name}: a built-in gap has its own message"
            assert JAPANESE.search(m.ja) and not JAPANESE.search(m.en)
            assert _fields(m.ja) | _fields(m.en) <= {"stated", "limit"}
        if p.policy_field is not None:
            assert p.policy_field in Policy.__dataclass_fields__, f"{key}.{p.name}: the limit comes from Policy"


def test_placeholders_in_wording_are_exactly_the_policy_values() -> None:
    placed = {name for r in BUILTIN if r.standard_wording for name in _fields(r.standard_wording.en)}
    assert placed == {"notice_hours", "report_frequency_per_year", "audit_frequency_per_year"}


@pytest.mark.parametrize(
    ("rule", "policy", "ja", "en"),
    [
        ("issue 5/7: the addendum fills the default policy, 24 hours", Policy(), "24時間以内", "within 24 hours"),
        (
            "issue 5/7: the addendum fills the organisation's own value",
            Policy(max_incident_notice_hours=48),
            "48時間以内",
            "within 48 hours",
        ),
    ],
)
def test_standard_text_fills_policy_values(rule: str, policy: Policy, ja: str, en: str) -> None:
    text = standard_text(BUILTIN_BY_KEY["incident_reporting"], policy)
    assert text is not None
    assert ja in text.ja and en in text.en, rule
    assert "{" not in text.ja + text.en, rule


def test_policy_defaults() -> None:
    policy = Policy()
    assert (
        policy.max_incident_notice_hours,
        policy.min_audit_frequency_per_year,
        policy.min_report_frequency_per_year,
    ) == (24, 1, 1), "issue 5/7: 24 hours by default; guideline 3-4-4 'periodically' read as once a year"


# --- the "Done when" cases ---------------------------------------------------------------------------


def test_done_when_no_incident_clause_is_missing() -> None:
    report = run(contract(without=("incident_reporting",)))
    r = row(report, "incident_reporting")
    assert (r.status, r.level, codes(r)) == (MISSING, R, ["missing_required"]), "issue 5/7; REGULATION.md §2.3"
    assert r.reasons[0].ja == "必須の条項「漏えい等事案の報告」が契約にありません。"
    assert r.reasons[0].en == 'Required clause missing: "Incident reporting".'
    assert report.summary.complete is False


def test_done_when_72_hours_is_weaker_than_the_24_hour_policy_in_both_languages() -> None:
    report = run(contract(incident_reporting={"notice_hours": 72}))
    r = row(report, "incident_reporting")
    assert (r.status, r.level, codes(r)) == (WEAKER, R, ["notice_hours_over_policy"]), "issue 5/7"
    reason = r.reasons[0]
    assert reason.ja == "インシデント通知の期限が72時間です。方針では24時間以内です。"
    assert reason.en == "Incident notice within 72 hours; policy requires 24."
    assert reason.params == {"parameter": "notice_hours", "stated": 72, "limit": 24}
    assert r.ref == "第11条", "the row points at the article"
    assert report.summary.complete is False


@pytest.mark.parametrize(
    ("rule", "profile", "my_number"),
    [
        ("番号法10条 (REGULATION.md §2.4): My Number processing under the APPI profile", APPI, True),
        ("番号法10条: the My Number profile implies My Number data", MYNUMBER, False),
        ("番号法10条: My Number data under the GDPR profile still needs it", GDPR, True),
    ],
)
def test_done_when_my_number_without_approval_at_every_tier_is_a_gap(
    rule: str, profile: Profile, my_number: bool
) -> None:
    report = run(contract(subcontracting={"approval_at_every_tier": False}), profile, my_number)
    r = row(report, "subcontracting")
    assert (r.status, r.level, codes(r)) == (WEAKER, R, ["approval_at_every_tier_required_for_my_number"]), rule
    assert "番号法第10条" in r.reasons[0].ja and "My Number Act Art. 10" in r.reasons[0].en
    assert report.summary.complete is False, rule


@pytest.mark.parametrize(
    ("rule", "profile", "my_number", "rows"),
    [
        ("issue 5/7: a complete contract has no gaps (JP-APPI: 14 Japanese clauses)", APPI, False, 14),
        ("issue 5/7: a complete contract has no gaps (JP-APPI with My Number data)", APPI, True, 14),
        ("issue 5/7: a complete contract has no gaps (JP-MYNUMBER)", MYNUMBER, False, 14),
        ("issue 5/7: a complete contract has no gaps (EU-GDPR: 14 + 4 Art. 28 items)", GDPR, False, 18),
    ],
)
def test_done_when_a_complete_contract_shows_no_gaps(rule: str, profile: Profile, my_number: bool, rows: int) -> None:
    report = run(contract(), profile, my_number)
    assert report.gaps == (), rule
    assert (report.summary.total, report.summary.met, report.summary.complete) == (rows, rows, True), rule
    assert all(r.reasons == () for r in report.rows), rule


# --- parameters against policy -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "changes", "policy", "key", "expected"),
    [
        (
            "issue 5/7 boundary: exactly 24 hours meets a 24-hour policy (stated ≤ policy)",
            {"incident_reporting": {"notice_hours": 24}},
            Policy(),
            "incident_reporting",
            (MET, []),
        ),
        (
            "issue 5/7 boundary: 25 hours is over a 24-hour policy",
            {"incident_reporting": {"notice_hours": 25}},
            Policy(),
            "incident_reporting",
            (WEAKER, ["notice_hours_over_policy"]),
        ),
        (
            "issue 5/7: an organisation that accepts 72 hours finds a 72-hour clause met",
            {"incident_reporting": {"notice_hours": 72}},
            Policy(max_incident_notice_hours=72),
            "incident_reporting",
            (MET, []),
        ),
        (
            "REGULATION.md §2.3 product rule: an incident clause stating no hours cannot be held to policy",
            {"incident_reporting": {"notice_hours": None}},
            Policy(),
            "incident_reporting",
            (WEAKER, ["notice_hours_not_stated"]),
        ),
        (
            "REGULATION.md §2.3 product rule: the report must carry the nine §1.7 items as known",
            {"incident_reporting": {"content_items": False}},
            Policy(),
            "incident_reporting",
            (WEAKER, ["content_items_missing"]),
        ),
        (
            "a value of the wrong type counts as not stated, not as a pass",
            {"incident_reporting": {"notice_hours": "24"}},
            Policy(),
            "incident_reporting",
            (WEAKER, ["notice_hours_not_stated"]),
        ),
        (
            "two failures are both given, in parameter order",
            {"incident_reporting": {"notice_hours": 48, "content_items": False}},
            Policy(),
            "incident_reporting",
            (WEAKER, ["notice_hours_over_policy", "content_items_missing"]),
        ),
        (
            "REGULATION.md §2.2 periodic audit: no audit in a year is below a once-a-year policy",
            {"audit_rights": {"audit_frequency_per_year": 0}},
            Policy(),
            "audit_rights",
            (WEAKER, ["audit_frequency_below_policy"]),
        ),
        (
            "audit frequency boundary: 1 a year is below a policy of 2 (stated ≥ policy)",
            {"audit_rights": {"audit_frequency_per_year": 1}},
            Policy(min_audit_frequency_per_year=2),
            "audit_rights",
            (WEAKER, ["audit_frequency_below_policy"]),
        ),
        (
            "audit frequency boundary: 2 a year meets a policy of 2",
            {"audit_rights": {"audit_frequency_per_year": 2}},
            Policy(min_audit_frequency_per_year=2),
            "audit_rights",
            (MET, []),
        ),
        (
            "My Number guideline item 10 (実地の調査): an audit right without on-site inspection is weaker",
            {"audit_rights": {"on_site": False}},
            Policy(),
            "audit_rights",
            (WEAKER, ["on_site_missing"]),
        ),
        (
            "My Number guideline item 8: compliance reports below the policy's frequency",
            {"compliance_reports": {"report_frequency_per_year": 1}},
            Policy(min_report_frequency_per_year=4),
            "compliance_reports",
            (WEAKER, ["report_frequency_below_policy"]),
        ),
        (
            "issue 5/7 product rule: disposal without a certificate is weaker",
            {"return_or_disposal": {"disposal_certificate": False}},
            Policy(),
            "return_or_disposal",
            (WEAKER, ["disposal_certificate_missing"]),
        ),
        (
            "issue 5/7 product rule: a disposal clause silent on the certificate is weaker too",
            {"return_or_disposal": {"disposal_certificate": None}},
            Policy(),
            "return_or_disposal",
            (WEAKER, ["disposal_certificate_missing"]),
        ),
        (
            "REGULATION.md §2.4 / GDPR Art. 28(2): notice after the fact is weaker than prior approval",
            {"subcontracting": {"prior_approval": False}},
            Policy(),
            "subcontracting",
            (WEAKER, ["prior_approval_missing"]),
        ),
        (
            "番号法10条 applies only to My Number data: without it, approval at every tier is not asked for",
            {"subcontracting": {"approval_at_every_tier": False}},
            Policy(),
            "subcontracting",
            (MET, []),
        ),
        (
            "informational parameters never make a gap: no storage place or country stated",
            {"storage_and_retention": {"storage_location": None, "storage_country": None}},
            Policy(),
            "storage_and_retention",
            (MET, []),
        ),
    ],
)
def test_parameters_against_policy(
    rule: str, changes: dict[str, Any], policy: Policy, key: str, expected: tuple[Status, list[str]]
) -> None:
    r = row(run(contract(**changes), policy=policy), key)
    assert (r.status, codes(r)) == expected, rule


@pytest.mark.parametrize(
    ("rule", "changes", "policy", "ja", "en"),
    [
        (
            "issue 5/7: the audit reason states both numbers",
            {"audit_rights": {"audit_frequency_per_year": 1}},
            Policy(min_audit_frequency_per_year=2),
            "監査の頻度が年1回です。方針では年2回以上です。",
            "Audit frequency: 1 per year; policy requires at least 2.",
        ),
        (
            "issue 5/7: the unstated-hours reason states the policy",
            {"incident_reporting": {"notice_hours": None}},
            Policy(),
            "インシデント通知の期限（時間）が定められていません。方針では24時間以内です。",
            "No incident-notice time is stated; policy requires 24 hours.",
        ),
        (
            "issue 5/7: the disposal-certificate reason",
            {"return_or_disposal": {"disposal_certificate": False}},
            Policy(),
            "廃棄・消去の証明書の提出が定められていません。",
            "The contract does not require a certificate of disposal.",
        ),
    ],
)
def test_reason_texts(rule: str, changes: dict[str, Any], policy: Policy, ja: str, en: str) -> None:
    report = run(contract(**changes), policy=policy)
    (reason,) = [reason for r in report.rows for reason in r.reasons]
    assert (reason.ja, reason.en) == (ja, en), rule


# --- levels decide completeness ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "profile", "my_number", "without", "expected"),
    [
        (
            "REGULATION.md §2.2: APPI contract contents are 望ましい — a missing access clause is desirable",
            APPI,
            False,
            "access_control",
            (D, ["missing_desirable"], True),
        ),
        (
            "REGULATION.md §2.2: under APPI even confidentiality is only desirable",
            APPI,
            False,
            "confidentiality",
            (D, ["missing_desirable"], True),
        ),
        (
            "My Number guideline item 1: confidentiality is required when My Number data is covered",
            APPI,
            True,
            "confidentiality",
            (R, ["missing_required"], False),
        ),
        (
            "My Number guideline item 6: return or disposal is required under the My Number profile",
            MYNUMBER,
            False,
            "return_or_disposal",
            (R, ["missing_required"], False),
        ),
        (
            "My Number guideline item 9 (desirable): a missing named-staff clause keeps the contract complete",
            MYNUMBER,
            False,
            "access_control",
            (D, ["missing_desirable"], True),
        ),
        (
            "My Number guideline item 10 (desirable): a missing audit clause keeps the contract complete",
            MYNUMBER,
            True,
            "audit_rights",
            (D, ["missing_desirable"], True),
        ),
        (
            "REGULATION.md §2.3 product rule: incident reporting is required under GDPR too",
            GDPR,
            False,
            "incident_reporting",
            (R, ["missing_required"], False),
        ),
        (
            "GDPR Art. 28(3)(b): confidentiality is required",
            GDPR,
            False,
            "confidentiality",
            (R, ["missing_required"], False),
        ),
        (
            "GDPR Art. 28(3)(h): audits including inspections are required",
            GDPR,
            False,
            "audit_rights",
            (R, ["missing_required"], False),
        ),
        (
            "GDPR Art. 28(3)(a): documented instructions incl. international transfers",
            GDPR,
            False,
            "gdpr_instructions",
            (R, ["missing_required"], False),
        ),
        (
            "GDPR Art. 28(3)(e): assistance with data-subject rights",
            GDPR,
            False,
            "gdpr_data_subject_rights",
            (R, ["missing_required"], False),
        ),
        (
            "GDPR Art. 28(3)(f): assistance with Arts. 32–36",
            GDPR,
            False,
            "gdpr_assistance",
            (R, ["missing_required"], False),
        ),
        (
            "GDPR Art. 28(3)(h): information to demonstrate compliance",
            GDPR,
            False,
            "gdpr_demonstrate_compliance",
            (R, ["missing_required"], False),
        ),
        (
            "Art. 28 is not Japanese law: a missing storage clause is desirable under GDPR",
            GDPR,
            False,
            "storage_and_retention",
            (D, ["missing_desirable"], True),
        ),
    ],
)
def test_missing_clause_level_and_completeness(
    rule: str, profile: Profile, my_number: bool, without: str, expected: tuple[Level, list[str], bool]
) -> None:
    report = run(contract(without=(without,)), profile, my_number)
    r = row(report, without)
    assert r.status == MISSING, rule
    assert (r.level, codes(r), report.summary.complete) == expected, rule


def test_a_weaker_desirable_clause_keeps_the_contract_complete() -> None:
    report = run(contract(audit_rights={"on_site": False}), APPI)
    r = row(report, "audit_rights")
    assert (r.status, r.level, report.summary.complete) == (WEAKER, D, True), "REGULATION.md §2.2: 望ましい"


@pytest.mark.parametrize(
    ("rule", "profile", "absent"),
    [
        ("Art. 28 items exist only under EU-GDPR (JP-APPI)", APPI, "gdpr_instructions"),
        ("Art. 28 items exist only under EU-GDPR (JP-MYNUMBER)", MYNUMBER, "gdpr_demonstrate_compliance"),
    ],
)
def test_gdpr_items_do_not_apply_under_japanese_profiles(rule: str, profile: Profile, absent: str) -> None:
    report = run(contract(without=tuple(k for k in ALL_KEYS if k.startswith("gdpr_"))), profile)
    assert absent not in {r.key for r in report.rows}, rule
    assert report.summary.complete is True, rule


def test_summary_counts() -> None:
    # JP-APPI, 14 rows: access clause missing (desirable), incident 72 h (required, weaker), disposal certificate
    # false (desirable, weaker) → met 11, missing 1, weaker 2, not complete.
    report = run(
        contract(
            without=("access_control",),
            incident_reporting={"notice_hours": 72},
            return_or_disposal={"disposal_certificate": False},
        )
    )
    s = report.summary
    assert (s.total, s.met, s.missing, s.weaker) == (14, 11, 1, 2)
    assert (s.required_missing, s.required_weaker, s.desirable_missing, s.desirable_weaker) == (0, 1, 1, 1)
    assert s.complete is False
    assert [g.key for g in report.gaps] == ["access_control", "return_or_disposal", "incident_reporting"]


# --- the organisation's own requirements and policy ---------------------------------------------------------

INSURANCE = organisation_requirement(
    "cyber_insurance",
    Text(ja="サイバー保険への加入", en="Cyber insurance"),
    Level.required,
    wording=Text(ja="受託者はサイバー保険に加入する。", en="The Contractor shall hold cyber insurance."),
)
LOCAL_TRAINING = organisation_requirement(
    "annual_training_record", Text(ja="教育記録の提出", en="Training records"), Level.desirable
)
COVERAGE = organisation_requirement(
    "insurance_cover",
    Text(ja="保険の補償額", en="Insurance cover"),
    Level.required,
    parameters=[
        Parameter(
            "cover_million_yen",
            ParamType.integer,
            Text(ja="補償額（百万円）", en="Cover (million yen)"),
            compare=Comparison.min,
            limit=100,
        )
    ],
)


@pytest.mark.parametrize(
    ("rule", "policy", "extra_clauses", "key", "expected"),
    [
        (
            "issue 5/7: an organisation's own required clause, missing, is a required gap",
            Policy(extra=(INSURANCE,)),
            [],
            "cyber_insurance",
            (MISSING, R, ["missing_required"], False),
        ),
        (
            "issue 5/7: an organisation's own desirable clause, missing, keeps the contract complete",
            Policy(extra=(LOCAL_TRAINING,)),
            [],
            "annual_training_record",
            (MISSING, D, ["missing_desirable"], True),
        ),
        (
            "issue 5/7: an organisation's own clause present is met",
            Policy(extra=(INSURANCE,)),
            [ContractClause("cyber_insurance", ref="第20条")],
            "cyber_insurance",
            (MET, R, [], True),
        ),
        (
            "an organisation's own minimum: 50 against 100 is below policy",
            Policy(extra=(COVERAGE,)),
            [ContractClause("insurance_cover", {"cover_million_yen": 50})],
            "insurance_cover",
            (WEAKER, R, ["cover_million_yen_below_policy"], False),
        ),
        (
            "REGULATION.md §2.4 'desirable → configurable required': the organisation raises access control",
            Policy(required_keys=frozenset({"access_control"})),
            [],
            "access_control",
            (MISSING, R, ["missing_required"], False),
        ),
    ],
)
def test_organisation_requirements(
    rule: str,
    policy: Policy,
    extra_clauses: list[ContractClause],
    key: str,
    expected: tuple[Status, Level, list[str], bool],
) -> None:
    clauses = [c for c in contract() if c.requirement_key != key] + extra_clauses
    report = run(clauses, APPI, policy=policy)
    r = row(report, key)
    assert (r.status, r.level, codes(r), report.summary.complete) == expected, rule


@pytest.mark.parametrize("profile", [APPI, MYNUMBER, GDPR])
def test_organisation_requirement_applies_under_every_profile(profile: Profile) -> None:
    report = run(contract(), profile, policy=Policy(extra=(INSURANCE,)))
    assert row(report, "cyber_insurance").status == MISSING


def test_organisation_reason_with_braces_in_its_title_is_not_mangled() -> None:
    odd = organisation_requirement(
        "odd",
        Text(ja="特約{A}", en="Rider {A}"),
        Level.required,
        parameters=[
            Parameter("flag", ParamType.boolean, Text("特約{A}", "Rider {A}"), compare=Comparison.must_be_true)
        ],
    )
    report = run([*contract(), ContractClause("odd", {"flag": False})], policy=Policy(extra=(odd,)))
    (reason,) = row(report, "odd").reasons
    assert (reason.code, reason.en) == ("flag_missing", '"Rider {A}" is not provided for.')


def test_organisation_key_may_not_shadow_a_builtin() -> None:
    clash = organisation_requirement("confidentiality", Text("秘密", "Secret"), Level.required)
    with pytest.raises(ValueError, match="confidentiality"):
        run(contract(), policy=Policy(extra=(clash,)))


def test_clauses_naming_no_requirement_are_reported() -> None:
    report = run([*contract(), ContractClause("no_such_clause"), ContractClause("no_such_clause")])
    assert report.unknown_clause_keys == ("no_such_clause",)
    assert report.gaps == ()


def test_the_best_of_several_clauses_for_one_requirement_counts() -> None:
    clauses = [*contract(), ContractClause("incident_reporting", {"notice_hours": 72}, ref="第30条")]
    r = row(run(clauses), "incident_reporting")
    assert (r.status, r.ref) == (MET, "第11条"), "the contract binds the vendor to its strictest clause"


# --- incident notice hours for the incident engine ----------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "clauses", "hours"),
    [
        ("issue 5/7 item 6: the stated hours", [ContractClause("incident_reporting", {"notice_hours": 72})], 72),
        ("no incident clause: nothing to judge by", contract(without=("incident_reporting",)), None),
        ("an incident clause without hours", [ContractClause("incident_reporting", {"to_whom": "法務部"})], None),
        (
            "two incident clauses: the strictest binds",
            [
                ContractClause("incident_reporting", {"notice_hours": 72}),
                ContractClause("incident_reporting", {"notice_hours": 12}),
            ],
            12,
        ),
        ("a boolean is not a number of hours", [ContractClause("incident_reporting", {"notice_hours": True})], None),
        ("hours on another clause do not count", [ContractClause("audit_rights", {"notice_hours": 1})], None),
    ],
)
def test_incident_notice_hours(rule: str, clauses: list[ContractClause], hours: int | None) -> None:
    assert incident_notice_hours(clauses) == hours, rule


# --- values a clause may state ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "key", "values"),
    [
        ("an int parameter is not a string", "incident_reporting", {"notice_hours": "24"}),
        ("an int parameter is not a boolean", "incident_reporting", {"notice_hours": True}),
        ("hours are not negative", "incident_reporting", {"notice_hours": -1}),
        ("a bool parameter is true or false", "return_or_disposal", {"disposal_certificate": "yes"}),
        ("a choice must be one of its choices", "storage_and_retention", {"storage_country": "mars"}),
        ("a text has a length limit", "incident_reporting", {"to_whom": "x" * 2001}),
        ("a clause states only its own parameters", "confidentiality", {"notice_hours": 24}),
    ],
)
def test_validate_values_refuses(rule: str, key: str, values: dict[str, Any]) -> None:
    with pytest.raises(InvalidClauseValue):
        validate_values(BUILTIN_BY_KEY[key], values)


def test_validate_values_accepts_the_complete_contract() -> None:
    for clause in contract():
        validate_values(BUILTIN_BY_KEY[clause.requirement_key], clause.values)
    validate_values(BUILTIN_BY_KEY["incident_reporting"], {"notice_hours": None})


@pytest.mark.parametrize(
    ("rule", "build"),
    [
        (
            "a wording placeholder must name a parameter",
            lambda: organisation_requirement("x", Text("x", "x"), Level.required, wording=Text("{nope}", "{nope}")),
        ),
        (
            "a compared parameter is an int",
            lambda: Parameter("p", ParamType.text, Text("p", "p"), compare=Comparison.max, limit=1),
        ),
        (
            "a compared parameter has a limit",
            lambda: Parameter("p", ParamType.integer, Text("p", "p"), compare=Comparison.min),
        ),
        (
            "must_be_true needs a bool",
            lambda: Parameter("p", ParamType.integer, Text("p", "p"), compare=Comparison.must_be_true),
        ),
        ("a choice parameter lists its choices", lambda: Parameter("p", ParamType.choice, Text("p", "p"))),
        ("a key is lower snake case", lambda: organisation_requirement("Bad Key", Text("x", "x"), Level.required)),
    ],
)
def test_library_refuses_malformed_definitions(rule: str, build: Any) -> None:
    with pytest.raises(ValueError):
        build()
