"""Contracts over HTTP: the gap analysis against the clause library and the organisation's policy
(REGULATION.md §2.3, §2.4; issue 5/7)."""

from typing import Any

import httpx

from tests.builders import Org, auth, member_token, register

COMPLETE_APPI = [
    {
        "requirement_key": "incident_reporting",
        "values": {"notice_hours": 24, "to_whom": "情報管理部", "content_items": True},
    },
]


async def vendor_with_processing(client: httpx.AsyncClient, org: Org, categories: list[str]) -> tuple[str, str]:
    r = await client.post("/api/v1/vendors", json={"name": "株式会社給与計算センター"}, headers=org.headers)
    assert r.status_code == 201, r.text
    vendor_id = r.json()["id"]
    r = await client.post(
        f"/api/v1/vendors/{vendor_id}/processing",
        json={"service": "給与計算", "data_categories": categories, "persons_estimate": 800, "access_type": "remote"},
        headers=org.headers,
    )
    assert r.status_code == 201, r.text
    return vendor_id, r.json()["id"]


async def contract(
    client: httpx.AsyncClient, org: Org, vendor_id: str, clauses: list[dict[str, Any]], **body: Any
) -> dict[str, Any]:
    r = await client.post(
        "/api/v1/contracts",
        json={"vendor_id": vendor_id, "title": "業務委託契約", "clauses": clauses, **body},
        headers=org.headers,
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


async def gaps(client: httpx.AsyncClient, org: Org, contract_id: str) -> dict[str, Any]:
    r = await client.get(f"/api/v1/contracts/{contract_id}/gaps", headers=org.headers)
    assert r.status_code == 200, r.text
    return dict(r.json())


def row(report: dict[str, Any], key: str) -> dict[str, Any]:
    return next(r for r in report["rows"] if r["key"] == key)


async def test_a_contract_without_the_incident_clause_shows_it_missing(client: httpx.AsyncClient) -> None:
    org = await register(client)
    vendor_id, _ = await vendor_with_processing(client, org, ["ordinary"])
    c = await contract(client, org, vendor_id, [{"requirement_key": "confidentiality", "article": "第8条"}])
    report = await gaps(client, org, c["id"])
    assert report["profile"] == "JP-APPI"
    # Incident reporting is required under every profile (product rule, REGULATION.md §2.3).
    assert (row(report, "incident_reporting")["status"], row(report, "incident_reporting")["level"]) == (
        "missing",
        "required",
    )
    assert report["summary"]["complete"] is False
    assert row(report, "confidentiality")["status"] == "met" and row(report, "confidentiality")["ref"] == "第8条"


async def test_a_72_hour_incident_clause_is_weaker_than_the_24_hour_policy(client: httpx.AsyncClient) -> None:
    org = await register(client)
    vendor_id, _ = await vendor_with_processing(client, org, ["ordinary"])
    c = await contract(
        client,
        org,
        vendor_id,
        [
            {
                "requirement_key": "incident_reporting",
                "values": {"notice_hours": 72, "to_whom": "総務部", "content_items": True},
            }
        ],
    )
    assert c["incident_notice_hours"] == 72
    incident = row(await gaps(client, org, c["id"]), "incident_reporting")
    assert incident["status"] == "weaker"
    [reason] = incident["reasons"]
    assert "72" in reason["en"] and "24" in reason["en"] and "72" in reason["ja"] and "24" in reason["ja"]

    # Raising the policy to 72 hours makes the same clause meet it.
    policy = (await client.get("/api/v1/contract-policy", headers=org.headers)).json()
    assert policy["max_incident_notice_hours"] == 24 and policy["is_default"] is True
    r = await client.put(
        "/api/v1/contract-policy",
        json={"version": policy["version"], "policy": {"max_incident_notice_hours": 72}},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    assert row(await gaps(client, org, c["id"]), "incident_reporting")["status"] == "met"


async def test_my_number_processing_without_approval_at_every_tier_is_a_gap(client: httpx.AsyncClient) -> None:
    org = await register(client)
    vendor_id, processing_id = await vendor_with_processing(client, org, ["my_number", "ordinary"])
    c = await contract(
        client,
        org,
        vendor_id,
        [
            *COMPLETE_APPI,
            {"requirement_key": "subcontracting", "values": {"prior_approval": True, "approval_at_every_tier": False}},
        ],
        processing_ids=[processing_id],
    )
    assert c["covers_my_number"] is True
    report = await gaps(client, org, c["id"])
    sub = row(report, "subcontracting")
    # 番号法10条: re-entrustment of My Number data needs the first principal's permission at every tier (§2.4).
    assert sub["status"] == "weaker" and sub["level"] == "required"
    assert any("approval_at_every_tier" in x["code"] for x in sub["reasons"])


async def test_a_complete_contract_shows_no_gaps(client: httpx.AsyncClient) -> None:
    org = await register(client)
    vendor_id, _ = await vendor_with_processing(client, org, ["ordinary"])
    library = (await client.get("/api/v1/clause-requirements", headers=org.headers)).json()
    clauses = []
    for requirement in library:
        if requirement["level"] is None:
            continue
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
        clauses.append({"requirement_key": requirement["key"], "values": values, "article": "第1条"})
    c = await contract(client, org, vendor_id, clauses)
    report = await gaps(client, org, c["id"])
    assert report["summary"]["complete"] is True
    assert [r["key"] for r in report["rows"] if r["status"] != "met"] == []


async def test_bad_clauses_and_foreign_processing_are_refused_and_nothing_is_kept(client: httpx.AsyncClient) -> None:
    org = await register(client)
    vendor_id, _ = await vendor_with_processing(client, org, ["ordinary"])
    _, other_processing = await vendor_with_processing(client, org, ["ordinary"])
    for clauses, extra, code in (
        ([{"requirement_key": "no_such_clause"}], {}, "invalid_clause"),
        ([{"requirement_key": "incident_reporting", "values": {"notice_hours": "soon"}}], {}, "invalid_clause"),
        ([], {"processing_ids": [other_processing]}, "invalid_reference"),
    ):
        r = await client.post(
            "/api/v1/contracts",
            json={"vendor_id": vendor_id, "title": "x", "clauses": clauses, **extra},
            headers=org.headers,
        )
        assert (r.status_code, r.json()["error"]) == (422, code), r.text
    listed = (await client.get(f"/api/v1/contracts?vendor_id={vendor_id}", headers=org.headers)).json()
    assert listed["total"] == 0


async def test_the_signed_document_must_be_a_pdf(client: httpx.AsyncClient) -> None:
    org = await register(client)
    vendor_id, _ = await vendor_with_processing(client, org, ["ordinary"])
    c = await contract(client, org, vendor_id, COMPLETE_APPI)
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 20
    r = await client.post(
        f"/api/v1/contracts/{c['id']}/document", files={"file": ("scan.png", png, "image/png")}, headers=org.headers
    )
    assert (r.status_code, r.json()["error"]) == (415, "unsupported_file_type")
    r = await client.post(
        f"/api/v1/contracts/{c['id']}/document",
        files={"file": ("signed.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")},
        headers=org.headers,
    )
    assert r.status_code == 200 and r.json()["document_file_id"], r.text


async def test_only_an_administrator_changes_the_contract_policy(client: httpx.AsyncClient) -> None:
    org = await register(client)
    _, token = await member_token(client, org, "manager")
    policy = (await client.get("/api/v1/contract-policy", headers=auth(token))).json()
    r = await client.put(
        "/api/v1/contract-policy", json={"version": policy["version"], "policy": None}, headers=auth(token)
    )
    assert r.status_code == 403


async def test_the_register_lists_vendors_with_personal_data_and_no_active_contract(client: httpx.AsyncClient) -> None:
    org = await register(client)
    covered, _ = await vendor_with_processing(client, org, ["ordinary"])
    uncovered, _ = await vendor_with_processing(client, org, ["special_care"])
    drafted, _ = await vendor_with_processing(client, org, ["ordinary"])
    r = await client.post("/api/v1/vendors", json={"name": "データを扱わない清掃会社"}, headers=org.headers)
    no_data = r.json()["id"]
    await contract(client, org, covered, COMPLETE_APPI, status="active")
    await contract(client, org, drafted, COMPLETE_APPI, status="draft")
    r = await client.get("/api/v1/vendors?no_active_contract=true&size=100", headers=org.headers)
    assert r.status_code == 200, r.text
    listed = {v["id"] for v in r.json()["items"]}
    # A draft is not a contract in force; a vendor without entrusted processing needs none.
    assert listed == {uncovered, drafted} and no_data not in listed


async def test_a_contract_inside_its_notice_period_is_flagged_for_renewal(client: httpx.AsyncClient) -> None:
    from datetime import date, timedelta

    org = await register(client)
    vendor_id, _ = await vendor_with_processing(client, org, ["ordinary"])
    today = date.today()  # the organisation's zone is Asia/Tokyo; a day's margin keeps the cases clear of midnight
    soon = await contract(
        client,
        org,
        vendor_id,
        COMPLETE_APPI,
        status="active",
        end_date=str(today + timedelta(days=20)),
        notice_period_days=60,
    )
    later = await contract(
        client,
        org,
        vendor_id,
        COMPLETE_APPI,
        status="active",
        end_date=str(today + timedelta(days=200)),
        notice_period_days=60,
    )
    draft = await contract(
        client,
        org,
        vendor_id,
        COMPLETE_APPI,
        status="draft",
        end_date=str(today + timedelta(days=20)),
        notice_period_days=60,
    )
    assert soon["notice_date"] == str(today + timedelta(days=20 - 60)) and soon["renewal_due"] is True
    assert later["renewal_due"] is False and draft["renewal_due"] is False
    open_ended = await contract(client, org, vendor_id, COMPLETE_APPI, status="active")

    async def listed(flag: str) -> set[str]:
        r = await client.get(f"/api/v1/contracts?renewal_due={flag}&size=100", headers=org.headers)
        assert r.status_code == 200, r.text
        return {c["id"] for c in r.json()["items"]}

    assert await listed("true") == {soon["id"]}
    assert await listed("false") == {later["id"], draft["id"], open_ended["id"]}

    # Moving the end date moves the notice date with it, and the flag.
    r = await client.patch(
        f"/api/v1/contracts/{soon['id']}",
        json={"version": soon["version"], "end_date": str(today + timedelta(days=400))},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    assert r.json()["notice_date"] == str(today + timedelta(days=400 - 60)) and r.json()["renewal_due"] is False
    assert await listed("true") == set()


async def test_each_contract_carries_its_gap_figures(client: httpx.AsyncClient) -> None:
    org = await register(client)
    vendor_id, _ = await vendor_with_processing(client, org, ["ordinary"])
    c = await contract(
        client,
        org,
        vendor_id,
        [
            {"requirement_key": "incident_reporting", "values": {"notice_hours": 72}},
            {"requirement_key": "confidentiality"},
        ],
    )
    report = await gaps(client, org, c["id"])
    assert c["gaps"] == report["summary"]
    assert c["gaps"]["weaker"] == 1 and c["gaps"]["met"] == 1 and c["gaps"]["missing"] == c["gaps"]["total"] - 2
    r = await client.get(f"/api/v1/contracts?vendor_id={vendor_id}", headers=org.headers)
    assert r.json()["items"][0]["gaps"] == report["summary"]


# --- the organisation's own requirements ---------------------------------------------------------------------------

DOMESTIC = {
    "key": "org_domestic_storage",
    "title": {"ja": "国内での保管", "en": "Storage in Japan"},
    "standard_wording": {
        "ja": "受託者は委託データを日本国内でのみ保管する。",
        "en": "The Contractor keeps it in Japan.",
    },
    "level": "required",
}


async def test_an_organisation_requirement_is_checked_and_drafted_like_a_built_in_one(
    client: httpx.AsyncClient,
) -> None:
    org = await register(client)
    r = await client.post("/api/v1/clause-requirements", json=DOMESTIC, headers=org.headers)
    assert r.status_code == 201, r.text
    created = r.json()
    assert (created["custom"], created["level"], created["version"]) == (True, "required", 1)
    library = (await client.get("/api/v1/clause-requirements", headers=org.headers)).json()
    assert library[-1]["key"] == "org_domestic_storage" and not any(x["custom"] for x in library[:-1])

    vendor_id, _ = await vendor_with_processing(client, org, ["ordinary"])
    without = await contract(client, org, vendor_id, COMPLETE_APPI)
    missing = row(await gaps(client, org, without["id"]), "org_domestic_storage")
    assert (missing["status"], missing["level"], missing["source"]) == (
        "missing",
        "required",
        {"ja": "自社の方針", "en": "organisation policy"},
    )
    r = await client.get(f"/api/v1/contracts/{without['id']}/addendum?lang=ja", headers=org.headers)
    assert "国内での保管" in r.text and "受託者は委託データを日本国内でのみ保管する。" in r.text

    stating = await contract(
        client, org, vendor_id, [*COMPLETE_APPI, {"requirement_key": "org_domestic_storage", "article": "第17条"}]
    )
    assert row(await gaps(client, org, stating["id"]), "org_domestic_storage")["status"] == "met"

    # A desirable requirement no longer makes the contract incomplete.
    r = await client.patch(
        f"/api/v1/clause-requirements/{created['id']}", json={"version": 1, "level": "desirable"}, headers=org.headers
    )
    assert r.status_code == 200 and r.json()["level"] == "desirable" and r.json()["version"] == 2
    assert row(await gaps(client, org, without["id"]), "org_domestic_storage")["level"] == "desirable"

    # Contracts state it: it cannot be deleted until they no longer do.
    r = await client.delete(f"/api/v1/clause-requirements/{created['id']}", headers=org.headers)
    assert r.status_code == 409 and r.json()["error"] == "clause_requirement_in_use"
    assert r.json()["detail"]["contracts"] == 1
    r = await client.patch(
        f"/api/v1/contracts/{stating['id']}",
        json={"version": stating["version"], "clauses": COMPLETE_APPI},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    r = await client.delete(f"/api/v1/clause-requirements/{created['id']}", headers=org.headers)
    assert r.status_code == 204
    assert all(x["key"] != "org_domestic_storage" for x in (await gaps(client, org, without["id"]))["rows"])


async def test_organisation_requirements_are_validated_and_kept_to_administrators(client: httpx.AsyncClient) -> None:
    org = await register(client)
    bad = [
        {**DOMESTIC, "key": "domestic_storage"},  # no org_ prefix: a future built-in key could collide
        {**DOMESTIC, "title": {}},
        {**DOMESTIC, "level": "optional"},
    ]
    for body in bad:
        r = await client.post("/api/v1/clause-requirements", json=body, headers=org.headers)
        assert r.status_code == 422, (body, r.text)
    r = await client.post("/api/v1/clause-requirements", json=DOMESTIC, headers=org.headers)
    assert r.status_code == 201
    r = await client.post("/api/v1/clause-requirements", json=DOMESTIC, headers=org.headers)
    assert r.status_code == 409 and r.json()["error"] == "clause_requirement_key_taken"
    # One language is enough; the other side takes its text. No key: one is made.
    r = await client.post(
        "/api/v1/clause-requirements",
        json={"title": {"ja": "反社会的勢力の排除"}, "level": "desirable"},
        headers=org.headers,
    )
    assert r.status_code == 201, r.text
    assert r.json()["title"] == {"ja": "反社会的勢力の排除", "en": "反社会的勢力の排除"}
    assert r.json()["key"].startswith("org_") and r.json()["standard_wording"] is None
    r = await client.patch(
        f"/api/v1/clause-requirements/{r.json()['id']}", json={"version": 7, "level": "required"}, headers=org.headers
    )
    assert r.status_code == 409 and r.json()["error"] == "stale_version"

    _, token = await member_token(client, org, "manager")
    r = await client.post("/api/v1/clause-requirements", json={**DOMESTIC, "key": "org_x"}, headers=auth(token))
    assert r.status_code == 403
    events = (await client.get("/api/v1/audit-events?entity_type=clause_requirement", headers=org.headers)).json()
    assert [e["action"] for e in events["items"]].count("created") == 2


# --- the organisation-wide view -----------------------------------------------------------------------------------


async def test_the_overview_shows_which_vendors_contracts_miss_which_clauses(client: httpx.AsyncClient) -> None:
    org = await register(client)
    payroll, payroll_processing = await vendor_with_processing(client, org, ["ordinary", "my_number"])
    shop, _ = await vendor_with_processing(client, org, ["ordinary"])
    await vendor_with_processing(client, org, ["special_care"])  # no contract at all
    weak = await contract(
        client,
        org,
        payroll,
        [{"requirement_key": "incident_reporting", "values": {"notice_hours": 72}}],
        status="active",
        processing_ids=[payroll_processing],
    )
    await contract(client, org, shop, COMPLETE_APPI, status="active")
    await contract(client, org, shop, [], status="draft")  # not in force: left out unless asked for

    r = await client.get("/api/v1/contract-gaps", headers=org.headers)
    assert r.status_code == 200, r.text
    overview = r.json()
    assert overview["profile"] == "JP-APPI" and overview["vendors_without_active_contract"] == 1
    assert len(overview["contracts"]) == 2
    by_contract = {c["contract_id"]: c for c in overview["contracts"]}
    cells = {x["key"]: x for x in by_contract[weak["id"]]["cells"]}
    assert cells["incident_reporting"]["status"] == "weaker"
    # My Number processing raises the re-entrustment clause to required for the payroll contract only.
    assert cells["subcontracting"] == {"key": "subcontracting", "level": "required", "status": "missing"}
    assert by_contract[weak["id"]]["summary"] == (await gaps(client, org, weak["id"]))["summary"]

    counts = {x["key"]: x for x in overview["requirements"]}
    assert (counts["incident_reporting"]["weaker"], counts["incident_reporting"]["met"]) == (1, 1)
    assert counts["subcontracting"]["required_missing"] == 1
    for requirement in overview["requirements"]:
        shown = [x for c in overview["contracts"] for x in c["cells"] if x["key"] == requirement["key"]]
        assert requirement["missing"] + requirement["weaker"] + requirement["met"] == len(shown)

    r = await client.get("/api/v1/contract-gaps?status=draft", headers=org.headers)
    assert [c["vendor_id"] for c in r.json()["contracts"]] == [shop]
    r = await client.get(f"/api/v1/contract-gaps?vendor_id={payroll}", headers=org.headers)
    assert [c["contract_id"] for c in r.json()["contracts"]] == [weak["id"]]


async def test_an_oversized_signed_document_is_refused_and_nothing_is_kept(database: Any, tmp_path: Any) -> None:
    from itaku.main import create_app
    from tests.conftest import test_settings

    app = create_app(test_settings(database.url, upload_max_bytes=4096, upload_dir=tmp_path))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        org = await register(c)
        vendor_id, _ = await vendor_with_processing(c, org, ["ordinary"])
        created = await contract(c, org, vendor_id, COMPLETE_APPI)
        r = await c.post(
            f"/api/v1/contracts/{created['id']}/document",
            files={"file": ("signed.pdf", b"%PDF-1.4\n" + b"0" * 5000, "application/pdf")},
            headers=org.headers,
        )
        assert (r.status_code, r.json()["error"]) == (413, "payload_too_large")
        assert "4,096" in r.json()["detail"]  # the limit is named, so the user knows what fits
        after = (await c.get(f"/api/v1/contracts/{created['id']}", headers=org.headers)).json()
        assert after["document_file_id"] is None and after["version"] == created["version"]
    await app.state.db.dispose()
    assert not any(p.is_file() for p in tmp_path.rglob("*"))
