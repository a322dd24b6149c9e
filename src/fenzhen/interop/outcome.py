"""FHIR `OperationOutcome`: how the FHIR and import paths say what is wrong, and where.

Why: a FHIR client expects an OperationOutcome whose `expression` names the element at fault
(FHIRPath, e.g. ``Bundle.entry[2].resource.valueQuantity.code``). `FhirInputError` is an
`InputError` (HTTP 422, exit 2) that carries those issues. Diagnostics name elements, codes,
units and measured values only, never a patient identifier.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from fenzhen.errors import FieldProblem, InputError

__all__ = ["FhirInputError", "FhirIssue", "operation_outcome"]


class FhirIssue(BaseModel):
    """One OperationOutcome issue."""

    model_config = ConfigDict(frozen=True)

    severity: Literal["fatal", "error", "warning", "information"]
    code: str
    expression: str
    diagnostics: str


class FhirInputError(InputError):
    """FHIR input that cannot be turned into an intake; `issues` name the elements."""

    def __init__(self, issues: list[FhirIssue]) -> None:
        errors = [i for i in issues if i.severity in ("error", "fatal")] or issues
        text = "; ".join(f"{i.expression}: {i.diagnostics}" for i in errors)
        super().__init__(
            text,
            fields=[
                FieldProblem(field=i.expression, value=None, problem=i.diagnostics, accepted=None)
                for i in errors
            ],
        )
        self.issues = issues


def operation_outcome(issues: list[FhirIssue]) -> dict[str, Any]:
    """Build an R4 OperationOutcome (an "all OK" information issue when `issues` is empty)."""
    shown = issues or [
        FhirIssue(
            severity="information", code="informational", expression="Bundle", diagnostics="no problems found"
        )
    ]
    return {
        "resourceType": "OperationOutcome",
        "issue": [
            {
                "severity": i.severity,
                "code": i.code,
                "diagnostics": i.diagnostics,
                "expression": [i.expression],
            }
            for i in shown
        ],
    }
