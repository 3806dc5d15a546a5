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
