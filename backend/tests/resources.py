"""How to create, in a given organisation, each resource that an API path addresses by id.

The isolation guard (test_isolation.py) walks every operation of the OpenAPI document that takes an id
in its path and fails for any path parameter registered nowhere here, so a new endpoint cannot skip
the cross-organisation check. A later feature registers its resources with `@resource("<param>")`, and
a request body for its writes with `BODIES` (or a file with `UPLOADS`).

Factories share `ids`: what one made (the vendor, the contact an assessment goes to, the portal session) the
next reuses, under keys starting with "_" where no path parameter names them. Portal routes are called with a
portal session (`portal_session`), so the guard checks them against other vendors' contacts.
"""

from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from typing import Any

import httpx

from tests.assessment_builders import PDF, answer_everything, create_assessment, definition, portal_token
from tests.builders import Org, api_key, auth, invite, register, unique_email
from tests.job_builders import failed_mail_job

Factory = Callable[[httpx.AsyncClient, Org, dict[str, str]], Awaitable[str]]
FACTORIES: dict[str, Factory] = {}

# Valid bodies for write operations, so the request reaches the lookup instead of stopping at validation:
# a dict, or an async function of (client, owner org, ids) that makes one.
BodyFactory = Callable[[httpx.AsyncClient, Org, dict[str, str]], Awaitable[dict[str, Any]]]
BODIES: dict[tuple[str, str], dict[str, Any] | BodyFactory] = {
    ("PATCH", "/api/v1/users/{user_id}"): {"version": 1, "role": "viewer"},
}


def resource(param: str) -> Callable[[Factory], Factory]:
    def register(factory: Factory) -> Factory:
        FACTORIES[param] = factory
        return factory

    return register


@resource("user_id")
async def _user(client: httpx.AsyncClient, org: Org, _ids: dict[str, str]) -> str:
    return str((await invite(client, org, "manager"))["id"])


@resource("session_id")
async def _session(client: httpx.AsyncClient, org: Org, _ids: dict[str, str]) -> str:
    r = await client.get("/api/v1/auth/sessions", headers=org.headers)
    return str(r.json()[0]["id"])


@resource("membership_id")
async def _pending_invitation(client: httpx.AsyncClient, org: Org, _ids: dict[str, str]) -> str:
    """An invitation of the owner's account by another organisation, waiting for the owner's answer."""
    inviter = await register(client, organization_name="招待元株式会社")
    r = await client.post(
        "/api/v1/users", json={"email": org.email, "name": "招待", "role": "viewer"}, headers=inviter.headers
    )
    assert r.status_code == 201, r.text
    [pending] = (await client.get("/api/v1/auth/invitations", headers=org.headers)).json()
    return str(pending["id"])


@resource("api_key_id")
async def _api_key(client: httpx.AsyncClient, org: Org, _ids: dict[str, str]) -> str:
    return str((await api_key(client, org))["id"])


@resource("job_id")
async def _job(client: httpx.AsyncClient, org: Org, _ids: dict[str, str]) -> str:
    """A failed mail job: the owner may read it and retry it."""
    app = client._transport.app  # type: ignore[attr-defined]  (the ASGI app the test client calls)
    return str(await failed_mail_job(app.state.db, org.id, unique_email("failed")))


@resource("event_id")
async def _audit_event(client: httpx.AsyncClient, org: Org, _ids: dict[str, str]) -> str:
    r = await client.get("/api/v1/audit-events", params={"size": 1}, headers=org.headers)
    return str(r.json()["items"][0]["id"])


async def _vendor_id(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> str:
    if "vendor_id" not in ids:
        r = await client.post("/api/v1/vendors", json={"name": "株式会社テスト委託先"}, headers=org.headers)
        assert r.status_code == 201, r.text
        ids["vendor_id"] = r.json()["id"]
    return ids["vendor_id"]


resource("vendor_id")(_vendor_id)


def _vendor_child(collection: str, body: dict[str, Any]) -> Factory:
    async def make(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> str:
        vendor_id = await _vendor_id(client, org, ids)
        payload = dict(body)
        if collection == "subcontractors":
            r = await client.post("/api/v1/vendors", json={"name": "再委託先株式会社"}, headers=org.headers)
            payload["subcontractor_id"] = r.json()["id"]
        r = await client.post(f"/api/v1/vendors/{vendor_id}/{collection}", json=payload, headers=org.headers)
        assert r.status_code == 201, r.text
        return str(r.json()["id"])

    return make


resource("contact_id")(_vendor_child("contacts", {"name": "窓口 一郎", "role": "incident_contact"}))
resource("processing_id")(
    _vendor_child(
        "processing",
        {"service": "給与計算", "data_categories": ["ordinary"], "persons_estimate": 10, "access_type": "none"},
    )
)
resource("subcontract_id")(_vendor_child("subcontractors", {"work": "印刷"}))
resource("certification_id")(_vendor_child("certifications", {"kind": "privacy_mark"}))


@resource("file_id")
async def _file(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> str:
    if "item_id" in ids:  # attached to the vendor's periodic report in the portal
        r = await client.post(
            f"/api/v1/portal/vendor-reports/{ids['item_id']}/attachments",
            files={"file": ("access-list.pdf", PDF, "application/pdf")},
            headers=auth(await portal_session(client, org, ids)),
        )
    elif "assessment_id" in ids:  # evidence on one of the assessment's answers, uploaded in the portal
        key = ids.get("question_key") or await _question_key(client, org, ids)
        r = await client.post(
            f"/api/v1/portal/assessments/{ids['assessment_id']}/answers/{key}/evidence",
            files={"file": ("evidence.pdf", PDF, "application/pdf")},
            headers=auth(await portal_session(client, org, ids)),
        )
    else:
        r = await client.post(
            "/api/v1/files", files={"file": ("evidence.pdf", b"%PDF-1.4 test", "application/pdf")}, headers=org.headers
        )
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


BODIES.update(
    {
        ("PATCH", "/api/v1/vendors/{vendor_id}"): {"version": 1, "notes": "x"},
        ("PUT", "/api/v1/vendors/{vendor_id}/tier-override"): {"version": 1, "tier": "high", "reason": "test"},
        ("PATCH", "/api/v1/vendors/{vendor_id}/contacts/{contact_id}"): {"version": 1, "name": "x"},
        ("PATCH", "/api/v1/vendors/{vendor_id}/processing/{processing_id}"): {"version": 1, "persons_estimate": 5},
        ("PATCH", "/api/v1/vendors/{vendor_id}/subcontractors/{subcontract_id}"): {"version": 1, "work": "x"},
        ("PATCH", "/api/v1/vendors/{vendor_id}/certifications/{certification_id}"): {"version": 1, "number": "1"},
        ("POST", "/api/v1/vendors/{vendor_id}/contacts"): {"name": "x", "role": "other"},
        ("POST", "/api/v1/vendors/{vendor_id}/processing"): {
            "data_categories": ["ordinary"],
            "persons_estimate": 1,
            "access_type": "none",
        },
        ("POST", "/api/v1/vendors/{vendor_id}/certifications"): {"kind": "iso27001"},
    }
)


async def _subcontract_body(client: httpx.AsyncClient, org: Org, _ids: dict[str, str]) -> dict[str, Any]:
    r = await client.post("/api/v1/vendors", json={"name": "別の再委託先"}, headers=org.headers)
    return {"subcontractor_id": r.json()["id"], "work": "発送"}


BODIES[("POST", "/api/v1/vendors/{vendor_id}/subcontractors")] = _subcontract_body


# --- assessments ------------------------------------------------------------------------------------------------

# Multipart bodies for uploads: an async function of (client, owner org, ids) that makes httpx's `files=`.
UploadFactory = Callable[[httpx.AsyncClient, Org, dict[str, str]], Awaitable[dict[str, Any]]]
UPLOADS: dict[tuple[str, str], UploadFactory] = {}


@resource("questionnaire_id")
async def _questionnaire(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> str:
    """A template with a published version 1 and a draft of version 2, so every draft route has work to do."""
    r = await client.post("/api/v1/questionnaires", json={"definition": definition()}, headers=org.headers)
    assert r.status_code == 201, r.text
    q = r.json()
    r = await client.post(
        f"/api/v1/questionnaires/{q['id']}/publish",
        json={"draft_version": q["draft"]["version"]},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    r = await client.put(
        f"/api/v1/questionnaires/{q['id']}/draft", json={"definition": definition()}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    return str(q["id"])


async def _template(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> dict[str, Any]:
    r = await client.get(f"/api/v1/questionnaires/{ids['questionnaire_id']}", headers=org.headers)
    assert r.status_code == 200, r.text
    return dict(r.json())


@resource("version_id")
async def _questionnaire_version(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> str:
    return str((await _template(client, org, ids))["published"]["id"])


@resource("assessment_id")
async def _assessment(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> str:
    """A draft assessment of the vendor in `ids` (made if missing), with a contact to send it to."""
    vendor_id = await _vendor_id(client, org, ids)
    r = await client.post(
        f"/api/v1/vendors/{vendor_id}/contacts",
        json={"name": "回答 担当", "email": "answers@vendor.example", "role": "security_officer"},
        headers=org.headers,
    )
    assert r.status_code == 201, r.text
    ids["_contact_id"] = r.json()["id"]
    return str((await create_assessment(client, org, vendor_id))["id"])


async def portal_session(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> str:
    """A portal session of the contact the assessment in `ids` goes to (made and sent if need be)."""
    if "_portal" not in ids:
        if "assessment_id" not in ids:
            ids["assessment_id"] = await _assessment(client, org, ids)
        r = await client.post(
            f"/api/v1/assessments/{ids['assessment_id']}/send",
            json={"contact_id": ids["_contact_id"]},
            headers=org.headers,
        )
        assert r.status_code == 201, r.text
        ids["_portal"] = await portal_token(client, r.json()["link"].split("#token=")[1])
    return ids["_portal"]


@resource("question_key")
async def _question_key(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> str:
    r = await client.get(f"/api/v1/assessments/{ids['assessment_id']}", headers=org.headers)
    assert r.status_code == 200, r.text
    questions = [q for s in r.json()["definition"]["sections"] for q in s["questions"]]
    return str(next(q["key"] for q in questions if q["type"] == "yes_no_na"))


@resource("invitation_id")
async def _invitation(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> str:
    r = await client.post(
        f"/api/v1/assessments/{ids['assessment_id']}/send", json={"contact_id": ids["_contact_id"]}, headers=org.headers
    )
    assert r.status_code == 201, r.text
    return str(r.json()["invitation"]["id"])


@resource("finding_id")
async def _finding(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> str:
    body = {"vendor_id": await _vendor_id(client, org, ids), "severity": "medium", "title": "委託契約書の未締結"}
    r = await client.post("/api/v1/findings", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


async def _answered(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> dict[str, Any]:
    """Have the vendor answer every question in the portal, so the assessment can be submitted."""
    r = await client.get(f"/api/v1/assessments/{ids['assessment_id']}", headers=org.headers)
    await answer_everything(client, await portal_session(client, org, ids), r.json())
    return {}


async def _submitted(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> dict[str, Any]:
    """Have the vendor answer and submit the assessment in the portal; returns it as staff then read it."""
    await _answered(client, org, ids)
    url = f"/api/v1/portal/assessments/{ids['assessment_id']}/submit"
    r = await client.post(url, headers=auth(await portal_session(client, org, ids)))
    assert r.status_code == 200, r.text
    return dict((await client.get(f"/api/v1/assessments/{ids['assessment_id']}", headers=org.headers)).json())


async def _decision_body(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> dict[str, Any]:
    return {"version": (await _submitted(client, org, ids))["version"], "comment": "確認しました"}


async def _review_body(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> dict[str, Any]:
    await _submitted(client, org, ids)
    return {"return_comment": "根拠資料を添付してください"}


async def _start_review_body(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> dict[str, Any]:
    await _submitted(client, org, ids)
    return {}


async def _send_body(_client: httpx.AsyncClient, _org: Org, ids: dict[str, str]) -> dict[str, Any]:
    return {"contact_id": ids["_contact_id"]}


async def _questionnaire_archive_body(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> dict[str, Any]:
    return {"version": (await _template(client, org, ids))["version"], "archived": True}


async def _draft_save_body(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> dict[str, Any]:
    draft = (await _template(client, org, ids))["draft"]
    return {"definition": definition(), "draft_version": draft["version"]}


async def _publish_body(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> dict[str, Any]:
    return {"draft_version": (await _template(client, org, ids))["draft"]["version"]}


async def _workbook(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> dict[str, Any]:
    r = await client.get(f"/api/v1/assessments/{ids['assessment_id']}/export", headers=org.headers)
    assert r.status_code == 200, r.text
    return {"file": ("answers.xlsx", r.content, r.headers["content-type"])}


async def _evidence(_client: httpx.AsyncClient, _org: Org, _ids: dict[str, str]) -> dict[str, Any]:
    return {"file": ("evidence.pdf", PDF, "application/pdf")}


BODIES.update(
    {
        ("PATCH", "/api/v1/questionnaires/{questionnaire_id}"): _questionnaire_archive_body,
        ("PUT", "/api/v1/questionnaires/{questionnaire_id}/draft"): _draft_save_body,
        ("POST", "/api/v1/questionnaires/{questionnaire_id}/publish"): _publish_body,
        ("PATCH", "/api/v1/assessments/{assessment_id}"): {"version": 1, "title": "2026年度 委託先評価"},
        ("POST", "/api/v1/assessments/{assessment_id}/send"): _send_body,
        ("POST", "/api/v1/assessments/{assessment_id}/start-review"): _start_review_body,
        ("PUT", "/api/v1/assessments/{assessment_id}/answers/{question_key}/review"): _review_body,
        ("POST", "/api/v1/assessments/{assessment_id}/return"): _decision_body,
        ("POST", "/api/v1/assessments/{assessment_id}/accept"): _decision_body,
        ("PATCH", "/api/v1/findings/{finding_id}"): {"version": 1, "title": "再委託先の未承認"},
        ("PUT", "/api/v1/portal/assessments/{assessment_id}/answers/{question_key}"): {"value": "yes"},
        ("POST", "/api/v1/portal/assessments/{assessment_id}/submit"): _answered,
        ("PUT", "/api/v1/portal/findings/{finding_id}/plan"): {"plan": "来月末までに契約を締結します。"},
    }
)
UPLOADS.update(
    {
        ("POST", "/api/v1/assessments/{assessment_id}/import"): _workbook,
        ("POST", "/api/v1/portal/assessments/{assessment_id}/answers/{question_key}/evidence"): _evidence,
    }
)


# --- contracts --------------------------------------------------------------------------------------------------


@resource("contract_id")
async def _contract(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> str:
    body = {
        "vendor_id": await _vendor_id(client, org, ids),
        "title": "業務委託契約書",
        "clauses": [{"requirement_key": "incident_reporting", "values": {"notice_hours": 24}}],
    }
    r = await client.post("/api/v1/contracts", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


BODIES[("PATCH", "/api/v1/contracts/{contract_id}")] = {"version": 1, "number": "C-2026-001"}


@resource("requirement_id")
async def _clause_requirement(client: httpx.AsyncClient, org: Org, _ids: dict[str, str]) -> str:
    body = {"title": {"ja": "国内での保管", "en": "Storage in Japan"}, "level": "required"}
    r = await client.post("/api/v1/clause-requirements", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


BODIES[("PATCH", "/api/v1/clause-requirements/{requirement_id}")] = {"version": 1, "level": "desirable"}
UPLOADS[("POST", "/api/v1/contracts/{contract_id}/document")] = _evidence


# --- incidents --------------------------------------------------------------------------------------------------


@resource("incident_id")
async def _incident(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> str:
    """Reported by the vendor in the portal, so the portal's routes reach it too (staff see every incident)."""
    body = {
        "title": "委託先サーバへの不正アクセス",
        "discovered_at": "2025-04-01T10:00:00+09:00",
        "description": "ランサムウェアによる暗号化と外部送信の痕跡",
        "wrongful_intent_possible": True,
    }
    r = await client.post("/api/v1/portal/incidents", json=body, headers=auth(await portal_session(client, org, ids)))
    assert r.status_code == 201, r.text
    incident_id = str(r.json()["id"])
    r = await client.get(f"/api/v1/incidents/{incident_id}", headers=org.headers)
    ids["_obligations"] = ",".join(o["id"] for o in r.json()["obligations"] if o["party"] == "principal")
    return incident_id


@resource("obligation_id")
async def _obligation(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> str:
    if "_obligations" not in ids:
        ids["incident_id"] = await _incident(client, org, ids)
    return ids["_obligations"].split(",")[0]


BODIES.update(
    {
        ("PATCH", "/api/v1/incidents/{incident_id}"): {"version": 1, "cause": "VPN機器の脆弱性"},
        ("POST", "/api/v1/incidents/{incident_id}/events"): {"message": "フォレンジック調査を依頼"},
        ("POST", "/api/v1/vendors/{vendor_id}/contacts/{contact_id}/portal-links"): {},
        ("POST", "/api/v1/portal/incidents/{incident_id}/updates"): {"message": "影響範囲を確認中", "cause": "VPN"},
        ("PATCH", "/api/v1/incidents/{incident_id}/obligations/{obligation_id}"): {
            "version": 1,
            "done_at": "2025-04-03T10:00:00+09:00",
            "reference": "PPC-2025-0001",
        },
    }
)


async def _reach_body(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> dict[str, Any]:
    """A vendor of the owner that passes data to the incident's vendor, so the owner's call registers it."""
    r = await client.post("/api/v1/vendors", json={"name": "上流委託先株式会社"}, headers=org.headers)
    upstream = r.json()["id"]
    r = await client.post(
        f"/api/v1/vendors/{upstream}/subcontractors",
        json={"subcontractor_id": ids["vendor_id"], "work": "印刷"},
        headers=org.headers,
    )
    assert r.status_code == 201, r.text
    return {"vendor_ids": [upstream]}


BODIES[("POST", "/api/v1/incidents/{incident_id}/reach")] = _reach_body


@resource("item_id")
async def _monitoring_item(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> str:
    """A report the vendor owes for a month that has ended: the organisation watches from three months back, the
    vendor is critical, active and entrusted long before (so the portal's routes reach the item too)."""
    vendor_id = await _vendor_id(client, org, ids)
    policy = (await client.get("/api/v1/monitoring-policy", headers=org.headers)).json()
    values = {k: policy[k] for k in policy if k not in ("is_default", "version")}
    since = (date.today() - timedelta(days=90)).replace(day=1)
    r = await client.put(
        "/api/v1/monitoring-policy",
        json={"version": policy["version"], "policy": {**values, "since": since.isoformat()}},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    r = await client.post(
        "/api/v1/contracts",
        json={"vendor_id": vendor_id, "title": "業務委託契約", "status": "active", "start_date": "2021-04-01"},
        headers=org.headers,
    )
    assert r.status_code == 201, r.text
    vendor = (await client.get(f"/api/v1/vendors/{vendor_id}", headers=org.headers)).json()
    r = await client.put(
        f"/api/v1/vendors/{vendor_id}/tier-override",
        json={"version": vendor["version"], "tier": "critical", "reason": "テスト"},
        headers=org.headers,
    )
    vendor = r.json()
    for status in ("under_review", "approved", "active"):
        r = await client.patch(
            f"/api/v1/vendors/{vendor_id}", json={"version": vendor["version"], "status": status}, headers=org.headers
        )
        assert r.status_code == 200, r.text
        vendor = r.json()
    r = await client.get(
        "/api/v1/monitoring-items",
        params={"vendor_id": vendor_id, "kind": "vendor_report", "stage": "overdue", "size": 1},
        headers=org.headers,
    )
    assert r.json()["items"], r.text
    return str(r.json()["items"][0]["id"])


REPORT_ANSWERS: dict[str, Any] = {
    "handling": "委託データは国内のデータセンターでのみ処理",
    "incidents_occurred": False,
    "access_changes": [{"person": "担当者A", "change": "joined", "changed_on": "2026-01-05", "applied": True}],
    "access_changes_applied": True,
    "measures_changed": False,
}


@resource("report_id")
async def _vendor_report(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> str:
    """The vendor's report for that item, submitted in the portal."""
    if "item_id" not in ids:
        ids["item_id"] = await _monitoring_item(client, org, ids)
    r = await client.put(
        f"/api/v1/portal/vendor-reports/{ids['item_id']}",
        json={**REPORT_ANSWERS, "submit": True},
        headers=auth(await portal_session(client, org, ids)),
    )
    assert r.status_code == 200, r.text
    r = await client.get("/api/v1/vendor-reports", params={"vendor_id": ids["vendor_id"]}, headers=org.headers)
    return str(r.json()["items"][0]["id"])


async def _review_body(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> dict[str, Any]:
    r = await client.get(f"/api/v1/vendor-reports/{ids['report_id']}", headers=org.headers)
    return {"version": r.json()["version"], "decision": "queried", "comment": "詳細を教えてください"}


BODIES.update(
    {
        ("PUT", "/api/v1/portal/vendor-reports/{item_id}"): REPORT_ANSWERS,
        ("POST", "/api/v1/vendor-reports/{report_id}/review"): _review_body,
    }
)
UPLOADS[("POST", "/api/v1/portal/vendor-reports/{item_id}/attachments")] = _evidence


@resource("audit_id")
async def _audit(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> str:
    vendor_id = await _vendor_id(client, org, ids)
    r = await client.post(
        "/api/v1/audits",
        json={"vendor_id": vendor_id, "title": "定期監査", "kind": "documents", "planned_date": "2027-01-15"},
        headers=org.headers,
    )
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


@resource("request_id")
async def _change_request(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> str:
    """Asked by the vendor's contact in the portal (so the portal's routes reach it too)."""
    r = await client.post(
        "/api/v1/portal/change-requests",
        json={"kind": "measures_change", "title": "バックアップ方式の変更", "details": "テープから国内クラウドへ"},
        headers=auth(await portal_session(client, org, ids)),
    )
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


BODIES.update(
    {
        ("PATCH", "/api/v1/audits/{audit_id}"): {"version": 1, "auditor": "監査チーム"},
        ("POST", "/api/v1/change-requests/{request_id}/decision"): {"version": 1, "decision": "approved"},
    }
)


@resource("feed_id")
async def _calendar_feed(client: httpx.AsyncClient, org: Org, _ids: dict[str, str]) -> str:
    r = await client.post("/api/v1/calendar-feeds", headers=org.headers)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


# Addressed by a secret rather than by an id under a sign-in: holding the secret is the permission, so there is no
# other organisation to keep out. test_calendar_feed.py checks that a revoked or unknown secret answers 404.
SECRET_PATHS = {("GET", "/api/v1/calendar/{token}.ics")}
