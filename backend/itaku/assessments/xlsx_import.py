"""Reading a filled workbook back: refused whole when it belongs to another assessment or cannot be read; each
answer checked against its question as the portal would."""

import datetime as dt
import io
import re
import unicodedata
import uuid
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.datetime import from_excel

from itaku.assessments.definition import Definition, Question, QuestionType
from itaku.assessments.scoring import InvalidAnswer, normalise
from itaku.assessments.xlsx import (
    COMMENT_MAX,
    DATE_TEXT,
    KEY_HEADER,
    LABELS,
    MAX_COLUMNS,
    MAX_PARTS,
    MAX_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    META_SHEET,
    SEPARATORS,
    SHEET_TITLES,
    ImportedAnswer,
    Problem,
    WorkbookInvalid,
    WorkbookRejected,
)


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
    span = max((len(SEPARATORS.findall(s)) for s in lookup), default=0)
    return lookup, span


def _split_choices(q: Question, text: str, lang: str) -> list[str]:
    lookup, span = _option_lookup(q, lang)
    # split() with a capturing group alternates part, separator, part …; a label may itself hold a separator,
    # so the longest run of parts that names an option wins.
    pieces = SEPARATORS.split(unicodedata.normalize("NFKC", text).strip())
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
    text = SEPARATORS.sub(lambda m: m.group(1), text)
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
    match = DATE_TEXT.match(text)
    if match:
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            raise InvalidAnswer(f"{text} is not a date in the calendar; give a date as YYYY-MM-DD") from None
    return text
