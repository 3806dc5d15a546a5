"""The regulator report and the notice to individuals (REGULATION.md §1.7, §1.8): nine items in the report, five in the
notice, every unknown item marked and counted, nothing report-only in the notice, user text escaped, datetimes in the
organisation's zone."""

import io
import re
from dataclasses import replace
from datetime import UTC, datetime
from html import unescape
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from itaku.core.vocabulary import DataCategory
from itaku.incidents.documents import (
    CATEGORY_LABELS,
    NO_CONTACT_POINT,
    NOTICE_ITEMS,
    REPORT_ITEMS,
    TRIGGER_LABELS,
    UNKNOWN,
    IncidentFacts,
    TimelineEntry,
    render_notice_docx,
    render_notice_html,
    render_report_docx,
    render_report_html,
    unknown_items,
)
from itaku.regulation.rules import Trigger

LANGS = ["ja", "en"]
ITEM = re.compile(r'<section class="item" data-item="(\d+)" data-known="(true|false)">')

# Strings that belong to the report only: items 3, 6, 7, 8, and the internal details of item 1.
REPORT_ONLY = {
    "individual_response": "本人へ個別にメール送付済み-IR",
    "publication_status": "自社サイトで公表済み-PUB",
    "measures_done": "アクセス権限を見直した-DONE",
    "measures_planned": "外部監査を予定-PLAN",
    "discovered_by": "委託先SOCの担当者-WHO",
}


def full(lang: str = "ja", **overrides: Any) -> IncidentFacts:
    """An incident with every item known."""
    facts = IncidentFacts(
        lang=lang,
        report_kind="preliminary",
        organization="テスト株式会社",
        vendor="株式会社給与計算センター",
        title="給与計算システムへの不正アクセス",
        time_zone="Asia/Tokyo",
        occurred_at=datetime(2025, 3, 31, 20, 0, tzinfo=UTC),  # 2025-04-01 05:00 in Tokyo
        vendor_discovered_at=datetime(2025, 4, 1, 1, 30, tzinfo=UTC),
        vendor_notified_at=datetime(2025, 4, 2, 0, 0, tzinfo=UTC),
        aware_at=datetime(2025, 4, 2, 0, 15, tzinfo=UTC),
        description="委託先のサーバーがランサムウェアに感染し、給与データが暗号化された。",
        triggers=["wrongful_intent", "over_threshold"],
        data_categories=["ordinary", "financial"],
        data_items="従業員の氏名、住所、口座番号",
        affected_persons_estimate=12_345,
        affected_persons_max=23_456,
        cause="VPN機器の脆弱性が未修正だった。",
        secondary_harm="現時点で二次被害は確認されていない。",
        other="不審な連絡にご注意ください。",
        contact_point="お問い合わせ窓口 0120-000-000（平日9時〜17時）",
        timeline=[
            # Given out of order; printed in time order.
            TimelineEntry(datetime(2025, 4, 2, 0, 5, tzinfo=UTC), "委託先から電話で通知"),
            TimelineEntry(datetime(2025, 4, 1, 2, 0, tzinfo=UTC), "委託先が暗号化を検知"),
        ],
        **REPORT_ONLY,
    )
    return replace(facts, **overrides)


def minimum(lang: str = "ja", **overrides: Any) -> IncidentFacts:
    """Only what an incident always has: who, what it is called, and when we knew."""
    nothing = dict.fromkeys(
        [
            "occurred_at",
            "vendor_discovered_at",
            "vendor_notified_at",
            "discovered_by",
            "description",
            "data_items",
            "affected_persons_estimate",
            "affected_persons_max",
            "cause",
            "secondary_harm",
            "individual_response",
            "publication_status",
            "measures_done",
            "measures_planned",
            "other",
            "contact_point",
        ]
    )
    return full(lang, triggers=[], data_categories=[], timeline=(), **{**nothing, **overrides})


def items(page: str) -> list[tuple[int, bool]]:
    return [(int(n), known == "true") for n, known in ITEM.findall(page)]


def text_of(page: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", page, flags=re.S)))


def h2s(page: str) -> list[str]:
    return [unescape(h) for h in re.findall(r"<h2>(.*?)</h2>", page)]


def docx_content(data: bytes) -> tuple[list[str], str]:
    """The Heading 2 paragraphs and all the text of a DOCX file."""
    document = docx.Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 2"]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return headings, "\n".join([*(p.text for p in document.paragraphs), *cells])


# --- the report ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("make", [full, minimum])
def test_the_report_has_the_nine_items_of_rules_article_8_in_order(lang: str, make: Any) -> None:
    page = render_report_html(make(lang))
    assert [n for n, _ in items(page)] == list(REPORT_ITEMS) == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert [h.split(". ", 1)[0] for h in h2s(page)] == [str(n) for n in REPORT_ITEMS]
    assert f'<html lang="{lang}">' in page and "<script" not in page and "@media print" in page


UNKNOWN_CASES = [
    # (facts, unknown items, why)
    (full(), [], "everything known"),
    (minimum(), [1, 2, 3, 4, 5, 6, 7, 8, 9], "only what an incident always has"),
    (minimum(description="社内で発覚"), [2, 3, 4, 5, 6, 7, 8, 9], "item 1 needs only the description"),
    (minimum(occurred_at=datetime(2025, 4, 1, tzinfo=UTC), discovered_by="x"), list(range(1, 10)), "no description"),
    (minimum(affected_persons_estimate=10), [1, 2, 4, 5, 6, 7, 8, 9], "item 3: the estimate alone is enough"),
    (minimum(affected_persons_max=0), [1, 2, 4, 5, 6, 7, 8, 9], "item 3: a maximum of 0 is known, not missing"),
    (minimum(measures_done="遮断済み"), [1, 2, 3, 4, 5, 6, 7, 9], "item 8: measures done alone"),
    (minimum(measures_planned="監査予定"), [1, 2, 3, 4, 5, 6, 7, 9], "item 8: measures planned alone"),
    (full(description="  ", other=""), [1, 9], "blank text is as unknown as none"),
    (full(cause=None, secondary_harm=None), [4, 5], "items 4 and 5 of a known incident"),
    (full(individual_response=None, publication_status=None), [6, 7], "items 6 and 7"),
    (full(data_items=None), [2], "item 2 needs the data items, not just the categories"),
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("facts", "expected", "why"), UNKNOWN_CASES, ids=[c[2] for c in UNKNOWN_CASES])
def test_unknown_items_are_marked_and_counted(lang: str, facts: IncidentFacts, expected: list[int], why: str) -> None:
    facts = replace(facts, lang=lang)
    assert unknown_items(facts) == expected
    page = render_report_html(facts)
    assert [n for n, known in items(page) if not known] == expected
    assert f'data-unknown-count="{len(expected)}"' in page
    text = text_of(page)
    marker = getattr(UNKNOWN, lang)
    assert text.count(marker) >= len(expected)
    if not expected:
        assert marker not in text
        assert ("9項目のうち未判明の項目：なし" if lang == "ja" else "Items still unknown: none of the 9") in text
    elif lang == "ja":
        assert f"9項目のうち未判明の項目：{len(expected)}項目（{'、'.join(f'項目{n}' for n in expected)}）" in text
    else:
        assert f"Items still unknown: {len(expected)} of 9 ({'; '.join(f'item {n}' for n in expected)})" in text


@pytest.mark.parametrize(
    ("lang", "kind", "title", "note"),
    [
        ("ja", "preliminary", "個人データの漏えい等報告（速報）（案）", "報告の時点で把握している事項"),
        ("ja", "final", "個人データの漏えい等報告（確報）（案）", "確報には9項目すべての記載が必要です"),
        ("en", "preliminary", "Report of a personal data breach to the PPC — preliminary report (draft)", "known at"),
        ("en", "final", "Report of a personal data breach to the PPC — final report (draft)", "must contain all nine"),
    ],
)
def test_the_report_kind_is_in_the_title_and_the_summary(lang: str, kind: str, title: str, note: str) -> None:
    facts = replace(minimum(lang), report_kind=kind)
    page = render_report_html(facts)
    assert f"<title>{title}</title>" in page and f"<h1>{title}</h1>" in page
    assert note in text_of(page)
    assert docx.Document(io.BytesIO(render_report_docx(facts))).core_properties.title == title


@pytest.mark.parametrize("lang", LANGS)
def test_the_report_names_the_triggers_the_categories_and_the_party_where_it_occurred(lang: str) -> None:
    text = text_of(render_report_html(full(lang)))
    for value in ("wrongful_intent", "over_threshold"):
        assert getattr(TRIGGER_LABELS[value], lang) in text
    assert getattr(TRIGGER_LABELS["special_care"], lang) not in text
    for value in ("ordinary", "financial"):
        assert getattr(CATEGORY_LABELS[value], lang) in text
    # 規則8条1項4号: the cause says at which party it occurred.
    assert (
        "委託先（株式会社給与計算センター）" if lang == "ja" else "the contractor (株式会社給与計算センター)"
    ) in text
    assert ("12,345人" if lang == "ja" else "12,345 individuals") in text and "23,456" in text
    for value in REPORT_ONLY.values():
        assert value in text


def test_every_trigger_and_data_category_has_a_label_in_both_languages() -> None:
    japanese = set(Trigger) - {Trigger.risk_to_rights, Trigger.high_risk}  # the last two are GDPR's
    assert set(TRIGGER_LABELS) == {t.value for t in japanese}
    assert set(CATEGORY_LABELS) == {c.value for c in DataCategory}
    assert TRIGGER_LABELS["special_care"].ja == "要配慮個人情報が含まれる（規則7条1号）"
    assert TRIGGER_LABELS["special_care"].en == "special-care personal information (Rules Art. 7(1))"
    for label in [*TRIGGER_LABELS.values(), *CATEGORY_LABELS.values()]:
        assert label.ja and label.en and label.ja != label.en


def test_an_incident_without_triggers_says_so_rather_than_leaving_the_line_empty() -> None:
    assert "現時点で該当する事態は特定されていません（任意の報告）" in text_of(render_report_html(minimum("ja")))
    assert "None identified so far (voluntary report)" in text_of(render_report_html(minimum("en")))


# --- the notice to individuals -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("make", [full, minimum])
def test_the_notice_has_exactly_items_1_2_4_5_and_9(lang: str, make: Any) -> None:
    facts = make(lang)
    page = render_notice_html(facts)
    assert [n for n, _ in items(page)] == list(NOTICE_ITEMS) == [1, 2, 4, 5, 9]
    unknown = [n for n in unknown_items(facts) if n in NOTICE_ITEMS]
    assert [n for n, known in items(page) if not known] == unknown
    assert f'data-unknown-count="{len(unknown)}"' in page
    # Numbered as the reader reads them, 1 to 5, then where to ask.
    assert [h.split(". ", 1)[0] for h in h2s(page)[:5]] == ["1", "2", "3", "4", "5"]
    assert h2s(page)[5] == ("お問い合わせ窓口" if lang == "ja" else "Where to ask questions")
    assert "<script" not in page


@pytest.mark.parametrize("lang", LANGS)
def test_the_notice_never_carries_the_number_of_people_or_what_only_the_report_needs(lang: str) -> None:
    facts = full(lang)
    report_text = text_of(render_report_html(facts))
    _, notice_docx = docx_content(render_notice_docx(facts))
    for notice in (text_of(render_notice_html(facts)), notice_docx):
        for count in ("12,345", "12345", "23,456", "23456"):
            assert count not in notice
        for value in REPORT_ONLY.values():
            assert value in report_text and value not in notice
        for entry in facts.timeline:
            assert entry.text in report_text and entry.text not in notice
        for heading in ("本人の数", "再発防止", "公表の実施状況", "Number of individuals", "Publication", "recurrence"):
            assert heading not in notice
        # What people need: what happened, what data, why, what harm, what to do, and where to ask.
        for value in (facts.description, facts.data_items, facts.cause, facts.secondary_harm, facts.other):
            assert value is not None and value in notice
        assert facts.contact_point is not None and facts.contact_point in notice


@pytest.mark.parametrize("lang", LANGS)
def test_a_notice_without_a_contact_point_asks_for_one(lang: str) -> None:
    page = render_notice_html(minimum(lang))
    assert '<section class="contact" data-known="false">' in page
    assert getattr(NO_CONTACT_POINT, lang) in text_of(page)
    _, text = docx_content(render_notice_docx(minimum(lang)))
    assert getattr(NO_CONTACT_POINT, lang) in text
    assert '<section class="contact" data-known="true">' in render_notice_html(full(lang))


def test_the_drafters_note_on_the_notice_is_left_off_the_printed_page() -> None:
    page = render_notice_html(minimum("ja"))
    assert '<div class="summary draft-only" data-unknown-count="5">' in page
    assert ".summary.draft-only { display: none; }" in page


# --- escaping, DOCX, time zones -------------------------------------------------------------------------------------

HOSTILE = "<script>alert(1)</script> & 顧客"


@pytest.mark.parametrize("render", [render_report_html, render_notice_html])
@pytest.mark.parametrize("lang", LANGS)
def test_what_the_user_typed_is_escaped(render: Any, lang: str) -> None:
    page = render(full(lang, description=HOSTILE, vendor='"><img src=x onerror=alert(1)>', other=HOSTILE))
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 顧客" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("make", [full, minimum])
@pytest.mark.parametrize(
    ("html", "docx_file"), [(render_report_html, render_report_docx), (render_notice_html, render_notice_docx)]
)
def test_the_docx_has_the_same_item_headings_as_the_page(lang: str, make: Any, html: Any, docx_file: Any) -> None:
    facts = make(lang, description=HOSTILE)
    page = html(facts)
    headings, text = docx_content(docx_file(facts))
    assert headings == h2s(page)
    assert HOSTILE in text  # the DOCX carries the text as typed; Word does not run it
    marker = getattr(UNKNOWN, lang)
    assert (marker in text) == (marker in text_of(page))
    document = docx.Document(io.BytesIO(docx_file(facts)))
    assert document.core_properties.language == lang
    east_asian = document.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia"))
    assert east_asian == "Yu Mincho"


@pytest.mark.parametrize(
    ("lang", "zone", "occurred", "aware", "timeline"),
    [
        # 2025-03-31 20:00 UTC is already 1 April in Tokyo.
        (
            "ja",
            "Asia/Tokyo",
            "2025年4月1日 05:00（Asia/Tokyo）",
            "2025年4月2日 09:15（Asia/Tokyo）",
            ["2025年4月1日 11:00（Asia/Tokyo）", "2025年4月2日 09:05（Asia/Tokyo）"],
        ),
        (
            "en",
            "Asia/Tokyo",
            "1 April 2025, 05:00 (Asia/Tokyo)",
            "2 April 2025, 09:15 (Asia/Tokyo)",
            ["1 April 2025, 11:00 (Asia/Tokyo)", "2 April 2025, 09:05 (Asia/Tokyo)"],
        ),
        # Summer time in Berlin (UTC+2): the same instants in another zone; 20:00 UTC stays on 31 March.
        (
            "en",
            "Europe/Berlin",
            "31 March 2025, 22:00 (Europe/Berlin)",
            "2 April 2025, 02:15 (Europe/Berlin)",
            ["1 April 2025, 04:00 (Europe/Berlin)", "2 April 2025, 02:05 (Europe/Berlin)"],
        ),
    ],
)
def test_datetimes_are_shown_in_the_given_time_zone_with_the_zone(
    lang: str, zone: str, occurred: str, aware: str, timeline: list[str]
) -> None:
    facts = full(lang, time_zone=zone)
    _, report_docx = docx_content(render_report_docx(facts))
    for text in (text_of(render_report_html(facts)), report_docx):
        assert occurred in text and aware in text
        # The timeline is in time order, whatever order it was given in.
        first, second = timeline
        assert (
            text.index(first)
            < text.index("委託先が暗号化を検知")
            < text.index(second)
            < text.index("委託先から電話で通知")
        )
    notice = text_of(render_notice_html(facts))
    assert occurred in notice and aware in notice


def test_a_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        render_report_html(full(occurred_at=datetime(2025, 4, 1, 10, 0)))
