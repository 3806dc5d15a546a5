"""Assessments from the staff side: template versions, sending, review, findings, roles, the register's
assessment filters and the offline workbook, all over HTTP."""

import io
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from openpyxl import load_workbook

from tests.assessment_builders import (
    PDF,
    Sent,
    answer_everything,
    create_assessment,
    definition,
    portal_token,
    sample_value,
    send,
    template_id,
    vendor_with_contact,
)
from tests.builders import Org, api_key, auth, member_token, register


async def test_selection_review_goes_from_sent_to_accepted_through_the_portal(client: httpx.AsyncClient) -> None:
    org = await register(client)
    sent = await send(client, org)
    assert sent.assessment["status"] == "sent"
    token = await portal_token(client, sent.token)
    await answer_everything(client, token, sent.assessment)
    # one weak answer that a rule flags
    flagged = next(
        q
        for s in sent.assessment["definition"]["sections"]
        for q in s["questions"]
        if q["findings"] and q["type"] in ("yes_no_na", "single_choice")
    )
    bad = flagged["findings"][0]["when"][0]
    r = await client.put(
        f"/api/v1/portal/assessments/{sent.assessment['id']}/answers/{flagged['key']}",
        json={"value": bad},
        headers=auth(token),
    )
    assert r.status_code == 200, r.text
    r = await client.post(f"/api/v1/portal/assessments/{sent.assessment['id']}/submit", headers=auth(token))
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "submitted"
    assert "score" not in r.json()

    staff = await client.get(f"/api/v1/assessments/{sent.assessment['id']}", headers=org.headers)
    body = staff.json()
    assert body["status"] == "submitted" and body["score"] is not None and body["open_findings"] == 1
    findings = (await client.get(f"/api/v1/findings?assessment_id={body['id']}", headers=org.headers)).json()
    assert [f["question_key"] for f in findings["items"]] == [flagged["key"]]

    r = await client.put(
        f"/api/v1/assessments/{body['id']}/answers/{flagged['key']}/review",
        json={"return_comment": "改善計画を添えてください", "reviewer_note": "internal"},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    r = await client.post(
        f"/api/v1/assessments/{body['id']}/return",
        json={"version": r.json()["version"], "comment": "一点修正を"},
        headers=org.headers,
    )
    assert r.status_code == 200 and r.json()["status"] == "returned", r.text

    portal = (await client.get(f"/api/v1/portal/assessments/{body['id']}", headers=auth(token))).json()
    answer = next(a for a in portal["answers"] if a["question_key"] == flagged["key"])
    assert answer["return_comment"] == "改善計画を添えてください" and "reviewer_note" not in answer
    r = await client.put(
        f"/api/v1/portal/assessments/{body['id']}/answers/{flagged['key']}",
        json={"value": sample_value(flagged)},
        headers=auth(token),
    )
    assert r.status_code == 200
    r = await client.post(f"/api/v1/portal/assessments/{body['id']}/submit", headers=auth(token))
    assert r.status_code == 200, r.text
    staff = (await client.get(f"/api/v1/assessments/{body['id']}", headers=org.headers)).json()
    assert staff["open_findings"] == 0
    # The comments of that return were answered; a later return starts from a clean sheet.
    assert all(a["return_comment"] is None for a in staff["answers"])
    r = await client.post(
        f"/api/v1/assessments/{body['id']}/accept", json={"version": staff["version"]}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "accepted" and r.json()["valid_until"]


# --- helpers ----------------------------------------------------------------------------------------------------


def questions(d: dict[str, Any]) -> list[dict[str, Any]]:
    return [q for s in d["sections"] for q in s["questions"]]


def assert_error(r: httpx.Response, status: int, code: str) -> Any:
    assert r.status_code == status, r.text
    assert r.json()["error"] == code, r.text
    return r.json()["detail"]


async def get_json(client: httpx.AsyncClient, org: Org, path: str) -> Any:
    r = await client.get(f"/api/v1{path}", headers=org.headers)
    assert r.status_code == 200, r.text
    return r.json()


async def submitted(client: httpx.AsyncClient, org: Org, **vendor_kw: Any) -> tuple[Sent, str, dict[str, Any]]:
    """An assessment the vendor answered well and submitted: (sent, portal token, staff view)."""
    sent = await send(client, org, **vendor_kw)
    token = await portal_token(client, sent.token)
    await answer_everything(client, token, sent.assessment)
    r = await client.post(f"/api/v1/portal/assessments/{sent.assessment['id']}/submit", headers=auth(token))
    assert r.status_code == 200, r.text
    return sent, token, await get_json(client, org, f"/assessments/{sent.assessment['id']}")


async def decide(client: httpx.AsyncClient, org: Org, assessment: dict[str, Any], action: str) -> httpx.Response:
    fresh = await get_json(client, org, f"/assessments/{assessment['id']}")
    return await client.post(
        f"/api/v1/assessments/{assessment['id']}/{action}", json={"version": fresh["version"]}, headers=org.headers
    )


# --- template versions ------------------------------------------------------------------------------------------


async def builtin(client: httpx.AsyncClient, org: Org, key: str = "selection-review") -> dict[str, Any]:
    return dict(await get_json(client, org, f"/questionnaires/{await template_id(client, org, key)}"))


async def test_editing_a_published_builtin_starts_version_2_and_sent_assessments_keep_version_1(
    client: httpx.AsyncClient,
) -> None:
    org = await register(client)
    q = await builtin(client, org)
    assert q["published"]["number"] == 1 and q["draft"] is None
    v1 = await get_json(client, org, f"/questionnaires/{q['id']}/versions/{q['published']['id']}")
    vendor, contact = await vendor_with_contact(client, org)
    before = await create_assessment(client, org, vendor["id"])

    edited = v1["definition"]
    edited["sections"][0]["questions"].append(
        {"key": "added_in_v2", "type": "yes_no_na", "text": {"ja": "追加の質問", "en": "An added question"}}
    )
    r = await client.put(f"/api/v1/questionnaires/{q['id']}/draft", json={"definition": edited}, headers=org.headers)
    assert r.status_code == 200, r.text
    q = r.json()
    assert (q["draft"]["number"], q["published"]["number"]) == (2, 1)
    assert [(v["number"], v["status"]) for v in q["versions"]] == [(2, "draft"), (1, "published")]
    # A draft is not used yet.
    while_drafting = await create_assessment(client, org, vendor["id"])
    assert while_drafting["questionnaire_version_number"] == 1

    r = await client.post(
        f"/api/v1/questionnaires/{q['id']}/publish", json={"draft_version": q["draft"]["version"]}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    assert r.json()["published"]["number"] == 2 and r.json()["draft"] is None
    after = await create_assessment(client, org, vendor["id"])
    assert after["questionnaire_version_number"] == 2
    assert "added_in_v2" in {x["key"] for x in questions(after["definition"])}

    for old in (before, while_drafting):
        kept = await get_json(client, org, f"/assessments/{old['id']}")
        assert kept["questionnaire_version_number"] == 1
        assert "added_in_v2" not in {x["key"] for x in questions(kept["definition"])}
    # The vendor answers the version it was sent.
    r = await client.post(
        f"/api/v1/assessments/{before['id']}/send", json={"contact_id": contact["id"]}, headers=org.headers
    )
    token = await portal_token(client, r.json()["link"].split("#token=")[1])
    portal = (await client.get(f"/api/v1/portal/assessments/{before['id']}", headers=auth(token))).json()
    assert "added_in_v2" not in {x["key"] for s in portal["sections"] for x in s["questions"]}
    r = await client.put(
        f"/api/v1/portal/assessments/{before['id']}/answers/added_in_v2", json={"value": "yes"}, headers=auth(token)
    )
    assert_error(r, 404, "question_not_found")


async def test_draft_conflicts_name_what_is_wrong(client: httpx.AsyncClient) -> None:
    org = await register(client)
    q = await builtin(client, org)
    url = f"/api/v1/questionnaires/{q['id']}"
    body = {"definition": definition()}

    assert_error(
        await client.put(f"{url}/draft", json={**body, "draft_version": 1}, headers=org.headers), 409, "no_draft"
    )
    assert_error(await client.post(f"{url}/publish", json={"draft_version": 1}, headers=org.headers), 409, "no_draft")
    assert_error(await client.delete(f"{url}/draft", headers=org.headers), 409, "no_draft")

    draft = (await client.put(f"{url}/draft", json=body, headers=org.headers)).json()["draft"]
    assert_error(await client.put(f"{url}/draft", json=body, headers=org.headers), 409, "draft_exists")
    stale = draft["version"] + 5
    r = await client.put(f"{url}/draft", json={**body, "draft_version": stale}, headers=org.headers)
    assert_error(r, 409, "stale_version")
    assert_error(
        await client.post(f"{url}/publish", json={"draft_version": stale}, headers=org.headers), 409, "stale_version"
    )

    # Saving the draft with its version edits it in place and moves its version on.
    renamed = definition(title={"ja": "改訂版", "en": "Revised"})
    r = await client.put(
        f"{url}/draft", json={"definition": renamed, "draft_version": draft["version"]}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    saved = r.json()["draft"]
    assert saved["id"] == draft["id"] and saved["number"] == 2 and saved["title_ja"] == "改訂版"
    assert saved["version"] > draft["version"]
    r = await client.post(f"{url}/publish", json={"draft_version": draft["version"]}, headers=org.headers)
    assert_error(r, 409, "stale_version")


async def test_discarding_a_draft_leaves_the_published_version_in_use(client: httpx.AsyncClient) -> None:
    org = await register(client)
    q = await builtin(client, org)
    url = f"/api/v1/questionnaires/{q['id']}"
    r = await client.put(f"{url}/draft", json={"definition": definition()}, headers=org.headers)
    assert r.json()["draft"]["number"] == 2
    assert (await client.delete(f"{url}/draft", headers=org.headers)).status_code == 204
    q = await get_json(client, org, f"/questionnaires/{q['id']}")
    assert q["draft"] is None and [v["number"] for v in q["versions"]] == [1]
    vendor, _ = await vendor_with_contact(client, org)
    assert (await create_assessment(client, org, vendor["id"]))["questionnaire_version_number"] == 1


async def test_a_template_of_ones_own_is_sent_only_once_published(client: httpx.AsyncClient) -> None:
    org = await register(client)
    r = await client.post("/api/v1/questionnaires", json={"definition": definition()}, headers=org.headers)
    assert r.status_code == 201, r.text
    q = r.json()
    assert q["builtin_key"] is None and q["published"] is None and q["draft"]["number"] == 1
    vendor, _ = await vendor_with_contact(client, org)
    body = {"vendor_id": vendor["id"], "questionnaire_id": q["id"], "kind": "ad_hoc"}
    assert_error(
        await client.post("/api/v1/assessments", json=body, headers=org.headers), 409, "questionnaire_not_published"
    )
    # Its only version cannot be discarded.
    assert (await client.delete(f"/api/v1/questionnaires/{q['id']}/draft", headers=org.headers)).status_code == 409

    r = await client.post(
        f"/api/v1/questionnaires/{q['id']}/publish", json={"draft_version": q["draft"]["version"]}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    r = await client.post("/api/v1/assessments", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    assert r.json()["title"] == "簡易チェック" and [x["key"] for x in questions(r.json()["definition"])] == [
        "policy",
        "training",
        "notes",
    ]
    exported = await client.get(
        f"/api/v1/questionnaires/{q['id']}/versions/{q['draft']['id']}/export", headers=org.headers
    )
    assert exported.status_code == 200 and exported.json()["title"]["ja"] == "簡易チェック"


async def test_an_archived_template_cannot_start_an_assessment(client: httpx.AsyncClient) -> None:
    org = await register(client)
    q = await builtin(client, org)
    sent = await send(client, org)  # sent from this template before it was archived
    stale = await client.patch(
        f"/api/v1/questionnaires/{q['id']}", json={"version": q["version"] + 3, "archived": True}, headers=org.headers
    )
    assert_error(stale, 409, "stale_version")
    r = await client.patch(
        f"/api/v1/questionnaires/{q['id']}", json={"version": q["version"], "archived": True}, headers=org.headers
    )
    assert r.status_code == 200 and r.json()["archived"] is True, r.text

    body = {"vendor_id": sent.vendor["id"], "questionnaire_id": q["id"], "kind": "selection"}
    assert_error(
        await client.post("/api/v1/assessments", json=body, headers=org.headers), 409, "questionnaire_archived"
    )
    in_use = [x["id"] for x in await get_json(client, org, "/questionnaires")]
    archived = [x["id"] for x in await get_json(client, org, "/questionnaires?archived=true")]
    assert q["id"] not in in_use and archived == [q["id"]]
    # What was sent before goes on.
    token = await portal_token(client, sent.token)
    assert (
        await client.get(f"/api/v1/portal/assessments/{sent.assessment['id']}", headers=auth(token))
    ).status_code == 200

    r = await client.patch(
        f"/api/v1/questionnaires/{q['id']}",
        json={"version": r.json()["version"], "archived": False},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    assert (await client.post("/api/v1/assessments", json=body, headers=org.headers)).status_code == 201


def _with_question(**changes: Any) -> dict[str, Any]:
    d = definition()
    d["sections"][0]["questions"][1] = {**d["sections"][0]["questions"][1], **changes}
    return d


@pytest.mark.parametrize(
    ("bad", "says"),
    [
        (
            _with_question(key="policy"),
            "question key policy is used twice",
        ),
        (
            _with_question(options=[{"key": "only", "label": {"ja": "唯一", "en": "Only"}, "score": 1}]),
            "a choice question needs at least two options",
        ),
        (
            _with_question(findings=[{"when": ["monthly"], "severity": "low"}]),
            "a finding rule names unknown options ['monthly']",
        ),
        (
            _with_question(type="text"),
            "only choice questions have options",
        ),
    ],
    ids=["duplicate question keys", "one option", "rule names an unknown option", "options on a text question"],
)
async def test_an_invalid_definition_is_refused(client: httpx.AsyncClient, bad: dict[str, Any], says: str) -> None:
    org = await register(client)
    r = await client.post("/api/v1/questionnaires", json={"definition": bad}, headers=org.headers)
    detail = assert_error(r, 422, "validation_error")
    assert any(says in e["msg"] for e in detail), detail
    q = await builtin(client, org)
    r = await client.put(f"/api/v1/questionnaires/{q['id']}/draft", json={"definition": bad}, headers=org.headers)
    assert_error(r, 422, "validation_error")
    assert (await get_json(client, org, f"/questionnaires/{q['id']}"))["draft"] is None
    assert [x["builtin_key"] for x in await get_json(client, org, "/questionnaires")] == [
        "selection-review",
        "periodic-audit",
        "sme-self-check",
    ]


# --- review -----------------------------------------------------------------------------------------------------


async def test_review_starts_only_from_submitted_and_decisions_need_submitted_or_under_review(
    client: httpx.AsyncClient,
) -> None:
    org = await register(client)
    sent = await send(client, org)
    a = sent.assessment
    for action in ("start-review", "return", "accept"):
        r = await decide(client, org, a, action)
        assert_error(r, 409, "assessment_state")
    token = await portal_token(client, sent.token)
    await answer_everything(client, token, a)
    assert (await get_json(client, org, f"/assessments/{a['id']}"))["status"] == "in_progress"
    for action in ("start-review", "return", "accept"):
        assert_error(await decide(client, org, a, action), 409, "assessment_state")
    r = await client.put(
        f"/api/v1/assessments/{a['id']}/answers/privacy_policy/review",
        json={"return_comment": "x"},
        headers=org.headers,
    )
    assert_error(r, 409, "assessment_state")

    assert (await client.post(f"/api/v1/portal/assessments/{a['id']}/submit", headers=auth(token))).status_code == 200
    view = await get_json(client, org, f"/assessments/{a['id']}")
    assert view["allowed_actions"] == ["start_review", "return", "accept"]
    r = await client.post(f"/api/v1/assessments/{a['id']}/start-review", headers=org.headers)
    assert r.status_code == 200 and r.json()["status"] == "under_review", r.text
    assert r.json()["allowed_actions"] == ["return", "accept"]
    assert_error(
        await client.post(f"/api/v1/assessments/{a['id']}/start-review", headers=org.headers), 409, "assessment_state"
    )
    stale = await client.post(f"/api/v1/assessments/{a['id']}/accept", json={"version": 1}, headers=org.headers)
    assert_error(stale, 409, "stale_version")

    r = await decide(client, org, a, "accept")
    assert r.status_code == 200 and r.json()["status"] == "accepted", r.text
    # After acceptance a new link only lets the vendor follow up its findings; the answers stay as accepted.
    assert r.json()["allowed_actions"] == ["send"]
    for action in ("start-review", "return", "accept"):
        assert_error(await decide(client, org, a, action), 409, "assessment_state")
    r = await client.post(
        f"/api/v1/assessments/{a['id']}/send", json={"contact_id": sent.contact["id"]}, headers=org.headers
    )
    assert r.status_code == 201, r.text
    assert r.json()["assessment"]["status"] == "accepted" and r.json()["assessment"]["reminder_count"] == 0


def years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@pytest.mark.parametrize(("tier", "years"), [("critical", 1), ("high", 1), ("medium", 2), ("low", 3)])
async def test_accepting_sets_validity_by_the_vendors_tier(client: httpx.AsyncClient, tier: str, years: int) -> None:
    org = await register(client)
    sent, _, view = await submitted(client, org)
    vendor = await get_json(client, org, f"/vendors/{sent.vendor['id']}")
    r = await client.put(
        f"/api/v1/vendors/{vendor['id']}/tier-override",
        json={"version": vendor["version"], "tier": tier, "reason": "評価期間の確認"},
        headers=org.headers,
    )
    assert r.status_code == 200 and r.json()["tier"] == tier, r.text
    time_zone = (await get_json(client, org, "/organization"))["time_zone"]

    r = await decide(client, org, view, "accept")
    assert r.status_code == 200, r.text
    today = datetime.now(ZoneInfo(time_zone)).date()
    assert r.json()["valid_until"] == years_later(today, years).isoformat()
    assert r.json()["decided_by_label"] == org.email and r.json()["decided_at"]


# --- findings ---------------------------------------------------------------------------------------------------


async def create_finding(client: httpx.AsyncClient, org: Org, **body: Any) -> httpx.Response:
    return await client.post(
        "/api/v1/findings", json={"severity": "medium", "title": "委託契約書の未締結", **body}, headers=org.headers
    )


async def update_finding(client: httpx.AsyncClient, org: Org, finding: dict[str, Any], **body: Any) -> httpx.Response:
    fresh = await get_json(client, org, f"/findings/{finding['id']}")
    return await client.patch(
        f"/api/v1/findings/{finding['id']}", json={"version": fresh["version"], **body}, headers=org.headers
    )


async def test_a_finding_moves_through_its_lifecycle(client: httpx.AsyncClient) -> None:
    org = await register(client)
    sent = await send(client, org)
    r = await create_finding(
        client,
        org,
        vendor_id=sent.vendor["id"],
        assessment_id=sent.assessment["id"],
        question_key="mfa",
        due_date="2020-01-31",
    )
    assert r.status_code == 201, r.text
    f = r.json()
    assert (f["source"], f["status"], f["question_key"], f["vendor_name"]) == (
        "manual",
        "open",
        "mfa",
        sent.vendor["name"],
    )
    assert f["overdue"] is True and f["closed_at"] is None
    assert set(f["allowed_status_transitions"]) == {"in_remediation", "closed", "risk_accepted"}

    r = await update_finding(client, org, f, status="in_remediation", remediation_plan="MFA を全社導入")
    assert r.status_code == 200 and r.json()["status"] == "in_remediation" and r.json()["closed_at"] is None, r.text
    r = await update_finding(client, org, f, status="closed", resolution="導入を確認")
    assert r.status_code == 200, r.text
    closed = r.json()
    assert closed["closed_at"] and closed["resolution"] == "導入を確認" and closed["overdue"] is False
    assert closed["allowed_status_transitions"] == ["open"]
    assert_error(await update_finding(client, org, f, status="in_remediation"), 409, "invalid_finding_transition")
    r = await update_finding(client, org, f, status="open")
    assert r.status_code == 200, r.text
    assert r.json()["closed_at"] is None and r.json()["resolution"] is None and r.json()["overdue"] is True
    stale = await client.patch(f"/api/v1/findings/{f['id']}", json={"version": 1, "title": "x"}, headers=org.headers)
    assert_error(stale, 409, "stale_version")

    listed = await get_json(client, org, f"/findings?vendor_id={sent.vendor['id']}&status=open&overdue=true")
    assert [x["id"] for x in listed["items"]] == [f["id"]]
    events = await get_json(client, org, f"/audit-events?entity_type=finding&entity_id={f['id']}")
    assert [e["action"] for e in events["items"]] == ["updated", "updated", "updated", "created"]


async def test_a_manual_finding_must_point_at_this_vendors_assessment_and_a_real_question(
    client: httpx.AsyncClient,
) -> None:
    org = await register(client)
    sent = await send(client, org)
    other = await send(client, org, name="株式会社別の委託先")
    r = await create_finding(client, org, vendor_id=sent.vendor["id"], assessment_id=other.assessment["id"])
    assert_error(r, 422, "invalid_reference")
    r = await create_finding(
        client, org, vendor_id=sent.vendor["id"], assessment_id=sent.assessment["id"], question_key="no_such_question"
    )
    detail = assert_error(r, 422, "invalid_reference")
    assert detail[0]["loc"] == ["body", "question_key"]


async def test_accepting_a_risk_needs_a_reason_and_a_manager_or_admin(client: httpx.AsyncClient) -> None:
    org = await register(client)
    vendor, _ = await vendor_with_contact(client, org)
    f = (await create_finding(client, org, vendor_id=vendor["id"])).json()
    viewer, _ = await member_token(client, org, "viewer")
    manager, _ = await member_token(client, org, "manager")
    outsider_org = await register(client)
    outsider = (await get_json(client, outsider_org, "/auth/me"))["user"]

    detail = assert_error(
        await update_finding(client, org, f, status="risk_accepted"), 422, "risk_acceptance_incomplete"
    )
    assert {e["loc"][-1] for e in detail} == {"resolution", "risk_accepted_by_user_id"}
    r = await update_finding(
        client, org, f, status="risk_accepted", resolution="  ", risk_accepted_by_user_id=manager["id"]
    )
    assert [e["loc"][-1] for e in assert_error(r, 422, "risk_acceptance_incomplete")] == ["resolution"]
    r = await update_finding(
        client, org, f, status="risk_accepted", resolution="代替統制あり", risk_accepted_by_user_id=viewer["id"]
    )
    detail = assert_error(r, 422, "risk_acceptance_incomplete")
    assert "manager or administrator" in detail[0]["msg"]
    r = await update_finding(
        client, org, f, status="risk_accepted", resolution="代替統制あり", risk_accepted_by_user_id=outsider["id"]
    )
    assert_error(r, 422, "invalid_reference")
    assert (await get_json(client, org, f"/findings/{f['id']}"))["status"] == "open"

    r = await update_finding(
        client, org, f, status="risk_accepted", resolution="代替統制あり", risk_accepted_by_user_id=manager["id"]
    )
    assert r.status_code == 200, r.text
    accepted = r.json()
    assert accepted["status"] == "risk_accepted" and accepted["risk_accepted_by_user_id"] == manager["id"]
    assert accepted["resolution"] == "代替統制あり" and accepted["closed_at"]
    r = await update_finding(client, org, f, status="open")
    assert r.json()["risk_accepted_by_user_id"] is None and r.json()["closed_at"] is None


async def test_resubmitting_closes_the_finding_whose_answer_changed_and_keeps_the_one_that_stays(
    client: httpx.AsyncClient,
) -> None:
    org = await register(client)
    sent = await send(client, org)
    a_id = sent.assessment["id"]
    token = await portal_token(client, sent.token)
    await answer_everything(client, token, sent.assessment)
    flaggable = [q for q in questions(sent.assessment["definition"]) if q["findings"] and q["type"] == "yes_no_na"]
    fixed, stays = flaggable[0], flaggable[1]
    for q in (fixed, stays):
        r = await client.put(
            f"/api/v1/portal/assessments/{a_id}/answers/{q['key']}", json={"value": "no"}, headers=auth(token)
        )
        assert r.status_code == 200, r.text
    assert (await client.post(f"/api/v1/portal/assessments/{a_id}/submit", headers=auth(token))).status_code == 200
    raised = (await get_json(client, org, f"/findings?assessment_id={a_id}"))["items"]
    assert sorted(f["question_key"] for f in raised) == sorted([fixed["key"], stays["key"]])
    assert {f["source"] for f in raised} == {"answer"}
    assert {f["severity"] for f in raised} == {
        next(rule["severity"] for rule in q["findings"] if "no" in rule["when"]) for q in (fixed, stays)
    }

    assert (await decide(client, org, sent.assessment, "return")).status_code == 200
    r = await client.put(
        f"/api/v1/portal/assessments/{a_id}/answers/{fixed['key']}", json={"value": "yes"}, headers=auth(token)
    )
    assert r.status_code == 200, r.text
    assert (await client.post(f"/api/v1/portal/assessments/{a_id}/submit", headers=auth(token))).status_code == 200

    after = {f["question_key"]: f for f in (await get_json(client, org, f"/findings?assessment_id={a_id}"))["items"]}
    assert len(after) == 2 == (await get_json(client, org, f"/findings?assessment_id={a_id}"))["total"]
    assert after[fixed["key"]]["status"] == "closed" and after[fixed["key"]]["closed_at"]
    assert after[fixed["key"]]["resolution"]
    assert after[stays["key"]]["status"] == "open"
    assert after[stays["key"]]["id"] == next(f["id"] for f in raised if f["question_key"] == stays["key"])
    assert (await get_json(client, org, f"/assessments/{a_id}"))["open_findings"] == 1


async def test_the_vendor_proposes_a_plan_in_the_portal_and_staff_see_it(client: httpx.AsyncClient) -> None:
    org = await register(client)
    sent = await send(client, org)
    a_id = sent.assessment["id"]
    token = await portal_token(client, sent.token)
    await answer_everything(client, token, sent.assessment)
    r = await client.put(f"/api/v1/portal/assessments/{a_id}/answers/mfa", json={"value": "no"}, headers=auth(token))
    assert r.status_code == 200, r.text
    assert (await client.post(f"/api/v1/portal/assessments/{a_id}/submit", headers=auth(token))).status_code == 200
    # Until the reviewer decides, the vendor sees no finding of this assessment.
    assert (await client.get("/api/v1/portal/findings", headers=auth(token))).json() == []
    assert (await decide(client, org, sent.assessment, "return")).status_code == 200

    [finding] = (await client.get("/api/v1/portal/findings", headers=auth(token))).json()
    assert finding["question_key"] == "mfa" and finding["vendor_proposed_plan"] is None
    # Reworking the returned answers (the assessment goes back to in progress) keeps the findings in sight.
    r = await client.put(f"/api/v1/portal/assessments/{a_id}/answers/mfa", json={"value": "no"}, headers=auth(token))
    assert r.status_code == 200
    assert [f["id"] for f in (await client.get("/api/v1/portal/findings", headers=auth(token))).json()] == [
        finding["id"]
    ]
    r = await client.put(
        f"/api/v1/portal/findings/{finding['id']}/plan",
        json={"plan": "6月末までに全員へ MFA を導入します"},
        headers=auth(token),
    )
    assert r.status_code == 200 and r.json()["vendor_proposed_plan"] == "6月末までに全員へ MFA を導入します", r.text

    staff = await get_json(client, org, f"/findings/{finding['id']}")
    assert staff["vendor_proposed_plan"] == "6月末までに全員へ MFA を導入します" and staff["remediation_plan"] is None
    [event] = (await get_json(client, org, f"/audit-events?entity_id={finding['id']}&action=plan_proposed"))["items"]
    assert event["actor_type"] == "vendor_contact" and event["actor_id"] == sent.contact["id"]

    r = await update_finding(client, org, staff, status="closed")
    assert r.status_code == 200, r.text
    r = await client.put(f"/api/v1/portal/findings/{finding['id']}/plan", json={"plan": "追記"}, headers=auth(token))
    assert_error(r, 409, "conflict")


# --- roles ------------------------------------------------------------------------------------------------------


async def test_a_viewer_reads_assessments_but_cannot_change_them(client: httpx.AsyncClient) -> None:
    org = await register(client)
    sent, _, view = await submitted(client, org)
    _, token = await member_token(client, org, "viewer")
    a_id = view["id"]
    finding = (await create_finding(client, org, vendor_id=sent.vendor["id"])).json()
    q = await builtin(client, org)
    for path in (
        "/api/v1/assessments",
        f"/api/v1/assessments/{a_id}",
        f"/api/v1/assessments/{a_id}/invitations",
        f"/api/v1/assessments/{a_id}/export",
        "/api/v1/findings",
        f"/api/v1/findings/{finding['id']}",
        "/api/v1/questionnaires",
        f"/api/v1/questionnaires/{q['id']}",
    ):
        assert (await client.get(path, headers=auth(token))).status_code == 200, path
    for method, path, body in (
        (
            "POST",
            "/api/v1/assessments",
            {"vendor_id": sent.vendor["id"], "questionnaire_id": q["id"], "kind": "periodic"},
        ),
        ("PATCH", f"/api/v1/assessments/{a_id}", {"version": view["version"], "title": "x"}),
        ("POST", f"/api/v1/assessments/{a_id}/start-review", None),
        ("POST", f"/api/v1/assessments/{a_id}/accept", {"version": view["version"]}),
        ("POST", f"/api/v1/assessments/{a_id}/return", {"version": view["version"]}),
        ("PUT", f"/api/v1/assessments/{a_id}/answers/mfa/review", {"reviewer_note": "x"}),
        ("POST", "/api/v1/findings", {"vendor_id": sent.vendor["id"], "severity": "low", "title": "x"}),
        ("PATCH", f"/api/v1/findings/{finding['id']}", {"version": finding["version"], "status": "closed"}),
        ("POST", "/api/v1/questionnaires", {"definition": definition()}),
        ("PUT", f"/api/v1/questionnaires/{q['id']}/draft", {"definition": definition()}),
        ("PATCH", f"/api/v1/questionnaires/{q['id']}", {"version": q["version"], "archived": True}),
    ):
        r = await client.request(method, path, json=body, headers=auth(token))
        assert_error(r, 403, "forbidden")
    after = await get_json(client, org, f"/assessments/{a_id}")
    assert after["status"] == "submitted" and after["version"] == view["version"]


async def test_a_read_only_api_key_lists_assessments_and_findings_but_cannot_write(client: httpx.AsyncClient) -> None:
    org = await register(client)
    sent = await send(client, org)
    await create_finding(client, org, vendor_id=sent.vendor["id"])
    key = auth((await api_key(client, org, ["read"]))["key"])
    r = await client.get("/api/v1/assessments", headers=key)
    assert r.status_code == 200 and [a["id"] for a in r.json()["items"]] == [sent.assessment["id"]]
    r = await client.get("/api/v1/findings", headers=key)
    assert r.status_code == 200 and r.json()["total"] == 1
    assert len((await client.get("/api/v1/questionnaires", headers=key)).json()) == 3
    r = await client.post(
        "/api/v1/assessments",
        json={"vendor_id": sent.vendor["id"], "questionnaire_id": await template_id(client, org), "kind": "periodic"},
        headers=key,
    )
    assert_error(r, 403, "forbidden")


# --- the register's assessment filters ------------------------------------------------------------------------


async def vendor_names(client: httpx.AsyncClient, org: Org, **params: Any) -> set[str]:
    r = await client.get("/api/v1/vendors", params={"size": 100, **params}, headers=org.headers)
    assert r.status_code == 200, r.text
    return {v["name"] for v in r.json()["items"]}


async def test_the_register_lists_vendors_with_an_overdue_assessment(client: httpx.AsyncClient) -> None:
    org = await register(client)

    async def vendor_sent(name: str, due: str) -> tuple[Sent, dict[str, Any]]:
        vendor, contact = await vendor_with_contact(client, org, name=name)
        a = await create_assessment(client, org, vendor["id"], due_date=due)
        r = await client.post(
            f"/api/v1/assessments/{a['id']}/send", json={"contact_id": contact["id"]}, headers=org.headers
        )
        assert r.status_code == 201, r.text
        return Sent(vendor, contact, r.json()["assessment"], r.json()["link"]), a

    late, _ = await vendor_sent("遅延株式会社", "2020-03-31")
    await vendor_sent("期限内株式会社", "2099-03-31")
    answered, _ = await vendor_sent("回答済株式会社", "2020-03-31")
    token = await portal_token(client, answered.token)
    await answer_everything(client, token, answered.assessment)
    r = await client.post(f"/api/v1/portal/assessments/{answered.assessment['id']}/submit", headers=auth(token))
    assert r.status_code == 200, r.text
    vendor, _ = await vendor_with_contact(client, org, name="未送付株式会社")
    await create_assessment(client, org, vendor["id"], due_date="2020-03-31")  # a draft, not with the vendor

    assert await vendor_names(client, org, assessment_overdue="true") == {"遅延株式会社"}
    assert await vendor_names(client, org, assessment_overdue="false") == {
        "期限内株式会社",
        "回答済株式会社",
        "未送付株式会社",
    }
    overdue = await get_json(client, org, "/assessments?overdue=true")
    assert [a["id"] for a in overdue["items"]] == [late.assessment["id"]] and overdue["items"][0]["overdue"] is True


async def test_the_register_lists_entrusted_vendors_without_an_accepted_selection_review(
    client: httpx.AsyncClient,
) -> None:
    org = await register(client)

    async def activate(vendor_id: str) -> None:
        for status in ("under_review", "approved", "active"):
            v = await get_json(client, org, f"/vendors/{vendor_id}")
            r = await client.patch(
                f"/api/v1/vendors/{vendor_id}", json={"version": v["version"], "status": status}, headers=org.headers
            )
            assert r.status_code == 200, r.text

    reviewed, _, view = await submitted(client, org, name="審査済株式会社")
    assert (await decide(client, org, view, "accept")).status_code == 200
    await activate(reviewed.vendor["id"])
    # Submitted but not yet accepted does not count.
    pending, _, _ = await submitted(client, org, name="審査中株式会社")
    await activate(pending.vendor["id"])
    # An accepted periodic audit is not a selection review.
    vendor, contact = await vendor_with_contact(client, org, name="定期監査のみ株式会社")
    a = await create_assessment(client, org, vendor["id"], "periodic-audit", kind="periodic")
    r = await client.post(
        f"/api/v1/assessments/{a['id']}/send", json={"contact_id": contact["id"]}, headers=org.headers
    )
    token = await portal_token(client, r.json()["link"].split("#token=")[1])
    await answer_everything(client, token, a)
    assert (await client.post(f"/api/v1/portal/assessments/{a['id']}/submit", headers=auth(token))).status_code == 200
    assert (await decide(client, org, a, "accept")).status_code == 200
    await activate(vendor["id"])
    await vendor_with_contact(client, org, name="候補株式会社")  # a candidate: not entrusted yet

    assert await vendor_names(client, org, no_selection_review="true") == {"審査中株式会社", "定期監査のみ株式会社"}
    assert await vendor_names(client, org, no_selection_review="false") == {"審査済株式会社"}


# --- the offline workbook ---------------------------------------------------------------------------------------

EVERY_TYPE = definition(
    sections=[
        {
            "key": "all",
            "title": {"ja": "全形式", "en": "Every type"},
            "questions": [
                {"key": "policy", "type": "yes_no_na", "text": {"ja": "方針", "en": "Policy"}},
                {
                    "key": "training",
                    "type": "single_choice",
                    "text": {"ja": "教育", "en": "Training"},
                    "options": [
                        {"key": "yearly", "label": {"ja": "毎年実施", "en": "Yearly"}, "score": 1},
                        {"key": "never", "label": {"ja": "実施なし", "en": "Never"}, "score": 0},
                    ],
                },
                {
                    "key": "controls",
                    "type": "multiple_choice",
                    "text": {"ja": "対策", "en": "Controls"},
                    "options": [
                        {"key": "mfa", "label": {"ja": "多要素認証", "en": "MFA"}, "score": 1},
                        {"key": "logging", "label": {"ja": "ログ監視", "en": "Logging"}, "score": 1},
                        {"key": "backup", "label": {"ja": "バックアップ", "en": "Backups"}, "score": 1},
                    ],
                },
                {"key": "staff", "type": "number", "text": {"ja": "従業員数", "en": "Staff"}},
                {"key": "reviewed_on", "type": "date", "text": {"ja": "見直し日", "en": "Reviewed on"}},
                {"key": "notes", "type": "text", "text": {"ja": "補足", "en": "Notes"}},
                {"key": "policy_copy", "type": "file", "text": {"ja": "規程の写し", "en": "Copy of the policy"}},
            ],
        }
    ]
)
# What a vendor types in the Japanese workbook (option labels, as shown to it), and what that must store.
TYPED = {
    "policy": "はい",
    "training": "毎年実施",
    "controls": "多要素認証、バックアップ",
    "staff": 120,
    "reviewed_on": "2026-04-01",
    "notes": "ISMS の運用規程に従っています",
}
STORED = {
    "policy": "yes",
    "training": "yearly",
    "controls": ["mfa", "backup"],
    "staff": 120,
    "reviewed_on": "2026-04-01",
    "notes": "ISMS の運用規程に従っています",
}


async def every_type_assessment(client: httpx.AsyncClient, org: Org) -> tuple[Sent, str]:
    r = await client.post("/api/v1/questionnaires", json={"definition": EVERY_TYPE}, headers=org.headers)
    q = r.json()
    r = await client.post(
        f"/api/v1/questionnaires/{q['id']}/publish", json={"draft_version": q["draft"]["version"]}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    vendor, contact = await vendor_with_contact(client, org, name="株式会社オフライン回答")
    r = await client.post(
        "/api/v1/assessments",
        json={"vendor_id": vendor["id"], "questionnaire_id": q["id"], "kind": "selection"},
        headers=org.headers,
    )
    a = r.json()
    r = await client.post(
        f"/api/v1/assessments/{a['id']}/send", json={"contact_id": contact["id"]}, headers=org.headers
    )
    sent = Sent(vendor, contact, r.json()["assessment"], r.json()["link"])
    return sent, await portal_token(client, sent.token)


async def export(client: httpx.AsyncClient, org: Org, assessment_id: str) -> bytes:
    r = await client.get(f"/api/v1/assessments/{assessment_id}/export", params={"lang": "ja"}, headers=org.headers)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return r.content


def fill(data: bytes, typed: dict[str, Any]) -> tuple[bytes, dict[str, int]]:
    """Type answers into the 回答 column, as the vendor does in Excel; returns the file and each key's row."""
    wb = load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    header_row, header = next((i, r) for i, r in enumerate(ws.iter_rows(values_only=True), 1) if "question_key" in r)
    columns = {title: i for i, title in enumerate(header, 1)}
    rows = {
        str(ws.cell(r, columns["question_key"]).value): r
        for r in range(header_row + 1, ws.max_row + 1)
        if ws.cell(r, columns["question_key"]).value
    }
    for key, value in typed.items():
        ws.cell(rows[key], columns["回答"]).value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), rows


async def import_workbook(client: httpx.AsyncClient, org: Org, assessment_id: str, data: bytes) -> httpx.Response:
    return await client.post(
        f"/api/v1/assessments/{assessment_id}/import",
        files={"file": ("回答.xlsx", data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")},
        headers=org.headers,
    )


def stored_values(view: dict[str, Any]) -> dict[str, Any]:
    return {x["question_key"]: x["value"] for x in view["answers"] if x["value"] is not None}


async def test_a_filled_workbook_round_trips_and_submits_once_the_evidence_is_there(client: httpx.AsyncClient) -> None:
    org = await register(client)
    sent, token = await every_type_assessment(client, org)
    a_id = sent.assessment["id"]
    filled, _ = fill(await export(client, org, a_id), TYPED)

    r = await import_workbook(client, org, a_id, filled)
    assert r.status_code == 200, r.text
    assert (r.json()["updated"], r.json()["submitted"], r.json()["missing"]) == (len(TYPED), False, ["policy_copy"])
    view = r.json()["assessment"]
    assert view["status"] == "in_progress" and stored_values(view) == STORED
    assert all(x["answered_by_label"] == f"{org.email} (XLSX import)" for x in view["answers"])

    r = await client.post(
        f"/api/v1/portal/assessments/{a_id}/answers/policy_copy/evidence",
        files={"file": ("規程.pdf", PDF, "application/pdf")},
        headers=auth(token),
    )
    assert r.status_code == 201, r.text
    r = await import_workbook(client, org, a_id, filled)
    assert r.status_code == 200, r.text
    assert (r.json()["updated"], r.json()["submitted"], r.json()["missing"]) == (0, True, [])
    view = r.json()["assessment"]
    assert view["status"] == "submitted" and stored_values(view) == STORED
    # policy and training at their best; in the multiple choice any one control is the best option (1 of 1).
    assert view["score"] == round(100 * (1 + 1 + 1) / 3, 1)
    # The exported workbook now carries the answers, in the labels the vendor typed.
    again, _ = fill(await export(client, org, a_id), {})
    wb = load_workbook(io.BytesIO(again))
    assert "毎年実施" in [c.value for row in wb.worksheets[0].iter_rows() for c in row]
    assert_error(await import_workbook(client, org, a_id, filled), 409, "answers_frozen")


async def test_a_workbook_with_an_invalid_answer_writes_nothing_and_names_the_row(client: httpx.AsyncClient) -> None:
    org = await register(client)
    sent, token = await every_type_assessment(client, org)
    a_id = sent.assessment["id"]
    r = await client.put(f"/api/v1/portal/assessments/{a_id}/answers/policy", json={"value": "no"}, headers=auth(token))
    assert r.status_code == 200, r.text
    before = await get_json(client, org, f"/assessments/{a_id}")

    filled, rows = fill(await export(client, org, a_id), {**TYPED, "training": "たまに"})
    problems = assert_error(await import_workbook(client, org, a_id, filled), 422, "workbook_invalid")
    assert [(p["row"], p["question_key"], p["code"]) for p in problems] == [
        (rows["training"], "training", "invalid_answer")
    ]
    assert "毎年実施" in problems[0]["message"]
    after = await get_json(client, org, f"/assessments/{a_id}")
    assert stored_values(after) == stored_values(before) == {"policy": "no"}
    assert after["version"] == before["version"] and after["status"] == before["status"]


async def test_a_workbook_of_another_assessment_is_refused(client: httpx.AsyncClient) -> None:
    org = await register(client)
    sent, _ = await every_type_assessment(client, org)
    other, _ = await every_type_assessment(client, org)
    filled, _ = fill(await export(client, org, other.assessment["id"]), TYPED)
    problems = assert_error(await import_workbook(client, org, sent.assessment["id"], filled), 422, "workbook_invalid")
    assert [p["code"] for p in problems] == ["wrong_assessment"]
    assert (await get_json(client, org, f"/assessments/{sent.assessment['id']}"))["answers"] == []
    r = await import_workbook(client, org, sent.assessment["id"], b"PK\x03\x04 not really a workbook")
    assert [p["code"] for p in assert_error(r, 422, "workbook_invalid")] == ["not_a_workbook"]


async def test_a_flag_that_stays_is_not_raised_again_beside_its_open_finding(client: httpx.AsyncClient) -> None:
    """A finding closed by the reviewer while the answer still flags it is raised anew on resubmission; after that,
    the open one is the finding of record, however the closed one was edited since."""
    org = await register(client)
    sent = await send(client, org)
    a_id = sent.assessment["id"]
    token = await portal_token(client, sent.token)
    await answer_everything(client, token, sent.assessment)
    r = await client.put(f"/api/v1/portal/assessments/{a_id}/answers/mfa", json={"value": "no"}, headers=auth(token))
    assert r.status_code == 200, r.text

    async def resubmit() -> list[dict[str, Any]]:
        r = await client.post(f"/api/v1/portal/assessments/{a_id}/submit", headers=auth(token))
        assert r.status_code == 200, r.text
        items = (await get_json(client, org, f"/findings?assessment_id={a_id}&sort=created_at"))["items"]
        return list(items)

    [first_raised] = await resubmit()
    assert (
        await update_finding(client, org, first_raised, status="closed", resolution="説明で了承")
    ).status_code == 200
    assert (await decide(client, org, sent.assessment, "return")).status_code == 200
    closed, reraised = await resubmit()
    assert (closed["id"], closed["status"], reraised["status"]) == (first_raised["id"], "closed", "open")

    # The reviewer reopens the closed finding and closes it again (on PostgreSQL that moves its row behind the
    # re-raised one); the answer still flags the question.
    assert (await update_finding(client, org, closed, status="open")).status_code == 200
    assert (await update_finding(client, org, closed, status="closed", resolution="説明で了承")).status_code == 200
    assert (await decide(client, org, sent.assessment, "return")).status_code == 200
    after = await resubmit()
    assert [(f["id"], f["status"]) for f in after] == [(closed["id"], "closed"), (reraised["id"], "open")]

    # Fixing the answer closes the open one.
    assert (await decide(client, org, sent.assessment, "return")).status_code == 200
    r = await client.put(f"/api/v1/portal/assessments/{a_id}/answers/mfa", json={"value": "yes"}, headers=auth(token))
    assert [f["status"] for f in await resubmit()] == ["closed", "closed"]


async def test_a_flag_whose_risk_was_accepted_is_not_raised_again(client: httpx.AsyncClient) -> None:
    org = await register(client)
    sent = await send(client, org)
    a_id = sent.assessment["id"]
    token = await portal_token(client, sent.token)
    await answer_everything(client, token, sent.assessment)
    r = await client.put(f"/api/v1/portal/assessments/{a_id}/answers/mfa", json={"value": "no"}, headers=auth(token))
    assert r.status_code == 200, r.text
    assert (await client.post(f"/api/v1/portal/assessments/{a_id}/submit", headers=auth(token))).status_code == 200
    [raised] = (await get_json(client, org, f"/findings?assessment_id={a_id}"))["items"]
    me = (await get_json(client, org, "/auth/me"))["user"]
    accepted = await update_finding(
        client, org, raised, status="risk_accepted", resolution="VPN 内からのみ接続", risk_accepted_by_user_id=me["id"]
    )
    assert accepted.status_code == 200, accepted.text
    assert (await decide(client, org, sent.assessment, "return")).status_code == 200
    assert (await client.post(f"/api/v1/portal/assessments/{a_id}/submit", headers=auth(token))).status_code == 200
    after = (await get_json(client, org, f"/findings?assessment_id={a_id}"))["items"]
    assert [(f["id"], f["status"]) for f in after] == [(raised["id"], "risk_accepted")]
