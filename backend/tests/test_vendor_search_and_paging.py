"""The register's search (folded, through an index on both databases), cursor paging (the register and the audit
trail), the capped count and the incident-contact flag kept on the vendor row."""

from typing import Any

import httpx
import pytest
from sqlalchemy import text

from itaku.core import pagination
from itaku.vendors import search
from tests.builders import Org, register
from tests.conftest import TestDatabase
from tests.test_vendors import get, vendor


async def ids(client: httpx.AsyncClient, org: Org, **params: Any) -> list[str]:
    r = await client.get("/api/v1/vendors", params=params, headers=org.headers)
    assert r.status_code == 200, r.text
    return [i["id"] for i in r.json()["items"]]


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("ﾐﾅﾄｷｭｳﾖ", "ミナトキュウヨ"),  # half-width katakana
        ("みなと", "ミナト"),  # hiragana read as katakana
        ("Ｓａｋｕｒａ　Data", "sakuradata"),  # full-width Latin, ideographic space, case
        ("７０００－０１２", "7000-012"),  # full-width digits; the hyphen stays (names hold hyphens)
        ("ゝゞ", "ヽヾ"),  # iteration marks follow their script
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert search.fold(raw) == folded


async def test_search_ignores_width_kana_case_and_spaces_and_never_spans_two_fields(
    client: httpx.AsyncClient,
) -> None:
    org = await register(client)
    payroll = await vendor(
        client,
        org,
        name="みなと給与クラウド株式会社",
        name_kana="ミナトキュウヨクラウド",
        corporate_number="7000012050002",
    )
    sakura = await vendor(client, org, name="Sakura Data 株式会社", name_kana="サクラデータ")
    other = await register(client)
    await vendor(client, other, name="みなと給与クラウド株式会社")

    cases = {
        "ﾐﾅﾄ": [payroll],  # half-width katakana against a hiragana name and a katakana reading
        "ミナト給与": [payroll],  # the name's hiragana folded to katakana
        "みなと": [payroll],
        "ＳＡＫＵＲＡ": [sakura],
        "さくら": [sakura],  # hiragana against the reading
        "sakura data": [sakura],  # spaces ignored on both sides
        "クラウド 株式会社": [payroll],
        "7000-0120-50002": [payroll],  # a corporate number typed with separators
        "７００００１２": [payroll],
        "給与": [payroll],  # shorter than a trigram: read without the index
        "株式会社": [payroll, sakura],
        "会社ミナト": [],  # end of the name + start of the reading: not one field
        "%": [],
        "_": [],
        'a"b': [],  # a quote inside an FTS5 phrase
        "OR": [],  # an FTS5 keyword is searched as text
    }
    for q, expected in cases.items():
        found = await ids(client, org, q=q, sort="name")
        assert sorted(found) == sorted(v["id"] for v in expected), q


async def test_search_follows_a_rename_and_the_new_reading(client: httpx.AsyncClient) -> None:
    org = await register(client)
    v = await vendor(client, org, name="東北オフセット印刷株式会社")
    r = await client.patch(
        f"/api/v1/vendors/{v['id']}",
        json={"version": v["version"], "name": "北斗印刷株式会社", "name_kana": "ホクトインサツ"},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    assert await ids(client, org, q="オフセット") == []
    assert await ids(client, org, q="北斗印刷") == [v["id"]]
    assert await ids(client, org, q="ほくといん") == [v["id"]]


async def test_the_incident_contact_flag_follows_the_contacts_without_changing_the_vendor(
    client: httpx.AsyncClient,
) -> None:
    org = await register(client)
    v = await vendor(client, org)

    async def missing() -> list[str]:
        return await ids(client, org, missing_incident_contact="true")

    assert await missing() == [v["id"]]
    r = await client.post(
        f"/api/v1/vendors/{v['id']}/contacts",
        json={"name": "夜間窓口", "email": "night@example.jp", "role": "incident_contact"},
        headers=org.headers,
    )
    assert r.status_code == 201, r.text
    contact = r.json()
    read = await get(client, org, v["id"])
    assert read["missing_incident_contact"] is False
    assert read["version"] == v["version"]  # a contact is not an edit of the vendor
    assert await missing() == []
    assert await ids(client, org, missing_incident_contact="false") == [v["id"]]

    r = await client.patch(
        f"/api/v1/vendors/{v['id']}/contacts/{contact['id']}",
        json={"version": contact["version"], "role": "account_manager"},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    assert await missing() == [v["id"]]
    r = await client.patch(
        f"/api/v1/vendors/{v['id']}/contacts/{contact['id']}",
        json={"version": r.json()["version"], "role": "incident_contact"},
        headers=org.headers,
    )
    assert await missing() == []
    await client.delete(f"/api/v1/vendors/{v['id']}/contacts/{contact['id']}", headers=org.headers)
    assert await missing() == [v["id"]]
    assert (await get(client, org, v["id"]))["missing_incident_contact"] is True


@pytest.mark.parametrize("sort", ["name", "-name", "tier", "-tier", "updated_at", "-updated_at", "persons_total"])
async def test_following_the_cursor_gives_the_pages_numbers_give(client: httpx.AsyncClient, sort: str) -> None:
    org = await register(client)
    # Repeated names and tiers, so the tiebreak decides.
    for i in range(7):
        v = await vendor(client, org, name=f"委託先{i % 3}", handles_confidential_info=i % 2 == 0)
        if i % 3 == 0:
            await client.post(
                f"/api/v1/vendors/{v['id']}/processing",
                json={
                    "service": "給与",
                    "data_categories": ["my_number"],
                    "persons_estimate": 10 * i,
                    "access_type": "remote",
                },
                headers=org.headers,
            )
    by_number = await ids(client, org, sort=sort, size=100)
    assert len(by_number) == 7

    seen: list[str] = []
    params: dict[str, Any] = {"sort": sort, "size": 3}
    for _ in range(5):
        r = await client.get("/api/v1/vendors", params=params, headers=org.headers)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["total"] == 7 and body["total_exact"] is True
        seen += [i["id"] for i in body["items"]]
        if body["next_cursor"] is None:
            break
        params = {"sort": sort, "size": 3, "cursor": body["next_cursor"]}
    assert seen == by_number


async def test_a_cursor_from_another_sort_or_garbled_is_refused(client: httpx.AsyncClient) -> None:
    org = await register(client)
    for i in range(3):
        await vendor(client, org, name=f"委託先{i}")
    cursor = (await client.get("/api/v1/vendors", params={"size": 1}, headers=org.headers)).json()["next_cursor"]
    assert cursor
    for params in ({"sort": "-name", "cursor": cursor}, {"cursor": cursor[:-3]}, {"cursor": "not-a-cursor"}):
        r = await client.get("/api/v1/vendors", params=params, headers=org.headers)
        assert r.status_code == 422, params
        assert r.json()["error"] == "invalid_cursor"
    # A list that pages by number only says so.
    r = await client.get("/api/v1/incidents", params={"cursor": cursor}, headers=org.headers)
    assert r.status_code == 422 and r.json()["error"] == "invalid_cursor"


async def test_a_long_list_is_counted_up_to_the_cap_and_says_so_while_the_dashboard_counts_all(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = await register(client)
    for i in range(4):
        await vendor(client, org, name=f"委託先{i}")
    monkeypatch.setattr(pagination, "COUNT_CAP", 3)
    body = (await client.get("/api/v1/vendors", params={"size": 2}, headers=org.headers)).json()
    assert (body["total"], body["total_exact"]) == (3, False)
    assert len(body["items"]) == 2
    body = (await client.get("/api/v1/vendors", params={"q": "委託先1"}, headers=org.headers)).json()
    assert (body["total"], body["total_exact"]) == (1, True)
    dashboard = (await client.get("/api/v1/dashboard", headers=org.headers)).json()
    assert dashboard["vendors_by_tier"]["low"] == 4


async def test_the_audit_trail_pages_by_cursor_as_by_number(client: httpx.AsyncClient) -> None:
    org = await register(client)
    for i in range(4):
        await vendor(client, org, name=f"委託先{i}")
    for sort in ("-occurred_at", "occurred_at"):
        r = await client.get("/api/v1/audit-events", params={"sort": sort, "size": 100}, headers=org.headers)
        by_number = [e["id"] for e in r.json()["items"]]
        assert len(by_number) >= 5  # registration and the four vendors
        seen: list[str] = []
        params: dict[str, Any] = {"sort": sort, "size": 2}
        while True:
            body = (await client.get("/api/v1/audit-events", params=params, headers=org.headers)).json()
            seen += [e["id"] for e in body["items"]]
            if not body["next_cursor"]:
                break
            params = {"sort": sort, "size": 2, "cursor": body["next_cursor"]}
        assert seen == by_number


async def test_housekeeping_gives_sqlite_planner_statistics(
    app: Any, client: httpx.AsyncClient, database: TestDatabase
) -> None:
    """Without statistics SQLite counts a search's matches by reading every vendor of the organisation."""
    from itaku.worker import housekeeping

    if database.backend != "sqlite":
        pytest.skip("PostgreSQL's autovacuum analyses by itself")
    org = await register(client)
    await vendor(client, org, name="北斗物流株式会社")
    await housekeeping(app.state.db)
    async with app.state.db.unit_of_work(write=False) as session:
        analysed = set((await session.scalars(text("SELECT tbl FROM sqlite_stat1"))).all())
    assert {"vendors", "organizations", "audit_events"} <= analysed  # the tables with rows
