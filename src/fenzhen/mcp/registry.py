"""The list of MCP tools, and the rule for tools that touch stored patient data.

Every capability adds its tool here in one place: write a typed function in a ``tools_*``
module, decorate it with `mcp_tool`, and import that module in `TOOL_MODULES`. A tool that reads
or writes stored patient data passes ``role=...``: it then takes a ``token`` argument, and no
call runs without a token (the argument, or the server's default token from ``FENZHEN_TOKEN``).

Who checks the token for the role, and writes the audit event, depends on where the data is:

* ``service=False`` (data in this process): the server's `Authorizer` must accept the token for
  the role before the tool runs. Without an authorizer such tools refuse every call.
* ``service=True`` (data in a running ``fenzhen serve``): the tool forwards the token as
  ``Authorization: Bearer`` and the *service* checks the role and writes the audit event, exactly
  as for its own HTTP clients. The MCP server holds no token store and so cannot judge a token; a
  second, local check would only duplicate (and could disagree with) the service's. The role
  named here is the service permission the tool needs, shown in its description and errors.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from fenzhen.errors import AuthError

__all__ = ["TOOL_MODULES", "Authorizer", "McpTool", "mcp_tool", "registered_tools", "refuse_all"]

#: Modules whose import registers tools, in listing order.
TOOL_MODULES: tuple[str, ...] = (
    "fenzhen.mcp.tools_triage",
    "fenzhen.mcp.tools_scores",
    "fenzhen.mcp.tools_routing",
    "fenzhen.mcp.tools_interview",
    "fenzhen.mcp.tools_privacy",
    "fenzhen.mcp.tools_dosing",
    "fenzhen.mcp.tools_service",
)


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
    """One tool: its function, name and description, the role it requires (if any), and whether
    a running service (rather than the `Authorizer`) checks that role."""

    name: str
    fn: Callable[..., Any]
    description: str
    role: str | None = None
    service: bool = False

    def bound(self, authorizer: Authorizer, default_token: str | None = None) -> Callable[..., Any]:
        """Return the function to register, with the token check in front when a role is required.

        Args:
            authorizer: checks the token for local tools (not consulted for ``service`` tools).
            default_token: used when the call gives no ``token`` (the server's FENZHEN_TOKEN).
        """
        if self.role is None:
            return self.fn
        if "token" not in inspect.signature(self.fn).parameters:
            raise TypeError(f"tool {self.name} requires role {self.role} and so must take a token argument")
        role, name, fn, service = self.role, self.name, self.fn, self.service

        def check(kwargs: dict[str, Any]) -> None:
            token = kwargs.get("token") or default_token
            if not token:
                raise AuthError(
                    f"tool {name} needs a token with role {role}: pass token, or start the server "
                    "with FENZHEN_TOKEN set"
                )
            kwargs["token"] = token
            if not service:
                authorizer(token, role, name)

        if inspect.iscoroutinefunction(fn):
            afn: Callable[..., Awaitable[Any]] = fn

            @functools.wraps(fn)
            async def checked_async(*args: Any, **kwargs: Any) -> Any:
                check(kwargs)
                return await afn(*args, **kwargs)

            return checked_async

        @functools.wraps(fn)
        def checked(*args: Any, **kwargs: Any) -> Any:
            check(kwargs)
            return fn(*args, **kwargs)

        return checked


_TOOLS: dict[str, McpTool] = {}


def mcp_tool(
    name: str, *, role: str | None = None, service: bool = False
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a function as an MCP tool (its docstring's first paragraph is the description).

    Args:
        name: the tool name agents call.
        role: the role (or service permission) a token must have, for tools that touch stored
            patient data.
        service: the tool forwards the token to a running service, which checks the role.
    """

    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        doc = inspect.getdoc(fn) or name
        _TOOLS[name] = McpTool(name=name, fn=fn, description=doc.split("\n\n")[0], role=role, service=service)
        return fn

    return register


def registered_tools() -> list[McpTool]:
    """Every registered tool, after importing `TOOL_MODULES`."""
    import importlib

    for module in TOOL_MODULES:
        importlib.import_module(module)
    return list(_TOOLS.values())
