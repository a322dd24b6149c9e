"""Request bodies of the JSON API (responses are documented where they are produced).

Bodies forbid unknown fields and bound every string, so no client input can reach the
database unchecked. The intake itself is parsed by `fenzhen.Intake.parse`, the one parser every
door uses; its JSON schema is published in the OpenAPI document through `intake_schema()`.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from fenzhen.domain import Intake

__all__ = [
    "EncounterCreate",
    "PatientIn",
    "Retriage",
    "ReviewIn",
    "StatusIn",
    "UserIn",
    "intake_schema",
]


def _inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        if "$ref" in node and len(node) == 1:
            return _inline_refs(defs[node["$ref"].rsplit("/", 1)[1]], defs)
        return {k: _inline_refs(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inline_refs(v, defs) for v in node]
    return node


def intake_schema() -> dict[str, Any]:
    """Return Intake's JSON schema with its enums inlined (so it can sit inside any request body)."""
    schema = Intake.model_json_schema()
    return _inline_refs(schema, schema.get("$defs", {}))


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PatientIn(_Body):
    """Identifiers of a new patient (kept apart from clinical data, never logged)."""

    name: str = Field(min_length=1, max_length=100)
    id_number: str | None = Field(None, max_length=40)
    phone: str | None = Field(None, max_length=30)
    birth_date: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")


class EncounterCreate(_Body):
    """Open an encounter: an existing patient id or a new patient's identifiers, and the intake."""

    patient_id: str | None = Field(None, min_length=32, max_length=32, pattern=r"^[0-9a-f]{32}$")
    patient: PatientIn | None = None
    intake: dict[str, Any] = Field(json_schema_extra=intake_schema())


class Retriage(_Body):
    """A new intake for the same encounter (new vitals); produces a new assessment."""

    intake: dict[str, Any] = Field(json_schema_extra=intake_schema())


class ReviewIn(_Body):
    """A clinician's accept or override; an override needs a reason."""

    decision: Literal["accept", "override"]
    acuity: int | None = Field(None, ge=1, le=5)
    china_level: int | None = Field(None, ge=1, le=4)
    department: str | None = Field(None, min_length=1, max_length=100)
    reason: str | None = Field(None, max_length=2000)


class StatusIn(_Body):
    status: Literal["waiting", "seen", "closed"]


class UserIn(_Body):
    name: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")
    role: Literal["nurse", "doctor", "admin"]
    password: str | None = Field(None, min_length=10, max_length=256)
