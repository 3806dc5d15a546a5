"""What kinds of background work exist: each kind names its payload's shape, the function that runs it and how
it is retried. The one registry of a process is built in `itaku/worker.py`."""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from itaku.core.config import Settings
from itaku.core.db import Database
from itaku.core.mail import Mailer

P = TypeVar("P", bound=BaseModel)

# The longest wait between two attempts, however many failed before.
MAX_BACKOFF = timedelta(hours=6)


@dataclass(frozen=True)
class JobContext:
    """What a handler gets besides its payload. It runs outside any transaction and opens its own units of work."""

    db: Database
    settings: Settings
    mailer: Mailer
    job_id: uuid.UUID
    organization_id: uuid.UUID | None
    attempt: int  # 1 on the first run
    # Reports progress to screens and extends the claim's lease (long work calls it as it goes).
    report_progress: Callable[[int, int | None], Awaitable[None]] = field(repr=False)


Result = dict[str, Any] | None


@dataclass(frozen=True)
class JobKind(Generic[P]):
    name: str
    payload: type[P]
    run: Callable[[JobContext, P], Awaitable[Result]]
    max_attempts: int = 5
    # The wait after the first failed attempt; it doubles after each further one (up to MAX_BACKOFF).
    backoff: timedelta = timedelta(seconds=30)
    # How long a claim lasts without news from its worker; past it another worker takes the job again.
    lease: timedelta = timedelta(minutes=5)
    # Payload fields removed once the job has succeeded (a mail's body may carry a sign-in link).
    secret_fields: tuple[str, ...] = ()

    def retry_delay(self, attempts: int) -> timedelta:
        """The wait after `attempts` failed attempts."""
        return min(self.backoff * 2 ** max(attempts - 1, 0), MAX_BACKOFF)


class Registry:
    def __init__(self, *kinds: JobKind[Any]) -> None:
        self._kinds: dict[str, JobKind[Any]] = {}
        for kind in kinds:
            if kind.name in self._kinds:
                raise ValueError(f"job kind {kind.name!r} is registered twice")
            self._kinds[kind.name] = kind

    def get(self, name: str) -> JobKind[Any] | None:
        return self._kinds.get(name)

    @property
    def names(self) -> list[str]:
        return sorted(self._kinds)
