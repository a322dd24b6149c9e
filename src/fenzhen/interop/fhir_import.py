"""A FHIR R4 Bundle (or one resource) from an HIS → a Fenzhen `Intake`.

Reads: Patient (gender, birthDate), vital-sign and other Observations recognised by LOINC or by
Fenzhen's intake-field codes (blood pressure as the 85354-9 panel or as separate 8480-6/8462-4),
and the chief complaint from an Observation 8661-1, a Condition or `Encounter.reasonCode.text`.
Units are converted with `fenzhen.interop.units`; a unit that cannot be converted is refused
with an issue naming the element. Observations Fenzhen does not use are ignored and listed as
information issues, so the caller sees what was not read. For each field the newest
Observation wins. Identifiers in the Patient are never read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from fenzhen.domain import Intake
from fenzhen.errors import InputError
from fenzhen.interop.codesystems import codesystem_url
from fenzhen.interop.fhir_observations_read import ObservationReader
from fenzhen.interop.outcome import FhirInputError, FhirIssue
from fenzhen.interop.terminology import terminology

__all__ = ["ImportResult", "import_fhir", "parse_time"]

_COMPLAINT_LOINC_EXTRA = ("10154-3",)  # Chief complaint Narrative - Reported


@dataclass
class ImportResult:
    """The intake, where each field came from, and what was converted or ignored."""

    intake: Intake
    sources: dict[str, str]
    issues: list[FhirIssue] = field(default_factory=list)
    patient_id: str | None = None


def parse_time(text: Any) -> datetime | None:
    """Parse a FHIR date or dateTime; None if absent or unreadable (a date means its midnight UTC)."""
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _entries(payload: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    kind = payload.get("resourceType")
    if not isinstance(kind, str):
        raise FhirInputError(
            [
                FhirIssue(
                    severity="error",
                    code="structure",
                    expression="resourceType",
                    diagnostics="missing or not a string: send a FHIR Bundle or resource",
                )
            ]
        )
    if kind != "Bundle":
        return [(kind, dict(payload))]
    entries = payload.get("entry") or []
    if not isinstance(entries, list):
        raise FhirInputError(
            [
                FhirIssue(
                    severity="error",
                    code="structure",
                    expression="Bundle.entry",
                    diagnostics="must be an array",
                )
            ]
        )
    out = []
    for i, entry in enumerate(entries):
        resource = entry.get("resource") if isinstance(entry, dict) else None
        if isinstance(resource, dict) and isinstance(resource.get("resourceType"), str):
            out.append((f"Bundle.entry[{i}].resource", resource))
    return out


def _complaint_from(kind: str, path: str, resource: dict[str, Any]) -> tuple[str, str] | None:
    if kind == "Condition":
        code = resource.get("code") or {}
        text = code.get("text") or next(
            (c.get("display") for c in code.get("coding", []) if c.get("display")), None
        )
        return (text, f"{path}.code.text") if isinstance(text, str) and text.strip() else None
    if kind == "Encounter":
        for j, reason in enumerate(resource.get("reasonCode") or []):
            if isinstance(reason, dict) and isinstance(reason.get("text"), str) and reason["text"].strip():
                return reason["text"], f"{path}.reasonCode[{j}].text"
    return None


def _age_years(birth: str, at: datetime) -> float | None:
    try:
        born = date.fromisoformat(birth[:10]) if len(birth) >= 10 else date(int(birth[:4]), 7, 1)
    except ValueError:
        return None
    return round((at.date() - born).days / 365.25, 3)


def _patient(
    path: str,
    resource: dict[str, Any],
    data: dict[str, Any],
    sources: dict[str, str],
    issues: list[FhirIssue],
    at: datetime,
) -> None:
    gender = resource.get("gender")
    if gender in ("male", "female"):
        data["sex"], sources["sex"] = gender, f"{path}.gender"
    elif gender is not None:
        issues.append(
            FhirIssue(
                severity="warning",
                code="code-invalid",
                expression=f"{path}.gender",
                diagnostics=f"gender {str(gender)[:20]!r} is not used by the triage scales; sex left unknown",
            )
        )
    if "age_years" not in data and isinstance(resource.get("birthDate"), str):
        age = _age_years(resource["birthDate"], at)
        if age is not None:
            data["age_years"], sources["age_years"] = age, f"{path}.birthDate"


def import_fhir(
    payload: Mapping[str, Any], *, not_before: datetime | None = None, complaint_fallback: str | None = None
) -> ImportResult:
    """Turn a FHIR Bundle or single resource into an `Intake`.

    Args:
        payload: the JSON of a Bundle, Patient, Observation, Condition or Encounter.
        not_before: Observations older than this are ignored (CDS Hooks: only recent vitals).
        complaint_fallback: complaint text to use when none is found (CDS Hooks); None refuses.

    Returns:
        An `ImportResult` with the intake and the information/warning issues.

    Raises:
        FhirInputError: no complaint, a unit that cannot be converted, or a value the intake
            refuses; each issue names the element (FHIRPath).
    """
    if not isinstance(payload, Mapping):
        raise FhirInputError(
            [
                FhirIssue(
                    severity="error",
                    code="structure",
                    expression="$this",
                    diagnostics="must be a JSON object",
                )
            ]
        )
    entries = _entries(payload)
    reader = ObservationReader(
        terminology(),
        complaint_codes=_COMPLAINT_LOINC_EXTRA,
        own_systems=(codesystem_url("fenzhen-observation"),),
        not_before=not_before,
    )
    complaint: tuple[str, str] | None = None
    patient_id = None
    for path, resource in entries:
        kind = resource["resourceType"]
        if kind == "Observation":
            reader.read(path, resource)
        elif complaint is None and kind in ("Condition", "Encounter"):
            complaint = _complaint_from(kind, path, resource)
    data, sources, issues = reader.values()
    complaint = reader.complaint or complaint
    at = reader.newest or datetime.now(UTC)
    for path, resource in entries:
        if resource["resourceType"] == "Patient":
            _patient(path, resource, data, sources, issues, at)
            patient_id = resource.get("id") if isinstance(resource.get("id"), str) else None
            break
    if complaint is None and complaint_fallback is not None:
        complaint = (complaint_fallback, "$fallback")
        issues.append(
            FhirIssue(
                severity="warning",
                code="required",
                expression="Observation.code",
                diagnostics="no chief complaint found; the level rests on vital signs only",
            )
        )
    if complaint is None:
        issues.append(
            FhirIssue(
                severity="error",
                code="required",
                expression="Bundle.entry",
                diagnostics="no chief complaint: send an Observation 8661-1 with valueString, "
                "a Condition with code.text, or Encounter.reasonCode.text",
            )
        )
    if any(i.severity == "error" for i in issues):
        raise FhirInputError(issues)
    assert complaint is not None
    data["complaint"], sources["complaint"] = complaint
    try:
        intake = Intake.parse(data)
    except InputError as exc:
        problem = exc.fields[0] if exc.fields else {"field": "intake", "problem": exc.message}
        where = sources.get(str(problem.get("field")), "Bundle")
        raise FhirInputError(
            [*issues, FhirIssue(severity="error", code="value", expression=where, diagnostics=exc.message)]
        ) from None
    return ImportResult(intake=intake, sources=sources, issues=issues, patient_id=patient_id)
