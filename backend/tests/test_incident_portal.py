"""A vendor reports a suspected leak through the portal (issue 6/7): the link by registered email, the report at
"suspected", staff told by mail, the clocks started by the report (REGULATION.md §1.5), updates over time."""

import uuid
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from itaku.core.models import utcnow
from tests.assessment_builders import vendor_with_contact
from tests.builders import auth, register
from tests.conftest import Inbox

TOKYO = ZoneInfo("Asia/Tokyo")


async def portal_link(client: httpx.AsyncClient, inbox: Inbox, address: str) -> str:
    before = len(inbox.messages)
    r = await client.post("/api/v1/portal/link-requests", json={"email": address, "purpose": "portal"})
    assert r.status_code == 202, r.text
    await inbox.wait_for(before + 1)
    [msg] = [m for m in inbox.messages[before:] if m["To"] == address]
    body = msg.get_payload(decode=True).decode()  # type: ignore[union-attr]
    r = await client.post("/api/v1/portal/session", json={"token": body.split("#token=")[1].split()[0]})
    assert r.status_code == 200, r.text
    return str(r.json()["access_token"])


async def test_a_vendor_reports_a_suspected_leak_and_staff_see_its_deadlines(
    mail_client: httpx.AsyncClient, smtp: tuple[Inbox, int]
) -> None:
    inbox, _ = smtp
    org = await register(mail_client, organization_name="株式会社みらい学園")
    address = f"security-{uuid.uuid4().hex[:8]}@album.example"
    vendor, _ = await vendor_with_contact(mail_client, org, name="株式会社さくらアルバム", email=address)
    r = await mail_client.post(
        "/api/v1/contracts",
        json={
            "vendor_id": vendor["id"],
            "title": "卒業アルバム制作委託契約",
            "status": "active",
            "clauses": [{"requirement_key": "incident_reporting", "values": {"notice_hours": 24}}],
        },
        headers=org.headers,
    )
    assert r.status_code == 201, r.text

    token = await portal_link(mail_client, inbox, address)
    discovered = utcnow() - timedelta(hours=30)
    report: dict[str, Any] = {
        "title": "制作サーバのランサムウェア感染",
        "discovered_at": discovered.isoformat(),
        "description": "制作サーバが暗号化され、外部への通信の痕跡があります。",
        "data_categories": ["ordinary", "children"],
        "data_items": "氏名、クラス、顔写真",
        "affected_persons_estimate": 300,
        "affected_persons_max": 900,
        "wrongful_intent_possible": True,
        "containment": "サーバをネットワークから切断済み",
        "next_steps": "フォレンジック調査を依頼中",
    }
    staff_mails = len(inbox.messages)
    r = await mail_client.post("/api/v1/portal/incidents", json=report, headers=auth(token))
    assert r.status_code == 201, r.text
    reported = r.json()
    assert reported["status"] == "suspected" and reported["next_steps"] == "フォレンジック調査を依頼中"

    # Staff are told by mail, with a link to the incident.
    await inbox.wait_for(staff_mails + 1)
    [mail] = inbox.messages[staff_mails:]
    assert mail["To"] == org.email
    assert f"/incidents/{reported['id']}" in mail.get_payload(decode=True).decode()  # type: ignore[union-attr]

    r = await mail_client.get(f"/api/v1/incidents/{reported['id']}", headers=org.headers)
    incident = r.json()
    assert (incident["reported_via"], incident["status"], incident["reportable"]) == ("portal", "suspected", True)
    assert incident["triggers"] == ["wrongful_intent"]  # §1.2 cat 3; 900 is not more than 1,000
    # The report is the vendor's notice: we know from it, and the 60-day clock counts from that day (§1.5, §1.6).
    aware_day = datetime.fromisoformat(incident["effective_aware_at"]).astimezone(TOKYO).date()
    final = next(o for o in incident["obligations"] if o["kind"] == "regulator_final_report")
    # Day 60 is aware_day + 59; closed days can push it a little further (never past a week).
    assert final["status"] == "pending" and 59 <= (date.fromisoformat(final["due_date"]) - aware_day).days <= 66
    # 30 hours after discovery against a 24-hour contract: late.
    notice = incident["vendor_notice"]
    assert (notice["contract_hours"], notice["met"]) == (24, False) and 29.9 < notice["hours_taken"] < 30.1

    # An update: more people than first thought — now over 1,000 (§1.2 cat 4).
    r = await mail_client.post(
        f"/api/v1/portal/incidents/{reported['id']}/updates",
        json={"message": "他学年のデータも対象と判明", "affected_persons_max": 2400},
        headers=auth(token),
    )
    assert r.status_code == 201, r.text
    assert [u["kind"] for u in r.json()["updates"]] == ["created", "vendor_update"]
    r = await mail_client.get(f"/api/v1/incidents/{reported['id']}", headers=org.headers)
    assert r.json()["triggers"] == ["wrongful_intent", "over_threshold"]
    events = (await mail_client.get(f"/api/v1/incidents/{reported['id']}/events", headers=org.headers)).json()
    assert events[-1]["changes"]["after"] == {"affected_persons_max": 2400}
    assert events[-1]["actor_type"] == "vendor_contact"

    # What staff record on their own about the vendor is not shown to it.
    r = await mail_client.post(
        "/api/v1/incidents",
        json={"vendor_id": vendor["id"], "title": "社内調査メモ", "aware_at": utcnow().isoformat()},
        headers=org.headers,
    )
    internal = r.json()["id"]
    listed = (await mail_client.get("/api/v1/portal/incidents", headers=auth(token))).json()
    assert [i["id"] for i in listed] == [reported["id"]]
    assert (await mail_client.get(f"/api/v1/portal/incidents/{internal}", headers=auth(token))).status_code == 404


async def test_a_portal_link_request_says_nothing_and_is_throttled(
    mail_client: httpx.AsyncClient, smtp: tuple[Inbox, int]
) -> None:
    inbox, _ = smtp
    org = await register(mail_client)
    address = f"contact-{uuid.uuid4().hex[:8]}@vendor.example"
    await vendor_with_contact(mail_client, org, email=address)
    await portal_link(mail_client, inbox, address)
    mailed = len(inbox.messages)
    again = await mail_client.post("/api/v1/portal/link-requests", json={"email": address, "purpose": "portal"})
    unknown = await mail_client.post(
        "/api/v1/portal/link-requests", json={"email": "nobody@nowhere.example", "purpose": "portal"}
    )
    assert (again.status_code, unknown.status_code) == (202, 202) and again.json() == unknown.json()
    await inbox.wait_for(mailed + 1)
    assert len(inbox.messages) == mailed  # within 15 minutes of the last link: none


async def test_staff_give_a_contact_a_portal_link_to_report_with(client: httpx.AsyncClient) -> None:
    org = await register(client)
    vendor, contact = await vendor_with_contact(client, org, email=None)
    r = await client.post(
        f"/api/v1/vendors/{vendor['id']}/contacts/{contact['id']}/portal-links", json={}, headers=org.headers
    )
    assert r.status_code == 201, r.text
    issued = r.json()
    assert (issued["emailed"], issued["emailed_to"]) == (False, None) and "/portal/open#token=" in issued["link"]
    r = await client.post("/api/v1/portal/session", json={"token": issued["link"].split("#token=")[1]})
    assert r.status_code == 200, r.text
    token = r.json()["access_token"]
    report = {"title": "誤送信", "discovered_at": utcnow().isoformat(), "description": "メールの宛先誤り"}
    r = await client.post("/api/v1/portal/incidents", json=report, headers=auth(token))
    assert r.status_code == 201, r.text
    # The link works once.
    r = await client.post("/api/v1/portal/session", json={"token": issued["link"].split("#token=")[1]})
    assert r.status_code == 410
    events = (await client.get("/api/v1/audit-events?action=portal_link_issued", headers=org.headers)).json()
    assert events["total"] == 1


async def test_the_portal_names_its_own_fields_and_a_vendors_note_leaves_staff_edits_valid(
    client: httpx.AsyncClient,
) -> None:
    org = await register(client)
    vendor, contact = await vendor_with_contact(client, org, email=None)
    r = await client.post(
        f"/api/v1/vendors/{vendor['id']}/contacts/{contact['id']}/portal-links", json={}, headers=org.headers
    )
    r = await client.post("/api/v1/portal/session", json={"token": r.json()["link"].split("#token=")[1]})
    token = r.json()["access_token"]
    report: dict[str, Any] = {"title": "誤送信", "description": "メールの宛先誤り"}

    # A discovery in the future is one error, under the field the vendor filled in.
    future = {**report, "discovered_at": (utcnow() + timedelta(days=2)).isoformat()}
    r = await client.post("/api/v1/portal/incidents", json=future, headers=auth(token))
    assert r.status_code == 422, r.text
    assert [e["loc"] for e in r.json()["detail"]] == [["body", "discovered_at"]]
    assert (await client.get("/api/v1/incidents", headers=org.headers)).json()["total"] == 0

    discovered = utcnow() - timedelta(hours=2)
    r = await client.post(
        "/api/v1/portal/incidents",
        json={
            **report,
            "discovered_at": discovered.isoformat(),
            "strongly_encrypted": True,
            "contact_point": "情報システム部 高橋（03-0000-0000）",
        },
        headers=auth(token),
    )
    assert r.status_code == 201, r.text
    reported = r.json()
    assert (reported["wrongful_intent_possible"], reported["strongly_encrypted"]) == (False, True)
    incident = (await client.get(f"/api/v1/incidents/{reported['id']}", headers=org.headers)).json()
    # The vendor's contact point is its own field, not the one printed on the notice to individuals.
    assert (incident["vendor_contact_point"], incident["contact_point"]) == (
        "情報システム部 高橋（03-0000-0000）",
        None,
    )
    assert incident["description"] == report["description"]
    me = (await client.get("/api/v1/portal/me", headers=auth(token))).json()
    assert me["time_zone"] == "Asia/Tokyo"

    # A staff note and a vendor's message alone add to the timeline without invalidating an open edit.
    r = await client.post(
        f"/api/v1/incidents/{reported['id']}/events", json={"message": "委託先に詳細を照会"}, headers=org.headers
    )
    assert r.status_code == 201, r.text
    r = await client.post(
        f"/api/v1/portal/incidents/{reported['id']}/updates", json={"message": "調査中です"}, headers=auth(token)
    )
    assert r.status_code == 201, r.text
    r = await client.patch(
        f"/api/v1/incidents/{reported['id']}",
        json={"version": incident["version"], "occurred_at": (discovered - timedelta(days=1)).isoformat()},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text

    # The vendor learns it was an attack: the fact changes, and the timeline shows times as ISO 8601.
    r = await client.post(
        f"/api/v1/portal/incidents/{reported['id']}/updates",
        json={"message": "不正アクセスの痕跡あり", "wrongful_intent_possible": True},
        headers=auth(token),
    )
    assert r.status_code == 201, r.text
    assert r.json()["wrongful_intent_possible"] is True
    assert [u["message"] for u in r.json()["updates"]] == ["誤送信", "調査中です", "不正アクセスの痕跡あり"]
    events = (await client.get(f"/api/v1/incidents/{reported['id']}/events", headers=org.headers)).json()
    edit = next(e for e in events if e["kind"] == "updated")
    assert datetime.fromisoformat(edit["changes"]["after"]["occurred_at"]) == discovered - timedelta(days=1)
    assert "T" in edit["changes"]["after"]["occurred_at"]
