"""What an encounter export is made of: the shape the service's encounter loader returns.

Why a separate model: the FHIR mapping must not depend on database rows. The service turns its
rows into an `EncounterRecord`; export, CDS Hooks and tests all speak this one shape.
Identifiers (`PatientRecord.name`, `id_number`, `phone`, `birth_date`) are optional and are
only written to FHIR when the caller's role allows it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from fenzhen.domain import Assessment, Intake

__all__ = ["AssessmentRecord", "EncounterRecord", "PatientRecord", "ReviewRecord", "RoutingRecord"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PatientRecord(_Frozen):
    id: str = Field(description="Fenzhen's internal patient id (random; not an identifier of the person).")
    name: str | None = None
    id_number: str | None = Field(None, description="Resident identity card number (居民身份证号).")
    phone: str | None = None
    birth_date: str | None = Field(None, description="YYYY-MM-DD.")


class ReviewRecord(_Frozen):
    id: str
    decision: Literal["accept", "override"]
    acuity: int | None = Field(None, ge=1, le=5)
    china_level: int | None = Field(None, ge=1, le=4)
    department: str | None = None
    reason: str | None = None
    created_at: str = Field(description="ISO 8601 date-time with offset.")
    reviewer_id: str
    reviewer_role: str = "doctor"


class RoutingRecord(_Frozen):
    """Department and care level; optional until the routing work lands."""

    department: str | None = None
    care_level: Literal["village", "township", "county"] | None = None


class AssessmentRecord(_Frozen):
    id: str
    seq: int = Field(1, ge=1, description="1 for the first triage, 2 for the first re-triage ...")
    created_at: str = Field(description="ISO 8601 date-time with offset.")
    intake: Intake
    assessment: Assessment
    review: ReviewRecord | None = None


class EncounterRecord(_Frozen):
    id: str
    patient: PatientRecord
    status: str = Field("waiting", description="Fenzhen encounter status (waiting, in_progress, done ...).")
    arrived_at: str = Field(description="ISO 8601 date-time with offset.")
    assessments: list[AssessmentRecord] = Field(min_length=1)
    routing: RoutingRecord | None = None

    @property
    def latest(self) -> AssessmentRecord:
        """The most recent assessment (highest `seq`): the one that sets the encounter's priority."""
        return max(self.assessments, key=lambda a: a.seq)
