"""`fenzhen mcp`: serve Fenzhen's tools over MCP (stdio by default, or streamable HTTP).

Secrets come from the environment or a file, never from a flag (a flag stays in the shell
history and the process list): ``FENZHEN_TOKEN`` is the default API token for the tools that read
stored data from the service; ``FENZHEN_DEID_KEY`` (or ``--deid-key-file``) is the clinic's
pseudonym key for ``deidentify`` with ``operator=pseudonym``.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from fenzhen.cli import main
from fenzhen.errors import FenzhenError, InputError

__all__ = ["DEID_KEY_ENV", "TOKEN_ENV", "mcp_command"]

TOKEN_ENV = "FENZHEN_TOKEN"
DEID_KEY_ENV = "FENZHEN_DEID_KEY"


def _deid_key(key_file: Path | None) -> bytes | None:
    if key_file is not None:
        try:
            return key_file.read_bytes().strip()
        except OSError:
            raise InputError.for_field("--deid-key-file", None, "cannot be read") from None
    env = os.environ.get(DEID_KEY_ENV)
    return env.encode("utf-8") if env else None


@main.command("mcp")
@click.option("--http", "use_http", is_flag=True, help="Serve streamable HTTP on 127.0.0.1 instead of stdio.")
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True, help="TCP port for --http.")
@click.option(
    "--service-url",
    default="http://127.0.0.1:8000",
    show_default=True,
    help="The running `fenzhen serve` that worklist, get_encounter and list_dose_requests read from.",
)
@click.option(
    "--deid-key-file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help=f"File holding the clinic's pseudonym key (else ${DEID_KEY_ENV}); needed for operator=pseudonym.",
)
@click.option(
    "--facility",
    type=click.Choice(["village", "township", "county"]),
    default="township",
    show_default=True,
    help="Facility that advise_care and interview_next_question advise for, unless a call names one.",
)
def mcp_command(use_http: bool, port: int, service_url: str, deid_key_file: Path | None, facility: str) -> None:
    """Serve Fenzhen's tools to MCP clients: triage, scores, routing, care, interview,
    de-identification, dosing, and the service's worklist, encounters and dose requests.

    With --http the endpoint is http://127.0.0.1:PORT/mcp; it listens on loopback only. Tools for
    stored data forward a token (argument `token`, or $FENZHEN_TOKEN) to --service-url, which
    checks the role and writes the audit trail.
    """
    try:
        from fenzhen.mcp import build_server
        from fenzhen.mcp.config import McpConfig
    except ImportError:
        raise FenzhenError("the MCP server needs the mcp package: install fenzhen[mcp]") from None

    config = McpConfig(
        service_url=service_url,
        default_token=os.environ.get(TOKEN_ENV) or None,
        deid_key=_deid_key(deid_key_file),
        facility=facility,  # type: ignore[arg-type]
    )
    server = build_server(port=port, config=config)
    if use_http:
        click.echo(f"MCP (streamable HTTP) on http://127.0.0.1:{port}/mcp", err=True)
    server.run("streamable-http" if use_http else "stdio")
