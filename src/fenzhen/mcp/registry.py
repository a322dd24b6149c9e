"""The list of MCP tools, and the rule for tools that touch stored patient data.

Every capability adds its tool here in one place: write a typed function in a ``tools_*``
module, decorate it with `mcp_tool`, and import that module in `TOOL_MODULES`. A tool that reads
or writes stored patient data passes ``role=...``: it then takes a ``token`` argument, and the
server's `Authorizer` (supplied by the service, which also writes the audit event) must accept
the token for that role before the tool runs. Without an authorizer such tools refuse every call.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from fenzhen.errors import AuthError

__all__ = ["TOOL_MODULES", "Authorizer", "McpTool", "mcp_tool", "registered_tools", "refuse_all"]

#: Modules whose import registers tools, in listing order.
TOOL_MODULES: tuple[str, ...] = ("fenzhen.mcp.tools_triage", "fenzhen.mcp.tools_scores")


class Authorizer(Protocol):
    """Checks a token for a role and records the access (the service provides one).

    Raises:
        AuthError: the token is missing or invalid.
        ForbiddenError: the token's role may not use this tool.
    """

    def __call__(self, token: str, role: str, tool: str) -> None: ...


def refuse_all(token: str, role: str, tool: str) -> None:
    """The default authorizer: no token store is connected, so no protected tool may run."""
    raise AuthError(f"tool {tool} needs a token with role {role}, and this server has no token store")


@dataclass(frozen=True)
class McpTool:
    """One tool: its function, its name and description, and the role it requires (if any)."""

    name: str
    fn: Callable[..., Any]
    description: str
    role: str | None = None

    def bound(self, authorizer: Authorizer) -> Callable[..., Any]:
        """Return the function to register, with the token check in front when a role is required."""
        if self.role is None:
            return self.fn
        if "token" not in inspect.signature(self.fn).parameters:
            raise TypeError(f"tool {self.name} requires role {self.role} and so must take a token argument")
        role, name, fn = self.role, self.name, self.fn

        @functools.wraps(fn)
        def checked(*args: Any, **kwargs: Any) -> Any:
            token = kwargs.get("token")
            if not token:
                raise AuthError(f"tool {name} needs a token with role {role}")
            authorizer(token, role, name)
            return fn(*args, **kwargs)

        return checked


_TOOLS: dict[str, McpTool] = {}


def mcp_tool(name: str, *, role: str | None = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a function as an MCP tool (its docstring's first paragraph is the description).

    Args:
        name: the tool name agents call.
        role: the role a token must have, for tools that touch stored patient data.
    """

    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        doc = inspect.getdoc(fn) or name
        _TOOLS[name] = McpTool(name=name, fn=fn, description=doc.split("\n\n")[0], role=role)
        return fn

    return register


def registered_tools() -> list[McpTool]:
    """Every registered tool, after importing `TOOL_MODULES`."""
    import importlib

    for module in TOOL_MODULES:
        importlib.import_module(module)
    return list(_TOOLS.values())
