"""The iCalendar feed (issue 7/7): a secret address per user that a calendar app reads without signing in; the
feed parses with a maintained iCalendar library, and a revoked address answers 404."""

import httpx
import icalendar

from itaku.core.models import utcnow
from tests.builders import auth, member_token, register
from tests.test_monitoring import monitored_vendor


async def test_the_feed_parses_and_a_revoked_address_answers_404(client: httpx.AsyncClient) -> None:
    org = await register(client)
    vendor = await monitored_vendor(client, org, "critical")
    r = await client.post(
        "/api/v1/incidents",
        json={
            "vendor_id": vendor["id"],
            "title": "給与明細の誤送信",
            "aware_at": utcnow().isoformat(),
            "wrongful_intent_possible": True,
        },
        headers=org.headers,
    )
    assert r.status_code == 201, r.text

    r = await client.post("/api/v1/calendar-feeds", headers=org.headers)
    assert r.status_code == 201, r.text
    created = r.json()
    path = created["url"].split("127.0.0.1:8000", 1)[-1].split("itaku.example.com", 1)[-1]
    assert path.startswith("/api/v1/calendar/") and path.endswith(".ics")

    r = await client.get(path)  # no Authorization: the address is the secret
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/calendar"), r.text
    cal = icalendar.Calendar.from_ical(r.content)
    events = list(cal.walk("VEVENT"))
    items = (
        await client.get(
            "/api/v1/monitoring-items", params={"vendor_id": vendor["id"], "size": 100}, headers=org.headers
        )
    ).json()["items"]
    monitoring = [e for e in events if str(e["uid"]).startswith("monitoring-")]
    assert {str(e["uid"]) for e in monitoring} == {f"monitoring-{i['id']}@itaku" for i in items}
    first = next(e for e in monitoring if str(e["uid"]) == f"monitoring-{items[0]['id']}@itaku")
    assert first.decoded("dtstart").isoformat() == items[0]["due_date"]
    assert str(first["summary"]) == f"{vendor['name']}: {items[0]['title']['ja']}"
    deadlines = [e for e in events if str(e["uid"]).startswith("obligation-")]
    assert any("確報" in str(e["summary"]) for e in deadlines)  # the incident's final report

    # Someone else's feed is not theirs to revoke; the owner revokes it and the address is gone.
    _, token = await member_token(client, org, "manager")
    assert (await client.delete(f"/api/v1/calendar-feeds/{created['id']}", headers=auth(token))).status_code == 404
    r = await client.delete(f"/api/v1/calendar-feeds/{created['id']}", headers=org.headers)
    assert r.status_code == 200 and r.json()["revoked_at"], r.text
    r = await client.get(path)
    assert r.status_code == 404 and r.json()["error"] == "calendar_feed_not_found"
    assert (await client.get("/api/v1/calendar/" + "x" * 43 + ".ics")).status_code == 404
