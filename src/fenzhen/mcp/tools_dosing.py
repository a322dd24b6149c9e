"""MCP tools for medication dosing: `dose` and `dose_check` (from `fenzhen.dosing`).

The same functions as ``POST /api/v1/dose`` and ``/dose/check``, ``fenzhen dose`` and the CDS
Hooks order-sign card: no dosing rule lives here. A drug name must match the formulary exactly
(id, English or Chinese name, or a synonym); an unknown one is refused with "did you mean …?"
and never dosed from the suggestion, since a near-miss name can be a different drug.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from fenzhen.dosing import DoseFinding, DoseOrder, DosePatient, DoseResult, calculate_dose, check_order
from fenzhen.dosing.schema import Frequency
from fenzhen.errors import InputError
from fenzhen.mcp.registry import mcp_tool

__all__ = ["DoseCheckResult", "OrderArgs", "PatientArgs", "dose_check_tool", "dose_tool"]

_Finite = Annotated[float | None, Field(allow_inf_nan=False)]
_Name = Annotated[str, Field(max_length=100)]
Hepatic = Literal["none", "mild", "moderate", "severe"]


@mcp_tool("dose")
def dose_tool(
    drug: Annotated[
        str, Field(min_length=1, max_length=100, description="Formulary id, English or Chinese name (exact).")
    ],
    age_years: Annotated[float, Field(allow_inf_nan=False, description="0–125 years (fractional for infants).")],
    indication: Annotated[str | None, Field(max_length=100, description="Needed when the drug has several.")] = None,
    weight_kg: Annotated[
        float | None,
        Field(allow_inf_nan=False, description="0.3–350 kg; estimated from age for a child if absent (labelled)."),
    ] = None,
    form: Annotated[str | None, Field(max_length=64, description="Form id to measure in, e.g. syrup_120_5.")] = None,
    route: Annotated[str | None, Field(max_length=32, description="oral, iv, rectal, …")] = None,
    sex: Literal["female", "male"] | None = None,
    height_cm: _Finite = None,
    creatinine_umol_l: _Finite = None,
    creatinine_mg_dl: _Finite = None,
    egfr_ml_min: _Finite = None,
    hepatic_impairment: Hepatic = "none",
    pregnant: bool = False,
    breastfeeding: bool = False,
) -> DoseResult:
    """Calculate a dose from the formulary: dose_mg, frequency, max_daily_mg, volume_ml, warnings and sources.

    Renal (creatinine or eGFR) and hepatic adjustments come before the caps; the amount is
    rounded to the form without exceeding a cap. Findings carry the warnings, most urgent first.
    """
    return calculate_dose(
        drug,
        indication,
        age_years=age_years,
        weight_kg=weight_kg,
        form=form,
        route=route,
        sex=sex,
        height_cm=height_cm,
        creatinine_umol_l=creatinine_umol_l,
        creatinine_mg_dl=creatinine_mg_dl,
        egfr_ml_min=egfr_ml_min,
        hepatic_impairment=hepatic_impairment,
        pregnant=pregnant,
        breastfeeding=breastfeeding,
    )


class OrderArgs(BaseModel):
    """A proposed order: drug, amount per administration with its unit, frequency."""

    model_config = ConfigDict(extra="forbid")

    drug: str = Field(min_length=1, max_length=100)
    dose: str = Field(min_length=1, max_length=40, description="Amount with unit: '250 mg', '5 mL', '1 tablet'.")
    frequency: Frequency
    indication: str | None = Field(None, max_length=100)
    form: str | None = Field(None, max_length=64)
    route: str | None = Field(None, max_length=32)


class PatientArgs(BaseModel):
    """The patient the order is for. Missing is unknown, never normal."""

    model_config = ConfigDict(extra="forbid")

    age_years: float = Field(allow_inf_nan=False)
    weight_kg: _Finite = None
    sex: Literal["female", "male"] | None = None
    height_cm: _Finite = None
    creatinine_umol_l: _Finite = None
    egfr_ml_min: _Finite = None
    pregnant: bool = False
    breastfeeding: bool = False
    hepatic_impairment: Hepatic = "none"
    allergies: list[_Name] = Field(default_factory=list, max_length=30)
    current_medications: list[_Name] = Field(default_factory=list, max_length=50)
    conditions: list[_Name] = Field(default_factory=list, max_length=30, description="Formulary condition ids.")


class DoseCheckResult(BaseModel):
    """Findings about an order, most urgent first (nothing is blocked: a clinician decides)."""

    findings: list[DoseFinding]


def _prefixed(prefix: str, exc: InputError) -> InputError:
    first = exc.fields[0] if exc.fields else {"field": "", "problem": exc.message}
    value = first.get("value")
    return InputError.for_field(
        f"{prefix}.{first.get('field')}".rstrip("."),
        value if isinstance(value, int | float) else None,
        str(first.get("problem", "is invalid")),
        first.get("accepted"),
    )


@mcp_tool("dose_check")
def dose_check_tool(order: OrderArgs, patient: PatientArgs) -> DoseCheckResult:
    """Check a proposed order for a patient: caps, range, frequency, renal/hepatic, unit slips, interactions, allergy.

    Also contraindications, pregnancy and lactation. Each finding has a severity
    (critical/warning/info), its evidence and sources; a probable unit slip is critical.
    """
    try:
        dose_patient = DosePatient.parse(patient.model_dump())
    except InputError as exc:
        raise _prefixed("patient", exc) from None
    try:
        findings = check_order(DoseOrder(**order.model_dump()), dose_patient)
    except InputError as exc:
        field = exc.fields[0].get("field") if exc.fields else ""
        raise _prefixed("patient" if field in PatientArgs.model_fields else "order", exc) from None
    return DoseCheckResult(findings=findings)
