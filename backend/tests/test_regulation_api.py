"""POST /api/v1/regulation/evaluate: the engine over HTTP with the issue's own example (REGULATION.md §1.2, §1.6)."""

import httpx

from tests.builders import register

EXAMPLE = {
    "jurisdiction": "JP-APPI",
    "role": "principal",
    "aware_at": "2025-04-01T10:00:00+09:00",
    "facts": {
        "data_categories": ["special_care"],
        "affected_persons_estimate": 40,
        "affected_persons_max": 1200,
        "financial_damage_possible": False,
        "wrongful_intent_possible": True,
        "strongly_encrypted": False,
    },
}


async def test_the_example_is_reportable_with_a_60_day_final_report(client: httpx.AsyncClient) -> None:
    org = await register(client)
    r = await client.post("/api/v1/regulation/evaluate", json=EXAMPLE, headers=org.headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["reportable"] is True and body["rule_set"] == "JP-APPI 2024-04-01"
    assert body["triggers"] == ["special_care", "wrongful_intent", "over_threshold"]  # §1.2 cats 1, 3, 4
    by_kind = {o["kind"]: o for o in body["obligations"]}
    final = by_kind["regulator_final_report"]
    assert (final["due_date"], final["due_at"]) == ("2025-05-30", "2025-05-30T23:59:59+09:00")  # §1.6: 60 days
    assert final["reason"]["ja"] and final["reason"]["en"] and "8条2項" in final["legal_reference"]
    preliminary = by_kind["regulator_preliminary_report"]
    assert (preliminary["target_date"], preliminary["due_date"]) == ("2025-04-04", "2025-04-06")  # §1.6 [U] 3 / 5
    assert by_kind["notify_individuals"]["due_date"] is None

    # Without wrongful intent the final report is due in 30 days (§1.6).
    thirty = {**EXAMPLE, "facts": {**EXAMPLE["facts"], "wrongful_intent_possible": False}}
    r = await client.post("/api/v1/regulation/evaluate", json=thirty, headers=org.headers)
    final = next(o for o in r.json()["obligations"] if o["kind"] == "regulator_final_report")
    assert final["due_date"] == "2025-04-30"


async def test_bad_facts_get_a_clear_error(client: httpx.AsyncClient) -> None:
    org = await register(client)
    cases = [
        ({**EXAMPLE, "aware_at": "2025-04-01T10:00:00"}, 422, "validation_error"),  # no offset: which day?
        ({**EXAMPLE, "facts": {"affected_persons_estimate": 50, "affected_persons_max": 10}}, 422, "validation_error"),
        ({**EXAMPLE, "facts": {"data_categories": ["gossip"]}}, 422, "validation_error"),
        ({**EXAMPLE, "aware_at": "2021-06-01T10:00:00+09:00"}, 422, "no_rule_set"),  # before 2022-04-01 (§1)
    ]
    for body, status, code in cases:
        r = await client.post("/api/v1/regulation/evaluate", json=body, headers=org.headers)
        assert (r.status_code, r.json()["error"]) == (status, code), body
    r = await client.post("/api/v1/regulation/evaluate", json=EXAMPLE)
    assert r.status_code == 401
