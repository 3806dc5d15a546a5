"""The addendum draft (issue 5/7 item 4): the clauses a contract lacks or states more weakly than policy, in the
library's standard wording with the organisation's policy values filled in, as a printable HTML page and a DOCX
file, in Japanese or English. Pure: plain values in, text or bytes out; the endpoint gathers the values.

The wordings (clauses.py) speak of 委託者 / 受託者 / 委託データ and of 本契約 (this Agreement); the preamble defines
each of them once, so the clauses read as they stand."""

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Literal

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

Lang = Literal["ja", "en"]


@dataclass(frozen=True)
class AddendumClause:
    title: str
    wording: str | None  # None: the requirement has no standard wording; the draft leaves room to write one
    reason: str  # why the clause is in the draft: the gap analysis's reasons
    status: str  # "missing" or "weaker"


@dataclass(frozen=True)
class AddendumInput:
    organization: str
    vendor: str
    contract_title: str
    contract_number: str | None
    signed_date: date | None
    clauses: Sequence[AddendumClause]
    lang: Lang


NO_ADDITIONAL_CLAUSES = {
    "ja": "この契約には、委託者の方針に照らして追加が必要な条項はありません。",
    "en": "This contract needs no additional clauses under the Client's policy.",
}

_LABELS: dict[str, dict[str, str]] = {
    "ja": {
        "title": "個人データの取扱いに関する覚書（案）",
        "status_missing": "契約に定めがない",
        "status_weaker": "方針より弱い",
        "why": "追加の理由（{status}）：{reason}",
        "no_wording": "（標準文言がありません。条項の文言を記入してください。）",
        "client": "委託者",
        "contractor": "受託者",
        "name": "名称",
        "address": "住所",
        "representative": "代表者",
        "signature": "記名押印",
        "date": "日付",
    },
    "en": {
        "title": "Addendum on the Handling of Personal Data (draft)",
        "status_missing": "missing from the contract",
        "status_weaker": "weaker than policy",
        "why": "Why this clause is included ({status}): {reason}",
        "no_wording": "(No standard wording: write the clause here.)",
        "client": "Client",
        "contractor": "Contractor",
        "name": "Name",
        "address": "Address",
        "representative": "Representative",
        "signature": "Signature",
        "date": "Date",
    },
}


@dataclass(frozen=True)
class _Numbered:
    heading: str
    wording: str
    why: str


@dataclass(frozen=True)
class _Document:
    """What both formats print, in order: one place decides the words, the renderers only lay them out."""

    lang: Lang
    title: str
    preamble: tuple[str, ...]
    clauses: tuple[_Numbered, ...]
    closing: tuple[str, ...]
    signatures: tuple[tuple[str, str, str], ...]  # (label, Client column, Contractor column); empty: no block


def _date(d: date, lang: Lang) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if lang == "ja" else f"{d.day} {d:%B} {d.year}"


def _contract_ref(a: AddendumInput) -> str:
    if a.lang == "ja":
        number = f"（契約番号：{a.contract_number}）" if a.contract_number else ""
        signed = f"{_date(a.signed_date, 'ja')}に締結した" if a.signed_date else "締結した"
        return f"{signed}「{a.contract_title}」{number}"
    number = f" (No. {a.contract_number})" if a.contract_number else ""
    signed = f" signed on {_date(a.signed_date, 'en')}" if a.signed_date else ""
    return f'the agreement "{a.contract_title}"{number}{signed}'


def _document(a: AddendumInput) -> _Document:
    labels = _LABELS[a.lang]
    ref = _contract_ref(a)
    if not a.clauses:
        if a.lang == "ja":
            about = f"委託者：{a.organization}　受託者：{a.vendor}　対象契約：{ref}"
        else:
            about = f"Client: {a.organization}. Contractor: {a.vendor}. Contract: {ref}."
        return _Document(a.lang, labels["title"], (about, NO_ADDITIONAL_CLAUSES[a.lang]), (), (), ())

    if a.lang == "ja":
        preamble = (
            f"{a.organization}（以下「委託者」という。）と{a.vendor}（以下「受託者」という。）は、両者間で{ref}"
            "（以下「原契約」という。）に関し、次のとおり覚書（以下「本覚書」という。）を締結する。",
            "本覚書において「委託データ」とは、原契約に基づき委託者が受託者に取扱いを委託する個人データ（受託者が"
            "原契約の履行のために取得し、又は作成した個人データを含む。）をいい、本覚書が追加する条項において"
            "「本契約」とは、本覚書により補充された原契約をいう。",
        )
        closing = (
            "本覚書に定めのない事項は原契約の定めによる。本覚書と原契約の定めが異なるときは、本覚書の定めが優先する。",
            "本覚書の成立を証するため、本書2通を作成し、委託者及び受託者が記名押印の上、各1通を保有する。",
        )
    else:
        preamble = (
            f'{a.organization} (the "Client") and {a.vendor} (the "Contractor") agree as follows on {ref} '
            '(the "Original Agreement"), by this addendum (the "Addendum").',
            '"Entrusted Data" means the personal data the Client entrusts to the Contractor for handling under the '
            "Original Agreement, including personal data the Contractor obtains or creates to perform it. In the "
            'clauses this Addendum adds, "this Agreement" means the Original Agreement as supplemented by this '
            "Addendum.",
        )
        closing = (
            "Matters this Addendum does not provide for are governed by the Original Agreement; where the two differ, "
            "this Addendum prevails.",
            "In witness whereof, the Client and the Contractor have signed this Addendum in two copies and each keeps "
            "one.",
        )
    numbered = tuple(
        _Numbered(
            heading=f"第{n}条（{c.title}）" if a.lang == "ja" else f"Article {n} ({c.title})",
            wording=c.wording or labels["no_wording"],
            why=labels["why"].format(status=labels.get(f"status_{c.status}", c.status), reason=c.reason),
        )
        for n, c in enumerate(a.clauses, start=1)
    )
    signatures = (
        ("", labels["client"], labels["contractor"]),
        (labels["name"], a.organization, a.vendor),
        (labels["address"], "", ""),
        (labels["representative"], "", ""),
        (labels["signature"], "", ""),
        (labels["date"], "", ""),
    )
    return _Document(a.lang, labels["title"], preamble, numbered, closing, signatures)


# --- HTML ---------------------------------------------------------------------------------------------------------

# Inline styles only and no script: the page is served from our origin under the app's CSP (style-src allows inline
# styles, script-src does not allow inline scripts).
_CSS = """
body { font-family: "Hiragino Mincho ProN", "Yu Mincho", "Noto Serif JP", serif; line-height: 1.8; color: #111;
       max-width: 46rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.4rem; text-align: center; margin-bottom: 2rem; }
h2 { font-size: 1.05rem; margin: 1.6rem 0 0.4rem; }
p { margin: 0 0 0.8rem; }
.why { font-size: 0.85rem; color: #555; border-left: 3px solid #bbb; padding-left: 0.6rem; }
table.signatures { width: 100%; border-collapse: collapse; margin-top: 2rem; }
table.signatures th, table.signatures td { border: 1px solid #444; padding: 0.5rem; height: 2rem; text-align: left; }
@media print {
  @page { size: A4; margin: 20mm; }
  body { margin: 0; padding: 0; max-width: none; font-size: 10.5pt; }
  .why { color: #333; }
  section.clause, table.signatures { break-inside: avoid; }
}
"""


def render_html(a: AddendumInput) -> str:
    d = _document(a)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{d.lang}">',
        '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(d.title)}</title><style>{_CSS}</style></head>",
        "<body><main>",
        f"<h1>{escape(d.title)}</h1>",
        *(f"<p>{escape(text)}</p>" for text in d.preamble),
    ]
    for c in d.clauses:
        parts.append(
            f'<section class="clause"><h2>{escape(c.heading)}</h2><p>{escape(c.wording)}</p>'
            f'<p class="why">{escape(c.why)}</p></section>'
        )
    parts.extend(f"<p>{escape(text)}</p>" for text in d.closing)
    if d.signatures:
        (_, client, contractor), *rows = d.signatures
        parts.append(
            f'<table class="signatures"><thead><tr><th></th><th scope="col">{escape(client)}</th>'
            f'<th scope="col">{escape(contractor)}</th></tr></thead><tbody>'
        )
        parts.extend(
            f'<tr><th scope="row">{escape(label)}</th><td>{escape(x)}</td><td>{escape(y)}</td></tr>'
            for label, x, y in rows
        )
        parts.append("</tbody></table>")
    parts.append("</main></body></html>")
    return "\n".join(parts)


# --- DOCX ---------------------------------------------------------------------------------------------------------


def render_docx(a: AddendumInput) -> bytes:
    d = _document(a)
    doc = Document()
    doc.core_properties.title = d.title
    doc.core_properties.language = d.lang
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    # Word picks the East Asian font separately; without it Japanese text falls back to whatever the reader has.
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), "Yu Mincho")

    doc.add_heading(d.title, level=0)
    for text in d.preamble:
        doc.add_paragraph(text)
    for c in d.clauses:
        doc.add_heading(c.heading, level=2)
        doc.add_paragraph(c.wording)
        why = doc.add_paragraph().add_run(c.why)
        why.italic = True
        why.font.size = Pt(9)
    for text in d.closing:
        doc.add_paragraph(text)
    if d.signatures:
        table = doc.add_table(rows=len(d.signatures), cols=3)
        table.style = "Table Grid"
        for row, values in zip(table.rows, d.signatures, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
