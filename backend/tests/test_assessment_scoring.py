"""Table-driven checks of questionnaire scoring and the built-in templates; each row names the rule it checks.

Expected scores are worked out by hand in the rows, never recomputed with the code under test."""

import datetime as dt
from typing import Any

import pytest

from itaku.assessments.builtin import BUILTIN
from itaku.assessments.definition import Definition, QuestionType, Severity, Text
from itaku.assessments.scoring import Answer, InvalidAnswer, evaluate, normalise

SME = BUILTIN["sme-self-check"]
SME_KEYS = [f"item{n:02d}" for n in range(1, 26)]
# The self-check items that offer "we do not use this" (sharing settings, Wi-Fi, taking out, BYOD, outside services).
SME_NOT_USED = [q.key for q in SME.questions() if any(o.key == "not_used" for o in q.options)]


def sheet(*runs: tuple[str, int], **overrides: str) -> dict[str, Answer]:
    """Self-check answers: runs fill items 1.. in order (e.g. ("implemented", 17)); overrides set single items.
    Every answer goes through normalise, so a row can only choose options the item really offers."""
    values: dict[str, str] = {}
    keys = iter(SME_KEYS)
    for choice, count in runs:
        for _ in range(count):
            values[next(keys)] = choice
    values.update(overrides)
    return {key: Answer(normalise(_question(SME, key), value)) for key, value in values.items()}


def _question(definition: Definition, key: str) -> Any:
    question = definition.question(key)
    assert question is not None, key
    return question


# --- the 25-item self-check (points_sum) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "answers", "score", "band"),
    [
        (
            "REGULATION.md §3.3: every item implemented scores 25×4 = 100, entry-level measures achieved",
            sheet(("implemented", 25)),
            100,
            "achieved",
        ),
        (
            "REGULATION.md §3.3: 24×4 + 1×2 = 98 is mostly done (70–99)",
            sheet(("implemented", 24), ("partly", 1)),
            98,
            "mostly",
        ),
        (
            "REGULATION.md §3.3: 17×4 + 1×2 + 7×0 = 70 is the bottom of 70–99, mostly done",
            sheet(("implemented", 17), ("partly", 1), ("not_implemented", 7)),
            70,
            "mostly",
        ),
        (
            "REGULATION.md §3.3: 17×4 + 1×2 + 1×(−1) + 6×0 = 69 drops to noticeable gaps (50–69)",
            sheet(("implemented", 17), ("partly", 1), ("unknown", 1), ("not_implemented", 6)),
            69,
            "gaps",
        ),
        (
            "REGULATION.md §3.3: 12×4 + 1×2 + 12×0 = 50 is the bottom of 50–69, noticeable gaps",
            sheet(("implemented", 12), ("partly", 1), ("not_implemented", 12)),
            50,
            "gaps",
        ),
        (
            "REGULATION.md §3.3: 12×4 + 1×2 + 1×(−1) + 11×0 = 49 is ≤49, an incident could happen any time",
            sheet(("implemented", 12), ("partly", 1), ("unknown", 1), ("not_implemented", 11)),
            49,
            "at_risk",
        ),
        (
            "REGULATION.md §3.3: don't know scores −1, so all 25 unknown = 25×(−1) = −25",
            sheet(("unknown", 25)),
            -25,
            "at_risk",
        ),
        (
            "REGULATION.md §3.3: an item for technology not used counts 4; 5 not used + 20 implemented = 25×4 = 100",
            sheet(("implemented", 25), **dict.fromkeys(SME_NOT_USED, "not_used")),
            100,
            "achieved",
        ),
        (
            "REGULATION.md §3.3: not used counts 4 even when nothing else is done; 5×4 + 20×0 = 20",
            sheet(("not_implemented", 25), **dict.fromkeys(SME_NOT_USED, "not_used")),
            20,
            "at_risk",
        ),
        (
            "REGULATION.md §3.3: all not implemented = 25×0 = 0",
            sheet(("not_implemented", 25)),
            0,
            "at_risk",
        ),
        (
            "an unanswered item earns nothing: 24×4 + 1 unanswered = 96",
            sheet(("implemented", 24)),
            96,
            "mostly",
        ),
    ],
)
def test_self_check_score_and_band(rule: str, answers: dict[str, Answer], score: float, band: str) -> None:
    result = evaluate(SME, answers)
    assert (result.score, result.band) == (score, band), rule


@pytest.mark.parametrize(
    ("rule", "answers", "sections"),
    [
        (
            "REGULATION.md §3.3: the parts add up separately; all implemented = 5×4, 13×4, 7×4",
            sheet(("implemented", 25)),
            [("part1", 20, 20), ("part2", 52, 52), ("part3", 28, 28)],
        ),
        (
            "part scores are points: item01 unknown, item06 partly, item25 not implemented = 4×4−1, 12×4+2, 6×4",
            sheet(("implemented", 25), item01="unknown", item06="partly", item25="not_implemented"),
            [("part1", 15, 20), ("part2", 50, 52), ("part3", 24, 28)],
        ),
    ],
)
def test_self_check_sections(rule: str, answers: dict[str, Answer], sections: list[tuple[str, float, float]]) -> None:
    result = evaluate(SME, answers)
    assert [(s.key, s.score, s.possible) for s in result.sections] == sections, rule


@pytest.mark.parametrize(
    ("rule", "answers", "findings"),
    [
        ("all implemented raises nothing", sheet(("implemented", 25)), set()),
        ("partly implemented raises nothing", sheet(("partly", 25)), set()),
        ("not used raises nothing", sheet(("implemented", 25), item09="not_used"), set()),
        (
            "not implemented is high for the five basics (items 1–5)",
            sheet(("implemented", 25), item01="not_implemented", item05="not_implemented"),
            {("item01", Severity.high), ("item05", Severity.high)},
        ),
        (
            "not implemented is high for backups (item 11) and incident preparedness (item 24)",
            sheet(("implemented", 25), item11="not_implemented", item24="not_implemented"),
            {("item11", Severity.high), ("item24", Severity.high)},
        ),
        (
            "not implemented is medium for the other items",
            sheet(("implemented", 25), item06="not_implemented", item25="not_implemented"),
            {("item06", Severity.medium), ("item25", Severity.medium)},
        ),
        (
            "don't know is low, even on a basic item",
            sheet(("implemented", 25), item01="unknown", item18="unknown"),
            {("item01", Severity.low), ("item18", Severity.low)},
        ),
    ],
)
def test_self_check_findings(rule: str, answers: dict[str, Answer], findings: set[tuple[str, Severity]]) -> None:
    result = evaluate(SME, answers)
    assert {(f.question_key, f.rule.severity) for f in result.findings} == findings, rule


# --- weighted_percent on a small inline template -----------------------------------------------------------

TINY = Definition.model_validate(
    {
        "title": {"ja": "テスト", "en": "Test"},
        "bands": [
            {"min": 0, "key": "poor", "label": {"en": "Poor"}},
            {"min": 80, "key": "good", "label": {"en": "Good"}},
            {"min": 50, "key": "fair", "label": {"en": "Fair"}},
        ],
        "sections": [
            {
                "key": "controls",
                "title": {"en": "Controls"},
                "questions": [
                    {
                        "key": "access",
                        "type": "yes_no_na",
                        "text": {"en": "Access control?"},
                        "weight": 3,
                        "findings": [{"when": ["no"], "severity": "high"}],
                    },
                    {
                        "key": "training",
                        "type": "single_choice",
                        "text": {"en": "Training?"},
                        "weight": 1,
                        "options": [
                            {"key": "full", "label": {"en": "Yearly"}, "score": 1},
                            {"key": "half", "label": {"en": "On hire"}, "score": 0.5},
                            {"key": "none", "label": {"en": "None"}, "score": 0},
                            {"key": "na", "label": {"en": "No staff"}},
                        ],
                        "findings": [{"when": ["none"], "severity": "medium"}],
                    },
                ],
            },
            {
                "key": "evidence",
                "title": {"en": "Evidence"},
                "questions": [
                    {
                        "key": "certs",
                        "type": "multiple_choice",
                        "text": {"en": "Certifications?"},
                        "weight": 2,
                        "options": [
                            {"key": "a", "label": {"en": "A"}, "score": 2},
                            {"key": "b", "label": {"en": "B"}, "score": 1},
                            {"key": "c", "label": {"en": "C"}, "score": 1},
                            {"key": "none", "label": {"en": "None"}},
                        ],
                        "findings": [{"when": ["none"], "severity": "low"}],
                    },
                    {"key": "notes", "type": "text", "text": {"en": "Notes"}, "required": False},
                    {"key": "staff", "type": "number", "text": {"en": "Staff with access"}},
                    {"key": "tested_on", "type": "date", "text": {"en": "Last test"}},
                    {"key": "policy", "type": "file", "text": {"en": "Policy"}},
                ],
            },
        ],
    }
)
# Weights: access 3, training 1, certs 2 → 6 in all. Certs' best is its best single option, a = 2; the
# options chosen add up towards it and no further.


def tiny(**values: Any) -> dict[str, Answer]:
    return {key: value if isinstance(value, Answer) else Answer(value) for key, value in values.items()}


ALL_CERTS = ["a", "b", "c"]


@pytest.mark.parametrize(
    ("rule", "answers", "score", "band"),
    [
        (
            "best answers everywhere: (3 + 1 + 2)/6 = 100%",
            tiny(access="yes", training="full", certs=ALL_CERTS),
            100,
            "good",
        ),
        (
            "weight 1 lost: (3×1 + 1×0 + 2×1)/6 = 83.3%",
            tiny(access="yes", training="none", certs=ALL_CERTS),
            83.3,
            "good",
        ),
        (
            "weight 3 lost: (3×0 + 1×1 + 2×1)/6 = 50%, the bottom of the middle band",
            tiny(access="no", training="full", certs=ALL_CERTS),
            50,
            "fair",
        ),
        (
            "partial scores scale by the best option: (3×1 + 1×0.5 + 2×1/2)/6 = 4.5/6 = 75%",
            tiny(access="yes", training="half", certs=["b"]),
            75,
            "fair",
        ),
        (
            "the best option alone earns a multiple choice in full: (3×1 + 1×0.5 + 2×2/2)/6 = 5.5/6 = 91.7%",
            tiny(access="yes", training="half", certs=["a"]),
            91.7,
            "good",
        ),
        (
            "lesser options add up towards the best: b + c = 1 + 1 = 2 of 2 → (3 + 1 + 2)/6 = 100%",
            tiny(access="yes", training="full", certs=["b", "c"]),
            100,
            "good",
        ),
        (
            "'na' leaves scoring: (1×1 + 2×1)/(1 + 2) = 100%",
            tiny(access="na", training="full", certs=ALL_CERTS),
            100,
            "good",
        ),
        (
            "'na' leaves scoring: (1×0.5 + 2×1/2)/(1 + 2) = 1.5/3 = 50%",
            tiny(access="na", training="half", certs=["b"]),
            50,
            "fair",
        ),
        (
            "an unanswered scored question counts 0: (3×0 + 1×1 + 2×1)/6 = 50%",
            tiny(training="full", certs=ALL_CERTS),
            50,
            "fair",
        ),
        ("nothing answered scores 0 of 6 = 0%, not None", tiny(), 0, "poor"),
        (
            "a multiple choice of only unscored options leaves scoring: (3×1 + 1×1)/(3 + 1) = 100%",
            tiny(access="yes", training="full", certs=["none"]),
            100,
            "good",
        ),
        (
            "an unscored option beside a scored one counts the scored one: (3 + 1 + 2×1/2)/6 = 5/6 = 83.3%",
            tiny(access="yes", training="full", certs=["b", "none"]),
            83.3,
            "good",
        ),
        (
            "multiple choice is capped at its best option: a,a,b,c adds up to 6 but earns 2 of 2 → 100%",
            tiny(access="yes", training="full", certs=["a", "a", "b", "c"]),
            100,
            "good",
        ),
        (
            "everything scored is 'na': no score and no band",
            tiny(access="na", training="na", certs=["none"]),
            None,
            None,
        ),
        (
            "unscored types (text, number, date, file) never move the score: (3 + 1 + 2)/6 = 100%",
            tiny(
                access="yes",
                training="full",
                certs=ALL_CERTS,
                notes="",
                staff=0,
                tested_on="2020-01-01",
                policy=Answer(file_count=0),
            ),
            100,
            "good",
        ),
    ],
)
def test_weighted_percent(rule: str, answers: dict[str, Answer], score: float | None, band: str | None) -> None:
    result = evaluate(TINY, answers)
    assert (result.score, result.band) == (score, band), rule


@pytest.mark.parametrize(
    ("rule", "answers", "sections"),
    [
        (
            "section percentages use the section's own weights: controls (3×1 + 1×0)/4 = 75%, evidence 2×1/2 = 100%",
            tiny(access="yes", training="none", certs=ALL_CERTS),
            [("controls", 75, 3, 4), ("evidence", 100, 2, 2)],
        ),
        (
            "a section whose scored questions are all 'na' has no score",
            tiny(access="na", training="na", certs=ALL_CERTS),
            [("controls", None, 0, 0), ("evidence", 100, 2, 2)],
        ),
    ],
)
def test_weighted_percent_sections(
    rule: str, answers: dict[str, Answer], sections: list[tuple[str, float | None, float, float]]
) -> None:
    result = evaluate(TINY, answers)
    assert [(s.key, s.score, s.earned, s.possible) for s in result.sections] == sections, rule


@pytest.mark.parametrize(
    ("rule", "answers", "findings"),
    [
        ("good answers raise nothing", tiny(access="yes", training="full", certs=ALL_CERTS), set()),
        ("'no' on a rule's option raises its severity", tiny(access="no"), {("access", Severity.high)}),
        ("an answer the rule does not name raises nothing", tiny(access="na", training="half"), set()),
        ("a single choice rule fires on its option", tiny(training="none"), {("training", Severity.medium)}),
        (
            "a multiple choice rule fires when the list holds its option",
            tiny(certs=["b", "none"]),
            {("certs", Severity.low)},
        ),
        ("a multiple choice rule stays quiet without its option", tiny(certs=["a", "b"]), set()),
        ("unanswered questions raise nothing", tiny(), set()),
        (
            "several bad answers raise one finding each",
            tiny(access="no", training="none", certs=["none"]),
            {("access", Severity.high), ("training", Severity.medium), ("certs", Severity.low)},
        ),
    ],
)
def test_finding_rules(rule: str, answers: dict[str, Answer], findings: set[tuple[str, Severity]]) -> None:
    result = evaluate(TINY, answers)
    raised = [(f.question_key, f.rule.severity) for f in result.findings]
    assert len(raised) == len(set(raised)), rule  # once per question and rule
    assert set(raised) == findings, rule


@pytest.mark.parametrize(
    ("rule", "answers", "missing", "answered"),
    [
        (
            "nothing answered: every required question is missing, in template order (notes is optional)",
            tiny(),
            ["access", "training", "certs", "staff", "tested_on", "policy"],
            0,
        ),
        (
            "a file question is answered by attaching a file, not by a value",
            tiny(
                access="yes", training="na", certs=["a"], staff=3, tested_on="2025-04-01", policy=Answer(file_count=1)
            ),
            [],
            6,
        ),
        (
            "a file question with no file attached is still missing",
            tiny(
                access="yes", training="na", certs=["a"], staff=3, tested_on="2025-04-01", policy=Answer(file_count=0)
            ),
            ["policy"],
            5,
        ),
        (
            "'na' and 0 are answers; a cleared value (None) is not",
            tiny(access="na", training=None, certs=["none"], staff=0, notes="free text"),
            ["training", "tested_on", "policy"],
            4,
        ),
    ],
)
def test_missing_required(rule: str, answers: dict[str, Answer], missing: list[str], answered: int) -> None:
    result = evaluate(TINY, answers)
    assert result.missing == missing, rule
    assert (result.answered, result.required, result.required_answered) == (answered, 6, 6 - len(missing)), rule


# --- normalise ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "key", "value", "stored"),
    [
        ("a yes/no/na option key is kept", "access", "na", "na"),
        ("a single choice option key is kept", "training", "half", "half"),
        ("multiple choice is stored in template order without repeats", "certs", ["c", "a", "c"], ["a", "c"]),
        ("one option given as a string becomes a list", "certs", "b", ["b"]),
        ("a number string is read as a number", "staff", "12", 12),
        ("thousands separators are allowed", "staff", "1,234", 1234),
        ("a decimal string stays a decimal", "staff", "2.5", 2.5),
        ("a whole float is stored as an int", "staff", 3.0, 3),
        ("zero is an answer, not a cleared value", "staff", 0, 0),
        ("a date string is stored in ISO form", "tested_on", "2025-03-31", "2025-03-31"),
        ("a date object is stored in ISO form", "tested_on", dt.date(2024, 2, 29), "2024-02-29"),
        ("a datetime keeps only its date", "tested_on", dt.datetime(2025, 1, 2, 23, 59), "2025-01-02"),
        ("text is kept as given", "notes", "ISMS 認証を更新予定", "ISMS 認証を更新予定"),
        ("None clears an answer", "access", None, None),
        ("an empty string clears an answer", "notes", "", None),
        ("an empty list clears a multiple choice", "certs", [], None),
    ],
)
def test_normalise(rule: str, key: str, value: Any, stored: Any) -> None:
    result = normalise(_question(TINY, key), value)
    assert result == stored and type(result) is type(stored), rule


@pytest.mark.parametrize(
    ("rule", "key", "value"),
    [
        ("a yes/no/na answer must be one of its options", "access", "maybe"),
        ("a yes/no/na answer is not a boolean", "access", True),
        ("a single choice answer must be one of its options", "training", "sometimes"),
        ("a single choice answer is not a list", "training", ["full"]),
        ("a multiple choice answer may not name an unknown option", "certs", ["a", "zzz"]),
        ("a multiple choice answer is a list of strings", "certs", [1, 2]),
        ("a multiple choice answer is not a number", "certs", 5),
        ("a number answer must parse as a number", "staff", "twelve"),
        ("a number answer is not a boolean", "staff", True),
        ("a number answer is not a list", "staff", [1]),
        ("a number answer must be finite", "staff", "inf"),
        ("a number answer must be finite (NaN)", "staff", float("nan")),
        ("a number answer too large for a float is refused, not a crash", "staff", 10**400),
        ("a date answer must be a real date", "tested_on", "2025-02-30"),
        ("a date answer must be YYYY-MM-DD", "tested_on", "31/03/2025"),
        ("a date answer is not free text", "tested_on", "last spring"),
        ("a text answer must be a string", "notes", 123),
        ("a text answer has a length limit", "notes", "x" * 20_001),
        ("a file question takes no typed value", "policy", "policy.pdf"),
    ],
)
def test_normalise_refuses(rule: str, key: str, value: Any) -> None:
    with pytest.raises(InvalidAnswer):
        normalise(_question(TINY, key), value)


# --- the built-in templates --------------------------------------------------------------------------------


def _texts(definition: Definition) -> list[Text]:
    texts = [definition.title, *(b.label for b in definition.bands)]
    for section in definition.sections:
        texts.append(section.title)
        for question in section.questions:
            texts += [question.text, *([question.help] if question.help else [])]
            texts += [o.label for o in question.options]
            texts += [r.title for r in question.findings if r.title]
    return texts


@pytest.mark.parametrize("name", sorted(BUILTIN))
def test_builtin_survives_a_json_round_trip(name: str) -> None:
    definition = BUILTIN[name]
    assert Definition.model_validate_json(definition.model_dump_json()) == definition, "export → import is lossless"


@pytest.mark.parametrize("name", sorted(BUILTIN))
def test_builtin_keys_are_unique(name: str) -> None:
    definition = BUILTIN[name]
    question_keys = [q.key for q in definition.questions()]
    assert len(question_keys) == len(set(question_keys)), "question keys are unique in a template"
    assert len({s.key for s in definition.sections}) == len(definition.sections), "section keys are unique"
    assert len({b.key for b in definition.bands}) == len(definition.bands), "band keys are unique"
    for q in definition.questions():
        assert len({o.key for o in q.options}) == len(q.options), f"{q.key}: option keys are unique"


@pytest.mark.parametrize("name", sorted(BUILTIN))
def test_builtin_is_bilingual(name: str) -> None:
    for text in _texts(BUILTIN[name]):
        assert text.ja and text.en, f"every built-in text is given in both languages: {text}"


@pytest.mark.parametrize("name", sorted(BUILTIN))
def test_builtin_scored_questions_can_earn_full_marks(name: str) -> None:
    definition = BUILTIN[name]
    scored = [q for q in definition.questions() if q.scored]
    assert scored, "a built-in template scores something"
    for q in scored:
        assert max(o.score for o in q.options if o.score is not None) > 0, f"{q.key}: has an option worth points"


@pytest.mark.parametrize("name", sorted(BUILTIN))
def test_builtin_best_answers_reach_the_top_band(name: str) -> None:
    definition = BUILTIN[name]
    answers = {}
    for q in definition.questions():
        if not q.scored:
            continue
        if q.type == QuestionType.multiple_choice:
            answers[q.key] = Answer([o.key for o in q.options if o.score and o.score > 0])
        else:
            best = max(o.score for o in q.options if o.score is not None)
            answers[q.key] = Answer(next(o.key for o in q.options if o.score == best))
    result = evaluate(definition, answers)
    assert result.band == definition.bands[0].key, "the best answers land in the best band"
    assert result.findings == [], "the best answers raise no findings"


def test_selection_review_uses_every_question_type() -> None:
    assert {q.type for q in BUILTIN["selection-review"].questions()} == set(QuestionType)


def test_selection_review_size_and_bands() -> None:
    definition = BUILTIN["selection-review"]
    assert 30 <= len(definition.questions()) <= 40, "around 30–40 questions"
    assert [(b.min, b.key) for b in definition.bands] == [(80, "acceptable"), (60, "conditional"), (0, "insufficient")]


@pytest.mark.parametrize(
    ("rule", "answer", "severity"),
    [
        ("a first notice within 24 hours raises nothing", "within_24h", None),
        ("72 hours leaves little room for the 3–5-day PPC preliminary report: medium", "within_72h", Severity.medium),
        ("a week misses the PPC preliminary report: high", "within_week", Severity.high),
        ("no commitment to report is critical", "no_commitment", Severity.critical),
    ],
)
def test_selection_review_incident_notice(rule: str, answer: str, severity: Severity | None) -> None:
    result = evaluate(BUILTIN["selection-review"], {"incident_notice": Answer(answer)})
    assert [f.rule.severity for f in result.findings] == ([severity] if severity else []), rule


def test_periodic_audit_is_mostly_yes_no_na() -> None:
    definition = BUILTIN["periodic-audit"]
    types = [q.type for q in definition.questions()]
    assert types.count(QuestionType.yes_no_na) > len(types) / 2
    assert definition.scoring == "weighted_percent"


def test_sme_self_check_shape() -> None:
    assert [len(s.questions) for s in SME.sections] == [5, 13, 7], "REGULATION.md §3.3: Parts 1–3 hold 5, 13, 7"
    assert [q.key for q in SME.questions()] == SME_KEYS, "items 1–25 in order"
    assert SME.scoring == "points_sum"
    assert [(b.min, b.key) for b in SME.bands] == [(100, "achieved"), (70, "mostly"), (50, "gaps"), (-1000, "at_risk")]
    assert set(SME_NOT_USED) == {"item04", "item09", "item13", "item21", "item23"}


@pytest.mark.parametrize("key", SME_KEYS)
def test_sme_self_check_item_scores(key: str) -> None:
    scores = {o.key: o.score for o in _question(SME, key).options}
    expected = {"implemented": 4, "partly": 2, "not_implemented": 0, "unknown": -1}
    if key in SME_NOT_USED:
        expected["not_used"] = 4
    assert scores == expected, "REGULATION.md §3.3: 4 / 2 / 0 / −1, and 4 for technology not used"
