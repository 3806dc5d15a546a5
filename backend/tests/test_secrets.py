"""Secrets that are not published (issue 14/1, finding 5): a local installation generates its own under data/ and
keeps them; the value the documentation once showed is accepted nowhere; production refuses to start without its
keys."""

import os
import stat
import uuid
from pathlib import Path

import httpx
import pytest
from jose import jwt
from pydantic import ValidationError

from itaku.core.config import PUBLISHED_SECRETS, Settings
from itaku.core.security import create_access_token
from itaku.main import create_app
from tests.builders import auth, register
from tests.conftest import UNTHROTTLED, TestDatabase
from tests.mailbox import session_smtp_port


def local(database_url: str, secrets_file: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "environment": "local",
        "database_url": database_url,
        "local_secrets_file": secrets_file,
        "spa_dir": Path("/nonexistent"),
        "scheduler": "off",
        "log_level": "WARNING",
        "rate_limits": UNTHROTTLED,
        "smtp_host": "127.0.0.1",
        "smtp_port": session_smtp_port(),
        **overrides,
    }
    return Settings(**values)  # type: ignore[arg-type]


def test_a_local_installation_generates_its_secrets_once_and_keeps_them(tmp_path: Path) -> None:
    file = tmp_path / "data" / "local-secrets.json"
    first = local("sqlite+aiosqlite:///:memory:", file)
    again = local("sqlite+aiosqlite:///:memory:", file)
    elsewhere = local("sqlite+aiosqlite:///:memory:", tmp_path / "other" / "local-secrets.json")
    assert (first.secret_key, first.audit_key) == (again.secret_key, again.audit_key)
    assert first.secret_key != elsewhere.secret_key and first.audit_key != elsewhere.audit_key
    assert len(first.secret_key) >= 32 and first.secret_key != first.audit_key
    assert stat.S_IMODE(os.stat(file).st_mode) == 0o600
    assert not [p for p in file.parent.iterdir() if p != file]  # no draft left behind


@pytest.mark.parametrize("environment", ["local", "test", "production"])
@pytest.mark.parametrize("field", ["secret_key", "audit_key"])
def test_the_published_development_value_is_accepted_nowhere(tmp_path: Path, environment: str, field: str) -> None:
    [published, *_] = sorted(PUBLISHED_SECRETS)
    with pytest.raises(ValidationError, match="published"):
        Settings(
            environment=environment,  # type: ignore[arg-type]
            local_secrets_file=tmp_path / "s.json",
            **{"secret_key": "s" * 40, "audit_key": "a" * 40, field: published},  # type: ignore[arg-type]
        )


@pytest.mark.parametrize(
    "values, complaint",
    [
        ({}, "ITAKU_SECRET_KEY"),
        ({"secret_key": "s" * 40}, "ITAKU_AUDIT_KEY"),
        ({"secret_key": "s" * 40, "audit_key": "short"}, "ITAKU_AUDIT_KEY"),
        ({"secret_key": "s" * 40, "audit_key": "s" * 40}, "must differ"),
    ],
)
def test_production_refuses_to_start_without_its_own_keys(values: dict[str, str], complaint: str) -> None:
    with pytest.raises(ValidationError, match=complaint):
        Settings(environment="production", **values)  # type: ignore[arg-type]


async def test_a_token_signed_with_the_published_value_is_refused_by_a_local_server(
    database: TestDatabase, tmp_path: Path
) -> None:
    app = create_app(local(database.url, tmp_path / "local-secrets.json"))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        org = await register(c)
        me = (await c.get("/api/v1/auth/me", headers=org.headers)).json()
        for published in PUBLISHED_SECRETS:
            forged = create_access_token(
                published,
                user_id=uuid.UUID(me["user"]["id"]),
                organization_id=uuid.UUID(org.id),
                session_id=uuid.UUID(jwt.get_unverified_claims(org.token)["sid"]),
                minutes=5,
            )
            assert (await c.get("/api/v1/auth/me", headers=auth(forged))).status_code == 401
    await app.state.db.dispose()
