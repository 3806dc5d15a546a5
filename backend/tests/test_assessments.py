import httpx

from tests.assessment_builders import answer_everything, portal_token, sample_value, send
from tests.builders import auth, register


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
        f"/api/v1/assessments/{body['id']}/return", json={"version": r.json()["version"], "comment": "一点修正を"},
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
    r = await client.post(
        f"/api/v1/assessments/{body['id']}/accept", json={"version": staff["version"]}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "accepted" and r.json()["valid_until"]
