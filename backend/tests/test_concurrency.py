"""Against a real uvicorn process: concurrent writers all land and keep the audit chain intact; bursts of readers
keep being answered."""

import asyncio
import os
import time
from collections import Counter
from pathlib import Path

import anyio.to_thread
import httpx

from tests.builders import auth, register, unique_email
from tests.conftest import LiveServer, TestDatabase, _drop_pg_database, _migrate, make_database, start_server
from tests.test_audit import verify

WRITERS = 50
READERS = 80
BURST_SECONDS = 3.0


async def register_live(c: httpx.AsyncClient) -> dict[str, str]:
    return (await register(c, organization_name="同時書込株式会社")).headers


async def test_fifty_concurrent_writers_all_land_and_keep_the_chain_intact(
    database: TestDatabase, tmp_path: Path
) -> None:
    db, pg_name = await make_database(database.backend, tmp_path)
    await anyio.to_thread.run_sync(_migrate, db.url)
    proc, url = await anyio.to_thread.run_sync(start_server, db.url)
    try:
        limits = httpx.Limits(max_connections=WRITERS, max_keepalive_connections=WRITERS)
        async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as c:
            headers = await register_live(c)

            async def write(i: int) -> httpx.Response:
                if i % 2:
                    return await c.post(
                        "/api/v1/api-keys", json={"name": f"key {i}", "scopes": ["read"]}, headers=headers
                    )
                body = {"email": unique_email(f"w{i}"), "name": f"writer {i}", "role": "viewer"}
                return await c.post("/api/v1/users", json=body, headers=headers)

            responses = await asyncio.gather(*(write(i) for i in range(WRITERS)))
            statuses = Counter(r.status_code for r in responses)
            assert statuses == {201: WRITERS}, [r.text for r in responses if r.status_code != 201][:3]
            assert not [r for r in responses if "database is locked" in r.text]

            keys = (await c.get("/api/v1/api-keys", headers=headers)).json()
            users = (await c.get("/api/v1/users", headers=headers)).json()
            assert keys["total"] == WRITERS // 2
            assert users["total"] == 1 + WRITERS - WRITERS // 2
            trail = (await c.get("/api/v1/audit-events", params={"size": 100}, headers=headers)).json()
        expected_events = 2 + WRITERS  # the founder and the organisation, then one per write
        assert trail["total"] == expected_events
        assert sorted(e["seq"] for e in trail["items"]) == list(range(1, expected_events + 1))
        result = await verify(db.url)
        assert result.returncode == 0, result.stdout + result.stderr
        assert f"{expected_events} events checked" in result.stdout
    finally:
        proc.terminate()
        await anyio.to_thread.run_sync(proc.wait, 10)
        if pg_name:
            await _drop_pg_database(os.environ["TEST_DATABASE_URL"], pg_name)


async def test_a_burst_of_eighty_connections_is_answered_throughout(live_server: LiveServer) -> None:
    limits = httpx.Limits(max_connections=READERS, max_keepalive_connections=READERS)
    async with httpx.AsyncClient(base_url=live_server.url, limits=limits, timeout=120) as c:
        headers = await register_live(c)
        r = await c.post("/api/v1/api-keys", json={"name": "burst", "scopes": ["read"]}, headers=headers)
        key_headers = auth(r.json()["key"])
        # Half sign in as a person, half use an API key that has never been used (its first use is written).
        who = [headers if i % 2 else key_headers for i in range(READERS)]
        statuses: Counter[int] = Counter()
        failures: list[str] = []
        deadline = time.monotonic() + BURST_SECONDS

        async def reader(h: dict[str, str]) -> None:
            while time.monotonic() < deadline:
                try:
                    resp = await c.get("/api/v1/audit-events", params={"size": 50}, headers=h)
                except httpx.HTTPError as exc:
                    failures.append(repr(exc))
                    return
                statuses[resp.status_code] += 1
                if resp.status_code != 200:
                    failures.append(resp.text[:200])

        started = time.monotonic()
        await asyncio.wait_for(asyncio.gather(*(reader(h) for h in who)), timeout=BURST_SECONDS + 30)
        elapsed = time.monotonic() - started
        assert not failures, (statuses, failures[:3])
        assert set(statuses) == {200}
        assert statuses[200] >= READERS
        assert elapsed < BURST_SECONDS + 10
        # Still answering afterwards, and the key's use was recorded once the dust settled.
        assert (await c.get("/readyz")).status_code == 200
        keys = (await c.get("/api/v1/api-keys", headers=headers)).json()
        assert keys["items"][0]["last_used_at"] is not None
