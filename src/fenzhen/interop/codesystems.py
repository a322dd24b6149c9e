"""The CodeSystems Fenzhen publishes: the two triage scales, red flags, scores, intake fields.

Why generated: the concepts come from the knowledge files that the engine itself uses
(`triage_levels`, `red_flags`, `fhir_terminology`), so the published terminology cannot drift
from what the engine decides. The CodeSystem version is the knowledge file's version.
"""

from __future__ import annotations

from typing import Any

from fenzhen.errors import NotFoundError
from fenzhen.interop.terminology import CANONICAL_BASE, terminology
from fenzhen.knowledge import load

__all__ = ["CODESYSTEM_IDS", "codesystem", "codesystem_url", "codesystems"]

#: The id of each published CodeSystem (its URL is CANONICAL_BASE/CodeSystem/<id>).
CODESYSTEM_IDS: tuple[str, ...] = (
    "fenzhen-triage-china-4level",
    "fenzhen-triage-acuity-5level",
    "fenzhen-red-flag",
    "fenzhen-score",
    "fenzhen-intake-field",
    "fenzhen-observation",
)

_SCORES = {
    "news2": "National Early Warning Score 2 (RCP 2017)",
    "news2_scale2": "NEWS2 with SpO2 scale 2 (RCP 2017)",
    "pews": "Paediatric Early Warning Score (Brighton)",
    "qsofa": "quick Sequential Organ Failure Assessment (Sepsis-3)",
    "shock_index": "Shock index (heart rate / systolic blood pressure)",
    "consciousness": "Consciousness (GCS, or AVPU mapped to GCS)",
}


def codesystem_url(cs_id: str) -> str:
    """Return the canonical URL of CodeSystem `cs_id`."""
    return f"{CANONICAL_BASE}/CodeSystem/{cs_id}"


def _concepts(cs_id: str) -> tuple[str, str, list[dict[str, Any]]]:
    levels = load("triage_levels")
    if cs_id == "fenzhen-triage-china-4level":
        return (
            levels.version,
            "China 4-level emergency pre-triage (急诊预检分诊专家共识 2018)",
            [
                {
                    "code": str(r.level),
                    "display": f"{r.name_en} ({r.name_zh})",
                    "definition": f"{r.zone}; {r.response_zh}; colour {r.colour}",
                    "designation": [{"language": "zh", "value": f"{r.level}级 {r.name_zh}"}],
                }
                for r in levels.china
            ],
        )
    if cs_id == "fenzhen-triage-acuity-5level":
        return (
            levels.version,
            "5-level acuity (KTAS/CTAS/ESI family)",
            [
                {
                    "code": str(r.level),
                    "display": r.name_en,
                    "definition": f"Seen within {r.response_minutes} min; colour {r.colour}",
                    "designation": [{"language": "zh", "value": r.name_zh}],
                }
                for r in levels.acuity
            ],
        )
    if cs_id == "fenzhen-red-flag":
        flags = load("red_flags")
        return (
            flags.version,
            "Red flags detected in the chief complaint",
            [
                {"code": r.id, "display": r.name_en, "designation": [{"language": "zh", "value": r.name_zh}]}
                for r in flags.red_flags
            ],
        )
    if cs_id == "fenzhen-score":
        return (
            terminology().version,
            "Early-warning and physiological scores",
            [{"code": k, "display": v} for k, v in _SCORES.items()],
        )
    if cs_id == "fenzhen-intake-field":
        t = terminology()
        return (
            t.version,
            "Fenzhen intake fields without a common LOINC code",
            [{"code": o.field, "display": o.display} for o in t.observations if not o.loinc],
        )
    if cs_id == "fenzhen-observation":
        return (
            terminology().version,
            "Observations Fenzhen records",
            [
                {"code": "triage-level", "display": "Triage level (China 4-level, with 5-level acuity)"},
                {"code": "acuity-5level", "display": "5-level acuity"},
            ],
        )
    raise NotFoundError(f"CodeSystem {cs_id!r} is not published here; known: {', '.join(CODESYSTEM_IDS)}")


def codesystem(cs_id: str) -> dict[str, Any]:
    """Build the FHIR R4 CodeSystem resource `cs_id` (complete content).

    Raises:
        NotFoundError: if Fenzhen publishes no CodeSystem with that id.
    """
    version, title, concepts = _concepts(cs_id)
    return {
        "resourceType": "CodeSystem",
        "id": cs_id,
        "url": codesystem_url(cs_id),
        "version": version,
        "name": "".join(part.capitalize() for part in cs_id.replace("-", " ").split()),
        "title": title,
        "status": "active",
        "experimental": False,
        "publisher": "Fenzhen",
        "caseSensitive": True,
        "content": "complete",
        "count": len(concepts),
        "concept": concepts,
    }


def codesystems() -> list[dict[str, Any]]:
    """Build every published CodeSystem."""
    return [codesystem(cs_id) for cs_id in CODESYSTEM_IDS]
