"""The offline route for a questionnaire: an XLSX workbook a vendor fills in, and reading it back.

Pure: a definition and answers in, bytes out; bytes in, normalised answers (or every problem found) out. The
workbook carries the assessment id on a very hidden "_itaku" sheet and each question's key in a hidden column, so
reading never depends on row order or on the language the workbook was exported in.
"""

import datetime as dt
import io
import math
import re
import unicodedata
import uuid
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Any, NamedTuple

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from itaku.assessments.definition import Definition, Question, QuestionType
from itaku.assessments.scoring import InvalidAnswer, normalise
from itaku.core.errors import AppError

FORMAT = "itaku.assessment-workbook/1"
META_SHEET = "_itaku"
KEY_HEADER = "question_key"
SHEET_TITLES = {"en": "Answers", "ja": "回答"}
COMMENT_MAX = 4000  # as the portal's other comments
# Far beyond any real questionnaire; guards the reader against rows that exist only to exhaust it.
MAX_ROWS = 5_000
MAX_COLUMNS = 40
# Declared uncompressed size of all parts together: a 300-question workbook with long answers is ~2 MB.
MAX_UNCOMPRESSED_BYTES = 25 * 1024 * 1024
MAX_PARTS = 200

# Table columns, 1-based, in the order the vendor reads them.
(COL_SECTION, COL_NO, COL_QUESTION, COL_HELP, COL_TYPE, COL_OPTIONS, COL_REQUIRED, COL_ANSWER, COL_COMMENT, COL_KEY) = (
    range(1, 11)
)
LAST_VISIBLE = COL_COMMENT
WIDTHS = {
    COL_SECTION: 16,
    COL_NO: 6,
    COL_QUESTION: 48,
    COL_HELP: 32,
    COL_TYPE: 14,
    COL_OPTIONS: 22,
    COL_REQUIRED: 8,
    COL_ANSWER: 32,
    COL_COMMENT: 36,
}

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "vendor": "Vendor",
        "organization": "Requested by",
        "due": "Due date",
        "assessment": "Assessment ID",
        "instructions": "How to answer",
        "section": "Section",
        "no": "No.",
        "question": "Question",
        "help": "Guidance",
        "type": "Answer type",
        "options": "Options",
        "required": "Required",
        "answer": "Answer",
        "comment": "Comment",
        "yes_required": "Required",
        "not_required": "Optional",
        "no_due": "—",
        "file_note": "Attach evidence in the portal or send it with the file",
        "choice_error": "Choose an option from the list.",
        "number_error": "Enter a number.",
        "date_error": "Enter a date as YYYY-MM-DD.",
    },
    "ja": {
        "vendor": "委託先",
        "organization": "依頼元",
        "due": "回答期限",
        "assessment": "評価ID",
        "instructions": "記入方法",
        "section": "セクション",
        "no": "No.",
        "question": "質問",
        "help": "補足説明",
        "type": "回答形式",
        "options": "選択肢",
        "required": "必須",
        "answer": "回答",
        "comment": "コメント",
        "yes_required": "必須",
        "not_required": "任意",
        "no_due": "—",
        "file_note": "証跡はポータルで添付するか、このファイルと一緒に送付してください",
        "choice_error": "一覧から選択してください。",
        "number_error": "数値を入力してください。",
        "date_error": "日付を YYYY-MM-DD の形式で入力してください。",
    },
}
TYPE_HINTS: dict[str, dict[QuestionType, str]] = {
    "en": {
        QuestionType.yes_no_na: "Choose one",
        QuestionType.single_choice: "Choose one",
        QuestionType.multiple_choice: "Choose any; separate with commas or new lines",
        QuestionType.text: "Free text",
        QuestionType.number: "Number",
        QuestionType.date: "Date (YYYY-MM-DD)",
        QuestionType.file: "Evidence file",
    },
    "ja": {
        QuestionType.yes_no_na: "1つ選択",
        QuestionType.single_choice: "1つ選択",
        QuestionType.multiple_choice: "複数選択可（「、」「,」または改行で区切る）",
        QuestionType.text: "自由記述",
        QuestionType.number: "数値",
        QuestionType.date: "日付（YYYY-MM-DD）",
        QuestionType.file: "証跡ファイル",
    },
}
INSTRUCTIONS = {
    "en": (
        "Write your answers in the Answer column (yellow cells); add a note in the Comment column if it helps. "
        "Pick one-choice answers from the drop-down. Where several options may apply, write the option names "
        "separated by commas or new lines. Write dates as YYYY-MM-DD. Questions asking for evidence (grey cells) "
        "take no typed answer: attach the file in the portal or send it with this workbook. Do not add, remove or "
        "reorder rows or columns. When you have finished, return this file as .xlsx to {organization}."
    ),
    "ja": (
        "「回答」列（黄色のセル）に回答を記入し、必要に応じて「コメント」列に補足を記入してください。"
        "1つ選択の質問はドロップダウンから選んでください。複数選択可の質問は、選択肢を「、」「,」または改行で"
        "区切って記入してください。日付は YYYY-MM-DD の形式で記入してください。証跡を求める質問（灰色のセル）は"
        "記入不要です。ポータルで添付するか、このファイルと一緒に送付してください。行や列の追加・削除・並べ替えは"
        "しないでください。記入後、このファイルを .xlsx 形式のまま{organization}へ返送してください。"
    ),
}

_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_TOP_WRAP = Alignment(vertical="top", wrap_text=True)
_HEADER_FILL = PatternFill("solid", fgColor="1F3864")
_SECTION_FILL = PatternFill("solid", fgColor="D9E1F2")
_INPUT_FILL = PatternFill("solid", fgColor="FFF9E5")
_LOCKED_FILL = PatternFill("solid", fgColor="D9D9D9")
_UNLOCKED = Protection(locked=False)
_SEPARATORS = re.compile(r"\s*([,、;\n]+)\s*")
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


@dataclass(frozen=True)
class WorkbookMeta:
    assessment_id: uuid.UUID
    title: str  # the assessment's title
    vendor_name: str
    organization_name: str
    due_date: dt.date | None


@dataclass(frozen=True)
class Problem:
    row: int | None  # as Excel numbers it
    question_key: str | None
    message: str  # an English sentence the person can act on
    # wrong_assessment, not_a_workbook, too_large, sheet_missing, unknown_question, invalid_answer,
    # duplicate_question
    code: str


class WorkbookInvalid(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems[:3]) + (" …" if len(problems) > 3 else ""))
        self.problems = problems


class WorkbookRejected(AppError):
    """WorkbookInvalid for the API: the detail lists every problem as {row, question_key, message, code}."""

    status_code = 422
    code = "workbook_invalid"
    message = "The workbook has problems; nothing was imported."


class ImportedAnswer(NamedTuple):
    value: Any  # the stored form (as scoring.normalise returns it); None clears the answer
    comment: str | None  # None clears the comment


# --- export ----------------------------------------------------------------------------------------------------


def export_workbook(definition: Definition, answers: dict[str, Any], meta: WorkbookMeta, lang: str) -> bytes:
    """The questionnaire as an XLSX to fill in, pre-filled with `answers`: question key → the stored value, or
    → (stored value, vendor's comment). A stored value is never a tuple, so the two cannot be confused. `lang`
    ("ja" or "en"; anything but "en" reads as Japanese, as Text.get does) decides every label, the drop-down
    lists and the sheet name."""
    lang = "en" if lang == "en" else "ja"
    words = LABELS[lang]
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET_TITLES[lang]
    lists = wb.create_sheet(META_SHEET)
    # Very hidden: not offered by Excel's "Unhide", so the id and the drop-down lists survive careless editing.
    lists.sheet_state = "veryHidden"
    for r, fact in enumerate((("format", FORMAT), ("assessment_id", str(meta.assessment_id)), ("lang", lang)), 1):
        lists.cell(r, 1, fact[0])
        lists.cell(r, 2, fact[1])
    wb.properties.identifier = str(meta.assessment_id)
    wb.properties.title = meta.title
    wb.properties.creator = "Itaku"

    row = _header_block(ws, meta, lang)
    header_row = row
    for col, name in enumerate(
        (
            words["section"],
            words["no"],
            words["question"],
            words["help"],
            words["type"],
            words["options"],
            words["required"],
            words["answer"],
            words["comment"],
            KEY_HEADER,
        ),
        1,
    ):
        cell = _put(_at(ws, header_row, col), name)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        cell.border = _BORDER
    ws.freeze_panes = f"A{header_row + 1}"

    choice_lists: dict[tuple[str, ...], DataValidation] = {}
    number_dv = DataValidation(
        type="decimal",
        operator="between",
        formula1="-999999999999999",
        formula2="999999999999999",
        allow_blank=True,
        showErrorMessage=True,
        error=words["number_error"],
    )
    date_dv = DataValidation(
        type="date",
        operator="between",
        formula1="1",  # 1900-01-01
        formula2="2958465",  # 9999-12-31
        allow_blank=True,
        showErrorMessage=True,
        error=words["date_error"],
    )
    for s_index, section in enumerate(definition.sections, 1):
        row += 1
        heading = f"{s_index}. {section.title.get(lang)}"
        if section.description:
            heading += "\n" + section.description.get(lang)
        _merged(ws, row, 1, LAST_VISIBLE, heading, Font(bold=True), _SECTION_FILL)
        for q_index, q in enumerate(section.questions, 1):
            row += 1
            cells: dict[int, str | None] = {
                COL_SECTION: section.title.get(lang),
                COL_NO: f"{s_index}.{q_index}",
                COL_QUESTION: q.text.get(lang),
                COL_HELP: q.help.get(lang) if q.help else None,
                COL_TYPE: TYPE_HINTS[lang][q.type],
                COL_OPTIONS: "\n".join(o.label.get(lang) for o in q.options) or None,
                COL_REQUIRED: words["yes_required"] if q.required else words["not_required"],
                COL_KEY: q.key,
            }
            for col, text in cells.items():
                described = _put(_at(ws, row, col), text)
                described.alignment = _TOP_WRAP
                described.border = _BORDER
            if q.required:
                _at(ws, row, COL_REQUIRED).font = Font(bold=True, color="C00000")
            answer = _at(ws, row, COL_ANSWER)
            comment = _at(ws, row, COL_COMMENT)
            for c in (answer, comment):
                c.alignment = _TOP_WRAP
                c.border = _BORDER
            if q.type == QuestionType.file:
                _put(answer, words["file_note"])
                answer.font = Font(italic=True, color="595959")
                for c in (answer, comment):
                    c.fill = _LOCKED_FILL
                continue
            for c in (answer, comment):
                c.fill = _INPUT_FILL
                c.protection = _UNLOCKED
            stored = answers.get(q.key)
            value, note = stored if isinstance(stored, tuple) and len(stored) == 2 else (stored, None)
            _put(comment, note)
            _put_answer(answer, q, value, lang)
            if q.type in (QuestionType.yes_no_na, QuestionType.single_choice):
                labels = tuple(o.label.get(lang) for o in q.options)
                if labels not in choice_lists:
                    choice_lists[labels] = _list_validation(lists, len(choice_lists), labels, words["choice_error"])
                choice_lists[labels].add(answer)
            elif q.type == QuestionType.number:
                number_dv.add(answer)
            elif q.type == QuestionType.date:
                date_dv.add(answer)
    for dv in (*choice_lists.values(), number_dv, date_dv):
        if dv.sqref:
            ws.add_data_validation(dv)

    for col, width in WIDTHS.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.column_dimensions[get_column_letter(COL_KEY)].hidden = True
    # Protected without a password: a guide against typing over questions and keys, not a security boundary.
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]
    ws.print_title_rows = f"{header_row}:{header_row}"

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _header_block(ws: Worksheet, meta: WorkbookMeta, lang: str) -> int:
    """Writes title, parties, due date and instructions; returns the row for the table header."""
    words = LABELS[lang]
    _merged(ws, 1, 1, LAST_VISIBLE, meta.title, Font(bold=True, size=14))
    facts = (
        (words["vendor"], meta.vendor_name),
        (words["organization"], meta.organization_name),
        (words["due"], meta.due_date or words["no_due"]),
        (words["assessment"], str(meta.assessment_id)),
        (words["instructions"], INSTRUCTIONS[lang].format(organization=meta.organization_name)),
    )
    for row, (label, value) in enumerate(facts, 2):
        labelled = _put(_at(ws, row, 1), label)
        labelled.font = Font(bold=True)
        labelled.alignment = _TOP_WRAP
        cell = _merged(ws, row, 2, LAST_VISIBLE, value)
        if isinstance(value, dt.date):
            cell.number_format = "yyyy-mm-dd"
            cell.alignment = Alignment(horizontal="left", vertical="top")
    return len(facts) + 3  # a blank row before the table


def _merged(
    ws: Worksheet,
    row: int,
    first: int,
    last: int,
    value: Any,
    font: Font | None = None,
    fill: PatternFill | None = None,
) -> Cell:
    cell = _put(_at(ws, row, first), value)
    cell.alignment = _TOP_WRAP
    if font:
        cell.font = font
    if fill:
        for col in range(first, last + 1):
            _at(ws, row, col).fill = fill
    ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    # Excel does not grow a merged row to fit its text, so size it from the text's estimated line count.
    if isinstance(value, str):
        width = sum(WIDTHS[c] for c in range(first, last + 1))
        lines = sum(max(1, math.ceil(_display_width(line) / width)) for line in value.split("\n"))
        scale = (font.sz / 11) if font and font.sz else 1.0
        if lines > 1 or scale > 1:
            ws.row_dimensions[row].height = round(15 * lines * scale, 1)
    return cell


def _display_width(text: str) -> float:
    # Full-width characters take about two character widths of the default font.
    return sum(2.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 1.1 for ch in text)


def _at(ws: Worksheet, row: int, col: int) -> Cell:
    cell = ws.cell(row, col)
    assert isinstance(cell, Cell)  # cells are written before their row is merged, so none is a MergedCell yet
    return cell


def _put(cell: Cell, value: Any) -> Cell:
    """Sets a value so Excel shows it as written: text is never taken for a formula (a template or an answer
    starting with "=" must not run), and characters XML cannot hold are dropped rather than failing the export."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = value
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def _put_answer(cell: Cell, q: Question, value: Any, lang: str) -> None:
    if value is None:
        if q.type == QuestionType.text:
            cell.number_format = "@"
        elif q.type == QuestionType.date:
            cell.number_format = "yyyy-mm-dd"
        return
    labels = {o.key: o.label.get(lang) for o in q.options}
    if q.type in (QuestionType.yes_no_na, QuestionType.single_choice):
        # A key the template no longer has is written as it is, so reading it back asks the vendor to choose again.
        _put(cell, labels.get(str(value), str(value)))
    elif q.type == QuestionType.multiple_choice:
        chosen = value if isinstance(value, list) else [value]
        _put(cell, "\n".join(labels.get(str(k), str(k)) for k in chosen))
    elif q.type == QuestionType.number and isinstance(value, int | float) and not isinstance(value, bool):
        cell.value = value
    elif q.type == QuestionType.date:
        cell.number_format = "yyyy-mm-dd"
        try:
            cell.value = dt.date.fromisoformat(str(value))
        except ValueError:
            _put(cell, str(value))
    else:
        cell.number_format = "@"  # so "00123" typed by the vendor stays text rather than becoming 123
        _put(cell, value if isinstance(value, str) else str(value))


def _list_validation(lists: Worksheet, index: int, labels: tuple[str, ...], error: str) -> DataValidation:
    """A drop-down reading its options from a column of the hidden sheet: an inline list would break on a label
    holding a comma and stops at 255 characters."""
    col = 4 + index
    for r, label in enumerate(labels, 1):
        _put(_at(lists, r, col), label)
    letter = get_column_letter(col)
    return DataValidation(
        type="list",
        formula1=f"'{META_SHEET}'!${letter}$1:${letter}${len(labels)}",
        allow_blank=True,
        showErrorMessage=True,
        error=error,
    )


# --- import ----------------------------------------------------------------------------------------------------


def read_workbook(definition: Definition, data: bytes, assessment_id: uuid.UUID) -> dict[str, ImportedAnswer]:
    """Question key → (normalised value, comment) for every question row in the workbook's answer sheet (evidence
    questions excepted: their files come through the portal), or WorkbookInvalid listing every problem found, so
    the caller writes nothing from a file with any mistake in it. An empty answer or comment reads as None."""
    # A template may legitimately hold more questions than MAX_ROWS; its own workbook must still read.
    row_limit = max(MAX_ROWS, len(definition.questions()) + len(definition.sections) + 100)
    sheet = _load(data, assessment_id, row_limit)
    lang = sheet.lang
    answer_col, comment_col = sheet.answer_col, sheet.comment_col
    questions = {q.key: q for q in definition.questions()}
    problems: list[Problem] = []
    result: dict[str, ImportedAnswer] = {}
    seen: dict[str, int] = {}
    for number, cells in sheet.rows:
        raw_key = _cell(cells, sheet.key_col)
        if raw_key is None or not str(raw_key).strip():
            continue  # section headings and blank rows
        key = str(raw_key).strip()
        q = questions.get(key)
        if q is None:
            problems.append(
                Problem(
                    number,
                    key,
                    f"Row {number}: the question key {key!r} is not in this questionnaire; "
                    "remove the row or download the questionnaire again.",
                    "unknown_question",
                )
            )
            continue
        if key in seen:
            problems.append(
                Problem(
                    number,
                    key,
                    f"Row {number} ({key}): the question is already answered in row {seen[key]}; keep one of the rows.",
                    "duplicate_question",
                )
            )
            continue
        seen[key] = number
        if q.type == QuestionType.file:
            continue
        where = f"Row {number} ({key})"
        try:
            value = _read_answer(q, _cell(cells, answer_col), lang)
        except InvalidAnswer as exc:
            problems.append(Problem(number, key, f"{where}: {exc}", "invalid_answer"))
            continue
        comment = _cell(cells, comment_col)
        text = _as_text(comment) if comment is not None else None
        if text is not None and not text.strip():
            text = None
        if text is not None and len(text) > COMMENT_MAX:
            message = f"{where}: the comment is longer than {COMMENT_MAX:,} characters."
            problems.append(Problem(number, key, message, "invalid_answer"))
            continue
        result[key] = ImportedAnswer(value, text)
    if problems:
        raise WorkbookInvalid(problems)
    return result


def read_answers(definition: Definition, data: bytes, assessment_id: uuid.UUID) -> dict[str, tuple[Any, str | None]]:
    """read_workbook for the service: (value, comment) pairs, or WorkbookRejected carrying every problem."""
    try:
        return {key: (a.value, a.comment) for key, a in read_workbook(definition, data, assessment_id).items()}
    except WorkbookInvalid as exc:
        raise WorkbookRejected([asdict(p) for p in exc.problems]) from None


@dataclass
class _Sheet:
    lang: str
    key_col: int
    answer_col: int
    comment_col: int
    rows: list[tuple[int, tuple[Any, ...]]]  # (Excel row number, cell values) below the table header


def _refuse(message: str, code: str) -> WorkbookInvalid:
    return WorkbookInvalid([Problem(None, None, message, code)])


def _load(data: bytes, assessment_id: uuid.UUID, row_limit: int) -> _Sheet:
    not_a_workbook = _refuse(
        "The file is not an Excel workbook (.xlsx) or it is damaged; save it from Excel as .xlsx and try again.",
        "not_a_workbook",
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise not_a_workbook from None
    # Declared sizes bound what zipfile will inflate, so checking them first defuses a zip bomb.
    if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_UNCOMPRESSED_BYTES:
        raise _refuse(
            "The workbook is too large to be this questionnaire; download the questionnaire again and fill that in.",
            "too_large",
        )
    try:
        with warnings.catch_warnings():
            # Excel's own extensions (e.g. its data validation format) draw warnings that mean nothing here.
            warnings.simplefilter("ignore")
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        # A damaged file fails inside openpyxl in many ways (KeyError, XML parse errors, TypeError …).
        raise not_a_workbook from None
    try:
        meta = _meta(wb)
        if not meta.get("assessment_id"):
            raise _refuse(
                "This workbook was not downloaded from Itaku for an assessment (its identification is missing); "
                "download the questionnaire again and copy your answers into it.",
                "wrong_assessment",
            )
        if meta["assessment_id"].strip().lower() != str(assessment_id):
            raise _refuse(
                "This workbook belongs to another assessment; upload it to the assessment it was downloaded from "
                "or download this assessment's questionnaire.",
                "wrong_assessment",
            )
        lang = "en" if meta.get("lang") == "en" else "ja"
        names = [SHEET_TITLES[lang], *SHEET_TITLES.values(), *wb.sheetnames]
        for name in dict.fromkeys(names):
            if name == META_SHEET or name not in wb.sheetnames:
                continue
            sheet = _read_sheet(wb[name], lang, row_limit)
            if sheet is not None:
                return sheet
        raise _refuse(
            f"The workbook has no {SHEET_TITLES['en']} (「{SHEET_TITLES['ja']}」) sheet with its question table; "
            "download the questionnaire again and copy your answers into it.",
            "sheet_missing",
        )
    except WorkbookInvalid:
        raise
    except Exception:
        raise not_a_workbook from None
    finally:
        wb.close()


def _meta(wb: Any) -> dict[str, str]:
    meta: dict[str, str] = {}
    if META_SHEET in wb.sheetnames:
        ws = wb[META_SHEET]
        ws.reset_dimensions()
        for name, value in ws.iter_rows(max_row=10, max_col=2, values_only=True):
            if name is not None and value is not None:
                meta[str(name)] = str(value)
    if "assessment_id" not in meta and wb.properties.identifier:
        meta["assessment_id"] = str(wb.properties.identifier)
    return meta


def _read_sheet(ws: Any, lang: str, row_limit: int) -> "_Sheet | None":
    # A dimension recorded wrongly (some tools write A1) would otherwise cut reading short.
    ws.reset_dimensions()
    header: dict[str, int] | None = None
    rows: list[tuple[int, tuple[Any, ...]]] = []
    for number, cells in enumerate(_bounded(ws.iter_rows(max_col=MAX_COLUMNS, values_only=True), row_limit), 1):
        if header is None:
            titles = {str(v).strip(): i for i, v in enumerate(cells, 1) if isinstance(v, str)}
            if KEY_HEADER in titles:
                header = titles
            elif number >= 50:
                return None
            continue
        if any(v is not None for v in cells):
            rows.append((number, tuple(cells)))
    if header is None:
        return None

    def column(word: str) -> int | None:
        return next((header[LABELS[la][word]] for la in (lang, "en", "ja") if LABELS[la][word] in header), None)

    answer_col, comment_col = column("answer"), column("comment")
    if answer_col is None or comment_col is None:
        return None
    return _Sheet(lang, header[KEY_HEADER], answer_col, comment_col, rows)


def _bounded(rows: Iterable[tuple[Any, ...]], limit: int) -> Iterator[tuple[Any, ...]]:
    for count, row in enumerate(rows, 1):
        if count > limit:
            raise _refuse(
                f"The answer sheet has more than {limit:,} rows; download the questionnaire again and fill that in.",
                "too_large",
            )
        yield row


def _cell(cells: tuple[Any, ...], col: int) -> Any:
    return cells[col - 1] if col <= len(cells) else None


def _read_answer(q: Question, value: Any, lang: str) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if q.type in (QuestionType.yes_no_na, QuestionType.single_choice):
        lookup, _ = _option_lookup(q, lang)
        key = lookup.get(_fold(_as_text(value)))
        if key is None:
            raise InvalidAnswer(f"choose one of: {', '.join(o.label.get(lang) for o in q.options)}")
        return normalise(q, key)
    if q.type == QuestionType.multiple_choice:
        return normalise(q, _split_choices(q, _as_text(value), lang))
    if q.type == QuestionType.number:
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value).strip()
        return normalise(q, value)
    if q.type == QuestionType.date:
        return normalise(q, _as_date(value))
    return normalise(q, _as_text(value))


def _option_lookup(q: Question, lang: str) -> tuple[dict[str, str], int]:
    """Folded label or key → option key, and how many separators the longest label holds. The workbook's own
    labels win over keys, and keys over the other language's labels, should two options share a spelling."""
    other = "ja" if lang == "en" else "en"
    lookup: dict[str, str] = {}
    for spellings in (
        [(o.label.get(lang), o.key) for o in q.options],
        [(o.key, o.key) for o in q.options],
        [(getattr(o.label, other), o.key) for o in q.options],
    ):
        for spelling, key in spellings:
            if spelling:
                lookup.setdefault(_fold(spelling), key)
    span = max((len(_SEPARATORS.findall(s)) for s in lookup), default=0)
    return lookup, span


def _split_choices(q: Question, text: str, lang: str) -> list[str]:
    lookup, span = _option_lookup(q, lang)
    # split() with a capturing group alternates part, separator, part …; a label may itself hold a separator,
    # so the longest run of parts that names an option wins.
    pieces = _SEPARATORS.split(unicodedata.normalize("NFKC", text).strip())
    parts, seps = pieces[0::2], pieces[1::2]
    chosen: list[str] = []
    unknown: list[str] = []
    i = 0
    while i < len(parts):
        if not parts[i].strip():
            i += 1
            continue
        for j in range(min(len(parts) - 1, i + span), i - 1, -1):
            candidate = "".join(p + (seps[k] if k < j else "") for k, p in enumerate(parts[i : j + 1], i))
            key = lookup.get(_fold(candidate))
            if key is not None:
                chosen.append(key)
                i = j + 1
                break
        else:
            unknown.append(parts[i].strip())
            i += 1
    if unknown:
        names = ", ".join(o.label.get(lang) for o in q.options)
        raise InvalidAnswer(f"unknown options {', '.join(unknown)}; choose from: {names}")
    return chosen


def _fold(text: str) -> str:
    """The spelling to compare: full-width letters as half-width, any case, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).casefold().strip()
    text = _SEPARATORS.sub(lambda m: m.group(1), text)
    return re.sub(r"[ \t\u3000]+", " ", text)


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value if isinstance(value, str) else str(value)


def _as_date(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        # A date cell whose format was lost reads as Excel's day serial.
        return from_excel(value)
    text = unicodedata.normalize("NFKC", _as_text(value)).strip()
    match = _DATE_TEXT.match(text)
    if match:
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            raise InvalidAnswer(f"{text} is not a date in the calendar; give a date as YYYY-MM-DD") from None
    return text
