"""The questionnaire as an Excel workbook, for vendors who answer offline (pure: bytes in, bytes out): what the
export and the import share — the labels in both languages, the hidden metadata that ties a file to its
assessment, and the errors. xlsx_export.py writes the workbook, xlsx_import.py reads a filled one back."""

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from typing import Any, NamedTuple

from openpyxl.styles import Alignment, Border, PatternFill, Protection, Side

from itaku.assessments.definition import QuestionType
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
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
TOP_WRAP = Alignment(vertical="top", wrap_text=True)
HEADER_FILL = PatternFill("solid", fgColor="1F3864")
SECTION_FILL = PatternFill("solid", fgColor="D9E1F2")
INPUT_FILL = PatternFill("solid", fgColor="FFF9E5")
LOCKED_FILL = PatternFill("solid", fgColor="D9D9D9")
UNLOCKED = Protection(locked=False)
SEPARATORS = re.compile(r"\s*([,、;\n]+)\s*")
DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


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
