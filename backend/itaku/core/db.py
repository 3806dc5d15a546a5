"""Engine, sessions and the unit of work.

SQLite allows one writer at a time. Inside one process every write transaction takes
`write_lock` first, so concurrent writers queue in the event loop instead of failing with
"database is locked"; WAL keeps readers going meanwhile and the busy timeout covers other
processes (the CLI, a second server). PostgreSQL needs none of this.
"""

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, nullcontext
from typing import Any

from sqlalchemy import event, exc, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import PoolResetState

from itaku.core.config import Settings
from itaku.core.errors import AppError
from itaku.core.security import AuditKeys

log = logging.getLogger("itaku.db")
AfterCommit = Callable[[], Awaitable[None]]
BeforeCommit = Callable[[AsyncSession], Awaitable[None]]


class Database:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.is_sqlite = settings.is_sqlite
        kwargs: dict[str, Any] = {}
        if self.is_sqlite:
            kwargs["connect_args"] = {"timeout": 30}
            kwargs["pool_reset_on_return"] = None  # _rollback_if_open decides
        else:
            kwargs["pool_size"] = settings.db_pool_size
            kwargs["max_overflow"] = settings.db_max_overflow
            # Recycling beats a pre-ping round trip on every checkout; a dropped connection is invalidated
            # on first use and the pool reconnects.
            kwargs["pool_recycle"] = 1800
        self.engine: AsyncEngine = create_async_engine(settings.database_url, **kwargs)
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
            event.listen(self.engine.sync_engine, "reset", _rollback_if_open)
        # Every session carries the audit keys (audit.service signs each event it records with the current one) and
        # its database (itaku.jobs starts the work a transaction enqueued once it has committed).
        audit_keys = AuditKeys.of(settings.audit_key_id, settings.audit_key, settings.audit_old_keys)
        self.sessionmaker = async_sessionmaker(
            self.engine, expire_on_commit=False, autoflush=False, info={"audit_keys": audit_keys, "database": self}
        )
        self.write_lock = asyncio.Lock()

    @asynccontextmanager
    async def unit_of_work(self, *, write: bool) -> AsyncIterator[AsyncSession]:
        """One transaction: commit on success, roll back on error. The hooks registered for the outcome
        (`after_commit`, `on_rollback`) run once the transaction and the SQLite write lock are released."""
        lock = self.write_lock if write and self.is_sqlite else nullcontext()
        session = self.sessionmaker()
        committed = False
        try:
            async with lock:
                try:
                    yield session
                    await run_before_commit(session)
                    await session.commit()
                    committed = True
                except AppError as exc:
                    # Some refusals are themselves facts to keep (a failed sign-in counts towards throttling).
                    if exc.keeps_writes:
                        await session.commit()
                        committed = True
                    else:
                        await session.rollback()
                    raise
                except BaseException:
                    await session.rollback()
                    raise
                finally:
                    await session.close()
        finally:
            await _run_hooks(session, "after_commit" if committed else "on_rollback")

    async def refresh_statistics(self) -> None:
        """SQLite's query planner chooses well only with statistics (without them it counts a search's matches by
        reading every vendor of the organisation, not the search index's few); `ANALYZE` with a sampling limit keeps
        it to a moment. PostgreSQL's autovacuum analyses by itself."""
        if self.is_sqlite:
            async with self.unit_of_work(write=True) as session:
                await session.execute(text("PRAGMA analysis_limit=1000"))
                await session.execute(text("ANALYZE"))

    async def dispose(self) -> None:
        await self.engine.dispose()


# SQLSTATE classes that mean "the database cannot serve now", not "this statement is wrong": connection exceptions
# (08), operator intervention such as a shutdown or a start-up in progress (57P), and a database that is not there.
_UNAVAILABLE_SQLSTATES = ("08", "57P", "3D000", "53300")


def is_unavailable(error: BaseException) -> bool:
    """Whether an error says the database cannot be reached or cannot serve now (answered 503, retried later),
    rather than that a statement failed (a defect, answered 500)."""
    if isinstance(error, exc.TimeoutError | ConnectionError | TimeoutError):
        return True  # the pool had no connection to give, or the server did not answer
    if isinstance(error, exc.DBAPIError):
        if error.connection_invalidated or isinstance(error, exc.OperationalError | exc.InterfaceError):
            return True
        sqlstate = str(getattr(error.orig, "sqlstate", "") or "")
        return sqlstate.startswith(_UNAVAILABLE_SQLSTATES)
    return False


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _rollback_if_open(dbapi_connection: Any, _record: Any, state: PoolResetState) -> None:
    """The pool's reset of a SQLite connection given back: rolled back only if a transaction is still open on it.
    A unit of work gives its connection back after committing or rolling back, when SQLite has nothing left to roll
    back; aiosqlite would still send that rollback to the connection's thread and wait for it, once per request."""
    if state.asyncio_safe and not state.transaction_was_reset and dbapi_connection.driver_connection.in_transaction:
        dbapi_connection.rollback()


def before_commit(session: AsyncSession | Session, key: str, hook: BeforeCommit) -> None:
    """Run `hook(session)` inside the transaction just before it commits, once per `key` however often it is asked
    for (work that follows from what the request changed, such as replanning the review calendar). A flush event
    may ask with the synchronous session: both share `info`."""
    hooks: dict[str, BeforeCommit] = session.info.setdefault("before_commit", {})
    hooks.setdefault(key, hook)


async def run_before_commit(session: AsyncSession) -> None:
    """The before-commit hooks, until none is left (a hook may cause another). An error rolls the work back."""
    while True:
        await session.flush()  # a change still in memory may register a hook as it flushes
        hooks = session.info.get("before_commit")
        if not hooks:
            return
        key, hook = next(iter(hooks.items()))
        del hooks[key]
        await hook(session)


def after_commit(session: AsyncSession, hook: AfterCommit) -> None:
    """Run `hook` once the request's transaction has committed (mail, webhooks)."""
    session.info.setdefault("after_commit", []).append(hook)


def on_rollback(session: AsyncSession, hook: AfterCommit) -> None:
    """Run `hook` if the transaction is rolled back (remove a file stored for a write that did not land)."""
    session.info.setdefault("on_rollback", []).append(hook)


async def _run_hooks(session: AsyncSession, kind: str) -> None:
    for hook in session.info.pop(kind, []):
        try:
            await hook()
        except Exception:
            # The transaction's outcome is settled; a failed side effect is logged, not turned into an error.
            log.exception("transaction_hook_failed", extra={"hook": kind})
