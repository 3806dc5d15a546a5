"""Audits and change requests (issue 7/7): a completed audit settles its calendar item and plans the next one; a
vendor asks before bringing in a subcontractor and an approved request joins the register's tree
(REGULATION.md §2.2 (3), §2.4)."""

from typing import Any

import httpx
from dateutil.relativedelta import relativedelta

from tests.assessment_builders import template_id
from tests.builders import Org, auth, register
from tests.test_monitoring import monitored_vendor, today
from tests.test_vendor_reports import critical_vendor_with_history


async def audit_items(client: httpx.AsyncClient, org: Org, vendor_id: str) -> list[dict[str, Any]]:
    r = await client.get(
        "/api/v1/monitoring-items", params={"vendor_id": vendor_id, "kind": "audit"}, headers=org.headers
    )
    return list(r.json()["items"])


async def test_a_completed_audit_settles_its_item_and_the_next_is_planned_from_it(client: httpx.AsyncClient) -> None:
    org = await register(client)
    vendor = await monitored_vendor(client, org, "critical")
    [item] = await audit_items(client, org, vendor["id"])
    r = await client.post(
        "/api/v1/audits",
        json={
            "vendor_id": vendor["id"],
            "title": "2026年度 定期監査（実地）",
            "kind": "on_site",
            "planned_date": today().isoformat(),
            "auditor": "情報セキュリティ部 監査チーム",
            "questionnaire_id": await template_id(client, org, "periodic-audit"),
        },
        headers=org.headers,
    )
    assert r.status_code == 201, r.text
    audit = r.json()
    assert (audit["item_id"], audit["status"]) == (item["id"], "planned")  # the vendor's next audit
    assert audit["assessment_id"] and audit["allowed_statuses"] == ["in_progress", "completed", "cancelled"]
    checklist = (await client.get(f"/api/v1/assessments/{audit['assessment_id']}", headers=org.headers)).json()
    assert checklist["kind"] == "periodic" and checklist["vendor_id"] == vendor["id"]
    assert (await audit_items(client, org, vendor["id"]))[0]["audit_id"] == audit["id"]
    r = await client.patch(  # null keeps what every audit must have, and clears what it may lack
        f"/api/v1/audits/{audit['id']}",
        json={"version": audit["version"], "planned_date": None, "auditor": None},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    assert (r.json()["planned_date"], r.json()["auditor"]) == (audit["planned_date"], None)
    audit = r.json()

    r = await client.patch(
        f"/api/v1/audits/{audit['id']}",
        json={"version": audit["version"], "status": "in_progress"},
        headers=org.headers,
    )
    assert r.status_code == 200 and r.json()["started_date"] == today().isoformat(), r.text
    r = await client.patch(
        f"/api/v1/audits/{audit['id']}",
        json={
            "version": r.json()["version"],
            "status": "completed",
            "results": "重大な指摘なし。入退室記録の保管期間を確認。",
        },
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    assert r.json()["completed_date"] == today().isoformat()
    items = await audit_items(client, org, vendor["id"])
    done = next(i for i in items if i["id"] == item["id"])
    assert (done["stage"], done["done_ref_id"]) == ("done", audit["id"])
    [upcoming] = [i for i in items if i["stage"] != "done"]
    assert upcoming["due_date"] == (today() + relativedelta(months=12)).isoformat()  # critical: yearly after this one

    r = await client.patch(
        f"/api/v1/audits/{audit['id']}",
        json={"version": r.json()["version"], "status": "cancelled"},
        headers=org.headers,
    )
    assert r.status_code == 409 and r.json()["error"] == "invalid_audit_status_transition"
    summary = (await client.get(f"/api/v1/vendors/{vendor['id']}/monitoring", headers=org.headers)).json()
    assert summary["last_audit"]["id"] == audit["id"] and summary["last_audit"]["status"] == "completed"


async def test_an_approved_subcontractor_request_joins_the_register_tree(client: httpx.AsyncClient) -> None:
    org = await register(client)
    vendor, token = await critical_vendor_with_history(client, org)
    request = {
        "kind": "new_subcontractor",
        "title": "給与明細の印刷・封入の再委託",
        "details": "給与明細の印刷と封入作業を外部の印刷会社に再委託したい。",
        "subcontractor_name": "株式会社みなと印刷",
        "work": "給与明細の印刷・封入",
        "data_handled": "氏名、所属、支給額",
        "planned_date": (today() + relativedelta(months=1)).isoformat(),
    }
    r = await client.post("/api/v1/portal/change-requests", json={**request, "work": None}, headers=auth(token))
    assert r.status_code == 422  # who and for what work, or nothing to approve
    r = await client.post("/api/v1/portal/change-requests", json=request, headers=auth(token))
    assert r.status_code == 201 and r.json()["status"] == "pending", r.text
    asked = r.json()

    pending = (await client.get("/api/v1/change-requests?status=pending", headers=org.headers)).json()
    [row] = pending["items"]
    assert (row["id"], row["vendor_id"]) == (asked["id"], vendor["id"])
    summary = (await client.get(f"/api/v1/vendors/{vendor['id']}/monitoring", headers=org.headers)).json()
    assert summary["pending_change_requests"] == 1

    r = await client.post(
        f"/api/v1/change-requests/{row['id']}/decision",
        json={"version": row["version"], "decision": "refused"},
        headers=org.headers,
    )
    assert r.status_code == 422  # a refusal says why
    r = await client.post(
        f"/api/v1/change-requests/{row['id']}/decision",
        json={"version": row["version"], "decision": "approved"},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    decided = r.json()
    assert decided["status"] == "approved" and decided["subcontract_id"] and decided["subcontractor_vendor_id"]

    tree = (await client.get(f"/api/v1/vendors/{vendor['id']}/subcontractors", headers=org.headers)).json()
    [link] = tree
    assert (link["id"], link["approval_status"], link["approval_date"]) == (
        decided["subcontract_id"],
        "approved",
        today().isoformat(),
    )
    sub = (await client.get(f"/api/v1/vendors/{decided['subcontractor_vendor_id']}", headers=org.headers)).json()
    assert sub["name"] == "株式会社みなと印刷"
    r = await client.post(
        f"/api/v1/change-requests/{row['id']}/decision",
        json={"version": decided["version"], "decision": "refused", "reason": "再検討"},
        headers=org.headers,
    )
    assert r.status_code == 409 and r.json()["error"] == "change_request_decided"
    seen = (await client.get("/api/v1/portal/change-requests", headers=auth(token))).json()
    assert [c["status"] for c in seen] == ["approved"]
