"""Packaged clinical knowledge: versioned YAML files with sources, validated on load.

Code interprets; these files state facts. Each file declares `name`, `version`, `title` and a
`sources` table, and every rule or entry names one of those sources, so that a threshold can
always be traced to the standard it comes from. Loading is cached: a file is read and
validated once per process.
"""

from __future__ import annotations

from fenzhen.knowledge.loader import KNOWLEDGE_FILES, load, loaded_versions

__all__ = ["KNOWLEDGE_FILES", "load", "loaded_versions"]
