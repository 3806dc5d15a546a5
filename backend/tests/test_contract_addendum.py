"""The addendum draft over HTTP (issue 5/7 item 4): exactly the clauses the gap analysis finds missing or weaker, in
the standard wording with the organisation's policy values filled in, as an HTML page and a DOCX file."""

import io
import re
from html import unescape
from typing import Any

import docx
import httpx
import pytest

from itaku.contracts.addendum import NO_ADDITIONAL_CLAUSES
from tests.builders import Org, register
from tests.test_contracts import contract, gaps, vendor_with_processing

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FIVE_CLAUSES = [
    {"requirement_key": "confidentiality", "article": "第8条"},
    {"requirement_key": "purpose_limitation", "article": "第9条"},
    {"requirement_key": "no_removal", "article": "第10条"},
    {"requirement_key": "staff_supervision", "article": "第11条"},
    {
        "requirement_key": "incident_reporting",
        "values": {"notice_hours": 72, "to_whom": "総務部", "content_items": True},
        "article": "第12条",
    },
]
HEADING = {"ja": re.compile(r"^第\d+条（(.*)）$"), "en": re.compile(r"^Article \d+ \((.*)\)$")}


async def addendum(client: httpx.AsyncClient, org: Org, contract_id: str, lang: str, fmt: str) -> httpx.Response:
    r = await client.get(f"/api/v1/contracts/{contract_id}/addendum?lang={lang}&format={fmt}", headers=org.headers)
    assert r.status_code == 200, r.text
    return r


def html_clauses(page: str, lang: str) -> tuple[list[str], str]:
    """The clause titles (from the numbered headings) and the page's text."""
    headings = [unescape(h) for h in re.findall(r"<h2>(.*?)</h2>", page)]
    text = unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", page, flags=re.S)))
    return [_title(h, lang) for h in headings], text


def docx_clauses(data: bytes, lang: str) -> tuple[list[str], str]:
    document = docx.Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 2"]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join([*(p.text for p in document.paragraphs), *cells])
    return [_title(h, lang) for h in headings], text


def _title(heading: str, lang: str) -> str:
    match = HEADING[lang].match(heading)
    assert match, heading
    return match.group(1)


async def rendered(client: httpx.AsyncClient, org: Org, contract_id: str, lang: str) -> list[tuple[list[str], str]]:
    """The clause titles and the text of the HTML page and of the DOCX file."""
    page = await addendum(client, org, contract_id, lang, "html")
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    # Opened from our origin, the page runs under the app's CSP: no inline script could run even if one got in.
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert f'<html lang="{lang}">' in page.text and "<script" not in page.text and "@media print" in page.text
    file = await addendum(client, org, contract_id, lang, "docx")
    assert file.headers["content-type"] == DOCX
    assert file.headers["content-disposition"].startswith("attachment; filename*=UTF-8''")
    assert file.headers["content-disposition"].endswith(f"-addendum-{lang}.docx")
    return [html_clauses(page.text, lang), docx_clauses(file.content, lang)]


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_the_addendum_lists_exactly_the_missing_and_weaker_clauses(client: httpx.AsyncClient, lang: str) -> None:
    org = await register(client)
    vendor_id, _ = await vendor_with_processing(client, org, ["ordinary"])
    c = await contract(client, org, vendor_id, FIVE_CLAUSES, number="C-2025-001", signed_date="2025-04-01")
    report = await gaps(client, org, c["id"])
    expected = [r["title"][lang] for r in report["rows"] if r["status"] != "met"]
    met = {r["title"][lang] for r in report["rows"] if r["status"] == "met"}
    incident = "漏えい等事案の報告" if lang == "ja" else "Incident reporting"
    assert incident in expected and {"秘密保持", "Confidentiality"} & met

    for titles, text in await rendered(client, org, c["id"], lang):
        assert titles == expected
        # The 72-hour clause is replaced by the standard wording with the policy's 24 hours, and says why.
        if lang == "ja":
            assert "24時間以内に委託者が指定する連絡先に報告する" in text
            assert "追加の理由（方針より弱い）：インシデント通知の期限が72時間です。方針では24時間以内です。" in text
            parties = "テスト株式会社（以下「委託者」という。）と株式会社給与計算センター（以下「受託者」という。）"
            assert parties in text
            assert "2025年4月1日に締結した「業務委託契約」（契約番号：C-2025-001）" in text and "「委託データ」" in text
            assert "記名押印" in text
        else:
            assert "within 24 hours" in text
            assert "(weaker than policy): Incident notice within 72 hours; policy requires 24." in text
            assert 'テスト株式会社 (the "Client") and 株式会社給与計算センター (the "Contractor")' in text
            assert 'the agreement "業務委託契約" (No. C-2025-001) signed on 1 April 2025' in text
            assert '"Entrusted Data" means' in text and "Signature" in text
        # Every placeholder is filled, and 72 appears only in the reason, never in the wording.
        assert "{" not in text and text.count("72") == 1
        assert NO_ADDITIONAL_CLAUSES[lang] not in text


async def test_a_complete_contract_gets_a_draft_saying_nothing_needs_adding(client: httpx.AsyncClient) -> None:
    org = await register(client)
    vendor_id, _ = await vendor_with_processing(client, org, ["ordinary"])
    library = (await client.get("/api/v1/clause-requirements", headers=org.headers)).json()
    c = await contract(client, org, vendor_id, [complete_clause(r) for r in library if r["level"] is not None])
    assert [r for r in (await gaps(client, org, c["id"]))["rows"] if r["status"] != "met"] == []
    for lang in ("ja", "en"):
        for titles, text in await rendered(client, org, c["id"], lang):
            assert titles == []
            assert NO_ADDITIONAL_CLAUSES[lang] in text


def complete_clause(requirement: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for p in requirement["parameters"]:
        if p["type"] == "bool":
            values[p["name"]] = True
        elif p["type"] == "int":
            values[p["name"]] = p["limit"] if p["limit"] is not None else 1
        elif p["type"] == "choice":
            values[p["name"]] = p["choices"][0]
        else:
            values[p["name"]] = "契約書別紙のとおり"
    return {"requirement_key": requirement["key"], "values": values}


async def test_another_organisations_contract_has_no_addendum(client: httpx.AsyncClient) -> None:
    org, other = await register(client), await register(client)
    vendor_id, _ = await vendor_with_processing(client, org, ["ordinary"])
    c = await contract(client, org, vendor_id, FIVE_CLAUSES)
    for fmt in ("html", "docx"):
        r = await client.get(f"/api/v1/contracts/{c['id']}/addendum?format={fmt}", headers=other.headers)
        assert (r.status_code, r.json()["error"]) == (404, "contract_not_found")


async def test_the_page_escapes_what_the_user_typed(client: httpx.AsyncClient) -> None:
    org = await register(client)
    vendor_id, _ = await vendor_with_processing(client, org, ["ordinary"])
    c = await contract(client, org, vendor_id, FIVE_CLAUSES, title="<script>alert(1)</script> & 契約")
    page = (await addendum(client, org, c["id"], "ja", "html")).text
    assert "<script" not in page
    assert "「&lt;script&gt;alert(1)&lt;/script&gt; &amp; 契約」" in page
    _, text = docx_clauses((await addendum(client, org, c["id"], "ja", "docx")).content, "ja")
    assert "「<script>alert(1)</script> & 契約」" in text
