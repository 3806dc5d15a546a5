"""GET /api/v1/dashboard: every card of the dashboard in one read, each count the total of the list its card opens,
in the caller's organisation only."""

from typing import Any

import httpx

from itaku.demo import DemoLogin
from tests.builders import Org, api_key, auth, invite, member_token, register

# Each count of the dashboard, and the list (with the filters) its card links to.
CARD_LISTS: dict[tuple[str, ...], tuple[str, dict[str, Any]]] = {
    ("vendors_by_tier", "critical"): ("/api/v1/vendors", {"tier": "critical"}),
    ("vendors_by_tier", "high"): ("/api/v1/vendors", {"tier": "high"}),
    ("vendors_by_tier", "medium"): ("/api/v1/vendors", {"tier": "medium"}),
    ("vendors_by_tier", "low"): ("/api/v1/vendors", {"tier": "low"}),
    ("assessments", "awaiting_review"): ("/api/v1/assessments", {"status": ["submitted", "under_review"]}),
    ("assessments", "overdue"): ("/api/v1/assessments", {"overdue": True}),
    ("assessments", "open_findings"): ("/api/v1/findings", {"status": ["open", "in_remediation"]}),
    ("assessments", "overdue_findings"): ("/api/v1/findings", {"overdue": True}),
    ("monitoring", "overdue"): ("/api/v1/monitoring-items", {"stage": ["overdue"]}),
    ("monitoring", "due_soon"): ("/api/v1/monitoring-items", {"stage": ["due", "due_soon"]}),
    ("monitoring", "reports_to_review"): ("/api/v1/vendor-reports", {"status": ["submitted"]}),
    ("monitoring", "changes_to_decide"): ("/api/v1/change-requests", {"status": ["pending"]}),
    ("organization", "members"): ("/api/v1/users", {}),
    ("organization", "active_api_keys"): ("/api/v1/api-keys", {"include_revoked": False}),
    ("open_incidents",): ("/api/v1/incidents", {"status": ["suspected", "confirmed", "contained"]}),
}


async def demo_admin(client: httpx.AsyncClient, demo_login: DemoLogin) -> dict[str, str]:
    """The demo organisation `make run` loads (every card has something in it), signed in as its administrator."""
    r = await client.post("/api/v1/auth/token", data={"username": demo_login.email, "password": demo_login.password})
    assert r.status_code == 200, r.text
    return auth(r.json()["access_token"])


async def dashboard(client: httpx.AsyncClient, headers: dict[str, str]) -> dict[str, Any]:
    r = await client.get("/api/v1/dashboard", headers=headers)
    assert r.status_code == 200, r.text
    return dict(r.json())


async def total(client: httpx.AsyncClient, headers: dict[str, str], path: str, params: dict[str, Any]) -> int:
    r = await client.get(path, params={**params, "size": 1}, headers=headers)
    assert r.status_code == 200, r.text
    return int(r.json()["total"])


async def test_each_count_is_the_total_of_the_list_its_card_opens(
    client: httpx.AsyncClient, demo_login: DemoLogin
) -> None:
    headers = await demo_admin(client, demo_login)
    board = await dashboard(client, headers)
    for keys, (path, params) in CARD_LISTS.items():
        count = board[keys[0]] if len(keys) == 1 else board[keys[0]][keys[1]]
        assert count == await total(client, headers, path, params), keys
    # The demo has something on every card, so the comparison above compares numbers, not zeros.
    assert sum(board["vendors_by_tier"].values()) == await total(client, headers, "/api/v1/vendors", {})
    assert all(board["vendors_by_tier"].values())
    assert board["monitoring"]["overdue"] and board["monitoring"]["reports_to_review"]
    assert board["monitoring"]["changes_to_decide"] and board["assessments"]["open_findings"]
    assert board["organization"]["members"] == 5 and board["organization"]["active_api_keys"] == 2
    assert board["open_incidents"] == 2 and board["deadlines"]
    org = (await client.get("/api/v1/organization", headers=headers)).json()
    assert board["organization"]["jurisdiction"] == org["jurisdiction"]
    events = (await client.get("/api/v1/audit-events", params={"size": 8}, headers=headers)).json()["items"]
    assert board["recent_activity"] == [
        {k: e[k] for k in ("id", "occurred_at", "actor_label", "entity_type", "action")} for e in events
    ]


async def vendor(client: httpx.AsyncClient, org: Org, tier: str | None = None) -> None:
    r = await client.post("/api/v1/vendors", json={"name": "株式会社テスト委託"}, headers=org.headers)
    assert r.status_code == 201, r.text
    if tier:
        v = r.json()
        r = await client.put(
            f"/api/v1/vendors/{v['id']}/tier-override",
            json={"version": v["version"], "tier": tier, "reason": "テスト"},
            headers=org.headers,
        )
        assert r.status_code == 200, r.text


async def test_an_organisation_sees_its_own_numbers_and_never_another_organisations(
    client: httpx.AsyncClient, demo_login: DemoLogin
) -> None:
    await demo_admin(client, demo_login)  # another organisation, with something in every card, in the same database
    org = await register(client)
    for tier in ("critical", "critical", "high", None):  # a vendor without processing is computed low
        await vendor(client, org, tier)
    await invite(client, org, "viewer")
    await api_key(client, org)
    revoked = await api_key(client, org)
    r = await client.delete(f"/api/v1/api-keys/{revoked['id']}", headers=org.headers)
    assert r.status_code == 204, r.text

    board = await dashboard(client, org.headers)
    assert board["vendors_by_tier"] == {"critical": 2, "high": 1, "medium": 0, "low": 1}
    assert board["organization"] == {"jurisdiction": "JP-APPI", "members": 2, "active_api_keys": 1}
    assert board["assessments"] == {"awaiting_review": 0, "overdue": 0, "open_findings": 0, "overdue_findings": 0}
    assert board["monitoring"] == {"overdue": 0, "due_soon": 0, "reports_to_review": 0, "changes_to_decide": 0}
    assert board["open_incidents"] == 0 and board["deadlines"] == []
    # The newest events are this organisation's own: the key revoked last, nothing of the demo's.
    activity = board["recent_activity"]
    assert len(activity) == 8 and activity[0]["entity_type"] == "api_key" and activity[0]["action"] == "revoked"
    assert all("demo.itaku.example" not in e["actor_label"] for e in activity)


async def test_a_viewer_and_a_read_only_key_read_it_without_the_count_of_keys(client: httpx.AsyncClient) -> None:
    org = await register(client)
    await vendor(client, org, "high")
    admin_board = await dashboard(client, org.headers)
    _, viewer_token = await member_token(client, org, "viewer")
    key = await api_key(client, org, scopes=["read"])
    for headers in (auth(viewer_token), auth(key["key"])):
        board = await dashboard(client, headers)
        assert board["organization"]["active_api_keys"] is None  # keys are an administrator's business
        assert (
            board["vendors_by_tier"]
            == admin_board["vendors_by_tier"]
            == {
                "critical": 0,
                "high": 1,
                "medium": 0,
                "low": 0,
            }
        )
        assert board["organization"]["members"] == 2


async def test_the_dashboard_needs_a_signed_in_caller(client: httpx.AsyncClient) -> None:
    r = await client.get("/api/v1/dashboard")
    assert r.status_code == 401 and r.json()["error"] == "not_authenticated"
