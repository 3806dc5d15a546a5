"""The offline questionnaire: export to XLSX, fill in as a vendor would (with openpyxl), read back validated."""

import datetime as dt
import io
import uuid
import zipfile
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from itaku.assessments.definition import Definition, QuestionType
from itaku.assessments.xlsx import (
    COL_ANSWER,
    COL_COMMENT,
    COL_KEY,
    META_SHEET,
    ImportedAnswer,
    WorkbookInvalid,
    WorkbookMeta,
    WorkbookRejected,
)
from itaku.assessments.xlsx_export import export_workbook
from itaku.assessments.xlsx_import import read_answers, read_workbook

ASSESSMENT = uuid.UUID("0b7c3a52-6a0e-4d3c-9a57-3f1f2f0a1c11")
META = WorkbookMeta(ASSESSMENT, "2025年度 委託先評価", "株式会社サンプル", "Itaku Demo Inc.", dt.date(2025, 6, 30))

DEFINITION = Definition.model_validate(
    {
        "title": {"ja": "委託先チェックシート", "en": "Vendor checklist"},
        "sections": [
            {
                "key": "governance",
                "title": {"ja": "管理体制", "en": "Governance"},
                "description": {"ja": "情報セキュリティの管理体制", "en": "How security is governed"},
                "questions": [
                    {"key": "policy", "type": "yes_no_na", "text": {"ja": "方針の有無", "en": "Is there a policy?"}},
                    {
                        "key": "certification",
                        "type": "single_choice",
                        "text": {"ja": "認証", "en": "Certification"},
                        "help": {"ja": "主なもの1つ", "en": "The main one"},
                        "options": [
                            {"key": "iso27001", "label": {"ja": "ISMS認証", "en": "ISO/IEC 27001"}, "score": 2},
                            {"key": "pmark", "label": {"ja": "プライバシーマーク", "en": "PrivacyMark"}, "score": 1},
                            {"key": "none", "label": {"ja": "なし", "en": "None"}, "score": 0},
                        ],
                    },
                    {
                        "key": "controls",
                        "type": "multiple_choice",
                        "text": {"ja": "実施している対策", "en": "Controls in place"},
                        "options": [
                            {"key": "encryption", "label": {"ja": "暗号化", "en": "Encryption"}, "score": 1},
                            {"key": "mfa", "label": {"ja": "多要素認証", "en": "Multi-factor authentication"}},
                            {"key": "logging", "label": {"ja": "ログ取得、監視", "en": "Logging, monitoring"}},
                            {"key": "backup", "label": {"ja": "バックアップ", "en": "Backups"}, "score": 1},
                        ],
                    },
                ],
            },
            {
                "key": "details",
                "title": {"ja": "詳細", "en": "Details"},
                "questions": [
                    {"key": "notes", "type": "text", "text": {"ja": "補足", "en": "Notes"}, "required": False},
                    {"key": "staff", "type": "number", "text": {"ja": "従業員数", "en": "Number of staff"}},
                    {"key": "reviewed_on", "type": "date", "text": {"ja": "最終見直し日", "en": "Last reviewed"}},
                    {"key": "policy_doc", "type": "file", "text": {"ja": "規程の写し", "en": "Copy of the policy"}},
                ],
            },
        ],
    }
)
TYPED = ["policy", "certification", "controls", "notes", "staff", "reviewed_on"]  # every question but the file one
ANSWERS: dict[str, Any] = {
    "policy": "yes",
    "certification": "pmark",
    "controls": ["encryption", "logging"],
    "notes": "=SUM(A1) must stay text\n二行目",
    "staff": 120,
    "reviewed_on": "2025-04-01",
}


def answer_rows(ws: Worksheet) -> dict[str, int]:
    return {
        str(ws.cell(r, COL_KEY).value): r
        for r in range(1, ws.max_row + 1)
        if ws.cell(r, COL_KEY).value and ws.cell(r, COL_KEY).value != "question_key"
    }


def fill(data: bytes, values: dict[str, Any], comments: dict[str, Any] | None = None) -> bytes:
    """What a vendor does: open the file, type into the Answer (and Comment) cells, save."""
    wb = load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    rows = answer_rows(ws)
    for key, value in values.items():
        ws.cell(rows[key], COL_ANSWER).value = value
    for key, value in (comments or {}).items():
        ws.cell(rows[key], COL_COMMENT).value = value
    return save(wb)


def save(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def problems_of(data: bytes, assessment_id: uuid.UUID = ASSESSMENT) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(WorkbookInvalid) as caught:
        read_workbook(DEFINITION, data, assessment_id)
    assert all(p.message for p in caught.value.problems)
    return [(p.row, p.question_key, p.code) for p in caught.value.problems]


def values(result: dict[str, ImportedAnswer]) -> dict[str, Any]:
    return {key: answer.value for key, answer in result.items()}


# --- export -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_an_unchanged_workbook_reads_back_as_the_answers_it_was_exported_with(lang: str) -> None:
    stored = ANSWERS | {"staff": (120, "正社員のみ"), "policy": ("yes", None)}  # with the vendor's comments
    data = export_workbook(DEFINITION, stored, META, lang)
    result = read_workbook(DEFINITION, data, ASSESSMENT)
    assert set(result) == set(TYPED)
    assert values(result) == ANSWERS
    assert result["staff"].comment == "正社員のみ"
    assert result["policy"].comment is None


def test_an_empty_questionnaire_reads_back_as_every_answer_cleared() -> None:
    result = read_workbook(DEFINITION, export_workbook(DEFINITION, {}, META, "en"), ASSESSMENT)
    assert result == dict.fromkeys(TYPED, ImportedAnswer(None, None))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_workbook_is_laid_out_for_the_vendor_in_the_chosen_language(lang: str) -> None:
    wb = load_workbook(io.BytesIO(export_workbook(DEFINITION, ANSWERS, META, lang)))
    ws = wb.worksheets[0]
    assert ws.title == {"ja": "回答", "en": "Answers"}[lang]
    assert wb[META_SHEET].sheet_state == "veryHidden"
    assert ws.column_dimensions["J"].hidden
    assert ws.protection.sheet
    rows = answer_rows(ws)
    header = rows["policy"] - 2  # the table header, then the section heading
    assert ws.freeze_panes == f"A{header + 1}"
    assert ws.cell(header, COL_ANSWER).value == {"ja": "回答", "en": "Answer"}[lang]
    assert ws.cell(header, COL_ANSWER).font.b

    text = " ".join(str(c.value) for row in ws.iter_rows(max_row=header - 1) for c in row if c.value)
    assert "株式会社サンプル" in text and "Itaku Demo Inc." in text and str(ASSESSMENT) in text
    assert ("記入方法" if lang == "ja" else "How to answer") in text

    policy = rows["policy"]
    assert ws.cell(policy, COL_ANSWER).value == {"ja": "はい", "en": "Yes"}[lang]
    assert (
        ws.cell(rows["controls"], 5).value
        == {
            "ja": "複数選択可（「、」「,」または改行で区切る）",
            "en": "Choose any; separate with commas or new lines",
        }[lang]
    )
    assert ws.cell(rows["certification"], 5).value == {"ja": "1つ選択", "en": "Choose one"}[lang]
    assert ws.cell(rows["reviewed_on"], COL_ANSWER).number_format == "yyyy-mm-dd"
    assert ws.cell(policy, COL_ANSWER).protection.locked is False
    # Text that looks like a formula must stay text, or opening the file would run it.
    assert ws.cell(rows["notes"], COL_ANSWER).data_type == "s"

    evidence = ws.cell(rows["policy_doc"], COL_ANSWER)
    assert evidence.protection.locked and evidence.fill.fgColor.rgb.endswith("D9D9D9")
    assert "portal" in str(evidence.value) or "ポータル" in str(evidence.value)

    drop_downs = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    choice = next(dv for ref, dv in drop_downs.items() if ws.cell(policy, COL_ANSWER).coordinate in ref.split())
    assert choice.type == "list"
    listed = wb[META_SHEET]
    column = choice.formula1.split("!")[1].replace("$", "").split(":")
    labels = [c.value for row in listed[column[0] : column[1]] for c in row]
    assert labels == ({"ja": ["はい", "いいえ", "該当しない"], "en": ["Yes", "No", "Not applicable"]}[lang])
    types = {dv.type for dv in drop_downs.values()}
    assert {"list", "decimal", "date"} <= types
    assert not any(ws.cell(rows["controls"], COL_ANSWER).coordinate in ref.split() for ref in drop_downs)


# --- reading what the vendor typed -------------------------------------------------------------------------------


@pytest.mark.parametrize("exported_in", ["ja", "en"])
@pytest.mark.parametrize(
    "typed",
    [
        {
            "policy": "はい",
            "certification": "ISMS認証",
            "controls": "暗号化、バックアップ",
            "staff": "１，２００",
            "reviewed_on": "2025/4/1",
        },
        {
            "policy": " yes ",
            "certification": "ISO/IEC 27001",
            "controls": "Backups, Encryption",
            "staff": 1200.0,
            "reviewed_on": dt.datetime(2025, 4, 1),
        },
        {
            "policy": "YES",
            "certification": "iso27001",
            "controls": "encryption\nbackup",
            "staff": "1,200",
            "reviewed_on": "2025-04-01",
        },
    ],
    ids=["japanese-labels", "english-labels", "keys"],
)
def test_answers_typed_by_label_in_either_language_or_by_key_read_as_keys(
    exported_in: str, typed: dict[str, Any]
) -> None:
    data = fill(export_workbook(DEFINITION, {}, META, exported_in), typed, {"policy": "  規程あり  "})
    result = read_workbook(DEFINITION, data, ASSESSMENT)
    assert values(result) == {
        "policy": "yes",
        "certification": "iso27001",
        "controls": ["encryption", "backup"],
        "notes": None,
        "staff": 1200,
        "reviewed_on": "2025-04-01",
    }
    assert result["policy"].comment == "  規程あり  "


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("暗号化、多要素認証", ["encryption", "mfa"]),
        ("Encryption,Multi-factor authentication", ["encryption", "mfa"]),
        ("バックアップ\n暗号化\n", ["encryption", "backup"]),
        ("Logging, monitoring, Backups", ["logging", "backup"]),  # a label holding the separator
        ("ログ取得、監視、暗号化", ["encryption", "logging"]),
        ("ＭＦＡ，backup；Encryption", ["encryption", "mfa", "backup"]),  # full width, keys, semicolon
        ("Encryption, encryption", ["encryption"]),
        ("、", None),
    ],
)
def test_several_options_are_separated_by_commas_or_new_lines(typed: str, expected: list[str] | None) -> None:
    data = fill(export_workbook(DEFINITION, {}, META, "en"), {"controls": typed})
    assert read_workbook(DEFINITION, data, ASSESSMENT)["controls"].value == expected


def test_cleared_cells_clear_the_answer_and_evidence_rows_are_ignored() -> None:
    data = export_workbook(DEFINITION, ANSWERS | {"staff": (120, "old")}, META, "ja")
    data = fill(data, {"policy": None, "controls": "  ", "policy_doc": "see attachment"}, {"staff": ""})
    result = read_workbook(DEFINITION, data, ASSESSMENT)
    assert "policy_doc" not in result
    assert result["policy"] == ImportedAnswer(None, None)
    assert result["controls"].value is None
    assert result["staff"] == ImportedAnswer(120, None)


def test_a_date_cell_whose_format_was_lost_still_reads_as_the_date() -> None:
    data = fill(export_workbook(DEFINITION, {}, META, "en"), {"reviewed_on": 45748})  # Excel's serial of 2025-04-01
    assert read_workbook(DEFINITION, data, ASSESSMENT)["reviewed_on"].value == "2025-04-01"


# --- problems -----------------------------------------------------------------------------------------------------


def test_an_option_not_in_the_list_is_reported_with_its_row_and_key() -> None:
    data = fill(export_workbook(DEFINITION, {}, META, "en"), {"policy": "Maybe"})
    row = answer_rows(load_workbook(io.BytesIO(data)).worksheets[0])["policy"]
    with pytest.raises(WorkbookInvalid) as caught:
        read_workbook(DEFINITION, data, ASSESSMENT)
    [problem] = caught.value.problems
    assert (problem.row, problem.question_key, problem.code) == (row, "policy", "invalid_answer")
    assert problem.message == f"Row {row} (policy): choose one of: Yes, No, Not applicable"


def test_an_unknown_option_among_several_is_named() -> None:
    data = fill(export_workbook(DEFINITION, {}, META, "ja"), {"controls": "暗号化、金庫"})
    with pytest.raises(WorkbookInvalid) as caught:
        read_workbook(DEFINITION, data, ASSESSMENT)
    [problem] = caught.value.problems
    assert problem.code == "invalid_answer" and "金庫" in problem.message and "暗号化" in problem.message


def test_every_problem_in_the_workbook_is_reported_together() -> None:
    data = fill(
        export_workbook(DEFINITION, {}, META, "en"),
        {"certification": "SOC 2", "staff": "many", "reviewed_on": "next spring", "policy": "Yes"},
        {"notes": "x" * 4001},
    )
    wb = load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    rows = answer_rows(ws)
    ws.protection.sheet = False
    extra = ws.max_row + 1
    ws.cell(extra, COL_KEY).value = "not_in_template"
    ws.cell(extra, COL_ANSWER).value = "Yes"
    ws.cell(extra + 1, COL_KEY).value = "policy"
    ws.cell(extra + 1, COL_ANSWER).value = "No"
    found = problems_of(save(wb))
    assert found == [
        (rows["certification"], "certification", "invalid_answer"),
        (rows["notes"], "notes", "invalid_answer"),
        (rows["staff"], "staff", "invalid_answer"),
        (rows["reviewed_on"], "reviewed_on", "invalid_answer"),
        (extra, "not_in_template", "unknown_question"),
        (extra + 1, "policy", "duplicate_question"),
    ]


def test_a_workbook_for_another_assessment_is_refused() -> None:
    data = export_workbook(DEFINITION, ANSWERS, META, "en")
    assert problems_of(data, uuid.uuid4()) == [(None, None, "wrong_assessment")]


def test_a_workbook_without_itakus_identification_is_refused() -> None:
    wb = load_workbook(io.BytesIO(export_workbook(DEFINITION, ANSWERS, META, "en")))
    del wb[META_SHEET]
    wb.properties.identifier = None
    assert problems_of(save(wb)) == [(None, None, "wrong_assessment")]


@pytest.mark.parametrize(
    "data",
    [b"", b"not a spreadsheet at all", b"PK\x03\x04garbage", "名称,備考\r\n".encode("cp932")],
    ids=["empty", "text", "broken-zip", "csv"],
)
def test_bytes_that_are_no_workbook_are_refused(data: bytes) -> None:
    assert problems_of(data) == [(None, None, "not_a_workbook")]


def test_a_zip_that_is_not_a_workbook_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    assert problems_of(out.getvalue()) == [(None, None, "not_a_workbook")]


def test_a_workbook_without_the_answer_sheet_is_refused() -> None:
    wb = load_workbook(io.BytesIO(export_workbook(DEFINITION, ANSWERS, META, "en")))
    wb.create_sheet("Sheet1")
    del wb["Answers"]
    assert problems_of(save(wb)) == [(None, None, "sheet_missing")]


def test_a_sheet_with_too_many_rows_is_refused_before_it_is_read() -> None:
    wb = load_workbook(io.BytesIO(export_workbook(DEFINITION, ANSWERS, META, "en")))
    wb.worksheets[0].cell(6_000, 1).value = "padding"
    assert problems_of(save(wb)) == [(None, None, "too_large")]


def test_a_zip_bomb_is_refused_from_its_declared_sizes() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (30 * 1024 * 1024))
    assert len(out.getvalue()) < 100_000
    assert problems_of(out.getvalue()) == [(None, None, "too_large")]


# --- the built-in templates -------------------------------------------------------------------------------------


def builtin_definitions() -> list[tuple[str, Definition]]:
    """Every Definition the builtin module offers, however it arranges them (constants, lists, mappings, objects
    with a `definition`), so this test does not depend on the module's shape."""
    builtin = pytest.importorskip("itaku.assessments.builtin")
    found: dict[int, tuple[str, Definition]] = {}

    def walk(name: str, value: Any, depth: int) -> None:
        if isinstance(value, Definition):
            found.setdefault(id(value), (name, value))
        elif depth < 3 and isinstance(value, dict):
            for k, v in value.items():
                walk(f"{name}[{k!r}]", v, depth + 1)
        elif depth < 3 and isinstance(value, list | tuple):
            for i, v in enumerate(value):
                walk(f"{name}[{i}]", v, depth + 1)
        elif depth < 3 and isinstance(getattr(value, "definition", None), Definition):
            walk(f"{name}.definition", value.definition, depth + 1)

    for name, value in vars(builtin).items():
        if not name.startswith("__"):
            walk(name, value, 0)
    if not found:
        pytest.skip("itaku.assessments.builtin exposes no Definition yet")
    return sorted(found.values(), key=lambda item: item[0])


def sample_answer(question: Any) -> Any:
    keys = [o.key for o in question.options]
    return {
        QuestionType.yes_no_na: keys[0] if keys else None,
        QuestionType.single_choice: keys[-1] if keys else None,
        QuestionType.multiple_choice: keys[:2],
        QuestionType.text: f"Sample answer to {question.key}\n二行目",
        QuestionType.number: 42.5,
        QuestionType.date: "2025-04-01",
    }.get(question.type)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_builtin_template_survives_the_round_trip(lang: str) -> None:
    for name, definition in builtin_definitions():
        answers = {q.key: sample_answer(q) for q in definition.questions() if q.type != QuestionType.file}
        data = export_workbook(definition, answers, META, lang)
        result = read_workbook(definition, data, ASSESSMENT)
        assert values(result) == answers, name
        # The vendor's view: every option, picked by its label in either language, reads back as that option.
        choices = [q for q in definition.questions() if q.type in (QuestionType.yes_no_na, QuestionType.single_choice)]
        for turn in range(max((len(q.options) for q in choices), default=0)):
            picked = {q.key: q.options[turn % len(q.options)] for q in choices}
            for typed_lang in ("ja", "en"):
                typed = fill(data, {key: option.label.get(typed_lang) for key, option in picked.items()})
                result = read_workbook(definition, typed, ASSESSMENT)
                assert {key: result[key].value for key in picked} == {k: o.key for k, o in picked.items()}, name


def test_the_service_entry_point_gives_pairs_or_an_api_error_listing_every_problem() -> None:
    data = export_workbook(DEFINITION, ANSWERS | {"notes": ("text", "a note")}, META, "en")
    answers = read_answers(DEFINITION, data, ASSESSMENT)
    assert answers["notes"] == ("text", "a note") and answers["staff"] == (120, None)

    bad = fill(data, {"policy": "Maybe", "staff": "many"})
    with pytest.raises(WorkbookRejected) as caught:
        read_answers(DEFINITION, bad, ASSESSMENT)
    assert caught.value.status_code == 422 and caught.value.code == "workbook_invalid"
    assert [(p["question_key"], p["code"]) for p in caught.value.detail] == [
        ("policy", "invalid_answer"),
        ("staff", "invalid_answer"),
    ]
    assert all(set(p) == {"row", "question_key", "message", "code"} for p in caught.value.detail)
