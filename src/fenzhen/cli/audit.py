"""`fenzhen audit verify`: check the hash-chained audit trail and say where it was tampered with."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from fenzhen.cli import main
from fenzhen.cli.serve import _data_dir_option, _database_option, open_store, settings_for

__all__ = ["audit"]

#: Exit code when the chain is broken (the "conflict with stored state" code of `fenzhen.errors`).
TAMPER_EXIT_CODE = 9


@main.group()
def audit() -> None:
    """Inspect the audit trail of the clinic service."""


@audit.command("verify")
@_data_dir_option
@_database_option
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def verify(data_dir: Path | None, database_url: str | None, as_json: bool) -> None:
    """Verify every event's hash and link; exit 9 and name each edited, deleted or reordered event."""
    from fenzhen.store.audit import verify_chain

    database = open_store(settings_for(data_dir=data_dir, database_url=database_url))
    try:
        with database.transaction() as session:
            report = verify_chain(session)
    finally:
        database.dispose()
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        for problem in report.problems:
            click.echo(f"TAMPERED: {problem}")
        state = "intact" if report.ok else f"BROKEN ({len(report.problems)} problem(s))"
        click.echo(f"audit chain {state}: {report.events} events, head {report.head_seq} {report.head_hash}")
    if not report.ok:
        sys.exit(TAMPER_EXIT_CODE)
