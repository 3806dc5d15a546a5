"""Vendor search: one folded text per vendor, matched through an index on both databases.

`search_text` holds the name, the reading (フリガナ) and the corporate number, each folded the way a query is:
NFKC (full-width Latin and digits, half-width katakana), lower case, hiragana as katakana, no spaces — so
「ｻｸﾗ」「さくら」「サクラ」 and 「Ｓａｋｕｒａ」「sakura」 find the same vendor. The fields are kept apart by a line
break, which a folded query never holds, so a match never spans two fields.

A query of three characters or more is served by an index: a trigram GIN index (pg_trgm) on PostgreSQL and an FTS5
table with the trigram tokenizer on SQLite (both made by migration 0019; triggers keep the SQLite table in step with
`vendors`). Shorter queries (「給与」) are matched by reading the organisation's vendors: trigrams cannot serve them.
"""

import re
import unicodedata
from typing import Any

from sqlalchemy import ColumnElement, column, or_, text

from itaku.vendors import corporate_number

_HIRAGANA = re.compile(r"[\u3041-\u3096\u309d\u309e]")
_SPACES = re.compile(r"\s+")
SEPARATOR = "\n"
TRIGRAM = 3
# The FTS5 table (SQLite): vendor_id UNINDEXED, text.
_FTS_IDS = "SELECT vendor_id FROM vendor_search WHERE vendor_search MATCH :{key}"


def fold(value: str) -> str:
    value = unicodedata.normalize("NFKC", value).lower()
    value = _HIRAGANA.sub(lambda m: chr(ord(m.group()) + 0x60), value)
    return _SPACES.sub("", value)


def search_text(name: str, name_kana: str | None, number: str | None) -> str:
    return SEPARATOR.join(fold(part) for part in (name, name_kana or "", number or ""))


def terms(q: str) -> list[str]:
    """What a search box's text looks for once folded: the text itself, and the digits of a corporate number typed
    with separators (7010-0010-88960). Empty when nothing is left."""
    term = fold(q)
    if not term:
        return []
    number = corporate_number.normalise(q)
    return [term, number] if number.isdigit() and number != term else [term]


def condition(dialect: str, found: list[str], search_column: Any, id_column: Any) -> ColumnElement[bool]:
    """`search_column` holds one of the terms; on SQLite through the FTS5 table when it can."""
    parts: list[ColumnElement[bool]] = []
    for i, term in enumerate(found):
        if dialect == "sqlite" and len(term) >= TRIGRAM:
            # A quoted FTS5 string is a substring match under the trigram tokenizer; quotes inside are doubled.
            key = f"fts_{i}"
            phrase = '"' + term.replace('"', '""') + '"'
            ids = text(_FTS_IDS.format(key=key)).bindparams(**{key: phrase}).columns(column("vendor_id"))
            parts.append(id_column.in_(ids))
        else:
            parts.append(search_column.contains(term, autoescape=True))
    return or_(*parts)
