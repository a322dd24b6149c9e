"""Fenzhen's tools for any agent, over the Model Context Protocol (`fenzhen mcp`)."""

from fenzhen.mcp.config import McpConfig
from fenzhen.mcp.registry import TOOL_MODULES, Authorizer, McpTool, mcp_tool, registered_tools
from fenzhen.mcp.server import FenzhenMCP, build_server

__all__ = [
    "TOOL_MODULES",
    "Authorizer",
    "FenzhenMCP",
    "McpConfig",
    "McpTool",
    "build_server",
    "mcp_tool",
    "registered_tools",
]
