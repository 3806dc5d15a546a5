"""Periodic vendor reports (issue 7/7): the vendor writes and submits its report in the portal, staff accept it or
ask, and an accepted report settles its item of the review calendar (REGULATION.md §2.2 (3))."""

from datetime import timedelta
from typing import Any

import httpx

from tests.assessment_builders import portal_token
from tests.builders import Org, auth, register
from tests.test_monitoring import today


async def critical_vendor_with_history(
    client: httpx.AsyncClient, org: Org, email: str = "security@payroll.example"
) -> tuple[dict[str, Any], str]:
    """A critical vendor watched for the last two months, and a portal session for its contact."""
    policy = (await client.get("/api/v1/monitoring-policy", headers=org.headers)).json()
    values = {k: policy[k] for k in policy if k not in ("is_default", "version")}
    since = (today().replace(day=1) - timedelta(days=40)).replace(day=1)
    r = await client.put(
        "/api/v1/monitoring-policy",
        json={"version": policy["version"], "policy": {**values, "since": since.isoformat()}},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    r = await client.post(
        "/api/v1/vendors", json={"name": "株式会社給与クラウド", "status": "active"}, headers=org.headers
    )
    vendor = r.json()
    r = await client.post(
        f"/api/v1/vendors/{vendor['id']}/contacts",
        json={"name": "情報セキュリティ 担当", "email": email, "role": "security_officer"},
        headers=org.headers,
    )
    contact = r.json()
    r = await client.post(  # entrusted since long before monitoring began
        "/api/v1/contracts",
        json={"vendor_id": vendor["id"], "title": "給与計算委託契約", "status": "active", "start_date": "2021-04-01"},
        headers=org.headers,
    )
    assert r.status_code == 201, r.text
    r = await client.put(
        f"/api/v1/vendors/{vendor['id']}/tier-override",
        json={"version": vendor["version"], "tier": "critical", "reason": "マイナンバーを扱う"},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    r = await client.post(
        f"/api/v1/vendors/{vendor['id']}/contacts/{contact['id']}/portal-links", json={}, headers=org.headers
    )
    return vendor, await portal_token(client, r.json()["link"].split("#token=")[1])


ANSWERS: dict[str, Any] = {
    "handling": "委託された給与データは東京リージョンのみで処理し、持ち出しはありません。",
    "incidents_occurred": False,
    "access_changes": [
        {
            "person": "佐藤（運用担当）",
            "change": "left",
            "changed_on": "2026-10-31",
            "applied": True,
            "applied_on": "2026-10-31",
        }
    ],
    "access_changes_applied": True,
    "measures_changed": False,
}


async def test_the_vendor_submits_its_monthly_report_staff_accept_and_the_item_is_done(
    client: httpx.AsyncClient,
) -> None:
    org = await register(client)
    vendor, token = await critical_vendor_with_history(client, org)
    owed = (await client.get("/api/v1/portal/vendor-reports", headers=auth(token))).json()
    # Every month that has ended since monitoring began, newest first; none accepted yet.
    assert len(owed) == 2 and {r["status"] for r in owed} == {"not_started"}
    oldest = owed[-1]
    assert oldest["overdue"] is True  # its month ended more than 10 days ago
    item_id = oldest["item_id"]

    # Saved unfinished, then submitted with a question left open: the missing answers are listed.
    r = await client.put(
        f"/api/v1/portal/vendor-reports/{item_id}", json={"handling": "処理は通常どおり"}, headers=auth(token)
    )
    assert r.status_code == 200 and r.json()["status"] == "draft", r.text
    r = await client.put(
        f"/api/v1/portal/vendor-reports/{item_id}",
        json={**ANSWERS, "measures_changed": None, "version": r.json()["version"], "submit": True},
        headers=auth(token),
    )
    assert r.status_code == 422 and r.json()["error"] == "vendor_report_incomplete", r.text
    assert [p["loc"][-1] for p in r.json()["detail"]] == ["measures_changed"]
    draft = (await client.get(f"/api/v1/portal/vendor-reports/{item_id}", headers=auth(token))).json()
    assert draft["status"] == "draft" and draft["access_changes"] == []  # the refused save left nothing
    r = await client.put(f"/api/v1/portal/vendor-reports/{item_id}", json=ANSWERS, headers=auth(token))
    assert r.status_code == 409  # a report that exists is saved with the version read (another tab's save stays)
    not_applied = [{**ANSWERS["access_changes"][0], "applied": False, "applied_on": None}]
    r = await client.put(
        f"/api/v1/portal/vendor-reports/{item_id}",
        json={**ANSWERS, "access_changes": not_applied, "version": draft["version"], "submit": True},
        headers=auth(token),
    )
    assert r.status_code == 422 and [p["loc"][-1] for p in r.json()["detail"]] == ["access_changes_applied"]

    r = await client.put(
        f"/api/v1/portal/vendor-reports/{item_id}",
        json={**ANSWERS, "version": draft["version"], "submit": True},
        headers=auth(token),
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "submitted" and r.json()["access_changes"][0]["change"] == "left"
    r = await client.put(
        f"/api/v1/portal/vendor-reports/{item_id}",
        json={**ANSWERS, "version": r.json()["version"]},
        headers=auth(token),
    )
    assert r.status_code == 409  # submitted: no more changes unless staff ask
    item = (await client.get(f"/api/v1/monitoring-items/{item_id}", headers=org.headers)).json()
    assert (item["stage"], item["report_status"]) == ("overdue", "submitted")  # late, and waiting for us

    # Staff query it; the vendor answers and submits again; staff accept.
    waiting = (await client.get("/api/v1/vendor-reports?status=submitted", headers=org.headers)).json()
    [summary] = waiting["items"]
    assert (summary["vendor_id"], summary["access_changes"]) == (vendor["id"], 1)
    r = await client.post(
        f"/api/v1/vendor-reports/{summary['id']}/review",
        json={
            "version": await _version(client, org, summary["id"]),
            "decision": "queried",
            "comment": "退職者のアカウント削除日を教えてください",
        },
        headers=org.headers,
    )
    assert r.status_code == 200 and r.json()["status"] == "queried", r.text
    queried = (await client.get(f"/api/v1/portal/vendor-reports/{item_id}", headers=auth(token))).json()
    assert queried["question"] == "退職者のアカウント削除日を教えてください"
    r = await client.put(
        f"/api/v1/portal/vendor-reports/{item_id}",
        json={
            **ANSWERS,
            "handling": ANSWERS["handling"] + "削除は10月31日に実施。",
            "version": queried["version"],
            "submit": True,
        },
        headers=auth(token),
    )
    assert r.status_code == 200, r.text
    r = await client.post(
        f"/api/v1/vendor-reports/{summary['id']}/review",
        json={"version": await _version(client, org, summary["id"]), "decision": "accepted"},
        headers=org.headers,
    )
    assert r.status_code == 200 and r.json()["status"] == "accepted", r.text
    item = (await client.get(f"/api/v1/monitoring-items/{item_id}", headers=org.headers)).json()
    assert (item["stage"], item["done_ref_id"], item["report_id"]) == ("done", summary["id"], summary["id"])


async def _version(client: httpx.AsyncClient, org: Org, report_id: str) -> int:
    return int((await client.get(f"/api/v1/vendor-reports/{report_id}", headers=org.headers)).json()["version"])


async def test_reports_are_refused_before_their_period_ends_and_staff_cannot_accept_a_draft(
    client: httpx.AsyncClient,
) -> None:
    org = await register(client)
    vendor, token = await critical_vendor_with_history(client, org)
    items = (
        await client.get(
            "/api/v1/monitoring-items",
            params={"vendor_id": vendor["id"], "kind": "vendor_report", "stage": "scheduled", "size": 1},
            headers=org.headers,
        )
    ).json()["items"]
    r = await client.put(f"/api/v1/portal/vendor-reports/{items[0]['id']}", json=ANSWERS, headers=auth(token))
    assert r.status_code == 409 and r.json()["error"] == "vendor_report_not_open"

    owed = (await client.get("/api/v1/portal/vendor-reports", headers=auth(token))).json()
    r = await client.put(f"/api/v1/portal/vendor-reports/{owed[0]['item_id']}", json=ANSWERS, headers=auth(token))
    report_id = (await client.get("/api/v1/vendor-reports", headers=org.headers)).json()["items"][0]["id"]
    r = await client.post(
        f"/api/v1/vendor-reports/{report_id}/review",
        json={"version": await _version(client, org, report_id), "decision": "accepted"},
        headers=org.headers,
    )
    assert r.status_code == 409 and r.json()["error"] == "vendor_report_not_submitted"
