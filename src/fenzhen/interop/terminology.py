"""The FHIR bindings of the intake (LOINC, UCUM, profiles), loaded from `fhir_terminology.yaml`.

Why a knowledge file: which LOINC code and UCUM unit stand for which intake field is clinical
terminology with a source, and it changes with terminology releases, not with code.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from fenzhen.knowledge import loader
from fenzhen.knowledge.schemas import KnowledgeFile, _Strict

__all__ = [
    "CANONICAL_BASE",
    "LOINC",
    "UCUM",
    "BloodPressureBinding",
    "FhirTerminology",
    "ObservationBinding",
    "PriorityRow",
    "terminology",
]

#: Canonical base of the CodeSystems, extensions and identifiers Fenzhen publishes.
CANONICAL_BASE = "http://fenzhen.org/fhir"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"


class ObservationBinding(_Strict):
    field: str
    loinc: list[str]
    display: str
    kind: Literal["quantity", "boolean", "code", "string"]
    ucum: str | None = None
    unit: str | None = None
    category: Literal["vital-signs", "survey", "exam", "laboratory"]
    profile: str | None = None
    source: str


class BpPart(_Strict):
    field: str
    loinc: str
    display: str


class BloodPressureBinding(_Strict):
    panel: str
    display: str
    profile: str
    systolic: BpPart
    diastolic: BpPart
    ucum: str
    source: str


class ComplaintBinding(_Strict):
    loinc: list[str] = Field(min_length=1)
    display: str
    source: str


class PriorityRow(_Strict):
    acuity: int = Field(ge=1, le=5)
    code: str
    display: str
    source: str


class FhirTerminology(KnowledgeFile):
    observations: list[ObservationBinding]
    blood_pressure: BloodPressureBinding
    chief_complaint: ComplaintBinding
    priority: list[PriorityRow] = Field(min_length=5, max_length=5)

    def cited_sources(self) -> set[str]:
        return (
            {o.source for o in self.observations}
            | {p.source for p in self.priority}
            | {self.blood_pressure.source, self.chief_complaint.source}
        )

    def binding(self, field: str) -> ObservationBinding:
        """Return the binding of intake field `field` (KeyError when it has none)."""
        return next(o for o in self.observations if o.field == field)

    def priority_for(self, acuity: int) -> PriorityRow:
        """Return the ActPriority row for a 5-level acuity."""
        return next(p for p in self.priority if p.acuity == acuity)


loader.register("fhir_terminology", FhirTerminology)


def terminology() -> FhirTerminology:
    """Load (once) and return the validated FHIR terminology bindings."""
    return loader.as_model("fhir_terminology", FhirTerminology)
