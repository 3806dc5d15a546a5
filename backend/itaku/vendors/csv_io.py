"""CSV of the register for Excel users: UTF-8 with BOM out; UTF-8 (with or without BOM) or Shift_JIS/CP932 in.

Headers are Japanese labels on export; import accepts either the label or the English key of each column.
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "ID"),
    ("name", "名称"),
    ("name_kana", "名称（カナ）"),
    ("corporate_number", "法人番号"),
    ("address", "所在地"),
    ("country", "国"),
    ("website", "ウェブサイト"),
    ("status", "ステータス"),
    ("owner_email", "社内担当者"),
    ("handles_confidential_info", "重要な機密情報を扱う"),
    ("critical_to_continuity", "事業継続に不可欠"),
    ("network_access", "社内システムに接続"),
    ("notes", "備考"),
    # Read-only on import: computed by Itaku.
    ("tier", "リスク区分"),
    ("data_categories", "データ区分"),
    ("persons_total", "本人数"),
)
READ_ONLY = {"tier", "data_categories", "persons_total"}
BOOLEAN_COLUMNS = {"handles_confidential_info", "critical_to_continuity", "network_access"}
TRUE_WORDS = {"true", "1", "yes", "y", "はい", "○", "〇", "有"}
FALSE_WORDS = {"false", "0", "no", "n", "いいえ", "×", "無", ""}
_BY_HEADER = {label: key for key, label in COLUMNS} | {key: key for key, _ in COLUMNS}


class CsvUnreadable(ValueError):
    pass


@dataclass(frozen=True)
class CsvRow:
    line: int  # as a person counts in Excel: the header is line 1
    values: dict[str, str]


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    for encoding in ("utf-8", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CsvUnreadable("The file is neither UTF-8 nor Shift_JIS (CP932) text; save it as CSV from Excel.")


def parse(data: bytes) -> tuple[list[str], list[CsvRow]]:
    """(unknown headers, rows). Blank lines are skipped."""
    reader = csv.reader(io.StringIO(decode(data), newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise CsvUnreadable("The file is empty.") from None
    except csv.Error as exc:
        raise CsvUnreadable(f"The file is not valid CSV: {exc}") from None
    keys = [_BY_HEADER.get(h.strip()) for h in header]
    unknown = [h for h, k in zip(header, keys, strict=True) if k is None and h.strip()]
    if "name" not in keys:
        raise CsvUnreadable("The header row has no 名称 (name) column.")
    rows = []
    try:
        for number, record in enumerate(reader, start=2):
            if not any(cell.strip() for cell in record):
                continue
            values = {k: _uncell(cell) for k, cell in zip(keys, record, strict=False) if k and k not in READ_ONLY}
            rows.append(CsvRow(number, values))
    except csv.Error as exc:
        raise CsvUnreadable(f"The file is not valid CSV near line {reader.line_num}: {exc}") from None
    return unknown, rows


def parse_bool(value: str) -> bool:
    v = value.strip().lower()
    if v in TRUE_WORDS:
        return True
    if v in FALSE_WORDS:
        return False
    raise ValueError("use TRUE/FALSE (or はい/いいえ)")


def render(rows: Iterable[dict[str, Any]], *, header: bool) -> str:
    """Rows as CSV text (CRLF, Excel's cell quoting); with `header`, the BOM that makes Excel read UTF-8 and the
    column names first. An export renders its batches one after another, the first with the header."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if header:
        buffer.write("\ufeff")
        writer.writerow([label for _, label in COLUMNS])
    writer.writerows([_cell(row.get(key)) for key, _ in COLUMNS] for row in rows)
    return buffer.getvalue()


def _uncell(cell: str) -> str:
    cell = cell.strip()
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@") else cell


def label(key: str) -> str:
    return dict(COLUMNS).get(key, key)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    text = str(value)
    # A cell starting with = + - @ would run as a formula in Excel (CSV injection); quote it as text.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
