"""The `itaku` command: migrate, seed-demo, create-admin, export-openapi, audit verify, serve."""

import asyncio
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
import uvicorn
from alembic import command
from alembic.config import Config

from itaku.core.config import REPO_ROOT, get_settings
from itaku.core.db import Database
from itaku.core.logging import configure_logging
from itaku.core.security import Passwords

app = typer.Typer(help="Itaku: vendor risk management for entrusted personal data.", no_args_is_help=True)
audit_app = typer.Typer(help="The audit trail.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")

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
    from itaku.assessments import service as assessment_service
    from itaku.organizations import service as organization_service

    db = Database(get_settings())
    try:
        async with db.unit_of_work(write=True) as session:
            for org_id in await organization_service.all_ids(session):
                await assessment_service.install_builtins(session, org_id)
    finally:
        await db.dispose()


@app.command()
def worker(once: bool = typer.Option(False, help="one run, then exit (for cron or a test)")) -> None:
    """Plan the review calendars and send due reminders, every ITAKU_SCHEDULER_INTERVAL_SECONDS (run any number
    of these beside app processes started with ITAKU_SCHEDULER=off)."""
    from itaku import models  # noqa: F401
    from itaku.core.mail import Mailer
    from itaku.monitoring import worker as monitoring_worker

    settings = get_settings()
    configure_logging(settings.log_level, settings.log_json)

    async def run() -> None:
        db = Database(settings)
        try:
            if once:
                result = await monitoring_worker.run_once(db, settings, Mailer(settings))
                typer.echo(f"planned {result.vendors_planned} vendors, sent {result.reminders} reminders")
            else:
                await monitoring_worker.run_forever(db, settings, Mailer(settings))
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
    typer.echo(f"Demo data {'loaded' if login.created else 'already present'}.")
    typer.echo(f"  Sign in at {settings.base_url}/  as  {login.email}  /  {login.password}")


@app.command("create-admin")
def create_admin(
    organization: Annotated[str, typer.Option(help="name of the new organisation")],
    email: Annotated[str, typer.Option()],
    name: Annotated[str, typer.Option()],
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)],
) -> None:
    """Create an organisation with its first administrator (works with sign-up switched off)."""
    from itaku import models  # noqa: F401
    from itaku.assessments import service as assessment_service
    from itaku.organizations import service as organization_service
    from itaku.users import service as user_service

    if len(password) < 10:
        typer.echo("The password needs at least 10 characters.", err=True)
        raise typer.Exit(2)
    settings = get_settings()

    async def run() -> None:
        db = Database(settings)
        try:
            async with db.unit_of_work(write=True) as session:
                org = await organization_service.create(session, organization)
                _, actor = await user_service.create_founder(
                    session,
                    organization_id=org.id,
                    email=email,
                    name=name,
                    password_hash=await Passwords().hash(password),
                )
                await organization_service.record_created(session, actor, org)
                await assessment_service.install_builtins(session, org.id)
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
def audit_verify() -> None:
    """Check every organisation's hash chain; exit 1 and name the first broken link of each."""
    from itaku import models  # noqa: F401
    from itaku.audit import service as audit_service

    settings = get_settings()

    async def run() -> tuple[int, list[audit_service.BrokenLink]]:
        db = Database(settings)
        try:
            async with db.unit_of_work(write=False) as session:
                return await audit_service.verify(session)
        finally:
            await db.dispose()

    checked, broken = asyncio.run(run())
    if not broken:
        typer.echo(f"Audit trail intact: {checked} events checked.")
        return
    for b in broken:
        typer.echo(
            f"BROKEN organisation {b.organization_id} at event seq {b.seq}"
            f"{f' (id {b.event_id})' if b.event_id else ''}: {b.problem}",
            err=True,
        )
    sys.exit(1)


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
