"""Read and validate knowledge files; remember which were loaded (for `fenzhen doctor`)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any, TypeVar

import yaml
from pydantic import ValidationError

from fenzhen.errors import KnowledgeError
from fenzhen.knowledge import schemas

__all__ = ["KNOWLEDGE_FILES", "PROVIDER_MODULES", "load", "loaded_versions", "parse_yaml", "register_all"]

M = TypeVar("M", bound=schemas.KnowledgeFile)

#: Every packaged knowledge file and the schema that validates it.
KNOWLEDGE_FILES: dict[str, type[schemas.KnowledgeFile]] = {
    "triage_levels": schemas.TriageLevels,
    "vital_criteria": schemas.VitalCriteria,
    "modifiers": schemas.Modifiers,
    "lexicon": schemas.Lexicon,
    "red_flags": schemas.RedFlags,
    "paediatric_ranges": schemas.PaediatricRanges,
    "self_care": schemas.SelfCare,
    "complaint_modifiers": schemas.ComplaintModifiers,
    "score_floors": schemas.ScoreFloors,
}

#: Modules that register the knowledge files of optional capabilities on import. Importing them
#: lazily keeps `import fenzhen` light while every file stays reachable by name.
PROVIDER_MODULES: tuple[str, ...] = (
    "fenzhen.routing.catalogue",
    "fenzhen.routing.care",
    "fenzhen.routing.interview",
    "fenzhen.dosing.formulary",
    "fenzhen.privacy.knowledge",
    "fenzhen.interop.terminology",
)

_loaded: dict[str, str] = {}


def register_all() -> dict[str, type[schemas.KnowledgeFile]]:
    """Import every provider module so that all knowledge files are registered; return the registry."""
    import importlib

    for module in PROVIDER_MODULES:
        try:
            importlib.import_module(module)
        except ImportError:
            continue  # a capability whose optional dependencies are not installed
    return KNOWLEDGE_FILES


def register(name: str, schema: type[schemas.KnowledgeFile]) -> None:
    """Let a subpackage (routing, dosing, …) add its own knowledge file to the registry."""
    KNOWLEDGE_FILES[name] = schema


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a key written twice in one mapping.

    Plain YAML keeps the last of two equal keys silently: a second `smoke_inhalation:` concept once
    replaced the first, and the words of one of them were lost without an error.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def parse_yaml(text: str) -> Any:
    """Parse a knowledge file's text: safe YAML, and no key written twice in a mapping.

    Raises:
        yaml.YAMLError: if the text is not valid YAML or repeats a key.
    """
    return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass


@cache
def load(name: str) -> Any:
    """Load, validate and cache the packaged knowledge file `name` (without extension).

    Raises:
        KnowledgeError: if the file is missing, is not valid YAML (or repeats a key), fails its
            schema, or cites a source it does not declare.
    """
    schema = KNOWLEDGE_FILES.get(name) or register_all().get(name)
    if schema is None:
        raise KnowledgeError(f"unknown knowledge file {name!r}; known: {', '.join(sorted(KNOWLEDGE_FILES))}")
    try:
        text = resources.files("fenzhen.knowledge.data").joinpath(f"{name}.yaml").read_text("utf-8")
        raw = parse_yaml(text)
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"knowledge file {name}.yaml cannot be read: {exc}") from None
    try:
        parsed = schema.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise KnowledgeError(f"knowledge file {name}.yaml invalid at {where}: {first['msg']}") from None
    missing = sorted(parsed.cited_sources() - set(parsed.sources))
    if missing:
        raise KnowledgeError(f"knowledge file {name}.yaml cites undeclared sources: {', '.join(missing)}")
    _loaded[name] = parsed.version
    return parsed


def loaded_versions() -> dict[str, str]:
    """Return ``{file name: version}`` for every knowledge file loaded so far in this process."""
    return dict(sorted(_loaded.items()))


def as_model(name: str, model: type[M]) -> M:
    """Load `name` and check it is of the expected schema (for typed callers)."""
    value = load(name)
    if not isinstance(value, model):
        raise KnowledgeError(f"knowledge file {name} is not a {model.__name__}")
    return value
