"""One settings object for the whole process; domain code never reads os.environ."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_SECRET = "itaku-local-development-secret-change-me"


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
    secret_key: str = DEFAULT_SECRET
    allow_signup: bool = True
    access_token_minutes: int = Field(default=60, ge=1, le=24 * 60)
    invitation_days: int = Field(default=7, ge=1, le=60)
    portal_session_minutes: int = Field(default=240, ge=5, le=24 * 60)
    cors_origins: list[str] = []
    upload_max_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)
    upload_dir: Path = REPO_ROOT / "data" / "uploads"
    signin_max_failures: int = Field(default=5, ge=1)
    signin_window_seconds: int = Field(default=900, ge=1)
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
    # The review calendar's daily planning and reminders: in the app process (one node), or "off" when separate
    # `itaku worker` processes do it (any number; reminders are claimed in the database, so none goes out twice).
    scheduler: Literal["app", "off"] = "app"
    scheduler_interval_seconds: int = Field(default=3600, ge=1)

    @model_validator(mode="after")
    def _refuse_default_secret(self) -> "Settings":
        if self.environment == "production" and (self.secret_key == DEFAULT_SECRET or len(self.secret_key) < 32):
            raise ValueError(
                "ITAKU_SECRET_KEY must be set to a random value of at least 32 characters outside local/test"
            )
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def base_url(self) -> str:
        return (self.public_url or f"http://127.0.0.1:{self.port}").rstrip("/")


@lru_cache
def get_settings() -> Settings:
    return Settings()
