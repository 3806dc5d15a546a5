"""The vendor portal's security: single-use links, sessions scoped to one vendor, no internal fields, bounded
uploads, frozen answers, and the link mailed only once the send has committed."""

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select, update

from itaku.assessments import service
from itaku.assessments.schemas import AssessmentSend
from itaku.core.models import utcnow
from itaku.files.models import StoredFile
from itaku.identity.principals import Role, StaffUser
from itaku.main import create_app
from itaku.portal.models import PortalInvitation
from tests.assessment_builders import (
    PDF,
    Sent,
    answer_everything,
    create_assessment,
    portal_token,
    sample_value,
    send,
    vendor_with_contact,
)
from tests.builders import Org, api_key, auth, register
from tests.conftest import Inbox, LiveServer, TestDatabase, test_settings

# What the company keeps to itself: scores, weights, finding rules, reviewer notes, decisions' internals.
INTERNAL = {
    "score",
    "band",
    "section_scores",
    "weight",
    "findings",
    "reviewer_note",
    "internal_notes",
    "decided_by_label",
    "resolution",
    "risk_accepted_by_user_id",
}


def questions(assessment: dict[str, Any]) -> list[dict[str, Any]]:
    return [q for s in assessment["definition"]["sections"] for q in s["questions"]]


def first(assessment: dict[str, Any], type_: str) -> dict[str, Any]:
    return next(q for q in questions(assessment) if q["type"] == type_)


def keys_in(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value).union(*(keys_in(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(keys_in(v) for v in value))
    return set()


async def open_link(client: httpx.AsyncClient, sent: Sent) -> httpx.Response:
    return await client.post("/api/v1/portal/session", json={"token": sent.token})


async def resend(client: httpx.AsyncClient, org: Org, sent: Sent, **body: Any) -> dict[str, Any]:
    r = await client.post(
        f"/api/v1/assessments/{sent.assessment['id']}/send",
        json={"contact_id": sent.contact["id"], **body},
        headers=org.headers,
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


async def invitation_id(client: httpx.AsyncClient, org: Org, assessment_id: str) -> str:
    r = await client.get(f"/api/v1/assessments/{assessment_id}/invitations", headers=org.headers)
    return str(r.json()[0]["id"])  # newest first


async def refusals(client: httpx.AsyncClient, org: Org, inv_id: str) -> list[dict[str, Any]]:
    r = await client.get(
        "/api/v1/audit-events",
        params={"entity_type": "portal_invitation", "entity_id": inv_id, "action": "refused"},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


async def set_invitation(app: FastAPI, inv_id: str, **values: Any) -> None:
    """Move an invitation's clock (expiry, session end) the way time would, straight in the database."""
    async with app.state.db.unit_of_work(write=True) as session:
        await session.execute(update(PortalInvitation).where(PortalInvitation.id == uuid.UUID(inv_id)).values(**values))


def assert_error(r: httpx.Response, status: int, code: str) -> Any:
    assert r.status_code == status, r.text
    assert r.json()["error"] == code, r.text
    return r.json()["detail"]


# --- links ------------------------------------------------------------------------------------------------------


async def test_a_used_link_is_refused_and_the_attempt_is_audited(client: httpx.AsyncClient) -> None:
    org = await register(client)
    sent = await send(client, org)
    first_open = await open_link(client, sent)
    assert first_open.status_code == 200, first_open.text
    assert first_open.json()["assessment_id"] == sent.assessment["id"]

    assert_error(await open_link(client, sent), 410, "portal_link_used")

    inv_id = await invitation_id(client, org, sent.assessment["id"])
    [event] = await refusals(client, org, inv_id)
    assert event["changes"]["after"]["reason"] == "portal_link_used"
    assert event["actor_type"] == "vendor_contact" and event["actor_id"] == sent.contact["id"]
    # The session the link opened the first time still works.
    me = await client.get("/api/v1/portal/me", headers=auth(first_open.json()["access_token"]))
    assert me.status_code == 200 and me.json()["vendor_name"] == sent.vendor["name"]


async def test_an_expired_link_is_refused_and_the_attempt_is_audited(client: httpx.AsyncClient, app: FastAPI) -> None:
    org = await register(client)
    vendor, contact = await vendor_with_contact(client, org)
    a = await create_assessment(client, org, vendor["id"])
    r = await client.post(
        f"/api/v1/assessments/{a['id']}/send",
        json={"contact_id": contact["id"], "expires_in_days": 1},
        headers=org.headers,
    )
    assert r.status_code == 201, r.text
    sent = Sent(vendor, contact, r.json()["assessment"], r.json()["link"])
    inv = r.json()["invitation"]
    assert inv["state"] == "open"
    await set_invitation(app, inv["id"], expires_at=utcnow() - timedelta(seconds=1))

    assert_error(await open_link(client, sent), 410, "portal_link_expired")
    [event] = await refusals(client, org, inv["id"])
    assert event["changes"]["after"]["reason"] == "portal_link_expired"
    listed = (await client.get(f"/api/v1/assessments/{a['id']}/invitations", headers=org.headers)).json()
    assert [i["state"] for i in listed] == ["expired"]


async def test_a_revoked_link_is_refused_and_ends_the_session_it_opened(client: httpx.AsyncClient) -> None:
    org = await register(client)
    sent = await send(client, org)
    token = await portal_token(client, sent.token)
    assert (await client.get("/api/v1/portal/me", headers=auth(token))).status_code == 200

    inv_id = await invitation_id(client, org, sent.assessment["id"])
    r = await client.post(
        f"/api/v1/assessments/{sent.assessment['id']}/invitations/{inv_id}/revoke", headers=org.headers
    )
    assert r.status_code == 200 and r.json()["state"] == "revoked", r.text

    for path in ("/api/v1/portal/me", f"/api/v1/portal/assessments/{sent.assessment['id']}"):
        assert_error(await client.get(path, headers=auth(token)), 401, "portal_session_ended")
    assert_error(await open_link(client, sent), 410, "portal_link_revoked")
    [event] = await refusals(client, org, inv_id)
    assert event["changes"]["after"]["reason"] == "portal_link_revoked"


async def test_a_portal_session_ends_when_its_time_is_up(client: httpx.AsyncClient, app: FastAPI) -> None:
    org = await register(client)
    sent = await send(client, org)
    token = await portal_token(client, sent.token)
    await set_invitation(
        app, await invitation_id(client, org, sent.assessment["id"]), session_expires_at=utcnow() - timedelta(seconds=1)
    )
    assert_error(await client.get("/api/v1/portal/me", headers=auth(token)), 401, "portal_session_ended")


async def test_a_link_opened_many_times_at_once_opens_one_session(live_server: LiveServer) -> None:
    async with httpx.AsyncClient(base_url=live_server.url, timeout=120) as c:
        org = await register(c)
        sent = await send(c, org)
        responses = await asyncio.gather(*(open_link(c, sent) for _ in range(8)))
        assert sorted(r.status_code for r in responses) == [200] + [410] * 7, [r.text for r in responses]
        assert {r.json()["error"] for r in responses if r.status_code == 410} == {"portal_link_used"}
        inv_id = await invitation_id(c, org, sent.assessment["id"])
        assert len(await refusals(c, org, inv_id)) == 7


@pytest.mark.parametrize("token", ["x" * 43, "not-a-link-token-at-all"])
async def test_an_unknown_link_is_invalid(client: httpx.AsyncClient, token: str) -> None:
    assert_error(await client.post("/api/v1/portal/session", json={"token": token}), 401, "portal_link_invalid")


async def test_sending_again_revokes_the_earlier_open_link(client: httpx.AsyncClient) -> None:
    org = await register(client)
    sent = await send(client, org)
    again = await resend(client, org, sent)
    assert again["assessment"]["reminder_count"] == 1
    assert again["link"] != sent.link

    assert_error(await open_link(client, sent), 410, "portal_link_revoked")
    newer = Sent(sent.vendor, sent.contact, again["assessment"], again["link"])
    assert (await open_link(client, newer)).status_code == 200
    listed = (await client.get(f"/api/v1/assessments/{sent.assessment['id']}/invitations", headers=org.headers)).json()
    assert [i["state"] for i in listed] == ["used", "revoked"]


async def test_a_reminder_does_not_end_the_session_of_a_vendor_who_is_answering(client: httpx.AsyncClient) -> None:
    org = await register(client)
    sent = await send(client, org)
    token = await portal_token(client, sent.token)
    again = await resend(client, org, sent)
    assert again["assessment"]["reminder_count"] == 1
    assert (await client.get("/api/v1/portal/me", headers=auth(token))).status_code == 200
    listed = (await client.get(f"/api/v1/assessments/{sent.assessment['id']}/invitations", headers=org.headers)).json()
    assert [i["state"] for i in listed] == ["open", "used"]


# --- what a session reaches -------------------------------------------------------------------------------------


async def test_a_portal_session_cannot_read_another_vendors_assessment_or_a_draft(client: httpx.AsyncClient) -> None:
    org = await register(client)
    mine = await send(client, org)
    theirs = await send(client, org, name="株式会社別の委託先", email="other@vendor.example")
    elsewhere = await send(client, await register(client, organization_name="別組織株式会社"))
    draft = await create_assessment(client, org, mine.vendor["id"])
    token = await portal_token(client, mine.token)

    for other in (theirs.assessment["id"], elsewhere.assessment["id"], draft["id"]):
        r = await client.get(f"/api/v1/portal/assessments/{other}", headers=auth(token))
        assert_error(r, 404, "assessment_not_found")
        r = await client.put(
            f"/api/v1/portal/assessments/{other}/answers/privacy_policy", json={"value": "yes"}, headers=auth(token)
        )
        assert_error(r, 404, "assessment_not_found")
    listed = (await client.get("/api/v1/portal/assessments", headers=auth(token))).json()
    assert [a["id"] for a in listed] == [mine.assessment["id"]]

    # Nor another vendor's findings.
    r = await client.post(
        "/api/v1/findings",
        json={"vendor_id": theirs.vendor["id"], "severity": "high", "title": "他社の指摘"},
        headers=org.headers,
    )
    other_finding = r.json()["id"]
    assert (await client.get("/api/v1/portal/findings", headers=auth(token))).json() == []
    r = await client.put(f"/api/v1/portal/findings/{other_finding}/plan", json={"plan": "x"}, headers=auth(token))
    assert_error(r, 404, "finding_not_found")


async def test_a_portal_session_opens_no_staff_endpoint(client: httpx.AsyncClient) -> None:
    org = await register(client)
    sent = await send(client, org)
    token = await portal_token(client, sent.token)
    key = first(sent.assessment, "file")["key"]
    r = await client.post(
        f"/api/v1/portal/assessments/{sent.assessment['id']}/answers/{key}/evidence",
        files={"file": ("evidence.pdf", PDF, "application/pdf")},
        headers=auth(token),
    )
    file_id = r.json()["id"]
    assert (await client.get(f"/api/v1/files/{file_id}", headers=org.headers)).status_code == 200

    for path in (
        "/api/v1/vendors",
        "/api/v1/assessments",
        f"/api/v1/assessments/{sent.assessment['id']}",
        "/api/v1/findings",
        "/api/v1/auth/me",
        f"/api/v1/files/{file_id}",
        f"/api/v1/files/{file_id}/content",
    ):
        assert_error(await client.get(path, headers=auth(token)), 401, "not_authenticated")
    r = await client.post("/api/v1/vendors", json={"name": "x"}, headers=auth(token))
    assert_error(r, 401, "not_authenticated")


async def test_staff_credentials_open_no_portal_endpoint(client: httpx.AsyncClient) -> None:
    org = await register(client)
    sent = await send(client, org)
    key = (await api_key(client, org))["key"]
    a = sent.assessment["id"]
    for headers in (org.headers, auth(key), {}):
        for method, path in (
            ("GET", "/api/v1/portal/me"),
            ("GET", "/api/v1/portal/assessments"),
            ("GET", f"/api/v1/portal/assessments/{a}"),
            ("GET", "/api/v1/portal/findings"),
            ("POST", f"/api/v1/portal/assessments/{a}/submit"),
        ):
            r = await client.request(method, path, headers=headers)
            assert_error(r, 401, "portal_session_ended")
        r = await client.put(
            f"/api/v1/portal/assessments/{a}/answers/privacy_policy", json={"value": "no"}, headers=headers
        )
        assert_error(r, 401, "portal_session_ended")
    staff_view = (await client.get(f"/api/v1/assessments/{a}", headers=org.headers)).json()
    assert staff_view["answers"] == [] and staff_view["status"] == "sent"


# --- no internal fields ---------------------------------------------------------------------------------------


class Portal:
    """A portal contact's calls, every JSON response kept for inspection."""

    def __init__(self, client: httpx.AsyncClient, token: str) -> None:
        self.client, self.token = client, token
        self.bodies: list[tuple[str, Any]] = []

    async def call(self, method: str, path: str, expect: int = 200, **kw: Any) -> Any:
        r = await self.client.request(method, f"/api/v1/portal{path}", headers=auth(self.token), **kw)
        assert r.status_code == expect, f"{method} {path}: {r.text}"
        self.bodies.append((f"{method} {path}", r.json()))
        return r.json()


async def test_portal_responses_never_carry_internal_fields(client: httpx.AsyncClient) -> None:
    org = await register(client)
    sent = await send(client, org)
    a_id = sent.assessment["id"]
    r = await client.patch(
        f"/api/v1/assessments/{a_id}",
        json={"version": sent.assessment["version"], "internal_notes": "価格交渉中のため慎重に"},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    opened = (await open_link(client, sent)).json()
    portal = Portal(client, opened["access_token"])
    portal.bodies.append(("POST /session", opened))

    await portal.call("GET", "/me")
    await portal.call("GET", "/assessments")
    read = await portal.call("GET", f"/assessments/{a_id}")
    options = [o for s in read["sections"] for q in s["questions"] for o in q["options"]]
    assert options and all(set(o) == {"key", "label"} for o in options)

    flagged = next(q for q in questions(sent.assessment) if q["findings"] and q["type"] == "yes_no_na")
    for q in questions(sent.assessment):
        if q["type"] == "file":
            await portal.call(
                "POST",
                f"/assessments/{a_id}/answers/{q['key']}/evidence",
                201,
                files={"file": ("evidence.pdf", PDF, "application/pdf")},
            )
        else:
            value = flagged["findings"][0]["when"][0] if q is flagged else sample_value(q)
            await portal.call("PUT", f"/assessments/{a_id}/answers/{q['key']}", json={"value": value})
    await portal.call("POST", f"/assessments/{a_id}/submit")

    # The reviewer comments, with an internal note, and returns the answers.
    r = await client.put(
        f"/api/v1/assessments/{a_id}/answers/{flagged['key']}/review",
        json={"return_comment": "規程の写しを添えてください", "reviewer_note": "前回も未整備"},
        headers=org.headers,
    )
    r = await client.post(
        f"/api/v1/assessments/{a_id}/return",
        json={"version": r.json()["version"], "comment": "一点確認"},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    returned = await portal.call("GET", f"/assessments/{a_id}")
    assert returned["return_comment"] == "一点確認"
    assert any(x["return_comment"] == "規程の写しを添えてください" for x in returned["answers"])

    # Findings the vendor sees: the raised one, and a manual one whose risk was accepted with a reason.
    me = (await client.get("/api/v1/auth/me", headers=org.headers)).json()
    r = await client.post(
        "/api/v1/findings",
        json={"vendor_id": sent.vendor["id"], "severity": "low", "title": "委託契約の更新漏れ"},
        headers=org.headers,
    )
    r = await client.patch(
        f"/api/v1/findings/{r.json()['id']}",
        json={
            "version": r.json()["version"],
            "status": "risk_accepted",
            "resolution": "代替統制あり",
            "risk_accepted_by_user_id": me["user"]["id"],
        },
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    findings = await portal.call("GET", "/findings")
    raised = next(f for f in findings if f["question_key"] == flagged["key"])
    assert {f["status"] for f in findings} == {"open", "risk_accepted"}
    await portal.call("PUT", f"/findings/{raised['id']}/plan", json={"plan": "来月までに整備します"})

    await portal.call("PUT", f"/assessments/{a_id}/answers/{flagged['key']}", json={"value": sample_value(flagged)})
    await portal.call("POST", f"/assessments/{a_id}/submit")
    await portal.call("GET", f"/assessments/{a_id}")
    await portal.call("GET", "/assessments")
    await portal.call("GET", "/findings")
    # (Accepting ends the portal session, so the vendor's last look is at the submitted answers.)
    staff = (await client.get(f"/api/v1/assessments/{a_id}", headers=org.headers)).json()
    r = await client.post(f"/api/v1/assessments/{a_id}/accept", json={"version": staff["version"]}, headers=org.headers)
    assert r.status_code == 200, r.text

    # The staff side of the same data has every one of these, so their absence above is the portal's doing.
    accepted = r.json()
    assert accepted["score"] is not None and accepted["band"] and accepted["section_scores"]
    assert accepted["internal_notes"] and accepted["decided_by_label"]
    assert any(x["reviewer_note"] for x in accepted["answers"])
    staff_findings = (
        await client.get("/api/v1/findings", params={"vendor_id": sent.vendor["id"]}, headers=org.headers)
    ).json()
    assert any(f["resolution"] and f["risk_accepted_by_user_id"] for f in staff_findings["items"])
    for where, body in portal.bodies:
        leaked = keys_in(body) & INTERNAL
        assert not leaked, f"{where} carries {sorted(leaked)}"


# --- uploads ----------------------------------------------------------------------------------------------------


@pytest.fixture
async def small_uploads(database: TestDatabase, tmp_path: Path) -> AsyncIterator[tuple[httpx.AsyncClient, FastAPI]]:
    app = create_app(test_settings(database.url, upload_max_bytes=2048, upload_dir=tmp_path))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        yield c, app
    await app.state.db.dispose()


async def stored_files(app: FastAPI, org: Org) -> int:
    async with app.state.db.unit_of_work(write=False) as session:
        stmt = select(func.count()).select_from(StoredFile).where(StoredFile.organization_id == uuid.UUID(org.id))
        return int(await session.scalar(stmt) or 0)


async def test_a_refused_upload_leaves_nothing_behind(
    small_uploads: tuple[httpx.AsyncClient, FastAPI], tmp_path: Path
) -> None:
    client, app = small_uploads
    org = await register(client)
    sent = await send(client, org)
    token = await portal_token(client, sent.token)
    key = first(sent.assessment, "file")["key"]
    url = f"/api/v1/portal/assessments/{sent.assessment['id']}/answers/{key}/evidence"

    too_big = await client.post(
        url, files={"file": ("policy.pdf", PDF + b"0" * 4096, "application/pdf")}, headers=auth(token)
    )
    detail = assert_error(too_big, 413, "payload_too_large")
    assert "2,048" in detail
    for name, data in (
        ("notes.txt", b"plain text is not evidence"),
        ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64),
        ("invoice.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64),  # the name does not make it a PDF
    ):
        r = await client.post(url, files={"file": (name, data, "application/pdf")}, headers=auth(token))
        assert_error(r, 415, "unsupported_file_type")

    assert not any(p.is_file() for p in tmp_path.rglob("*"))
    assert await stored_files(app, org) == 0
    read = (await client.get(f"/api/v1/portal/assessments/{sent.assessment['id']}", headers=auth(token))).json()
    assert all(not x["files"] for x in read["answers"])

    # A file within the limit is kept, so the checks above are about refusal, not about storage never working.
    ok = await client.post(url, files={"file": ("policy.pdf", PDF, "application/pdf")}, headers=auth(token))
    assert ok.status_code == 201, ok.text
    assert len([p for p in tmp_path.rglob("*") if p.is_file()]) == 1
    assert await stored_files(app, org) == 1


# --- answering rules --------------------------------------------------------------------------------------------


async def test_answers_are_frozen_after_submit_and_editable_again_after_return(client: httpx.AsyncClient) -> None:
    org = await register(client)
    sent = await send(client, org)
    a_id = sent.assessment["id"]
    token = await portal_token(client, sent.token)
    await answer_everything(client, token, sent.assessment)
    file_key = first(sent.assessment, "file")["key"]
    yes_no = first(sent.assessment, "yes_no_na")
    read = (await client.get(f"/api/v1/portal/assessments/{a_id}", headers=auth(token))).json()
    evidence_id = next(x for x in read["answers"] if x["question_key"] == file_key)["files"][0]["id"]
    r = await client.post(f"/api/v1/portal/assessments/{a_id}/submit", headers=auth(token))
    assert r.status_code == 200 and r.json()["editable"] is False, r.text

    answer_url = f"/api/v1/portal/assessments/{a_id}/answers/{yes_no['key']}"
    evidence_url = f"/api/v1/portal/assessments/{a_id}/answers/{file_key}/evidence"
    attempts = (
        await client.put(answer_url, json={"value": "no"}, headers=auth(token)),
        await client.post(evidence_url, files={"file": ("more.pdf", PDF, "application/pdf")}, headers=auth(token)),
        await client.delete(f"{evidence_url}/{evidence_id}", headers=auth(token)),
        await client.post(f"/api/v1/portal/assessments/{a_id}/submit", headers=auth(token)),
    )
    for r in attempts:
        assert_error(r, 409, "answers_frozen")
    staff = (await client.get(f"/api/v1/assessments/{a_id}", headers=org.headers)).json()
    assert next(x for x in staff["answers"] if x["question_key"] == yes_no["key"])["value"] == sample_value(yes_no)
    assert len(next(x for x in staff["answers"] if x["question_key"] == file_key)["files"]) == 1

    r = await client.post(
        f"/api/v1/assessments/{a_id}/return",
        json={"version": staff["version"], "comment": "再確認を"},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    read = (await client.get(f"/api/v1/portal/assessments/{a_id}", headers=auth(token))).json()
    assert read["editable"] is True and read["status"] == "returned"
    assert (await client.put(answer_url, json={"value": "no"}, headers=auth(token))).status_code == 200
    assert (await client.delete(f"{evidence_url}/{evidence_id}", headers=auth(token))).status_code == 204
    staff = (await client.get(f"/api/v1/assessments/{a_id}", headers=org.headers)).json()
    assert staff["status"] == "in_progress"
    assert next(x for x in staff["answers"] if x["question_key"] == yes_no["key"])["value"] == "no"


async def test_submitting_with_required_answers_missing_names_them(client: httpx.AsyncClient) -> None:
    org = await register(client)
    sent = await send(client, org)
    a_id = sent.assessment["id"]
    token = await portal_token(client, sent.token)
    required = [q for q in questions(sent.assessment) if q["required"]]
    answered = [q for q in required if q["type"] != "file"][:3]
    for q in answered:
        r = await client.put(
            f"/api/v1/portal/assessments/{a_id}/answers/{q['key']}",
            json={"value": sample_value(q)},
            headers=auth(token),
        )
        assert r.status_code == 200, r.text

    r = await client.post(f"/api/v1/portal/assessments/{a_id}/submit", headers=auth(token))
    detail = assert_error(r, 409, "assessment_incomplete")
    assert detail["missing"] == [q["key"] for q in required if q not in answered]
    read = (await client.get(f"/api/v1/portal/assessments/{a_id}", headers=auth(token))).json()
    assert read["status"] == "in_progress" and read["editable"] is True
    assert read["progress"] == {"answered": 3, "required": len(required), "required_answered": 3}


@pytest.mark.parametrize(
    ("type_", "value", "says"),
    [
        ("yes_no_na", "maybe", "choose one of: yes, no, na"),
        ("yes_no_na", ["yes"], "choose one of"),
        ("single_choice", "sometimes", "choose one of"),
        ("multiple_choice", ["iso27001", "bogus"], "unknown options bogus"),
        ("number", "many", "give a number"),
        ("number", True, "give a number"),
        ("date", "2026-02-30", "YYYY-MM-DD"),
        ("text", 42, "give text"),
        ("text", "あ" * 20_001, "longer than 20,000"),
        ("file", "see attachment", "attach a file"),
    ],
)
async def test_an_invalid_answer_is_refused_naming_the_problem(
    client: httpx.AsyncClient, type_: str, value: Any, says: str
) -> None:
    org = await register(client)
    sent = await send(client, org)
    token = await portal_token(client, sent.token)
    q = first(sent.assessment, type_)
    url = f"/api/v1/portal/assessments/{sent.assessment['id']}/answers/{q['key']}"
    if type_ != "file":
        assert (await client.put(url, json={"value": sample_value(q)}, headers=auth(token))).status_code == 200

    [problem] = assert_error(await client.put(url, json={"value": value}, headers=auth(token)), 422, "invalid_answer")
    assert problem["loc"] == ["body", "value"] and says in problem["msg"]
    staff = (await client.get(f"/api/v1/assessments/{sent.assessment['id']}", headers=org.headers)).json()
    kept = [x["value"] for x in staff["answers"] if x["question_key"] == q["key"]]
    assert kept == ([] if type_ == "file" else [sample_value(q)])


async def test_an_unknown_question_is_not_found(client: httpx.AsyncClient) -> None:
    org = await register(client)
    sent = await send(client, org)
    token = await portal_token(client, sent.token)
    r = await client.put(
        f"/api/v1/portal/assessments/{sent.assessment['id']}/answers/no_such_question",
        json={"value": "yes"},
        headers=auth(token),
    )
    assert_error(r, 404, "question_not_found")


# --- mail -------------------------------------------------------------------------------------------------------


async def test_sending_mails_the_contact_the_link_in_japanese_and_english(
    mail_client: httpx.AsyncClient, smtp: tuple[Inbox, int]
) -> None:
    inbox, _ = smtp
    org = await register(mail_client, organization_name="株式会社ひかり物流")
    vendor, contact = await vendor_with_contact(mail_client, org, email="security@sender-test.example")
    a = await create_assessment(mail_client, org, vendor["id"], due_date="2030-01-31")
    r = await mail_client.post(
        f"/api/v1/assessments/{a['id']}/send",
        json={"contact_id": contact["id"], "message": "ご不明点はご連絡ください"},
        headers=org.headers,
    )
    assert r.status_code == 201, r.text
    assert r.json()["emailed"] is True and r.json()["invitation"]["emailed_to"] == contact["email"]
    link = r.json()["link"]
    assert link.startswith("https://itaku.example.com/portal/open#token=")

    await inbox.wait_for(1)
    [msg] = inbox.messages
    assert msg["To"] == contact["email"]
    body = msg.get_payload(decode=True).decode()  # type: ignore[union-attr]
    assert body.count(link) == 2  # once in each language
    assert "株式会社ひかり物流" in body and "ご回答をお願いしております" in body and "回答期限: 2030-01-31" in body
    assert "asks you to answer" in body and "(due 2030-01-31)" in body
    assert "ご不明点はご連絡ください" in body
    # The link in the mail opens the portal.
    assert (
        await mail_client.post("/api/v1/portal/session", json={"token": link.split("#token=")[1]})
    ).status_code == 200


async def test_a_contact_without_email_gets_no_mail(mail_client: httpx.AsyncClient, smtp: tuple[Inbox, int]) -> None:
    inbox, _ = smtp
    org = await register(mail_client)
    sent = await send(mail_client, org, email=None)
    r = await mail_client.get(f"/api/v1/assessments/{sent.assessment['id']}/invitations", headers=org.headers)
    assert r.json()[0]["emailed_to"] is None
    again = await resend(mail_client, org, sent)
    assert again["emailed"] is False and again["link"]
    await asyncio.sleep(0.3)
    assert inbox.messages == []


async def test_a_send_that_fails_mails_nothing(mail_client: httpx.AsyncClient, smtp: tuple[Inbox, int]) -> None:
    inbox, _ = smtp
    org = await register(mail_client)
    sent = await send(mail_client, org)
    await inbox.wait_for(1)
    assert len(inbox.messages) == 1
    token = await portal_token(mail_client, sent.token)
    await answer_everything(mail_client, token, sent.assessment)
    r = await mail_client.post(f"/api/v1/portal/assessments/{sent.assessment['id']}/submit", headers=auth(token))
    assert r.status_code == 200, r.text

    # Submitted: no longer with the vendor, so there is nothing to send.
    r = await mail_client.post(
        f"/api/v1/assessments/{sent.assessment['id']}/send",
        json={"contact_id": sent.contact["id"]},
        headers=org.headers,
    )
    assert_error(r, 409, "assessment_state")
    await asyncio.sleep(0.3)
    assert len(inbox.messages) == 1


async def test_the_mail_waits_for_the_commit(
    mail_client: httpx.AsyncClient, mail_app: FastAPI, smtp: tuple[Inbox, int]
) -> None:
    """A send whose transaction rolls back after the mail was prepared sends nothing."""
    inbox, _ = smtp
    org = await register(mail_client)
    vendor, contact = await vendor_with_contact(mail_client, org)
    a = await create_assessment(mail_client, org, vendor["id"])
    me = (await mail_client.get("/api/v1/auth/me", headers=org.headers)).json()
    who = StaffUser(uuid.UUID(me["user"]["id"]), uuid.UUID(org.id), Role.admin, org.email, org.name)

    with pytest.raises(RuntimeError):
        async with mail_app.state.db.unit_of_work(write=True) as session:
            await service.send(
                session,
                who,
                uuid.UUID(a["id"]),
                AssessmentSend(contact_id=uuid.UUID(contact["id"])),
                settings=mail_app.state.settings,
                mailer=mail_app.state.mailer,
            )
            raise RuntimeError("the request fails after the send")
    await asyncio.sleep(0.3)
    assert inbox.messages == []
    staff = (await mail_client.get(f"/api/v1/assessments/{a['id']}", headers=org.headers)).json()
    assert staff["status"] == "draft"
    assert (await mail_client.get(f"/api/v1/assessments/{a['id']}/invitations", headers=org.headers)).json() == []


async def test_a_contact_asks_for_new_links_by_email_and_gets_one_per_questionnaire_now_and_then(
    mail_app: FastAPI, mail_client: httpx.AsyncClient, smtp: tuple[Inbox, int]
) -> None:
    inbox, _ = smtp
    org = await register(mail_client)
    address = f"returning-{uuid.uuid4().hex[:8]}@vendor.example"
    sent = await send(mail_client, org, email=address)
    await inbox.wait_for(1)
    mailed = len(inbox.messages)
    unknown = await mail_client.post("/api/v1/portal/link-requests", json={"email": "nobody@nowhere.example"})
    asked = await mail_client.post("/api/v1/portal/link-requests", json={"email": address.upper()})
    # The same answer for any address; and no second link within 15 minutes of the last one.
    assert (unknown.status_code, asked.status_code) == (202, 202) and unknown.json() == asked.json()
    await asyncio.sleep(0.3)
    assert len(inbox.messages) == mailed

    [first] = (
        await mail_client.get(f"/api/v1/assessments/{sent.assessment['id']}/invitations", headers=org.headers)
    ).json()
    await set_invitation(mail_app, first["id"], created_at=utcnow() - timedelta(minutes=20))
    assert (await mail_client.post("/api/v1/portal/link-requests", json={"email": address})).status_code == 202
    await inbox.wait_for(mailed + 1)
    [msg] = inbox.messages[mailed:]
    assert msg["To"] == address
    body = msg.get_payload(decode=True).decode()  # type: ignore[union-attr]
    link_token = body.split("#token=")[1].split()[0]
    # The new link opens the portal; the old, unopened one no longer does.
    assert (await mail_client.post("/api/v1/portal/session", json={"token": link_token})).status_code == 200
    assert_error(await open_link(mail_client, sent), 410, "portal_link_revoked")
    r = await mail_client.get("/api/v1/audit-events", params={"action": "link_requested"}, headers=org.headers)
    assert [e["actor_type"] for e in r.json()["items"]] == ["vendor_contact"]


async def test_no_link_is_sent_for_a_questionnaire_no_longer_with_the_vendor(
    mail_app: FastAPI, mail_client: httpx.AsyncClient, smtp: tuple[Inbox, int]
) -> None:
    inbox, _ = smtp
    org = await register(mail_client)
    address = f"done-{uuid.uuid4().hex[:8]}@vendor.example"
    sent = await send(mail_client, org, email=address)
    token = await portal_token(mail_client, sent.token)
    await answer_everything(mail_client, token, sent.assessment)
    r = await mail_client.post(f"/api/v1/portal/assessments/{sent.assessment['id']}/submit", headers=auth(token))
    assert r.status_code == 200, r.text
    await inbox.wait_for(1)
    mailed = len(inbox.messages)
    [first] = (
        await mail_client.get(f"/api/v1/assessments/{sent.assessment['id']}/invitations", headers=org.headers)
    ).json()
    await set_invitation(mail_app, first["id"], created_at=utcnow() - timedelta(hours=1))
    assert (await mail_client.post("/api/v1/portal/link-requests", json={"email": address})).status_code == 202
    await asyncio.sleep(0.3)
    assert len(inbox.messages) == mailed
