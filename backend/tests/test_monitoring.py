"""The review calendar over HTTP (issue 7/7): items planned from the vendor's tier and the organisation's policy,
kept in step with the register, with stages as of today (REGULATION.md §2.2 (3); cadences are policy)."""

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from dateutil.relativedelta import relativedelta

from itaku.monitoring.schedule import Cadence, period_containing
from tests.builders import Org, register


def today() -> date:
    return datetime.now(ZoneInfo("Asia/Tokyo")).date()


async def monitored_vendor(client: httpx.AsyncClient, org: Org, tier: str, **body: Any) -> dict[str, Any]:
    r = await client.post(
        "/api/v1/vendors", json={"name": "株式会社給与クラウド", "status": "active", **body}, headers=org.headers
    )
    assert r.status_code == 201, r.text
    vendor = r.json()
    r = await client.put(
        f"/api/v1/vendors/{vendor['id']}/tier-override",
        json={"version": vendor["version"], "tier": tier, "reason": "マイナンバーを扱う給与計算"},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    return dict(r.json())


async def items(client: httpx.AsyncClient, org: Org, **params: Any) -> list[dict[str, Any]]:
    r = await client.get("/api/v1/monitoring-items", params={"size": 100, **params}, headers=org.headers)
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


async def test_a_new_critical_vendor_gets_monthly_reports_and_a_yearly_audit_and_low_reschedules(
    client: httpx.AsyncClient,
) -> None:
    org = await register(client)
    vendor = await monitored_vendor(client, org, "critical")
    planned = await items(client, org, vendor_id=vendor["id"])
    reports = [i for i in planned if i["kind"] == "vendor_report"]
    # Monthly from the month monitoring starts (this one), each due 10 days after its month (policy defaults).
    start, end = period_containing(today(), Cadence.monthly)
    assert (reports[0]["period_start"], reports[0]["period_end"]) == (start.isoformat(), end.isoformat())
    assert reports[0]["due_date"] == (end + timedelta(days=10)).isoformat()
    assert all(date.fromisoformat(r["period_end"]).day >= 28 for r in reports) and len(reports) >= 12
    assert reports[0]["title"]["ja"].startswith("月次報告")
    [audit] = [i for i in planned if i["kind"] == "audit"]
    assert audit["due_date"] == (today() + relativedelta(years=1)).isoformat()  # yearly
    assert {i["stage"] for i in planned} <= {"scheduled", "due_soon"}

    r = await client.put(
        f"/api/v1/vendors/{vendor['id']}/tier-override",
        json={"version": vendor["version"], "tier": "low", "reason": "委託範囲を縮小"},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    replanned = await items(client, org, vendor_id=vendor["id"])
    kinds = [i["kind"] for i in replanned]
    assert "audit" not in kinds  # low: audits on demand
    [yearly] = [i for i in replanned if i["kind"] == "vendor_report"]
    fy_start, fy_end = period_containing(today(), Cadence.yearly)
    assert (yearly["period_start"], yearly["period_end"]) == (fy_start.isoformat(), fy_end.isoformat())
    assert yearly["title"]["en"].startswith("Yearly report")
    [reassessment] = [i for i in replanned if i["kind"] == "reassessment"]
    assert reassessment["due_date"] == (today() + relativedelta(months=36)).isoformat()  # 36 months


async def test_items_past_their_date_are_overdue_and_candidates_owe_nothing(client: httpx.AsyncClient) -> None:
    org = await register(client)
    r = await client.get("/api/v1/monitoring-policy", headers=org.headers)
    policy = r.json()
    values = {k: policy[k] for k in policy if k not in ("is_default", "version")}
    since = today() - timedelta(days=100)
    r = await client.put(
        "/api/v1/monitoring-policy",
        json={"version": policy["version"], "policy": {**values, "since": since.isoformat()}},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    # The vendor's entrustment began long before: nothing is owed before the policy's date.
    vendor = await monitored_vendor(client, org, "high")
    r = await client.post(
        "/api/v1/contracts",
        json={"vendor_id": vendor["id"], "title": "業務委託契約", "status": "active", "start_date": "2020-04-01"},
        headers=org.headers,
    )
    assert r.status_code == 201, r.text
    overdue = await items(client, org, vendor_id=vendor["id"], stage="overdue")
    first_quarter = period_containing(since, Cadence.quarterly)
    assert overdue and overdue[0]["kind"] == "vendor_report"
    assert overdue[0]["period_start"] == first_quarter[0].isoformat()
    assert all(i["days_left"] < 0 for i in overdue)

    summary = (await client.get(f"/api/v1/vendors/{vendor['id']}/monitoring", headers=org.headers)).json()
    assert summary["counts"]["overdue"] == len(overdue) and summary["plan"]["report"] == "quarterly"

    r = await client.post("/api/v1/vendors", json={"name": "株式会社候補"}, headers=org.headers)
    assert await items(client, org, vendor_id=r.json()["id"]) == []  # not yet entrusted: not watched
    # A vendor registered already active (an existing contractor) is planned by the request that creates it.
    r = await client.post(
        "/api/v1/vendors", json={"name": "株式会社既存委託先", "status": "active"}, headers=org.headers
    )
    assert {i["kind"] for i in await items(client, org, vendor_id=r.json()["id"])} == {"vendor_report", "reassessment"}


async def test_a_renewed_certificate_and_an_ended_contract_settle_their_items(client: httpx.AsyncClient) -> None:
    org = await register(client)
    vendor = await monitored_vendor(client, org, "high")
    r = await client.post(
        f"/api/v1/vendors/{vendor['id']}/certifications",
        json={"kind": "privacy_mark", "expiry_date": (today() + timedelta(days=20)).isoformat()},
        headers=org.headers,
    )
    cert = r.json()
    r = await client.post(
        "/api/v1/contracts",
        json={
            "vendor_id": vendor["id"],
            "title": "業務委託契約",
            "status": "active",
            "end_date": (today() + timedelta(days=30)).isoformat(),
        },
        headers=org.headers,
    )
    contract = r.json()
    kinds = ["certification_renewal", "contract_renewal"]
    [renewal, decision] = await items(client, org, vendor_id=vendor["id"], kind=kinds)
    assert (renewal["stage"], renewal["title"]["en"]) == (
        "scheduled",
        "Certification renewal: プライバシーマーク (Privacy Mark)",
    )
    assert decision["kind"] == "contract_renewal" and decision["subject_id"] == contract["id"]

    # The certificate is renewed for two more years: its item is done, and the next expiry is planned.
    r = await client.patch(
        f"/api/v1/vendors/{vendor['id']}/certifications/{cert['id']}",
        json={"version": cert["version"], "expiry_date": (today() + timedelta(days=750)).isoformat()},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    # The contract is ended instead of renewed: its decision is made.
    r = await client.patch(
        f"/api/v1/contracts/{contract['id']}",
        json={"version": contract["version"], "status": "terminated"},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    after = {i["id"]: i for i in await items(client, org, vendor_id=vendor["id"], kind=kinds)}
    assert (after[renewal["id"]]["stage"], after[renewal["id"]]["done_note"]) == ("done", "certificate renewed")
    assert (after[decision["id"]]["stage"], after[decision["id"]]["done_note"]) == ("done", "contract terminated")
    [next_renewal] = [i for i in after.values() if i["stage"] != "done"]
    assert next_renewal["due_date"] == (today() + timedelta(days=750)).isoformat()
