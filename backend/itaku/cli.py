"""The `itaku` command: migrate, seed-demo, create-admin, export-openapi, audit verify / export-heads, serve."""

from __future__ import annotations

import asyncio
import json
import sys
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
import uvicorn
from alembic import command
from alembic.config import Config

from itaku.core.config import REPO_ROOT, get_settings
from itaku.core.db import Database
from itaku.core.logging import configure_logging
from itaku.core.security import Passwords

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

T = TypeVar("T")

app = typer.Typer(help="Itaku: vendor risk management for entrusted personal data.", no_args_is_help=True)
audit_app = typer.Typer(help="The audit trail.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")


@app.callback()
def assemble() -> None:
    """Itaku: vendor risk management for entrusted personal data."""
    # Every command writes through the same units of work as the app, so the calendar follows the register here too.
    from itaku.monitoring import calendar

    calendar.follow_the_register()


BACKEND_DIR = Path(__file__).resolve().parents[1]


def alembic_config(database_url: str | None = None) -> Config:
    cfg = Config(str(BACKEND_DIR / "alembic.ini"))
    cfg.set_main_option("script_location", str(BACKEND_DIR / "migrations"))
    cfg.attributes["database_url"] = database_url or get_settings().database_url
    return cfg


def _ensure_sqlite_dir(url: str) -> None:
    if url.startswith("sqlite") and ":///" in url:
        path = url.split(":///", 1)[1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)


@app.command()
def migrate(revision: str = "head") -> None:
    """Bring the database schema up to date."""
    url = get_settings().database_url
    _ensure_sqlite_dir(url)
    command.upgrade(alembic_config(url), revision)
    if revision == "head":
        asyncio.run(_install_builtin_templates())


async def _install_builtin_templates() -> None:
    """Organisations created before a built-in template shipped get it on the next migrate."""
    from itaku import models  # noqa: F401
    from itaku.assessments import templates as assessment_templates
    from itaku.organizations import service as organization_service

    db = Database(get_settings())
    try:
        async with db.unit_of_work(write=True) as session:
            for org_id in await organization_service.all_ids(session):
                await assessment_templates.install_builtins(session, org_id)
    finally:
        await db.dispose()


@app.command()
def worker(once: bool = typer.Option(False, help="one run, then exit (for cron or a test)")) -> None:
    """Run background jobs (mail, reminder sweeps) and enqueue a reminder sweep every
    ITAKU_SCHEDULER_INTERVAL_SECONDS (run any number of these beside app processes started with ITAKU_SCHEDULER=off).
    With --once: a reminder sweep now, then every job that is due."""
    from itaku import models  # noqa: F401
    from itaku import worker as scheduler

    settings = get_settings()
    configure_logging(settings.log_level, settings.log_json)

    async def run() -> None:
        db = Database(settings)
        try:
            if once:
                typer.echo(f"ran {await scheduler.run_due_now(db)} jobs")
            else:
                await scheduler.run_forever(db, settings)
        finally:
            await db.dispose()

    asyncio.run(run())


@app.command("seed-demo")
def seed_demo() -> None:
    """Load the demo organisation on first start (does nothing when it is there) and print the login."""
    from itaku import demo, models  # noqa: F401

    settings = get_settings()

    async def run() -> demo.DemoLogin:
        db = Database(settings)
        try:
            async with db.unit_of_work(write=True) as session:
                return await demo.load(session, settings, Passwords())
        finally:
            await db.dispose()

    login = asyncio.run(run())
    typer.echo(f"Demo data {'loaded' if login.created else 'already present'}: sign in at {settings.base_url}/")
    # One line of its own: `make run` (scripts/make-run.sh) repeats it as its last.
    typer.echo(f"Demo login: {login.email} / {login.password}")


@app.command("reset-two-factor")
def reset_two_factor(email: Annotated[str, typer.Option(help="the person's sign-in address")]) -> None:
    """For a person who lost both their phone and their recovery codes, once their identity is confirmed: turn
    two-factor sign-in off and end their sessions (recorded in each of their organisations). No administrator can do
    this in the app, since an account may belong to several organisations."""
    from itaku import models  # noqa: F401
    from itaku.users import two_factor

    async def run(session: AsyncSession) -> bool:
        return await two_factor.reset_by_operator(session, email.strip().lower())

    if not _in_session(run, write=True):
        typer.echo(f"No account with two-factor sign-in on for {email}.", err=True)
        raise typer.Exit(1)
    typer.echo(f"Two-factor sign-in turned off for {email}; their sessions ended. They set it up again on signing in.")


@app.command("create-admin")
def create_admin(
    organization: Annotated[str, typer.Option(help="name of the new organisation")],
    email: Annotated[str, typer.Option()],
    name: Annotated[str, typer.Option()],
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)],
) -> None:
    """Create an organisation with its first administrator (works with sign-up switched off)."""
    from itaku import models  # noqa: F401
    from itaku.auth import registration as auth_registration

    if len(password) < 10:
        typer.echo("The password needs at least 10 characters.", err=True)
        raise typer.Exit(2)
    settings = get_settings()

    async def run() -> None:
        db = Database(settings)
        try:
            async with db.unit_of_work(write=True) as session:
                await auth_registration.create_organization(
                    session,
                    organization_name=organization,
                    email=email.lower(),
                    name=name,
                    password_hash=await Passwords().hash(password),
                )
        finally:
            await db.dispose()

    asyncio.run(run())
    typer.echo(f"Created {organization} with administrator {email}.")


@app.command("export-openapi")
def export_openapi(output: Annotated[Path, typer.Option()] = REPO_ROOT / "openapi.json") -> None:
    """Write the API contract that the app serves to openapi.json."""
    from itaku.main import create_app

    spec = create_app().openapi()
    output.write_text(json.dumps(spec, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    typer.echo(f"Wrote {output}")


@audit_app.command("verify")
def audit_verify(
    heads: Annotated[
        Path | None, typer.Option(help="a file from `itaku audit export-heads`: also check the events it names")
    ] = None,
) -> None:
    """Check every organisation's keyed chain; exit 1 and name the first problem of each (a rewritten event, a gap,
    a deleted tail, a moved head, and against --heads: events that were there when the file was exported)."""
    from itaku import models  # noqa: F401
    from itaku.audit import service as audit_service
    from itaku.audit.schemas import SignedHeads

    anchors = audit_service.anchors_of(SignedHeads.model_validate_json(heads.read_bytes())) if heads else None

    async def run(session: AsyncSession) -> tuple[int, list[audit_service.BrokenLink]]:
        return await audit_service.verify(session, anchors=anchors)

    checked, broken = _in_session(run, write=False)
    against = f", against {len(anchors)} exported heads" if anchors is not None else ""
    if not broken:
        typer.echo(f"Audit trail intact: {checked} events checked{against}.")
        return
    for b in broken:
        typer.echo(
            f"BROKEN organisation {b.organization_id} at event seq {b.seq}"
            f"{f' (id {b.event_id})' if b.event_id else ''} [{b.kind}]: {b.problem}",
            err=True,
        )
    sys.exit(1)


@audit_app.command("seal-legacy")
def audit_seal_legacy() -> None:
    """Once, right after upgrading a database whose audit chains were written before links were keyed: seal each
    chain head as it stands (chains that do not verify are left unsealed and named). It trusts the database at this
    moment, so it is not run by itself: an unsealed head found later is reported by `itaku audit verify`."""
    from itaku import models  # noqa: F401
    from itaku.audit import service as audit_service

    sealed, refused = _in_session(audit_service.seal_heads, write=True)
    typer.echo(f"Sealed {sealed} chain heads.")
    for b in refused:
        typer.echo(
            f"NOT SEALED: organisation {b.organization_id} at event seq {b.seq} [{b.kind}]: {b.problem}", err=True
        )
    if refused:
        sys.exit(1)


@audit_app.command("export-heads")
def audit_export_heads(
    output: Annotated[Path, typer.Option(help="where to write the file (keep it away from this server)")],
    organization: Annotated[str | None, typer.Option(help="one organisation's id; all by default")] = None,
) -> None:
    """Write the sealed head of every chain to a small file; run it daily (cron) and store or mail the file elsewhere,
    then `itaku audit verify --heads FILE` shows whether anything written before it was changed or deleted since."""
    from itaku import models  # noqa: F401
    from itaku.audit import service as audit_service

    org_id = uuid.UUID(organization) if organization else None

    async def run(session: AsyncSession) -> list[audit_service.Anchor]:
        return await audit_service.signed_heads(session, org_id)

    anchors = _in_session(run, write=False)
    output.write_text(audit_service.heads_file(anchors).model_dump_json(indent=2) + "\n", encoding="utf-8")
    typer.echo(f"Wrote the heads of {len(anchors)} chains to {output}")


def _in_session(work: Callable[[AsyncSession], Awaitable[T]], *, write: bool) -> T:
    """Run `work` in one unit of work on the configured database."""

    async def run() -> T:
        db = Database(get_settings())
        try:
            async with db.unit_of_work(write=write) as session:
                return await work(session)
        finally:
            await db.dispose()

    return asyncio.run(run())


@app.command()
def serve(
    host: str = "127.0.0.1",
    port: Annotated[int | None, typer.Option(help="defaults to PORT")] = None,
    workers: int = 1,
) -> None:
    """Serve the API and the web app."""
    settings = get_settings()
    uvicorn.run(
        "itaku.main:create_app",
        factory=True,
        host=host,
        port=port or settings.port,
        workers=workers,
        access_log=False,
        log_config=None,
        proxy_headers=True,
    )


if __name__ == "__main__":
    app()
