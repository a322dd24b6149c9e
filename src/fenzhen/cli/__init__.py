"""The `fenzhen` command line: one group, one module per subcommand family.

Each module in `COMMAND_MODULES` attaches its commands to `main` (or to the `bench` group) on
import. Heavy libraries are imported inside the commands, so `fenzhen --help` stays fast.
Errors: a `FenzhenError` is caught at this edge only and printed as one line on stderr, with
the exit code documented in `fenzhen.errors.EXIT_CODES`.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from fenzhen import __version__
from fenzhen.errors import EXIT_CODES, FenzhenError

__all__ = ["COMMAND_MODULES", "main"]

#: Subcommand modules, imported in this order when the CLI starts.
COMMAND_MODULES: tuple[str, ...] = (
    "fenzhen.cli.assess",
    "fenzhen.cli.bench",
    "fenzhen.cli.doctor",
    "fenzhen.cli.train",
    "fenzhen.cli.route",
    "fenzhen.cli.dose",
    "fenzhen.cli.deid",
    "fenzhen.cli.bench_deid",
    "fenzhen.cli.serve",
    "fenzhen.cli.users",
    "fenzhen.cli.audit",
    "fenzhen.cli.sites",
    "fenzhen.cli.llm",
    "fenzhen.cli.mcp",
)


class _Group(click.Group):
    """A click group that turns `FenzhenError` into one line on stderr and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FenzhenError as exc:
            click.echo(f"error: {exc.message}", err=True)
            sys.exit(exc.exit_code)


_EPILOG = "Exit codes:\n\n" + "\n".join(f"  {code}  {text}" for code, text in EXIT_CODES.items())


@click.group(cls=_Group, epilog=_EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="fenzhen")
def main() -> None:
    """Fenzhen (分诊): offline triage and decision support. A clinician decides."""


for _module in COMMAND_MODULES:
    try:
        importlib.import_module(_module)
    except ModuleNotFoundError as _exc:
        # A command family whose module is absent from this installation is left out;
        # tests/cli/test_cli_meta.py requires every listed module to import in CI.
        if _exc.name != _module:
            raise
