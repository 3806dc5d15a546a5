"""create_app(): middleware, error handlers, routers, health checks and the SPA."""

import asyncio
import contextlib
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel
from sqlalchemy import text

from itaku import models  # noqa: F401  (register every table with the mapper)
from itaku.api import include_api
from itaku.core import error_handlers
from itaku.core.config import Settings, get_settings
from itaku.core.db import Database
from itaku.core.errors import ErrorBody
from itaku.core.logging import configure_logging
from itaku.core.mail import Mailer
from itaku.core.middleware import RequestContextMiddleware
from itaku.core.routing import index_routes
from itaku.core.security import Passwords
from itaku.core.storage import LocalStorage
from itaku.monitoring import calendar
from itaku.spa import mount_spa
from itaku.worker import REGISTRY, run_forever

API_DESCRIPTION = """
Itaku keeps the supervision of contractors that handle personal data (APPI Art. 25) in one place.

Authenticate with `Authorization: Bearer <token>`: a staff access token from `POST /api/v1/auth/token`,
or an API key (`itk_...`) created by an administrator. Errors always have the shape
`{"error": "<stable_code>", "detail": ...}`. Lists answer `{items, total, page, size}`.
"""


def operation_id(route: APIRoute) -> str:
    """Stable readable ids, e.g. `users-list_users`, which the generated client turns into names."""
    return f"{route.tags[0]}-{route.name}" if route.tags else route.name


class Health(BaseModel):
    status: str


# Objects allocated and not yet freed before a young collection runs. Python's 700 is passed by the requests in flight
# alone (32 concurrent requests hold some 3 000), so it collected every few requests, each time walking all of them
# for nothing: about 55 µs of every auth/me under load, none with this threshold.
YOUNG_COLLECTION_THRESHOLD = 20_000


def tune_garbage_collector() -> None:
    """Once per serving process, when the app has started."""
    if gc.get_freeze_count():
        return
    # What the process built to serve (routes, schemas, mappers: some 270 000 objects) lives as long as it does;
    # frozen, a full collection no longer walks it (70 ms each time).
    gc.collect()
    gc.freeze()
    _young, *older = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, *older)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level, settings.log_json)
    calendar.follow_the_register()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        task = asyncio.create_task(run_forever(app.state.db, settings)) if settings.scheduler == "app" else None
        tune_garbage_collector()
        yield
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await app.state.db.dispose()

    app = FastAPI(
        title="Itaku API",
        version="1.0.0",
        description=API_DESCRIPTION,
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
        responses={
            400: {"model": ErrorBody, "description": "bad_request: the body could not be parsed"},
            422: {"model": ErrorBody, "description": "validation_error: malformed input, per field"},
            500: {"model": ErrorBody, "description": "internal_error"},
            503: {"model": ErrorBody, "description": "database_unavailable: try again after Retry-After seconds"},
        },
    )
    app.state.settings = settings
    app.state.db = Database(settings)
    app.state.passwords = Passwords(fast=settings.environment == "test")
    app.state.mailer = Mailer(settings)
    app.state.storage = LocalStorage(settings.upload_dir)
    app.state.job_registry = REGISTRY

    error_handlers.install(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=False,
            allow_methods=["*"],
            allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
            expose_headers=["X-Request-ID", "Retry-After"],
        )
    # A margin over the upload limit leaves room for the multipart envelope and form fields.
    app.add_middleware(
        RequestContextMiddleware,
        max_body_bytes=settings.upload_max_bytes + 1024 * 1024,
        https=settings.base_url.startswith("https://"),
    )
    include_api(app)

    @app.get("/healthz", response_model=Health, tags=["health"])
    async def healthz() -> Health:
        """Liveness: the process answers."""
        return Health(status="ok")

    @app.get(
        "/readyz",
        response_model=Health,
        tags=["health"],
        responses={503: {"model": ErrorBody, "description": "database_unavailable"}},
    )
    async def readyz(request: Request) -> Health | JSONResponse:
        """Readiness: the database answers a query."""
        try:
            async with request.app.state.db.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception:
            return error_handlers.database_unavailable()
        return Health(status="ok")

    mount_spa(app, settings.spa_dir)
    index_routes(app.router.routes)
    return app
