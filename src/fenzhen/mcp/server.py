"""Fenzhen's tools over the Model Context Protocol (official `mcp` SDK 1.x, FastMCP API).

The SDK's major version is pinned (``mcp>=1.9,<2``): 2.x replaces FastMCP's server API.
Tools are thin adapters onto the same functions as the CLI and the HTTP service; they return
typed (structured) results. Errors reach the client as one clear line: a bad argument names the
field and the accepted range; an unexpected failure says only which tool failed, never exception
text (which could carry patient data). As in the HTTP envelope, an input value is shown only when
it is a number or yes/no (a measurement the user must see to correct it), never a string: a
complaint, an answer or a misspelt drug name can carry a name or a phone number.

The server's `McpConfig` (service URL, default token, pseudonym key, facility) is reachable from
every tool through its request context (`fenzhen.mcp.config.config_of`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from mcp.server.fastmcp import FastMCP
from mcp.server.fastmcp.exceptions import ToolError
from pydantic import ValidationError

from fenzhen import __version__
from fenzhen.errors import FenzhenError
from fenzhen.mcp.config import McpConfig
from fenzhen.mcp.registry import Authorizer, refuse_all, registered_tools
from fenzhen.mcp.resources import add_resources

__all__ = ["FenzhenMCP", "build_server"]

log = logging.getLogger(__name__)

INSTRUCTIONS = (
    "Fenzhen (分诊): clinical triage decision support for primary care. Tools return "
    "recommendations with their reasons; a clinician decides. Missing vitals are never assumed normal."
)


class FenzhenMCP(FastMCP):
    """FastMCP whose tool errors are rewritten into safe, field-naming messages."""

    fenzhen_config: McpConfig = McpConfig()

    async def call_tool(self, name: str, arguments: dict[str, Any]) -> Sequence[Any] | dict[str, Any]:
        tool = self._tool_manager.get_tool(name)
        if tool is not None:
            # Like the intake, refuse unknown fields rather than drop them: a misspelt vital
            # silently ignored would be a missing vital nobody knows is missing.
            unknown = sorted(set(arguments or {}) - set(tool.parameters.get("properties", {})))
            if unknown:
                raise ToolError(
                    f"{unknown[0]}: is not an argument of tool {name}; accepted: "
                    + ", ".join(tool.parameters.get("properties", {}))
                )
        try:
            return await super().call_tool(name, arguments)
        except ToolError as exc:
            raise ToolError(_safe_message(name, exc)) from None


def _safe_message(tool: str, exc: ToolError) -> str:
    cause = exc.__cause__
    if isinstance(cause, FenzhenError):
        return _fenzhen_message(cause)
    if isinstance(cause, ValidationError):
        parts = []
        for err in cause.errors()[:5]:
            field = ".".join(str(p) for p in err["loc"] if p != "kwargs") or "arguments"
            parts.append(f"{field}: {err['msg'].lower()}")
        return "; ".join(parts)
    if cause is None:
        return str(exc)[:200]  # e.g. "Unknown tool: x" from the SDK itself
    log.error("tool %s failed with %s", tool, type(cause).__name__)
    return f"tool {tool} failed ({type(cause).__name__}); see the server log"


def _fenzhen_message(exc: FenzhenError) -> str:
    if not exc.fields:
        return exc.message[:400]
    first = exc.fields[0]
    text = f"{first.get('field')}: {first.get('problem')}"
    value = first.get("value")
    shown = isinstance(value, bool | int | float) and not isinstance(value, str)
    accepted = first.get("accepted")
    if shown:
        text += f" (got {value!r}" + (f"; accepted {accepted})" if accepted else ")")
    elif accepted:
        text += f" (accepted {accepted})"
    return text[:400]


def build_server(
    *,
    authorizer: Authorizer = refuse_all,
    host: str = "127.0.0.1",
    port: int = 8765,
    config: McpConfig | None = None,
) -> FenzhenMCP:
    """Build the server with every registered tool and the knowledge resources.

    Args:
        authorizer: checks tokens for local tools that touch stored patient data (default:
            refuse); service-backed tools are checked by the service they call.
        host: interface for the HTTP transport (127.0.0.1 keeps it on this machine).
        port: TCP port for the HTTP transport.
        config: service URL, default token, pseudonym key and facility (defaults: `McpConfig()`).
    """
    server = FenzhenMCP("fenzhen", instructions=INSTRUCTIONS, host=host, port=port, log_level="WARNING")
    server._mcp_server.version = __version__
    server.fenzhen_config = config or McpConfig()
    for tool in registered_tools():
        server.add_tool(
            tool.bound(authorizer, server.fenzhen_config.default_token),
            name=tool.name,
            description=tool.description,
            structured_output=True,
        )
    add_resources(server)
    return server
