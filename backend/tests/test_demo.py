"""The demo that `make run` loads tells the story on every screen: it loads on SQLite and PostgreSQL, once, and each
feature has meaningful content (here: the monitoring of issue 7/7 and what it rests on)."""

from typing import Any

import httpx

from itaku.demo import DemoLogin
from tests.builders import auth
from tests.conftest import TestDatabase, load_demo


async def test_the_demo_loads_once_and_shows_monitoring_with_something_at_every_stage(
    client: httpx.AsyncClient, database: TestDatabase, demo_login: DemoLogin
) -> None:
    assert demo_login.created  # the fixture loaded it into this database first
    login = await load_demo(database)
    assert not login.created and login.email == demo_login.email  # a second load finds it and adds nothing
    r = await client.post("/api/v1/auth/token", data={"username": login.email, "password": login.password})
    assert r.status_code == 200, r.text
    headers = auth(r.json()["access_token"])

    async def get(path: str, **params: object) -> dict[str, Any]:
        r = await client.get(path, params={"size": 100, **params}, headers=headers)
        assert r.status_code == 200, r.text
        return dict(r.json())

    stages = {i["stage"] for i in (await get("/api/v1/monitoring-items"))["items"]}
    assert {"overdue", "done", "scheduled"} <= stages
    overdue = (await get("/api/v1/monitoring-items", stage="overdue"))["items"]
    assert {i["kind"] for i in overdue} >= {"vendor_report", "certification_renewal", "contract_renewal"}
    reports = {r["status"] for r in (await get("/api/v1/vendor-reports"))["items"]}
    assert reports == {"accepted", "submitted", "queried"}
    audits = {a["status"] for a in (await get("/api/v1/audits"))["items"]}
    assert audits == {"completed", "planned"}
    changes = {c["status"] for c in (await get("/api/v1/change-requests"))["items"]}
    assert changes == {"pending", "approved", "refused"}
    assert (await get("/api/v1/incidents"))["total"] == 3
    assert (await get("/api/v1/contracts"))["total"] >= 3
