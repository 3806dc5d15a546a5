"""The drafts an incident needs on paper: the report to the PPC (漏えい等報告, 速報 or 確報) with the nine items of
規則8条1項, and the notice to the individuals concerned with the five items of 規則10条 (REGULATION.md §1.7, §1.8),
each as a printable HTML page and a DOCX file, in Japanese or English. Pure: plain values in, text or bytes out; the
service gathers the values.

Every item still unknown is printed as such, never left out: a 速報 carries what is known at the time of filing, and a
確報 must carry all nine items, supplemented (追完) as soon as the missing ones are known (§1.6)."""

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Literal
from zoneinfo import ZoneInfo

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from itaku.core.text import Text

Lang = Literal["ja", "en"]
ReportKind = Literal["preliminary", "final"]

REPORT_ITEMS = (1, 2, 3, 4, 5, 6, 7, 8, 9)  # 規則8条1項1〜9号
NOTICE_ITEMS = (1, 2, 4, 5, 9)  # 規則10条: the items the notice to individuals carries (REGULATION.md §1.7)

UNKNOWN = Text("未判明（判明次第追完します）", "Not yet known (to be supplemented as soon as known)")
NO_CONTACT_POINT = Text("（問い合わせ窓口を記入してください）", "(Enter where people can ask questions.)")

# The stable values of itaku.regulation.rules.Trigger that a Japanese report can name.
TRIGGER_LABELS: dict[str, Text] = {
    "special_care": Text(
        "要配慮個人情報が含まれる（規則7条1号）", "special-care personal information (Rules Art. 7(1))"
    ),
    "financial_damage": Text(
        "不正に利用されることにより財産的被害が生じるおそれがある（規則7条2号）",
        "misuse may cause financial damage (Rules Art. 7(2))",
    ),
    "wrongful_intent": Text(
        "不正の目的をもって行われたおそれがある（規則7条3号）",
        "may have been done with wrongful intent (Rules Art. 7(3))",
    ),
    "over_threshold": Text(
        "本人の数が1,000人を超える（規則7条4号）", "more than 1,000 individuals are affected (Rules Art. 7(4))"
    ),
    "my_number_system": Text(
        "情報提供ネットワークシステム又は個人番号利用事務等のシステムで発生した（特定個人情報漏えい等報告規則2条1号）",
        "it happened in the information-provision network or a My Number processing system "
        "(My Number Breach Rules Art. 2(1))",
    ),
    "publicly_viewable": Text(
        "不特定多数の者が閲覧できる状態になった（おそれを含む）（特定個人情報漏えい等報告規則2条3号）",
        "it was, or may have been, viewable by an unspecified number of people (My Number Breach Rules Art. 2(3))",
    ),
}

# The stable values of itaku.risk.DataCategory.
CATEGORY_LABELS: dict[str, Text] = {
    "ordinary": Text("一般の個人データ", "ordinary personal data"),
    "special_care": Text("要配慮個人情報", "special-care personal information"),
    "my_number": Text("特定個人情報（マイナンバー）", "specific personal information (My Number)"),
    "financial": Text("金融・決済に関する情報", "financial or payment data"),
    "children": Text("子どもの個人データ", "children's personal data"),
    "credentials": Text("認証情報（ID・パスワード等）", "credentials (IDs, passwords and the like)"),
}


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime  # aware
    text: str


@dataclass(frozen=True)
class IncidentFacts:
    lang: Lang
    report_kind: ReportKind
    organization: str  # the reporting business (委託元)
    vendor: str  # the 委託先 where it happened
    title: str
    time_zone: str  # e.g. "Asia/Tokyo": every datetime is shown in it, with the zone
    occurred_at: datetime | None
    vendor_discovered_at: datetime | None
    vendor_notified_at: datetime | None
    aware_at: datetime
    discovered_by: str | None
    description: str | None  # what happened
    triggers: Sequence[str]  # itaku.regulation.rules.Trigger values
    data_categories: Sequence[str]  # itaku.risk.DataCategory values
    data_items: str | None
    affected_persons_estimate: int | None
    affected_persons_max: int | None
    cause: str | None
    secondary_harm: str | None
    individual_response: str | None
    publication_status: str | None
    measures_done: str | None
    measures_planned: str | None
    other: str | None
    contact_point: str | None  # for the notice to individuals: where people can ask
    timeline: Sequence[TimelineEntry] = ()


def _given(text: str | None) -> str | None:
    """The text, or None when nothing was written (a blank field is as unknown as a missing one)."""
    return text.strip() if text and text.strip() else None


def unknown_items(facts: IncidentFacts) -> list[int]:
    """The report items (規則8条1項の号) still unknown. Item 1 needs at least the description of what happened (the
    awareness time is always known); item 3 either count; item 8 either the measures done or those planned."""
    known = {
        1: _given(facts.description) is not None,
        2: _given(facts.data_items) is not None,
        3: facts.affected_persons_estimate is not None or facts.affected_persons_max is not None,
        4: _given(facts.cause) is not None,
        5: _given(facts.secondary_harm) is not None,
        6: _given(facts.individual_response) is not None,
        7: _given(facts.publication_status) is not None,
        8: _given(facts.measures_done) is not None or _given(facts.measures_planned) is not None,
        9: _given(facts.other) is not None,
    }
    return [n for n in REPORT_ITEMS if not known[n]]


# --- what both formats print -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Field:
    label: str  # "" when the item is one text without a label
    value: str | None  # None: printed as unknown
    placeholder: str = ""  # what to print when value is None


@dataclass(frozen=True)
class _Item:
    number: int  # the item of 規則8条1項, whatever number the heading shows; 0: not an item (the contact point)
    heading: str
    known: bool
    fields: tuple[_Field, ...]
    timeline_label: str = ""
    timeline: tuple[tuple[str, str], ...] = ()  # (when, what), in order


@dataclass(frozen=True)
class _Document:
    """What both formats print, in order: one place decides the words, the renderers only lay them out."""

    lang: Lang
    title: str
    header: tuple[_Field, ...]
    summary: tuple[str, ...]
    unknown_count: int
    summary_on_paper: bool  # False: a note for whoever drafts the notice, left off the printed page
    intro: tuple[str, ...]
    items: tuple[_Item, ...]
    contact: _Item | None
    closing: tuple[str, ...]


_REPORT_HEADINGS: dict[Lang, dict[int, str]] = {
    "ja": {
        1: "概要",
        2: "漏えい等が発生し、又は発生したおそれがある個人データの項目",
        3: "漏えい等が発生し、又は発生したおそれがある個人データに係る本人の数",
        4: "原因",
        5: "二次被害又はそのおそれの有無及びその内容",
        6: "本人への対応の実施状況",
        7: "公表の実施状況",
        8: "再発防止のための措置",
        9: "その他参考となる事項",
    },
    "en": {
        1: "Overview",
        2: "Items of the personal data leaked, lost or damaged, or possibly so",
        3: "Number of individuals whose personal data is concerned",
        4: "Cause",
        5: "Whether there is secondary harm or a risk of it, and what it is",
        6: "Response to the individuals concerned",
        7: "Publication",
        8: "Measures to prevent recurrence",
        9: "Other relevant matters",
    },
}

# Plain words for the people concerned, numbered in the order they read (REGULATION.md §1.8: easy to understand).
_NOTICE_HEADINGS: dict[Lang, dict[int, str]] = {
    "ja": {
        1: "何が起きたか",
        2: "対象となる個人情報の項目",
        4: "原因",
        5: "二次被害又はそのおそれの有無",
        9: "皆様へのお願い・その他",
    },
    "en": {
        1: "What happened",
        2: "What personal information is involved",
        4: "Why it happened",
        5: "Whether any further harm has happened or may happen",
        9: "What you can do, and other information",
    },
}

_LABELS: dict[Lang, dict[str, str]] = {
    "ja": {
        "report_title": "個人データの漏えい等報告（{kind}）（案）",
        "preliminary": "速報",
        "final": "確報",
        "notice_title": "個人情報の漏えい等に関するお知らせとお詫び（案）",
        "reporter": "報告者（委託元）",
        "vendor": "委託先",
        "incident": "事案",
        "kind": "報告の種別",
        "occurred": "発生日時",
        "vendor_discovered": "委託先が把握した日時",
        "vendor_notified": "委託先から通知を受けた日時",
        "aware": "報告者が把握した日時",
        "we_knew": "当社が把握した日時",
        "discovered_by": "発見者",
        "description": "事案の内容",
        "triggers": "報告対象事態（規則7条各号）",
        "no_trigger": "現時点で該当する事態は特定されていません（任意の報告）",
        "entrustment": "委託関係",
        "entrustment_text": "委託元：{org}（報告者）／委託先：{vendor}（事案の発生先）",
        "where": "発生先",
        "where_text": "当社が業務を委託している{vendor}",
        "timeline": "経緯",
        "categories": "個人データの区分",
        "kinds": "情報の種類",
        "data_items": "項目",
        "estimate": "見込み",
        "maximum": "最大",
        "persons": "{n:,}人",
        "party": "発生した主体",
        "party_text": "委託先（{vendor}）",
        "cause": "原因",
        "done": "実施済みの措置",
        "planned": "今後実施予定の措置",
        "contact": "お問い合わせ窓口",
        "unknown_count": "9項目のうち未判明の項目：{n}項目（{items}）",
        "unknown_none": "9項目のうち未判明の項目：なし",
        "item_ref": "項目{n}",
        "preliminary_note": "速報には、報告の時点で把握している事項を記載します（規則8条1項）。",
        "final_note": (
            "確報には9項目すべての記載が必要です。合理的な努力を尽くしても判明しない項目は、判明次第追完します"
            "（ガイドライン（通則編））。"
        ),
        "notice_unknown": "作成者向けの注記（本人には送付しません）：5項目のうち未判明の項目：{n}項目（{items}）。",
        "notice_unknown_none": "作成者向けの注記（本人には送付しません）：5項目すべてが記載されています。",
        "notice_no_wait": "本人への通知は、すべての項目が判明するまで待つ必要はありません（ガイドライン（通則編））。",
        "notice_intro": (
            "{org}が業務を委託している{vendor}において、皆様の個人情報の漏えい等（漏えい、滅失又は毀損をいい、"
            "そのおそれがある場合を含みます。）が発生しました。皆様に多大なご迷惑とご心配をおかけしますことを、"
            "深くお詫び申し上げます。現時点で判明している内容を、以下のとおりお知らせいたします。"
        ),
        "notice_closing": "今後、新たな事実が判明した場合には、速やかにお知らせいたします。",
        "list_sep": "、",
    },
    "en": {
        "report_title": "Report of a personal data breach to the PPC — {kind} (draft)",
        "preliminary": "preliminary report",
        "final": "final report",
        "notice_title": "Notice about your personal information (draft)",
        "reporter": "Reporter (principal, 委託元)",
        "vendor": "Contractor (委託先)",
        "incident": "Incident",
        "kind": "Kind of report",
        "occurred": "Occurred",
        "vendor_discovered": "Contractor became aware",
        "vendor_notified": "Contractor notified the reporter",
        "aware": "Reporter became aware",
        "we_knew": "We became aware",
        "discovered_by": "Discovered by",
        "description": "What happened",
        "triggers": "Reportable categories (Rules Art. 7)",
        "no_trigger": "None identified so far (voluntary report)",
        "entrustment": "Entrustment",
        "entrustment_text": "Principal (委託元): {org}, the reporter; contractor (委託先): {vendor}, where it happened",
        "where": "Where",
        "where_text": "at {vendor}, a contractor that handles work for us",
        "timeline": "Timeline",
        "categories": "Kinds of personal data",
        "kinds": "Kinds of information",
        "data_items": "Items",
        "estimate": "Estimated",
        "maximum": "At most",
        "persons": "{n:,} individuals",
        "party": "Party where it occurred",
        "party_text": "the contractor ({vendor})",
        "cause": "Cause",
        "done": "Measures taken",
        "planned": "Measures planned",
        "contact": "Where to ask questions",
        "unknown_count": "Items still unknown: {n} of 9 ({items})",
        "unknown_none": "Items still unknown: none of the 9",
        "item_ref": "item {n}",
        "preliminary_note": "A preliminary report states what is known at the time of filing (Rules Art. 8(1)).",
        "final_note": (
            "A final report must contain all nine items; items still unknown after reasonable efforts are "
            "supplemented as soon as they are known (PPC general guidelines)."
        ),
        "notice_unknown": "Note for the drafter (not sent to anyone): items still unknown: {n} of 5 ({items}).",
        "notice_unknown_none": "Note for the drafter (not sent to anyone): all five items are filled in.",
        "notice_no_wait": "The notice need not wait until every item is known (PPC general guidelines).",
        "notice_intro": (
            "Personal information about you has been, or may have been, leaked, lost or damaged at {vendor}, a "
            "contractor that handles work for {org}. We sincerely apologise for the concern and inconvenience this "
            "causes. This notice tells you what we know so far."
        ),
        "notice_closing": "We will let you know promptly if we learn more.",
        "list_sep": "; ",
    },
}

_MONTHS = "January February March April May June July August September October November December".split()


def _datetime(at: datetime, zone: ZoneInfo, lang: Lang) -> str:
    if at.utcoffset() is None:
        raise ValueError("datetimes in incident facts must be timezone-aware")
    local = at.astimezone(zone)
    if lang == "ja":
        return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}（{zone.key}）"
    return f"{local.day} {_MONTHS[local.month - 1]} {local.year}, {local:%H:%M} ({zone.key})"


def _when(at: datetime | None, zone: ZoneInfo, lang: Lang) -> str | None:
    return None if at is None else _datetime(at, zone, lang)


def _labels(values: Sequence[str], table: dict[str, Text], lang: Lang, sep: str) -> str | None:
    names = [getattr(table[v], lang) if v in table else v for v in values]
    return sep.join(names) if names else None


def _persons(n: int | None, labels: dict[str, str]) -> str | None:
    return None if n is None else labels["persons"].format(n=n)


def _text(number: int, heading: str, value: str | None) -> _Item:
    return _Item(number, heading, value is not None, (_Field("", value),))


def _report(f: IncidentFacts) -> _Document:
    lang, zone, labels = f.lang, ZoneInfo(f.time_zone), _LABELS[f.lang]
    heading = {n: f"{n}. {h}" for n, h in _REPORT_HEADINGS[lang].items()}
    unknown = unknown_items(f)
    # Formatted before sorting, so a naive datetime fails with _datetime's ValueError, not a TypeError in sorted().
    entries = sorted(((e.at, _datetime(e.at, zone, lang), e.text) for e in f.timeline), key=lambda e: e[0])
    timeline = tuple((at, text) for _, at, text in entries)
    overview = (
        _Field(labels["occurred"], _when(f.occurred_at, zone, lang)),
        _Field(labels["vendor_discovered"], _when(f.vendor_discovered_at, zone, lang)),
        _Field(labels["vendor_notified"], _when(f.vendor_notified_at, zone, lang)),
        _Field(labels["aware"], _datetime(f.aware_at, zone, lang)),
        _Field(labels["discovered_by"], _given(f.discovered_by)),
        _Field(labels["description"], _given(f.description)),
        _Field(labels["triggers"], _labels(f.triggers, TRIGGER_LABELS, lang, "\n") or labels["no_trigger"]),
        _Field(labels["entrustment"], labels["entrustment_text"].format(org=f.organization, vendor=f.vendor)),
        *(() if timeline else (_Field(labels["timeline"], None),)),
    )
    items = (
        _Item(1, heading[1], 1 not in unknown, overview, labels["timeline"] if timeline else "", timeline),
        _Item(
            2,
            heading[2],
            2 not in unknown,
            (
                _Field(labels["categories"], _labels(f.data_categories, CATEGORY_LABELS, lang, labels["list_sep"])),
                _Field(labels["data_items"], _given(f.data_items)),
            ),
        ),
        _Item(
            3,
            heading[3],
            3 not in unknown,
            (
                _Field(labels["estimate"], _persons(f.affected_persons_estimate, labels)),
                _Field(labels["maximum"], _persons(f.affected_persons_max, labels)),
            ),
        ),
        _Item(
            4,
            heading[4],
            4 not in unknown,
            (
                # 規則8条1項4号 as the guideline reads it: the cause names the party where it occurred.
                _Field(labels["party"], labels["party_text"].format(vendor=f.vendor)),
                _Field(labels["cause"], _given(f.cause)),
            ),
        ),
        _text(5, heading[5], _given(f.secondary_harm)),
        _text(6, heading[6], _given(f.individual_response)),
        _text(7, heading[7], _given(f.publication_status)),
        _Item(
            8,
            heading[8],
            8 not in unknown,
            (_Field(labels["done"], _given(f.measures_done)), _Field(labels["planned"], _given(f.measures_planned))),
        ),
        _text(9, heading[9], _given(f.other)),
    )
    if unknown:
        refs = labels["list_sep"].join(labels["item_ref"].format(n=n) for n in unknown)
        count = labels["unknown_count"].format(n=len(unknown), items=refs)
    else:
        count = labels["unknown_none"]
    kind = labels[f.report_kind]
    header = (
        _Field(labels["reporter"], f.organization),
        _Field(labels["vendor"], f.vendor),
        _Field(labels["incident"], f.title),
        _Field(labels["kind"], kind),
    )
    return _Document(
        lang=lang,
        title=labels["report_title"].format(kind=kind),
        header=header,
        summary=(count, labels[f"{f.report_kind}_note"]),
        unknown_count=len(unknown),
        summary_on_paper=True,
        intro=(),
        items=items,
        contact=None,
        closing=(),
    )


def _notice(f: IncidentFacts) -> _Document:
    """Items 1, 2, 4, 5 and 9 only, in plain words: no count of people, no internal timeline or who found it, no
    report-only items (REGULATION.md §1.7)."""
    lang, zone, labels = f.lang, ZoneInfo(f.time_zone), _LABELS[f.lang]
    names = _NOTICE_HEADINGS[lang]
    heading = {n: f"{i}. {names[n]}" for i, n in enumerate(NOTICE_ITEMS, start=1)}
    unknown = [n for n in unknown_items(f) if n in NOTICE_ITEMS]
    items = (
        _Item(
            1,
            heading[1],
            1 not in unknown,
            (
                _Field(labels["where"], labels["where_text"].format(vendor=f.vendor)),
                _Field(labels["occurred"], _when(f.occurred_at, zone, lang)),
                _Field(labels["we_knew"], _datetime(f.aware_at, zone, lang)),
                _Field(labels["description"], _given(f.description)),
            ),
        ),
        _Item(
            2,
            heading[2],
            2 not in unknown,
            (
                _Field(labels["kinds"], _labels(f.data_categories, CATEGORY_LABELS, lang, labels["list_sep"])),
                _Field(labels["data_items"], _given(f.data_items)),
            ),
        ),
        _text(4, heading[4], _given(f.cause)),
        _text(5, heading[5], _given(f.secondary_harm)),
        _text(9, heading[9], _given(f.other)),
    )
    contact_point = _given(f.contact_point)
    contact = _Item(
        0,
        labels["contact"],
        contact_point is not None,
        (_Field("", contact_point, getattr(NO_CONTACT_POINT, lang)),),
    )
    if unknown:
        refs = labels["list_sep"].join(names[n] for n in unknown)
        count = labels["notice_unknown"].format(n=len(unknown), items=refs)
    else:
        count = labels["notice_unknown_none"]
    return _Document(
        lang=lang,
        title=labels["notice_title"],
        header=(),
        summary=(count, labels["notice_no_wait"]) if unknown else (count,),
        unknown_count=len(unknown),
        summary_on_paper=False,
        intro=(labels["notice_intro"].format(org=f.organization, vendor=f.vendor),),
        items=items,
        contact=contact,
        closing=(labels["notice_closing"], f.organization),
    )


# --- HTML ---------------------------------------------------------------------------------------------------------

# Inline styles only and no script: the page is served from our origin under the app's CSP (style-src allows inline
# styles, script-src does not allow inline scripts).
_CSS = """
body { font-family: "Hiragino Mincho ProN", "Yu Mincho", "Noto Serif JP", serif; line-height: 1.8; color: #111;
       max-width: 46rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.4rem; text-align: center; margin-bottom: 1.5rem; }
h2 { font-size: 1.05rem; margin: 1.6rem 0 0.4rem; border-bottom: 1px solid #999; }
p { margin: 0 0 0.8rem; }
dl { margin: 0 0 0.8rem; display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 0.2rem 1rem; }
dt { font-weight: bold; }
dd { margin: 0; }
.text { white-space: pre-wrap; }
.unknown { color: #a00; font-weight: bold; border: 1px dashed #a00; padding: 0 0.3rem; }
.summary { border: 2px solid #555; padding: 0.6rem 0.9rem; margin-bottom: 1.2rem; }
.summary p { margin: 0; }
table.timeline { width: 100%; border-collapse: collapse; margin-bottom: 0.8rem; }
table.timeline th, table.timeline td { border: 1px solid #444; padding: 0.3rem 0.5rem; text-align: left;
                                       vertical-align: top; }
.closing { margin-top: 2rem; }
.sender { text-align: right; }
@media print {
  @page { size: A4; margin: 20mm; }
  body { margin: 0; padding: 0; max-width: none; font-size: 10.5pt; }
  .summary.draft-only { display: none; }
  section.item { break-inside: avoid; }
}
"""


def _value_html(field: _Field, lang: Lang) -> str:
    if field.value is None:
        return f'<span class="unknown">{escape(field.placeholder or getattr(UNKNOWN, lang))}</span>'
    return f'<span class="text">{escape(field.value)}</span>'


def _fields_html(fields: Sequence[_Field], lang: Lang) -> list[str]:
    parts: list[str] = []
    labelled = [x for x in fields if x.label]
    parts.extend(f"<p>{_value_html(x, lang)}</p>" for x in fields if not x.label)
    if labelled:
        parts.append("<dl>")
        parts.extend(f"<dt>{escape(x.label)}</dt><dd>{_value_html(x, lang)}</dd>" for x in labelled)
        parts.append("</dl>")
    return parts


def _item_html(item: _Item, lang: Lang, css_class: str) -> list[str]:
    number = f' data-item="{item.number}"' if item.number else ""
    known = "true" if item.known else "false"
    parts = [f'<section class="{css_class}"{number} data-known="{known}">', f"<h2>{escape(item.heading)}</h2>"]
    parts.extend(_fields_html(item.fields, lang))
    if item.timeline:
        parts.append(f'<table class="timeline"><caption>{escape(item.timeline_label)}</caption><tbody>')
        parts.extend(
            f'<tr><th scope="row">{escape(at)}</th><td class="text">{escape(text)}</td></tr>'
            for at, text in item.timeline
        )
        parts.append("</tbody></table>")
    parts.append("</section>")
    return parts


def _html(d: _Document) -> str:
    summary_class = "summary" if d.summary_on_paper else "summary draft-only"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{d.lang}">',
        '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(d.title)}</title><style>{_CSS}</style></head>",
        "<body><main>",
        f"<h1>{escape(d.title)}</h1>",
        *_fields_html(d.header, d.lang),
        f'<div class="{summary_class}" data-unknown-count="{d.unknown_count}">',
        *(f"<p>{escape(text)}</p>" for text in d.summary),
        "</div>",
        *(f"<p>{escape(text)}</p>" for text in d.intro),
    ]
    for item in d.items:
        parts.extend(_item_html(item, d.lang, "item"))
    if d.contact is not None:
        parts.extend(_item_html(d.contact, d.lang, "contact"))
    if d.closing:
        *lines, sender = d.closing
        parts.extend(f'<p class="closing">{escape(text)}</p>' for text in lines)
        parts.append(f'<p class="sender">{escape(sender)}</p>')
    parts.append("</main></body></html>")
    return "\n".join(parts)


def render_report_html(facts: IncidentFacts) -> str:
    return _html(_report(facts))


def render_notice_html(facts: IncidentFacts) -> str:
    return _html(_notice(facts))


# --- DOCX ---------------------------------------------------------------------------------------------------------

_UNKNOWN_RED = RGBColor(0xAA, 0x00, 0x00)


def _docx_fields(doc: DocxDocument, fields: Sequence[_Field], lang: Lang) -> None:
    for x in fields:
        paragraph = doc.add_paragraph()
        if x.label:
            paragraph.add_run(f"{x.label}{'：' if lang == 'ja' else ': '}").bold = True
        if x.value is None:
            run = paragraph.add_run(x.placeholder or getattr(UNKNOWN, lang))
            run.bold = True
            run.font.color.rgb = _UNKNOWN_RED
        else:
            paragraph.add_run(x.value)


def _docx(d: _Document) -> bytes:
    doc = Document()
    doc.core_properties.title = d.title
    doc.core_properties.language = d.lang
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    # Word picks the East Asian font separately; without it Japanese text falls back to whatever the reader has.
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), "Yu Mincho")

    doc.add_heading(d.title, level=0)
    _docx_fields(doc, d.header, d.lang)
    for text in d.summary:
        run = doc.add_paragraph().add_run(text)
        run.bold = True
        if not d.summary_on_paper:
            run.italic = True
    for text in d.intro:
        doc.add_paragraph(text)
    for item in (*d.items, *((d.contact,) if d.contact is not None else ())):
        doc.add_heading(item.heading, level=2)
        _docx_fields(doc, item.fields, d.lang)
        if item.timeline:
            doc.add_paragraph().add_run(item.timeline_label).bold = True
            table = doc.add_table(rows=len(item.timeline), cols=2)
            table.style = "Table Grid"
            for row, values in zip(table.rows, item.timeline, strict=True):
                for cell, value in zip(row.cells, values, strict=True):
                    cell.text = value
    for text in d.closing:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render_report_docx(facts: IncidentFacts) -> bytes:
    return _docx(_report(facts))


def render_notice_docx(facts: IncidentFacts) -> bytes:
    return _docx(_notice(facts))
