"""Prompts as versioned files: ``src/fenzhen/llm/prompts/<name>.yaml``.

A prompt is clinical content (it shapes what a model says to a clinician or a family), so it is
data with a version and a reviewer's trail, not a string buried in code. Each file has `name`,
`version`, `purpose`, `system` and `user` (a template with ``{placeholders}``); the SHA-256 of
the file is recorded with every call, so a changed prompt is visible even if nobody bumped the
version.
"""

from __future__ import annotations

import hashlib
import re
import string
from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from fenzhen.errors import KnowledgeError
from fenzhen.llm.types import ChatMessage

__all__ = ["CASE_CLOSE", "CASE_OPEN", "Prompt", "fence_case_text", "load_prompt", "prompt_names"]

CASE_OPEN, CASE_CLOSE = "<case_text>", "</case_text>"
_FENCE_TAGS = re.compile(r"</?\s*case_text\s*>", re.IGNORECASE)


class Prompt(BaseModel):
    """One prompt file, validated."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    version: str
    purpose: str
    system: str
    user: str
    sha256: str = ""

    @property
    def prompt_id(self) -> str:
        """``name@version#hash12``, the identity used in records and cache keys."""
        return f"{self.name}@{self.version}#{self.sha256[:12]}"

    def placeholders(self) -> set[str]:
        """Names used in the user template."""
        return {f for _, f, _, _ in string.Formatter().parse(self.user) if f}

    def render(self, variables: dict[str, Any]) -> tuple[ChatMessage, ...]:
        """Fill the template; the system message is fixed text.

        Raises:
            KnowledgeError: a placeholder has no value (a bug in the caller, not user input).
        """
        missing = self.placeholders() - set(variables)
        if missing:
            raise KnowledgeError(f"prompt {self.name} needs {', '.join(sorted(missing))}")
        return (
            ChatMessage(role="system", content=self.system.strip()),
            ChatMessage(role="user", content=self.user.format_map(variables).strip()),
        )


def fence_case_text(text: str) -> str:
    """Wrap patient-written text in delimiters the prompts tell the model to treat as data.

    Any delimiter inside the text is removed first, so a complaint cannot close the fence and
    speak to the model as the instructions do.
    """
    return f"{CASE_OPEN}\n{_FENCE_TAGS.sub('', text)}\n{CASE_CLOSE}"


@cache
def load_prompt(name: str) -> Prompt:
    """Load and validate ``prompts/<name>.yaml``.

    Raises:
        KnowledgeError: the file is missing, is not valid YAML, or lacks a field.
    """
    try:
        raw = resources.files("fenzhen.llm.prompts").joinpath(f"{name}.yaml").read_bytes()
        data = yaml.safe_load(raw.decode("utf-8"))
        prompt = Prompt.model_validate({**data, "sha256": hashlib.sha256(raw).hexdigest()})
    except (OSError, yaml.YAMLError, TypeError) as exc:
        raise KnowledgeError(f"prompt file {name}.yaml cannot be read ({type(exc).__name__})") from None
    except ValidationError as exc:
        where = ".".join(str(p) for p in exc.errors()[0]["loc"])
        raise KnowledgeError(f"prompt file {name}.yaml invalid at {where}") from None
    if prompt.name != name:
        raise KnowledgeError(f"prompt file {name}.yaml declares name {prompt.name!r}")
    return prompt


def prompt_names() -> list[str]:
    """Every packaged prompt's name."""
    folder = resources.files("fenzhen.llm.prompts")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))
