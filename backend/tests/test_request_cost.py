"""What a request costs the database (issue 16): authenticating and answering GET /auth/me is one statement, so is
authenticating an API key, a read request writes nothing, a request reads its organisation once, and on SQLite a
connection goes back to the pool without a rollback it does not need."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import aiosqlite
import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import event, text

from itaku.core.db import Database
from tests.builders import api_key, auth, register
from tests.conftest import test_settings


@contextmanager
def statements(app: FastAPI) -> Iterator[list[str]]:
    """Every statement the app sends to its database meanwhile."""
    seen: list[str] = []
    engine = app.state.db.engine.sync_engine

    def on_execute(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", on_execute)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", on_execute)


def writes(seen: list[str]) -> list[str]:
    return [s for s in seen if not s.upper().startswith(("SELECT", "WITH"))]


async def test_auth_me_authenticates_and_answers_in_one_statement(app: FastAPI, client: httpx.AsyncClient) -> None:
    org = await register(client)
    assert (await client.get("/api/v1/auth/me", headers=org.headers)).status_code == 200
    with statements(app) as seen:
        r = await client.get("/api/v1/auth/me", headers=org.headers)
    assert r.status_code == 200, r.text
    # The user, the session still open, every membership with its organisation's name, zone and policy.
    assert len(seen) == 1, seen
    assert seen[0].startswith("SELECT") and "user_sessions" in seen[0]


async def test_an_api_key_is_authenticated_in_one_statement(app: FastAPI, client: httpx.AsyncClient) -> None:
    org = await register(client)
    key = await api_key(client, org, ["read"])
    headers = auth(key["key"])
    assert (await client.get("/api/v1/organization", headers=headers)).status_code == 200
    with statements(app) as seen:
        assert (await client.get("/api/v1/organization", headers=headers)).status_code == 200
    # The key with its creator's current role, then the organisation the endpoint answers with.
    assert len(seen) == 2 and "api_keys" in seen[0] and "memberships" in seen[0], seen


async def test_read_requests_write_nothing(app: FastAPI, client: httpx.AsyncClient) -> None:
    org = await register(client)
    key = await api_key(client, org, ["read"])
    reads = ["/api/v1/auth/me", "/api/v1/organization", "/api/v1/dashboard", "/api/v1/vendors", "/api/v1/audit-events"]
    for path in reads:
        assert (await client.get(path, headers=org.headers)).status_code == 200, path
    # A key's first use is recorded (its own small write after the request); a use within the minute writes nothing.
    assert (await client.get("/api/v1/auth/me", headers=auth(key["key"]))).status_code == 200
    with statements(app) as seen:
        for path in reads:
            assert (await client.get(path, headers=org.headers)).status_code == 200, path
        assert (await client.get("/api/v1/vendors", headers=auth(key["key"]))).status_code == 200
    assert seen and not writes(seen), writes(seen)


async def test_one_request_reads_its_organisation_once(app: FastAPI, client: httpx.AsyncClient) -> None:
    org = await register(client)
    with statements(app) as seen:
        assert (await client.get("/api/v1/dashboard", headers=org.headers)).status_code == 200
    # Every card's service asks for the organisation (time zone, policies); the session answers after the first read.
    assert sum(s.startswith("SELECT") and "FROM organizations WHERE" in s for s in seen) == 1, seen


@pytest.fixture
async def sqlite_database(tmp_path: Path) -> Any:
    db = Database(test_settings(f"sqlite+aiosqlite:///{tmp_path / 'pool.db'}"))
    async with db.engine.begin() as conn:
        await conn.exec_driver_sql("CREATE TABLE probe (x INTEGER)")
    yield db
    await db.dispose()


@pytest.fixture
def driver_calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often aiosqlite is asked to commit and to roll back (each a round trip to the connection's thread)."""
    calls = {"commit": 0, "rollback": 0}
    for name in calls:
        original = getattr(aiosqlite.Connection, name)

        async def counted(self: aiosqlite.Connection, _original: Any = original, _name: str = name) -> None:
            calls[_name] += 1
            await _original(self)

        monkeypatch.setattr(aiosqlite.Connection, name, counted)
    return calls


async def test_a_unit_of_work_ends_its_transaction_once(
    sqlite_database: Database, driver_calls: dict[str, int]
) -> None:
    async with sqlite_database.unit_of_work(write=False) as session:
        await session.execute(text("SELECT count(*) FROM probe"))
    async with sqlite_database.unit_of_work(write=True) as session:
        await session.execute(text("INSERT INTO probe VALUES (1)"))
    # One commit each; the pool's reset on return finds nothing to roll back and sends nothing.
    assert driver_calls == {"commit": 2, "rollback": 0}


async def test_a_connection_given_back_inside_a_transaction_is_rolled_back(sqlite_database: Database) -> None:
    async with sqlite_database.engine.connect() as conn:
        raw = await conn.get_raw_connection()
        driver: aiosqlite.Connection = raw.driver_connection  # type: ignore[assignment]
        # Behind SQLAlchemy's back, so that only the pool's reset can end this transaction.
        await driver.execute("INSERT INTO probe VALUES (1)")
        assert driver.in_transaction
    assert not driver.in_transaction
    async with sqlite_database.engine.connect() as conn:
        assert (await conn.execute(text("SELECT count(*) FROM probe"))).scalar() == 0
