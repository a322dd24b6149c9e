"""`fenzhen serve`: run the clinic service (HTTP API and web UI) with uvicorn.

The database is migrated once here, before any worker starts, so that several workers never
race to create tables. Settings reach the workers through ``FENZHEN_*`` environment variables
(see `fenzhen.settings`). The uvicorn access log is off: our own request log writes the route
template, never the raw path or query, so that no identifier reaches a log. The HTTP parser
(httptools) and event loop (uvloop) are named explicitly, so a missing one fails at start instead
of silently falling back to the slow pure-Python ones.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from fenzhen.cli import main

if TYPE_CHECKING:
    from fenzhen.settings import Settings
    from fenzhen.store.db import Database

__all__ = ["open_store", "serve", "settings_for"]

_data_dir_option = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Data directory (default ./fenzhen-data; FENZHEN_DATA_DIR).",
)
_database_option = click.option(
    "--database",
    "database_url",
    default=None,
    metavar="URL",
    help="Database URL (default: SQLite in the data directory; FENZHEN_DATABASE_URL).",
)


def settings_for(**flags: Any) -> Settings:
    """Load settings from defaults, the data directory's config file, FENZHEN_* and these flags."""
    from fenzhen.settings import load_settings

    return load_settings(flags, environ=os.environ)


def open_store(settings: Settings) -> Database:
    """Create the data directory if needed, open the database and bring its schema up to date."""
    from fenzhen.store.db import Database

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    database = Database(settings.effective_database_url)
    database.migrate()
    return database


def _hint_first_user(store: Database, data_dir: Path) -> None:
    """On a fresh install nobody can sign in (no default password ships): say how to add one."""
    from sqlalchemy import func, select

    from fenzhen.store.models import User

    with store.transaction() as session:
        users = session.scalar(select(func.count()).select_from(User)) or 0
    if users == 0:
        click.echo(f"fenzhen: no users yet. Create the first one (it prints an API token once):\n"
                   f"  fenzhen user add NAME --role admin --password-stdin --data-dir {data_dir}", err=True)


@main.command()
@_data_dir_option
@_database_option
@click.option("--host", default=None, help="Interface (default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default 8000).")
@click.option("--workers", type=int, default=None, help="uvicorn worker processes (default 1).")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="TOML settings file (default <data-dir>/fenzhen.toml if present).",
)
def serve(
    data_dir: Path | None,
    database_url: str | None,
    host: str | None,
    port: int | None,
    workers: int | None,
    config_file: Path | None,
) -> None:
    """Run the clinic service: API under /api/v1, web UI at /, OpenAPI at /api/v1/openapi.json."""
    import uvicorn

    from fenzhen.settings import load_settings, worker_environment

    settings = load_settings(
        {"data_dir": data_dir, "database_url": database_url, "host": host, "port": port, "workers": workers},
        environ=os.environ,
        config_file=config_file,
    )
    store = open_store(settings)
    _hint_first_user(store, settings.data_dir)
    store.dispose()
    # The workers get every setting, secrets included (public() would hand them "***").
    os.environ.update(worker_environment(settings))
    click.echo(
        f"fenzhen: serving on http://{settings.host}:{settings.port}/ "
        f"({'SQLite' if settings.effective_database_url.startswith('sqlite') else 'PostgreSQL'}, "
        f"{settings.workers} worker(s))",
        err=True,
    )
    uvicorn.run(
        "fenzhen.service.app:app_from_environment",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_level=settings.log_level,
        access_log=False,
        timeout_graceful_shutdown=5,
        # Named, not "auto": the pure-Python h11 parser and the default asyncio loop stalled
        # requests by ~44 ms under load here; both C implementations ship with uvicorn[standard].
        http="httptools",
        loop="uvloop",
    )
