"""The request's unit of work and the application's ports (settings, mail, storage) as FastAPI dependencies."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from itaku.core.config import Settings
from itaku.core.db import Database
from itaku.core.mail import Mailer
from itaku.core.storage import Storage

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def get_database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """The request's unit of work: committed once, after the endpoint returns and before the response."""
    async with get_database(request).unit_of_work(write=request.method not in SAFE_METHODS) as session:
        yield session


def get_mailer(request: Request) -> Mailer:
    mailer: Mailer = request.app.state.mailer
    return mailer


def get_storage(request: Request) -> Storage:
    storage: Storage = request.app.state.storage
    return storage


SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
# For the few unsigned endpoints that count an attempt (itaku.throttle) before opening their own unit of work.
DatabaseDep = Annotated[Database, Depends(get_database)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
MailerDep = Annotated[Mailer, Depends(get_mailer)]
StorageDep = Annotated[Storage, Depends(get_storage)]
