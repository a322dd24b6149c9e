"""Read Observations into intake values: match by code, convert units, keep the newest per field.

Why a class: reading a Bundle is a fold over its Observations (newest wins, problems collected,
not raised one at a time), and the complaint may arrive as an Observation too.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fenzhen.interop.codesystems import codesystem_url
from fenzhen.interop.outcome import FhirIssue
from fenzhen.interop.terminology import LOINC, UCUM, FhirTerminology, ObservationBinding
from fenzhen.interop.units import UnitError, to_canonical

__all__ = ["ObservationReader"]

_SKIPPED_STATUS = ("entered-in-error", "cancelled")
_EPOCH = datetime.fromisoformat("1900-01-01T00:00:00+00:00")


def _codes(concept: Any) -> list[tuple[str, str]]:
    if not isinstance(concept, dict):
        return []
    return [
        (str(c.get("system", "")), str(c.get("code", "")))
        for c in concept.get("coding") or []
        if isinstance(c, dict)
    ]


def _effective(resource: dict[str, Any]) -> datetime | None:
    from fenzhen.interop.fhir_import import parse_time

    raw_period = resource.get("effectivePeriod")
    period: dict[str, Any] = raw_period if isinstance(raw_period, dict) else {}
    return (
        parse_time(resource.get("effectiveDateTime"))
        or parse_time(period.get("start"))
        or parse_time(resource.get("effectiveInstant"))
        or parse_time(resource.get("issued"))
    )


class ObservationReader:
    """Accumulate intake values from Observations; see `fenzhen.interop.fhir_import`."""

    def __init__(
        self,
        terms: FhirTerminology,
        *,
        complaint_codes: tuple[str, ...],
        own_systems: tuple[str, ...],
        not_before: datetime | None,
    ) -> None:
        self._by_code: dict[tuple[str, str], ObservationBinding] = {}
        for b in terms.observations:
            for code in b.loinc:
                self._by_code[(LOINC, code)] = b
            self._by_code[(codesystem_url("fenzhen-intake-field"), b.field)] = b
        self._bp = terms.blood_pressure
        self._complaint_codes = {*terms.chief_complaint.loinc, *complaint_codes}
        self._own = own_systems
        self._not_before = not_before
        self._values: dict[str, tuple[datetime, Any, str]] = {}
        self.issues: list[FhirIssue] = []
        self.complaint: tuple[str, str] | None = None
        self._complaint_at = _EPOCH
        self.newest: datetime | None = None

    def read(self, path: str, resource: dict[str, Any]) -> None:
        """Read one Observation at FHIRPath `path`."""
        if resource.get("status") in _SKIPPED_STATUS:
            self._note(path + ".status", f"status {resource['status']}: not read")
            return
        when = _effective(resource)
        if when is not None and self._not_before is not None and when < self._not_before:
            self._note(path + ".effective", "older than the accepted window: not read")
            return
        codes = _codes(resource.get("code"))
        if any(system == LOINC and code in self._complaint_codes for system, code in codes):
            self._read_complaint(path, resource, when or _EPOCH)
        elif any(system == LOINC and code == self._bp.panel for system, code in codes):
            self._read_bp_components(path, resource, when)
        elif binding := next((self._by_code[c] for c in codes if c in self._by_code), None):
            self._read_value(path, resource, binding, when)
        elif part := self._bp_part(codes):
            self._store(path, part[0], resource, "mm[Hg]", when)
        elif not any(system in self._own for system, _ in codes):
            shown = ", ".join(f"{s}|{c}" for s, c in codes)[:120] or "no coding"
            self._note(path + ".code", f"code {shown} is not used by Fenzhen triage: not read")
        if when is not None and (self.newest is None or when > self.newest):
            self.newest = when

    def values(self) -> tuple[dict[str, Any], dict[str, str], list[FhirIssue]]:
        """Return ``(intake data, {field: FHIRPath}, issues)``."""
        data = {k: v[1] for k, v in self._values.items()}
        return data, {k: v[2] for k, v in self._values.items()}, self.issues

    def _note(
        self, where: str, text: str, severity: str = "information", code: str = "informational"
    ) -> None:
        self.issues.append(FhirIssue(severity=severity, code=code, expression=where, diagnostics=text))  # type: ignore[arg-type]

    def _bp_part(self, codes: list[tuple[str, str]]) -> tuple[str] | None:
        for part in (self._bp.systolic, self._bp.diastolic):
            if (LOINC, part.loinc) in codes:
                return (part.field,)
        return None

    def _read_complaint(self, path: str, resource: dict[str, Any], when: datetime) -> None:
        text = resource.get("valueString")
        where = f"{path}.valueString"
        if not isinstance(text, str):
            text, where = (
                (resource.get("valueCodeableConcept") or {}).get("text"),
                f"{path}.valueCodeableConcept.text",
            )
        if isinstance(text, str) and text.strip() and (self.complaint is None or when > self._complaint_at):
            self.complaint, self._complaint_at = (text, where), when

    def _read_bp_components(self, path: str, resource: dict[str, Any], when: datetime | None) -> None:
        for i, comp in enumerate(resource.get("component") or []):
            part = self._bp_part(_codes(comp.get("code") if isinstance(comp, dict) else None))
            if part and isinstance(comp, dict) and "valueQuantity" in comp:
                self._store(f"{path}.component[{i}]", part[0], comp, "mm[Hg]", when)

    def _read_value(
        self, path: str, resource: dict[str, Any], b: ObservationBinding, when: datetime | None
    ) -> None:
        if b.kind == "quantity":
            assert b.ucum is not None
            self._store(path, b.field, resource, b.ucum, when)
        elif b.kind == "boolean":
            if isinstance(resource.get("valueBoolean"), bool):
                self._keep(b.field, resource["valueBoolean"], f"{path}.valueBoolean", when)
            else:
                self._note(f"{path}.valueBoolean", "expected a boolean", "error", "value")
        else:
            concept = resource.get("valueCodeableConcept") or {}
            text = resource.get("valueString")
            if not isinstance(text, str):
                text = next((c[1] for c in _codes(concept) if c[1]), None) or concept.get("text")
            if isinstance(text, str) and text.strip():
                self._keep(b.field, text.strip(), f"{path}.valueString", when)
            else:
                self._note(f"{path}.valueString", "expected a string or coded value", "error", "value")

    def _store(
        self, path: str, fld: str, element: dict[str, Any], canonical: str, when: datetime | None
    ) -> None:
        qty = element.get("valueQuantity")
        if (
            not isinstance(qty, dict)
            or not isinstance(qty.get("value"), int | float)
            or isinstance(qty.get("value"), bool)
        ):
            if "dataAbsentReason" not in element:
                self._note(f"{path}.valueQuantity.value", "expected a number", "error", "value")
            return
        system = qty.get("system")
        unit = qty.get("code") if system in (UCUM, None) and qty.get("code") else qty.get("unit")
        if not isinstance(unit, str):
            self._note(
                f"{path}.valueQuantity.code", f"no unit given; expected UCUM {canonical}", "error", "required"
            )
            return
        try:
            value, code = to_canonical(qty["value"], unit, canonical)
        except UnitError as exc:
            self._note(f"{path}.valueQuantity.code", str(exc), "error", "code-invalid")
            return
        if code != canonical:
            self._note(f"{path}.valueQuantity", f"converted {qty['value']:g} {code} to {value:g} {canonical}")
        self._keep(fld, value, f"{path}.valueQuantity.value", when)

    def _keep(self, fld: str, value: Any, where: str, when: datetime | None) -> None:
        at = when or _EPOCH
        if fld not in self._values or at > self._values[fld][0]:
            self._values[fld] = (at, value, where)
