"""Vendor incidents over HTTP: obligations recomputed from the facts (REGULATION.md §1.2, §1.5, §1.6), the vendor's
notice against its contract (issue 5/7), the checklist, the timeline and the status rules."""

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from itaku.incidents import obligations
from itaku.regulation import rules
from tests.builders import Org, register

AWARE = "2025-04-01T10:00:00+09:00"


async def vendor_with_contract(client: httpx.AsyncClient, org: Org, notice_hours: int | None = 24) -> dict[str, str]:
    r = await client.post("/api/v1/vendors", json={"name": "株式会社アルバム印刷"}, headers=org.headers)
    vendor_id = r.json()["id"]
    r = await client.post(
        f"/api/v1/vendors/{vendor_id}/processing",
        json={
            "service": "卒業アルバム制作",
            "data_categories": ["ordinary", "children"],
            "persons_estimate": 5000,
            "access_type": "remote",
        },
        headers=org.headers,
    )
    processing_id = r.json()["id"]
    clauses = (
        [{"requirement_key": "incident_reporting", "values": {"notice_hours": notice_hours}}] if notice_hours else []
    )
    r = await client.post(
        "/api/v1/contracts",
        json={"vendor_id": vendor_id, "title": "アルバム制作委託契約", "status": "active", "clauses": clauses},
        headers=org.headers,
    )
    assert r.status_code == 201, r.text
    return {"vendor_id": vendor_id, "processing_id": processing_id, "contract_id": r.json()["id"]}


async def create(client: httpx.AsyncClient, org: Org, **body: Any) -> dict[str, Any]:
    r = await client.post(
        "/api/v1/incidents", json={"title": "ランサムウェア被害", "aware_at": AWARE, **body}, headers=org.headers
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


def ours(incident: dict[str, Any], kind: str, jurisdiction: str = "JP-APPI") -> dict[str, Any]:
    return next(
        o
        for o in incident["obligations"]
        if o["kind"] == kind and o["jurisdiction"] == jurisdiction and o["party"] == "principal"
    )


async def patch(client: httpx.AsyncClient, org: Org, incident: dict[str, Any], **body: Any) -> httpx.Response:
    return await client.patch(
        f"/api/v1/incidents/{incident['id']}", json={"version": incident["version"], **body}, headers=org.headers
    )


async def test_marking_wrongful_intent_moves_the_final_report_from_30_to_60_days(client: httpx.AsyncClient) -> None:
    org = await register(client)
    v = await vendor_with_contract(client, org)
    incident = await create(
        client,
        org,
        vendor_id=v["vendor_id"],
        processing_ids=[v["processing_id"]],
        data_categories=["ordinary", "children"],
        affected_persons_estimate=800,
        affected_persons_max=1500,
    )
    assert incident["status"] == "suspected" and incident["contract_id"] == v["contract_id"]  # the only active one
    assert incident["reportable"] is True and incident["triggers"] == ["over_threshold"]  # §1.2 cat 4: 1,500
    assert ours(incident, "regulator_final_report")["due_date"] == "2025-04-30"  # §1.6: 30 days, day 1 = 04-01
    prelim = ours(incident, "regulator_preliminary_report")
    assert (prelim["target_date"], prelim["due_date"]) == ("2025-04-04", "2025-04-06")
    assert prelim["status"] == "overdue"  # long past, and not done
    today = datetime.now(ZoneInfo("Asia/Tokyo")).date()  # the organisation's zone
    assert prelim["days_left"] == (date(2025, 4, 6) - today).days < 0
    assert prelim["legal_basis"] == {
        "ja": prelim["legal_reference"],
        "en": "APPI Art. 26; APPI Enforcement Rules (preliminary report: Rules Art. 8(1))",
    }

    r = await patch(client, org, incident, wrongful_intent_possible=True)
    assert r.status_code == 200, r.text
    updated = r.json()
    assert updated["triggers"] == ["wrongful_intent", "over_threshold"]
    assert ours(updated, "regulator_final_report")["due_date"] == "2025-05-30"  # §1.6: 60 days for category 3
    events = (await client.get(f"/api/v1/incidents/{incident['id']}/events", headers=org.headers)).json()
    assert [e["kind"] for e in events] == ["created", "updated"]
    assert events[1]["changes"]["after"] == {"wrongful_intent_possible": True}


async def test_the_vendors_notice_is_judged_against_its_contract(client: httpx.AsyncClient) -> None:
    org = await register(client)
    v = await vendor_with_contract(client, org, notice_hours=24)
    incident = await create(
        client,
        org,
        vendor_id=v["vendor_id"],
        wrongful_intent_possible=True,
        vendor_discovered_at="2025-03-31T09:00:00+09:00",
        vendor_notified_at="2025-04-01T10:00:00+09:00",
        aware_at="2025-04-02T09:00:00+09:00",  # recorded a day later than the notice came
    )
    notice = incident["vendor_notice"]
    assert (notice["contract_hours"], notice["hours_taken"], notice["met"]) == (24, 25.0, False)
    # We knew when the notice reached us, whatever was entered later (§1.5 (3)).
    assert datetime.fromisoformat(incident["effective_aware_at"]) == datetime.fromisoformat("2025-04-01T10:00:00+09:00")
    assert ours(incident, "regulator_final_report")["due_date"] == "2025-05-30"
    vendor_side = next(o for o in incident["obligations"] if o["party"] == "vendor")
    assert (vendor_side["kind"], vendor_side["status"]) == ("notify_principal", "done")

    in_time = await create(
        client,
        org,
        vendor_id=v["vendor_id"],
        wrongful_intent_possible=True,
        vendor_discovered_at="2025-03-31T09:00:00+09:00",
        vendor_notified_at="2025-03-31T20:00:00+09:00",
    )
    assert (in_time["vendor_notice"]["hours_taken"], in_time["vendor_notice"]["met"]) == (11.0, True)


async def test_the_checklist_must_be_settled_before_closing(client: httpx.AsyncClient) -> None:
    org = await register(client)
    v = await vendor_with_contract(client, org)
    incident = await create(client, org, vendor_id=v["vendor_id"], data_categories=["special_care"])
    r = await patch(client, org, incident, status="closed")
    assert r.status_code == 409 and r.json()["error"] == "invalid_incident_status_transition"  # suspected → closed
    r = await patch(client, org, incident, status="contained")
    assert r.status_code == 200
    incident = r.json()
    r = await patch(client, org, incident, status="closed")
    assert r.status_code == 409 and r.json()["error"] == "obligations_open"

    for o in [o for o in incident["obligations"] if o["party"] == "principal"]:
        body: dict[str, Any] = {"version": o["version"]}
        if o["kind"] == "notify_individuals":
            body["waived_reason"] = "連絡先不明のため公表で代替（2025-04-10）"
        else:
            body |= {"done_at": "2025-04-03T15:00:00+09:00", "reference": "PPC-2025-0412"}
        r = await client.patch(
            f"/api/v1/incidents/{incident['id']}/obligations/{o['id']}", json=body, headers=org.headers
        )
        assert r.status_code == 200, r.text
        incident = r.json()
    statuses = {o["kind"]: o["status"] for o in incident["obligations"] if o["party"] == "principal"}
    assert statuses == {
        "regulator_preliminary_report": "done",
        "regulator_final_report": "done",
        "notify_individuals": "not_required",
    }
    assert ours(incident, "regulator_final_report")["reference"] == "PPC-2025-0412"
    r = await patch(client, org, incident, status="closed")
    assert r.status_code == 200, r.text
    assert r.json()["closed_at"] is not None and r.json()["next_deadline"] is None


async def test_facts_that_remove_the_trigger_leave_the_obligation_not_required(client: httpx.AsyncClient) -> None:
    org = await register(client)
    v = await vendor_with_contract(client, org)
    incident = await create(client, org, vendor_id=v["vendor_id"], financial_damage_possible=True)
    assert incident["reportable"] is True
    r = await patch(client, org, incident, strongly_encrypted=True)
    after = r.json()
    assert after["reportable"] is False
    assert {o["status"] for o in after["obligations"] if o["party"] == "principal"} == {"not_required"}
    assert "規則7条1号" in after["evaluations"][0]["notes"][0]["ja"]
    r = await patch(client, org, after, status="not_a_breach")
    assert r.json()["status"] == "not_a_breach"


async def test_my_number_data_adds_the_my_number_rules(client: httpx.AsyncClient) -> None:
    org = await register(client)
    v = await vendor_with_contract(client, org)
    incident = await create(
        client, org, vendor_id=v["vendor_id"], data_categories=["my_number"], affected_persons_max=150
    )
    by_jurisdiction = {e["jurisdiction"]: e for e in incident["evaluations"]}
    assert by_jurisdiction["JP-APPI"]["reportable"] is False  # 150 is not more than 1,000 (§1.2)
    assert by_jurisdiction["JP-MYNUMBER"]["triggers"] == ["over_threshold"]  # more than 100 (§1.11(a))
    assert ours(incident, "regulator_final_report", "JP-MYNUMBER")["due_date"] == "2025-04-30"


async def test_bad_incidents_are_refused_and_nothing_is_kept(client: httpx.AsyncClient) -> None:
    org = await register(client)
    v = await vendor_with_contract(client, org)
    other = await vendor_with_contract(client, org)
    cases = [
        ({"occurred_at": "2025-04-02T00:00:00+09:00"}, "aware_at"),  # known before it happened
        (
            {"vendor_discovered_at": "2025-03-30T00:00:00+09:00", "vendor_notified_at": "2025-03-29T00:00:00+09:00"},
            "vendor_notified_at",
        ),
        ({"aware_at": "2099-01-01T00:00:00+09:00"}, "aware_at"),
        ({"contract_id": other["contract_id"]}, "contract_id"),
        ({"processing_ids": [other["processing_id"]]}, "processing_ids"),
    ]
    for extra, field in cases:
        r = await client.post(
            "/api/v1/incidents",
            json={"vendor_id": v["vendor_id"], "title": "誤送信", "aware_at": AWARE, **extra},
            headers=org.headers,
        )
        assert r.status_code == 422 and r.json()["error"] == "invalid_incident", r.text
        assert field in {p["loc"][-1] for p in r.json()["detail"]}
    r = await client.post(
        "/api/v1/incidents",
        json={"vendor_id": v["vendor_id"], "title": "誤送信", "aware_at": "2025-04-01T10:00:00"},
        headers=org.headers,
    )
    assert r.status_code == 422  # a time without its offset is ambiguous
    r = await client.post(
        "/api/v1/incidents",
        json={
            "vendor_id": v["vendor_id"],
            "title": "誤送信",
            "aware_at": AWARE,
            "affected_persons_estimate": 500,
            "affected_persons_max": 50,
        },
        headers=org.headers,
    )
    assert r.status_code == 422, r.text
    assert [p["loc"] for p in r.json()["detail"]] == [["body", "affected_persons_max"]]
    listed = (await client.get("/api/v1/incidents", headers=org.headers)).json()
    assert listed["total"] == 0


async def test_the_dashboard_shows_open_incidents_and_the_deadlines_of_the_next_14_days(
    client: httpx.AsyncClient,
) -> None:
    from itaku.core.models import utcnow

    org = await register(client)
    v = await vendor_with_contract(client, org)
    fresh = await create(
        client, org, vendor_id=v["vendor_id"], wrongful_intent_possible=True, aware_at=utcnow().isoformat()
    )
    old = await create(client, org, vendor_id=v["vendor_id"], financial_damage_possible=True)  # 2025: all late
    await create(client, org, vendor_id=v["vendor_id"], aware_at=utcnow().isoformat())  # not reportable
    r = await client.get("/api/v1/dashboard", headers=org.headers)
    assert r.status_code == 200, r.text
    board = r.json()
    assert board["open_incidents"] == 3
    listed = {(d["incident_id"], d["kind"]): d for d in board["deadlines"]}
    # The fresh one's preliminary report (5 days) is within 14 days; its 60-day final report is not (§1.6).
    assert (fresh["id"], "regulator_preliminary_report") in listed
    assert (fresh["id"], "regulator_final_report") not in listed
    assert listed[(fresh["id"], "regulator_preliminary_report")]["days_left"] in (4, 5)
    late = [d for d in board["deadlines"] if d["incident_id"] == old["id"]]
    assert {d["kind"] for d in late} == {"regulator_preliminary_report", "regulator_final_report"}
    assert all(d["overdue"] and d["days_left"] < 0 for d in late)
    assert board["deadlines"][0]["incident_id"] == old["id"]  # soonest (late) first


async def test_an_incident_at_a_subcontractor_reaches_the_vendors_that_pass_data_to_it(
    client: httpx.AsyncClient,
) -> None:
    org = await register(client)

    async def vendor(name: str, persons: int) -> str:
        r = await client.post("/api/v1/vendors", json={"name": name}, headers=org.headers)
        vid = r.json()["id"]
        r = await client.post(
            f"/api/v1/vendors/{vid}/processing",
            json={
                "service": "アルバム制作",
                "data_categories": ["children"],
                "persons_estimate": persons,
                "access_type": "remote",
            },
            headers=org.headers,
        )
        assert r.status_code == 201, r.text
        return str(vid)

    album, school, printer = (
        await vendor("アルバム社", 3200),
        await vendor("学校写真社", 800),
        await vendor("印刷所", 0),
    )
    for upstream, downstream in ((album, printer), (school, album)):
        r = await client.post(
            f"/api/v1/vendors/{upstream}/subcontractors",
            json={"subcontractor_id": downstream, "work": "印刷"},
            headers=org.headers,
        )
        assert r.status_code == 201, r.text
    source = await create(client, org, vendor_id=printer, wrongful_intent_possible=True, title="印刷所のランサムウェア")

    r = await client.get(f"/api/v1/incidents/{source['id']}/reach", headers=org.headers)
    assert r.status_code == 200, r.text
    reach = {x["vendor_id"]: x for x in r.json()}
    assert set(reach) == {album, school}
    assert (reach[album]["depth"], reach[album]["path"], reach[album]["persons"]) == (1, ["アルバム社", "印刷所"], 3200)
    assert (reach[school]["depth"], reach[school]["path"]) == (2, ["学校写真社", "アルバム社", "印刷所"])

    r = await client.post(f"/api/v1/incidents/{source['id']}/reach", json={"vendor_ids": [album]}, headers=org.headers)
    assert r.status_code == 201, r.text
    [registered] = r.json()
    assert (registered["vendor_id"], registered["source_incident_id"]) == (album, source["id"])
    assert registered["affected_persons_max"] == 3200 and registered["triggers"] == [
        "wrongful_intent",
        "over_threshold",
    ]
    # Registered once per vendor; a vendor the chain does not reach is refused.
    r = await client.post(f"/api/v1/incidents/{source['id']}/reach", json={"vendor_ids": [album]}, headers=org.headers)
    assert (r.status_code, r.json()) == (201, [])
    r = await client.post(
        f"/api/v1/incidents/{source['id']}/reach", json={"vendor_ids": [printer]}, headers=org.headers
    )
    assert r.status_code == 422 and r.json()["error"] == "invalid_incident"
    r = await client.get(f"/api/v1/incidents/{source['id']}/reach", headers=org.headers)
    assert {x["vendor_id"]: x["incident_id"] for x in r.json()} == {album: registered["id"], school: None}


async def test_the_incident_policy_sets_the_days_the_law_leaves_open(client: httpx.AsyncClient) -> None:
    from tests.builders import auth, member_token

    org = await register(client)
    v = await vendor_with_contract(client, org)
    incident = await create(client, org, vendor_id=v["vendor_id"], wrongful_intent_possible=True)
    policy = (await client.get("/api/v1/incident-policy", headers=org.headers)).json()
    assert (policy["is_default"], policy["preliminary_target_days"], policy["preliminary_due_days"]) == (True, 3, 5)
    assert policy["damages_basic"] == {"low": 3000, "high": 5500}  # REGULATION.md §4.2
    # Each class names the cases its defaults rest on; the sensitive class rests on TBC, ¥35,000 with the fee (§4.2).
    assert set(policy["cases"]) == {"basic", "detailed", "sensitive"}
    assert 35_000 in {c["amount"] for c in policy["cases"]["sensitive"]}

    values = {k: policy[k] for k in policy if k not in ("is_default", "version", "cases")}
    bad = {**values, "preliminary_target_days": 6}
    r = await client.put(
        "/api/v1/incident-policy", json={"version": policy["version"], "policy": bad}, headers=org.headers
    )
    assert r.status_code == 422
    _, token = await member_token(client, org, "manager")
    r = await client.put(
        "/api/v1/incident-policy", json={"version": policy["version"], "policy": values}, headers=auth(token)
    )
    assert r.status_code == 403

    stricter = {**values, "preliminary_target_days": 2, "preliminary_due_days": 3}
    r = await client.put(
        "/api/v1/incident-policy", json={"version": policy["version"], "policy": stricter}, headers=org.headers
    )
    assert r.status_code == 200 and r.json()["is_default"] is False
    # Open incidents follow the new days, and so does the engine over HTTP (§1.6 [U]: the days are policy).
    after = (await client.get(f"/api/v1/incidents/{incident['id']}", headers=org.headers)).json()
    prelim = ours(after, "regulator_preliminary_report")
    assert (prelim["target_date"], prelim["due_date"]) == ("2025-04-03", "2025-04-04")
    r = await client.post(
        "/api/v1/regulation/evaluate",
        json={
            "jurisdiction": "JP-APPI",
            "role": "principal",
            "aware_at": AWARE,
            "facts": {"wrongful_intent_possible": True},
        },
        headers=org.headers,
    )
    prelim = next(o for o in r.json()["obligations"] if o["kind"] == "regulator_preliminary_report")
    assert prelim["due_date"] == "2025-04-04"


async def test_the_exposure_estimate_multiplies_people_by_court_case_amounts(client: httpx.AsyncClient) -> None:
    org = await register(client)
    v = await vendor_with_contract(client, org)
    incident = await create(
        client,
        org,
        vendor_id=v["vendor_id"],
        data_categories=["ordinary"],
        affected_persons_estimate=1000,
        affected_persons_max=2000,
    )
    e = incident["exposure"]
    # REGULATION.md §4.2: basic identity data ¥3,000–5,500 per person, plus about 10% lawyer fees.
    assert (e["damages_class"], e["per_person_low"], e["per_person_high"]) == ("basic", 3000, 5500)
    assert (e["low"], e["high"]) == (1000 * 3300, 2000 * 6050)
    assert any("ベネッセ" in c["name"]["ja"] for c in e["cases"])


async def test_a_change_and_the_reads_after_it_judge_the_facts_once(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine runs once per jurisdiction and role for a set of facts: the change that recomputes the obligations,
    the incident it answers with, and the reads after it share one judgement."""
    org = await register(client)
    refs = await vendor_with_contract(client, org)
    incident = await create(client, org, vendor_id=refs["vendor_id"], contract_id=refs["contract_id"])
    calls: list[tuple[str, str]] = []
    engine = rules.evaluate

    def counted(jurisdiction: Any, role: Any, *args: Any) -> rules.Evaluation:
        calls.append((str(jurisdiction), str(role)))
        return engine(jurisdiction, role, *args)

    monkeypatch.setattr(rules, "evaluate", counted)
    obligations.evaluate.cache_clear()
    r = await patch(client, org, incident, wrongful_intent_possible=True)
    assert r.status_code == 200, r.text
    assert sorted(calls) == [("JP-APPI", "principal"), ("JP-APPI", "vendor")]
    calls.clear()
    for _ in range(2):
        assert (await client.get(f"/api/v1/incidents/{incident['id']}", headers=org.headers)).status_code == 200
    assert (await client.get("/api/v1/incidents", headers=org.headers)).status_code == 200
    assert calls == []
