"""`fenzhen user add`: create a user and print a new API token, once, on its own line.

Nothing ships with a default password: a user gets a web-login password only through
``--password-stdin`` or the prompt (``--password``), and otherwise can use the API token only.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from fenzhen.cli import main
from fenzhen.cli.serve import _data_dir_option, _database_option, open_store, settings_for

__all__ = ["user"]


@main.group()
def user() -> None:
    """Manage users of the clinic service (nurse, doctor, admin)."""


@user.command("add")
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice(["nurse", "doctor", "admin"]),
    required=True,
    help="nurse: register and triage; doctor: also review/override; admin: users, settings, audit.",
)
@_data_dir_option
@_database_option
@click.option(
    "--password-stdin", is_flag=True, help="Read a web-login password from the first line of stdin."
)
@click.option("--password", "prompt_password", is_flag=True, help="Prompt for a web-login password.")
@click.option("--site", default=None, metavar="CODE", help="Site where the user works (`fenzhen site add`).")
@click.option("--prescriber", is_flag=True, help="Grant prescribing rights (处方权) at --site (doctors).")
def add(
    name: str,
    role: str,
    data_dir: Path | None,
    database_url: str | None,
    password_stdin: bool,
    prompt_password: bool,
    site: str | None,
    prescriber: bool,
) -> None:
    """Create user NAME and print a new API token (shown once; store it safely)."""
    from fenzhen.errors import InputError
    from fenzhen.store.accounts import create_user, issue_token
    from fenzhen.store.sites import assign_staff

    if prescriber and site is None:
        raise InputError.for_field("prescriber", True, "prescribing rights are held at a site: give --site")

    password: str | None = None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif prompt_password:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    database = open_store(settings_for(data_dir=data_dir, database_url=database_url))
    try:
        with database.transaction() as session:
            account = create_user(session, name=name, role=role, password=password, actor="cli")
            if site is not None:
                assign_staff(session, user_name=name, site_code=site, can_prescribe=prescriber, actor="cli")
            token, _ = issue_token(session, user=account, actor="cli")
    finally:
        database.dispose()
    click.echo(
        f"created {role} {name!r}{' with a web-login password' if password else ''}; API token (shown once):",
        err=True,
    )
    click.echo(token)


@user.command("token")
@click.argument("name")
@_data_dir_option
@_database_option
def token(name: str, data_dir: Path | None, database_url: str | None) -> None:
    """Issue another API token for an existing user NAME (shown once)."""
    from sqlalchemy import select

    from fenzhen.errors import NotFoundError
    from fenzhen.store.accounts import issue_token
    from fenzhen.store.models import User

    database = open_store(settings_for(data_dir=data_dir, database_url=database_url))
    try:
        with database.transaction() as session:
            account = session.execute(select(User).where(User.name == name)).scalar_one_or_none()
            if account is None:
                raise NotFoundError(f"no user named {name!r}")
            secret, _ = issue_token(session, user=account, actor="cli")
    finally:
        database.dispose()
    click.echo(secret)


@user.command("password")
@click.argument("name")
@_data_dir_option
@_database_option
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
def password(name: str, data_dir: Path | None, database_url: str | None, password_stdin: bool) -> None:
    """Set or replace the web-login password of user NAME."""
    from fenzhen.store.accounts import set_password

    if password_stdin:
        secret = sys.stdin.readline().rstrip("\r\n")
    else:
        secret = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    database = open_store(settings_for(data_dir=data_dir, database_url=database_url))
    try:
        with database.transaction() as session:
            set_password(session, name=name, password=secret, actor="cli")
    finally:
        database.dispose()
    click.echo(f"password set for {name!r}", err=True)
