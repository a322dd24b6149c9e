"""`fenzhen mcp`: serve Fenzhen's tools over MCP (stdio by default, or streamable HTTP)."""

from __future__ import annotations

import click

from fenzhen.cli import main
from fenzhen.errors import FenzhenError

__all__ = ["mcp_command"]


@main.command("mcp")
@click.option("--http", "use_http", is_flag=True, help="Serve streamable HTTP on 127.0.0.1 instead of stdio.")
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8765, show_default=True, help="TCP port for --http."
)
def mcp_command(use_http: bool, port: int) -> None:
    """Serve the triage tools (assess, news2, qsofa, pews) to MCP clients.

    With --http the endpoint is http://127.0.0.1:PORT/mcp; it listens on loopback only.
    """
    try:
        from fenzhen.mcp import build_server
    except ImportError:
        raise FenzhenError("the MCP server needs the mcp package: install fenzhen[mcp]") from None

    server = build_server(port=port)
    if use_http:
        click.echo(f"MCP (streamable HTTP) on http://127.0.0.1:{port}/mcp", err=True)
    server.run("streamable-http" if use_http else "stdio")
