"""Test set-up: every backend test runs on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL.

The schema comes from the Alembic migrations. Tests isolate themselves by creating their own
organisation (see builders.py), which is also how the product isolates tenants.
"""

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import anyio.to_thread
import httpx
import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from itaku import demo
from itaku.cli import alembic_config
from itaku.core.config import Settings
from itaku.core.db import Database
from itaku.core.security import Passwords
from itaku.demo import DemoLogin
from itaku.main import create_app
from itaku.monitoring import calendar
from itaku.throttle.service import DEFAULT_RULES
from tests.mailbox import Inbox, free_port, session_smtp_port

# As the app and the command line do: tests that write through a Database of their own keep the calendar in step.
calendar.follow_the_register()

BACKEND_DIR = Path(__file__).resolve().parents[1]
LIVE_SERVER_START_SECONDS = 240
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])
TEST_SECRET = "test-secret-" + "x" * 40
TEST_AUDIT_KEY = "test-audit-key-" + "a" * 40
# Every test signs in and registers from one address; only the throttling tests (test_throttle.py) keep the limits.
UNTHROTTLED = {name: (1_000_000, 60) for name in DEFAULT_RULES}


async def _create_pg_database(server_url: str, name: str) -> str:
    url = make_url(server_url).set(drivername="postgresql+asyncpg")
    admin = create_async_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    await admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


async def _drop_pg_database(server_url: str, name: str) -> None:
    url = make_url(server_url).set(drivername="postgresql+asyncpg", database="postgres")
    admin = create_async_engine(url, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await admin.dispose()


def _migrate(url: str) -> None:
    from alembic import command

    command.upgrade(alembic_config(url), "head")


class TestDatabase:
    __test__ = False  # a fixture value, not a test class

    def __init__(self, backend: str, url: str) -> None:
        self.backend = backend
        self.url = url


async def make_database(backend: str, tmp_dir: Path) -> tuple[TestDatabase, str | None]:
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_dir / f'itaku-{uuid.uuid4().hex[:8]}.db'}"
        return TestDatabase(backend, url), None
    name = f"itaku_test_{uuid.uuid4().hex[:10]}"
    url = await _create_pg_database(os.environ["TEST_DATABASE_URL"], name)
    return TestDatabase(backend, url), name


@pytest.fixture(scope="session", params=BACKENDS)
async def database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[TestDatabase]:
    db, pg_name = await make_database(request.param, tmp_path_factory.mktemp("db"))
    await anyio.to_thread.run_sync(_migrate, db.url)
    yield db
    if pg_name:
        await _drop_pg_database(os.environ["TEST_DATABASE_URL"], pg_name)


async def load_demo(database: TestDatabase) -> DemoLogin:
    settings = test_settings(database.url)
    db = Database(settings)
    try:
        async with db.unit_of_work(write=True) as session:
            return await demo.load(session, settings, Passwords(fast=True))
    finally:
        await db.dispose()


@pytest.fixture(scope="session")
async def demo_login(database: TestDatabase) -> DemoLogin:
    """The demo `make run` loads, loaded once per test database by this fixture alone (so `created` is True: the
    tests that read it may run in any order, on any worker)."""
    return await load_demo(database)


def test_settings(database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "environment": "test",
        "database_url": database_url,
        "secret_key": TEST_SECRET,
        "audit_key": TEST_AUDIT_KEY,
        "log_json": True,
        "log_level": "WARNING",
        "allow_signup": True,
        "spa_dir": Path("/nonexistent"),
        "scheduler": "off",  # tests run the scheduler's steps themselves
        "rate_limits": UNTHROTTLED,
        "smtp_host": "127.0.0.1",
        "smtp_port": session_smtp_port(),
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


test_settings.__test__ = False  # type: ignore[attr-defined]  (a helper, not a test)


@pytest.fixture(scope="session")
async def app(database: TestDatabase) -> AsyncIterator[object]:
    application = create_app(test_settings(database.url))
    yield application
    await application.state.db.dispose()


@pytest.fixture
async def client(app: object) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


class LiveServer:
    def __init__(self, url: str, database: TestDatabase) -> None:
        self.url = url
        self.database = database


def start_server(database_url: str, env_overrides: dict[str, str] | None = None) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "ITAKU_ENVIRONMENT": "test",
        "PORT": str(port),
        "ITAKU_SECRET_KEY": "live-secret-" + "y" * 40,
        "ITAKU_AUDIT_KEY": TEST_AUDIT_KEY,
        "ITAKU_LOG_LEVEL": "WARNING",
        "ITAKU_SPA_DIR": "/nonexistent",
        "ITAKU_SCHEDULER": "off",
        "ITAKU_RATE_LIMITS": json.dumps(UNTHROTTLED),
        "ITAKU_SMTP_HOST": "127.0.0.1",
        "ITAKU_SMTP_PORT": str(session_smtp_port()),
        **(env_overrides or {}),
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "itaku.main:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        cwd=BACKEND_DIR,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    # Generous: on a loaded machine a cold start can take a minute. A server that died is reported at once.
    deadline = time.monotonic() + LIVE_SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the live server exited with {proc.returncode} before answering")
        try:
            if httpx.get(f"{url}/healthz", timeout=5).status_code == 200:
                return proc, url
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"the live server did not answer within {LIVE_SERVER_START_SECONDS} s")


@pytest.fixture(scope="session")
def live_server(database: TestDatabase) -> Iterator[LiveServer]:
    proc, url = start_server(database.url)
    yield LiveServer(url, database)
    proc.terminate()
    proc.wait(10)


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture
async def mail_app(database: TestDatabase, smtp: tuple[Inbox, int]) -> AsyncIterator[Any]:
    """The app sending its mail to the real SMTP server of `smtp`."""
    app = create_app(
        test_settings(database.url, smtp_host="127.0.0.1", smtp_port=smtp[1], public_url="https://itaku.example.com")
    )
    yield app
    await app.state.db.dispose()


@pytest.fixture
async def mail_client(mail_app: Any) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=mail_app), base_url="http://t") as c:
        yield c
