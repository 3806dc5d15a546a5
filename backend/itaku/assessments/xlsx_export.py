"""Writing the questionnaire as a workbook: one sheet of questions with the answers so far, drop-down lists for
choices, and the metadata that ties the file to its assessment."""

import datetime as dt
import io
import math
import unicodedata
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from itaku.assessments.definition import Definition, Question, QuestionType
from itaku.assessments.xlsx import (
    BORDER,
    COL_ANSWER,
    COL_COMMENT,
    COL_HELP,
    COL_KEY,
    COL_NO,
    COL_OPTIONS,
    COL_QUESTION,
    COL_REQUIRED,
    COL_SECTION,
    COL_TYPE,
    FORMAT,
    HEADER_FILL,
    INPUT_FILL,
    INSTRUCTIONS,
    KEY_HEADER,
    LABELS,
    LAST_VISIBLE,
    LOCKED_FILL,
    META_SHEET,
    SECTION_FILL,
    SHEET_TITLES,
    TOP_WRAP,
    TYPE_HINTS,
    UNLOCKED,
    WIDTHS,
    WorkbookMeta,
)


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
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        cell.border = BORDER
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
        _merged(ws, row, 1, LAST_VISIBLE, heading, Font(bold=True), SECTION_FILL)
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
                described.alignment = TOP_WRAP
                described.border = BORDER
            if q.required:
                _at(ws, row, COL_REQUIRED).font = Font(bold=True, color="C00000")
            answer = _at(ws, row, COL_ANSWER)
            comment = _at(ws, row, COL_COMMENT)
            for c in (answer, comment):
                c.alignment = TOP_WRAP
                c.border = BORDER
            if q.type == QuestionType.file:
                _put(answer, words["file_note"])
                answer.font = Font(italic=True, color="595959")
                for c in (answer, comment):
                    c.fill = LOCKED_FILL
                continue
            for c in (answer, comment):
                c.fill = INPUT_FILL
                c.protection = UNLOCKED
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
        labelled.alignment = TOP_WRAP
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
    cell.alignment = TOP_WRAP
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
