"""`fenzhen user …`: create users, issue tokens, set passwords, disable or re-enable a user, revoke tokens.

A new API token is printed once, on its own line.

Nothing ships with a default password: a user gets a web-login password only through
``--password-stdin`` or the prompt (``--password``), and otherwise can use the API token only.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from fenzhen.cli import main
from fenzhen.cli.serve import _data_dir_option, _database_option, open_store, settings_for

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["user"]


@contextmanager
def _session(data_dir: Path | None, database_url: str | None) -> Iterator[Session]:
    """One transaction on the clinic's store, the connection closed afterwards."""
    database = open_store(settings_for(data_dir=data_dir, database_url=database_url))
    try:
        with database.transaction() as session:
            yield session
    finally:
        database.dispose()


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
    with _session(data_dir, database_url) as session:
        account = create_user(session, name=name, role=role, password=password, actor="cli")
        if site is not None:
            assign_staff(session, user_name=name, site_code=site, can_prescribe=prescriber, actor="cli")
        token, _ = issue_token(session, user=account, actor="cli")
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
    from fenzhen.store.accounts import find_user, issue_token

    with _session(data_dir, database_url) as session:
        secret, _ = issue_token(session, user=find_user(session, name), actor="cli")
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
    with _session(data_dir, database_url) as session:
        set_password(session, name=name, password=secret, actor="cli")
    click.echo(f"password set for {name!r}", err=True)


@user.command("disable")
@click.argument("name")
@_data_dir_option
@_database_option
def disable(name: str, data_dir: Path | None, database_url: str | None) -> None:
    """Disable user NAME at once: every API token and web session stops working."""
    _set_active(name, False, data_dir, database_url)


@user.command("enable")
@click.argument("name")
@_data_dir_option
@_database_option
def enable(name: str, data_dir: Path | None, database_url: str | None) -> None:
    """Re-enable user NAME (old tokens stay revoked: issue a new one with `fenzhen user token`)."""
    _set_active(name, True, data_dir, database_url)


def _set_active(name: str, active: bool, data_dir: Path | None, database_url: str | None) -> None:
    from fenzhen.store.accounts import set_active

    with _session(data_dir, database_url) as session:
        revoked = set_active(session, name=name, active=active, actor="cli")
    click.echo(f"{name!r} enabled" if active else f"{name!r} disabled; {revoked} token(s) or session(s) revoked",
               err=True)


@user.command("revoke-tokens")
@click.argument("name")
@_data_dir_option
@_database_option
def revoke_tokens(name: str, data_dir: Path | None, database_url: str | None) -> None:
    """Revoke every API token and web session of user NAME (a lost or leaked token); the user stays active."""
    from fenzhen.store.accounts import revoke_credentials

    with _session(data_dir, database_url) as session:
        revoked = revoke_credentials(session, name=name, actor="cli")
    click.echo(f"{revoked} token(s) or session(s) of {name!r} revoked", err=True)
