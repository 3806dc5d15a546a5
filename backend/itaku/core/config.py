"""One settings object for the whole process; domain code never reads os.environ."""

import json
import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[3]
# Values that were ever written in this repository's documentation or code: whoever reads it could sign tokens or
# audit links with them, so no environment accepts them.
PUBLISHED_SECRETS = frozenset({"itaku-local-development-secret-change-me", "change-me", "secret"})
KEY_ID = r"^[A-Za-z0-9._-]{1,32}$"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ITAKU_", extra="ignore")

    # Production unless told otherwise, so a forgotten setting fails closed (default secret refused).
    environment: Literal["local", "test", "production"] = "production"
    database_url: str = Field(
        default=f"sqlite+aiosqlite:///{REPO_ROOT / 'data' / 'itaku.db'}",
        validation_alias=AliasChoices("DATABASE_URL", "ITAKU_DATABASE_URL"),
    )
    port: int = Field(default=8000, validation_alias=AliasChoices("PORT", "ITAKU_PORT"))
    public_url: str = ""
    # Signs access tokens. Unset: a random value kept in `local_secrets_file` (local), a random one per process
    # (test), refused (production).
    secret_key: str = ""
    # Keys the audit chain's links (HMAC-SHA256). It must not live in the database it protects; retired keys stay in
    # `audit_old_keys` (id → key) so that events they signed still verify.
    audit_key: str = ""
    audit_key_id: str = Field(default="1", pattern=KEY_ID)
    audit_old_keys: dict[str, str] = {}
    local_secrets_file: Path = REPO_ROOT / "data" / "local-secrets.json"
    allow_signup: bool = True
    # Access tokens are short; the web app renews them with the session's refresh cookie. Every request also checks
    # that the session is still open, so ending one takes effect at once whatever the token's lifetime.
    access_token_minutes: int = Field(default=10, ge=1, le=24 * 60)
    # A session ends when it is not used for `session_idle_minutes`, and at the latest `session_hours` after sign-in.
    session_idle_minutes: int = Field(default=120, ge=5, le=7 * 24 * 60)
    session_hours: int = Field(default=12, ge=1, le=30 * 24)
    invitation_days: int = Field(default=7, ge=1, le=60)
    portal_session_minutes: int = Field(default=240, ge=5, le=24 * 60)
    cors_origins: list[str] = []
    upload_max_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)
    upload_dir: Path = REPO_ROOT / "data" / "uploads"
    # Throttles of what anyone can try unsigned (itaku.throttle.service.DEFAULT_RULES): rule → [attempts, seconds].
    rate_limits: dict[str, tuple[int, int]] = {}
    db_pool_size: int = Field(default=30, ge=1)
    db_max_overflow: int = Field(default=10, ge=0)
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False
    mail_from: str = "Itaku <no-reply@itaku.localhost>"
    log_level: str = "INFO"
    log_json: bool = True
    spa_dir: Path = REPO_ROOT / "frontend" / "dist"
    # Background jobs and the periodic reminder sweep: run in the app process (one node), or "off" when separate
    # `itaku worker` processes do it (any number; jobs are claimed in the database, so none runs twice).
    scheduler: Literal["app", "off"] = "app"
    scheduler_interval_seconds: int = Field(default=3600, ge=1)
    # How often a worker looks for due jobs (retries, work enqueued by other processes).
    jobs_poll_seconds: int = Field(default=5, ge=1, le=3600)

    @model_validator(mode="after")
    def _secrets(self) -> "Settings":
        given = [self.secret_key, self.audit_key, *self.audit_old_keys.values()]
        if any(value in PUBLISHED_SECRETS for value in given):
            raise ValueError("a published example value was given as a secret; generate one (openssl rand -hex 32)")
        if self.environment == "production":
            for name, value in (("ITAKU_SECRET_KEY", self.secret_key), ("ITAKU_AUDIT_KEY", self.audit_key)):
                if len(value) < 32:
                    raise ValueError(f"{name} must be set to a random value of at least 32 characters in production")
            if self.audit_key == self.secret_key:
                raise ValueError("ITAKU_AUDIT_KEY must differ from ITAKU_SECRET_KEY")
        elif not (self.secret_key and self.audit_key):
            generated = (
                local_secrets(self.local_secrets_file)
                if self.environment == "local"
                else {"secret_key": secrets.token_urlsafe(32), "audit_key": secrets.token_urlsafe(32)}
            )
            self.secret_key = self.secret_key or generated["secret_key"]
            self.audit_key = self.audit_key or generated["audit_key"]
        if self.audit_key_id in self.audit_old_keys:
            raise ValueError(
                "ITAKU_AUDIT_KEY_ID names a retired key too (ITAKU_AUDIT_OLD_KEYS); give the new key a new id"
            )
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def secure_cookies(self) -> bool:
        """Browsers keep Secure cookies for https addresses and for the loopback host (make run)."""
        host = self.base_url.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0]
        return self.base_url.startswith("https://") or host in ("127.0.0.1", "localhost", "[::1]")

    @property
    def base_url(self) -> str:
        return (self.public_url or f"http://127.0.0.1:{self.port}").rstrip("/")


def local_secrets(path: Path) -> dict[str, str]:
    """The secrets of a local installation: generated at random on first start, then read back, so that tokens and
    audit links survive a restart and no two installations share a key. Created atomically and readable only by
    its owner."""
    if path.exists():
        return dict(json.loads(path.read_text(encoding="utf-8")))
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"secret_key": secrets.token_urlsafe(32), "audit_key": secrets.token_urlsafe(32)}, f)
    try:
        os.link(draft, path)  # atomic, and refused when another process of the same start got there first
    except FileExistsError:
        pass
    finally:
        draft.unlink()
    return dict(json.loads(path.read_text(encoding="utf-8")))


@lru_cache
def get_settings() -> Settings:
    return Settings()
