"""The review calendar at the size of a large register (issue 16): the whole calendar is planned in slices of
vendors read by ranges of their ids, one transaction each, and the daily run plans again only on a day whose horizon
reaches a report not planned yet (every report falls due `report_due_days` after a month's end)."""

import uuid
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import delete, select

from itaku.core.clock import add_months
from itaku.jobs import runner
from itaku.monitoring import calendar
from itaku.monitoring.models import MonitoringItem
from itaku.worker import REGISTRY
from tests.builders import Org, register
from tests.test_monitoring import monitored_vendor, today


async def open_keys(app: Any, org: Org) -> dict[uuid.UUID, set[str]]:
    async with app.state.db.unit_of_work(write=False) as session:
        rows = (
            await session.execute(
                select(MonitoringItem.vendor_id, MonitoringItem.key).where(
                    MonitoringItem.organization_id == uuid.UUID(org.id), MonitoringItem.done_at.is_(None)
                )
            )
        ).all()
    found: dict[uuid.UUID, set[str]] = {}
    for vendor_id, key in rows:
        found.setdefault(vendor_id, set()).add(key)
    return found


async def test_the_whole_calendar_planned_in_slices_is_the_one_each_vendor_got(
    app: Any, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = await register(client)
    for tier in ("critical", "high", "medium", "low", "critical"):
        await monitored_vendor(client, org, tier)
    r = await client.post("/api/v1/vendors", json={"name": "株式会社候補", "status": "candidate"}, headers=org.headers)
    assert r.status_code == 201, r.text
    planned_one_by_one = await open_keys(app, org)
    assert len(planned_one_by_one) == 5  # the candidate owes nothing

    # Everything open taken away behind the planner's back, then the whole calendar planned two vendors at a time:
    # the slices' id ranges also hold the candidate and, between them, other organisations' vendors.
    async with app.state.db.unit_of_work(write=True) as session:
        await session.execute(
            delete(MonitoringItem).where(
                MonitoringItem.organization_id == uuid.UUID(org.id), MonitoringItem.done_at.is_(None)
            )
        )
    monkeypatch.setattr(calendar, "SLICE", 2)
    assert await calendar.plan_organization(app.state.db, uuid.UUID(org.id)) == 5
    assert await open_keys(app, org) == planned_one_by_one


async def test_the_daily_run_plans_again_only_when_the_horizon_reaches_a_new_report(
    app: Any, client: httpx.AsyncClient
) -> None:
    org = await register(client)
    vendor = await monitored_vendor(client, org, "critical")  # monthly reports, due 10 days after each month
    db, org_id, first_day = app.state.db, uuid.UUID(org.id), today()
    assert await calendar.plan_organization(db, org_id, today=first_day) == 1  # never planned whole: planned now
    assert await calendar.plan_organization(db, org_id, today=first_day) == 0

    # The horizon is 400 days ahead. The first month's end whose report falls beyond it today comes in on the day
    # its due date (month end + 10) is exactly 400 days ahead; not the day before.
    month = date(first_day.year, first_day.month, 1)
    while add_months(month, 1) - timedelta(days=1) + timedelta(days=10) <= first_day + timedelta(days=400):
        month = add_months(month, 1)
    new_due = add_months(month, 1) - timedelta(days=1) + timedelta(days=10)
    day = new_due - timedelta(days=400)
    keys = (await open_keys(app, org))[uuid.UUID(vendor["id"])]
    assert f"vendor_report:monthly:{month.isoformat()}" not in keys

    assert await calendar.plan_organization(db, org_id, today=day - timedelta(days=1)) == 0
    assert await calendar.plan_organization(db, org_id, today=day) == 1
    keys = (await open_keys(app, org))[uuid.UUID(vendor["id"])]
    assert f"vendor_report:monthly:{month.isoformat()}" in keys
    assert await calendar.plan_organization(db, org_id, today=day) == 0


async def test_an_import_of_more_vendors_than_a_slice_is_planned_by_a_worker_after_commit(
    app: Any, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = await register(client)
    monkeypatch.setattr(calendar, "SLICE", 2)
    csv = "名称,ステータス\n" + "".join(f"株式会社取込{i},active\n" for i in range(3))
    r = await client.post(
        "/api/v1/vendors/import",
        params={"dry_run": False},
        files={"file": ("vendors.csv", csv.encode(), "text/csv")},
        headers=org.headers,
    )
    assert r.status_code == 200 and r.json()["created"] == 3, r.text
    assert await open_keys(app, org) == {}  # the request did not wait for the calendar
    jobs = (await client.get("/api/v1/jobs", headers=org.headers)).json()["items"]
    assert [(j["kind"], j["state"]) for j in jobs] == [("monitoring.plan_calendar", "queued")]

    assert await runner.drain(app.state.db, REGISTRY, kinds=["monitoring.plan_calendar"]) == 1
    planned = await open_keys(app, org)
    assert len(planned) == 3 and all(any(k.startswith("reassessment:") for k in keys) for keys in planned.values())
    [job] = (await client.get("/api/v1/jobs", headers=org.headers)).json()["items"]
    assert job["state"] == "succeeded" and job["progress_done"] == 3
