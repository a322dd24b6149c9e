"""`fenzhen site add|list|assign`: the care sites of a clinic network and who prescribes where.

Remote dose-adjustment requests go from a site to its supervising site, where doctors with
prescribing rights (``--prescriber``) decide them. Every change is an audited event.
"""

from __future__ import annotations

from pathlib import Path

import click

from fenzhen.cli import main
from fenzhen.cli.serve import _data_dir_option, _database_option, open_store, settings_for

__all__ = ["site"]


@main.group()
def site() -> None:
    """Manage care sites (village, township, county) and staff prescribing rights."""


@site.command("add")
@click.argument("code")
@click.option("--name", required=True, help="Display name, e.g. 王家村卫生室.")
@click.option(
    "--level",
    type=click.Choice(["village", "township", "county", "other"]),
    required=True,
    help="Level of care of the site.",
)
@click.option(
    "--supervised-by",
    "supervising_site",
    default=None,
    metavar="CODE",
    help="Code of the site that decides this site's dose-adjustment requests.",
)
@_data_dir_option
@_database_option
def add(
    code: str,
    name: str,
    level: str,
    supervising_site: str | None,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """Create site CODE (1–32 lower-case letters, digits, '-' or '_')."""
    from fenzhen.store.sites import add_site

    database = open_store(settings_for(data_dir=data_dir, database_url=database_url))
    try:
        with database.transaction() as session:
            add_site(
                session, code=code, name=name, level=level, supervising_site=supervising_site, actor="cli"
            )
    finally:
        database.dispose()
    click.echo(
        f"created {level} site {code!r}"
        + (f" supervised by {supervising_site!r}" if supervising_site else "")
    )


@site.command("list")
@_data_dir_option
@_database_option
def list_(data_dir: Path | None, database_url: str | None) -> None:
    """List sites: code, level, supervising site, name."""
    from fenzhen.store.sites import list_sites

    database = open_store(settings_for(data_dir=data_dir, database_url=database_url))
    try:
        with database.transaction() as session:
            rows = list_sites(session)
    finally:
        database.dispose()
    for r in rows:
        click.echo(f"{r['code']}\t{r['level']}\t{r['supervising_site'] or '-'}\t{r['name']}")


@site.command("assign")
@click.argument("user_name")
@click.argument("code")
@click.option(
    "--prescriber/--no-prescriber", default=False, help="Grant or withdraw prescribing rights at CODE."
)
@_data_dir_option
@_database_option
def assign(
    user_name: str, code: str, prescriber: bool, data_dir: Path | None, database_url: str | None
) -> None:
    """Place USER_NAME at site CODE, granting or withdrawing prescribing rights there."""
    from fenzhen.store.sites import assign_staff

    database = open_store(settings_for(data_dir=data_dir, database_url=database_url))
    try:
        with database.transaction() as session:
            assign_staff(session, user_name=user_name, site_code=code, can_prescribe=prescriber, actor="cli")
    finally:
        database.dispose()
    click.echo(f"{user_name!r} works at {code!r}" + (" with prescribing rights" if prescriber else ""))
