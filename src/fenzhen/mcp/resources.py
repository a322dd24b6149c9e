"""MCP resources: the triage level definitions and the versions of the loaded knowledge files."""

from __future__ import annotations

import json

from mcp.server.fastmcp import FastMCP

from fenzhen.knowledge import KNOWLEDGE_FILES, load, loaded_versions

__all__ = ["LEVELS_URI", "VERSIONS_URI", "add_resources", "levels_json", "versions_json"]

LEVELS_URI = "fenzhen://knowledge/triage_levels"
VERSIONS_URI = "fenzhen://knowledge/versions"


def levels_json() -> str:
    """The 5-level and China 4-level definitions, with colours, response times and sources."""
    return json.dumps(load("triage_levels").model_dump(mode="json"), ensure_ascii=False)


def versions_json() -> str:
    """``{knowledge file: version}`` for every packaged knowledge file (each loaded and validated)."""
    for name in list(KNOWLEDGE_FILES):
        load(name)
    return json.dumps(loaded_versions(), ensure_ascii=False)


def add_resources(server: FastMCP) -> None:
    """Register the resources on `server`."""
    server.resource(
        LEVELS_URI,
        name="triage_levels",
        mime_type="application/json",
        description="Triage level definitions (5-level acuity and China 4-level), with sources.",
    )(levels_json)
    server.resource(
        VERSIONS_URI,
        name="knowledge_versions",
        mime_type="application/json",
        description="Versions of Fenzhen's knowledge files.",
    )(versions_json)
