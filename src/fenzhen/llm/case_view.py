"""What a model is told about a case: this one intake, as short labelled lines.

The model never sees more than the case it works on: no other patients, no identifiers beyond
what the clinician typed into the complaint (which the privacy gate handles), no history.
"""

from __future__ import annotations

from typing import Any

from fenzhen.domain import Intake

__all__ = ["case_variables", "vitals_line"]

_VITALS: tuple[tuple[str, str, str], ...] = (
    ("heart_rate_bpm", "HR", "/min"),
    ("resp_rate_bpm", "RR", "/min"),
    ("sbp_mmhg", "SBP", "mmHg"),
    ("dbp_mmhg", "DBP", "mmHg"),
    ("temp_c", "T", "°C"),
    ("spo2_pct", "SpO2", "%"),
    ("gcs", "GCS", ""),
    ("pain_nrs", "pain", "/10"),
    ("cap_refill_s", "CRT", "s"),
    ("glucose_mmol_l", "glucose", "mmol/L"),
    ("weight_kg", "weight", "kg"),
)


def vitals_line(intake: Intake) -> str:
    """Render the measured vitals, one ``name value unit`` each; "none recorded" if none."""
    parts = [
        f"{label} {getattr(intake, field):g}{unit and ' ' + unit}"
        for field, label, unit in _VITALS
        if getattr(intake, field) is not None
    ]
    if intake.avpu is not None:
        parts.append(f"AVPU {intake.avpu.value}")
    if intake.on_oxygen is not None:
        parts.append("on oxygen" if intake.on_oxygen else "room air")
    return ", ".join(parts) or "none recorded"


def case_variables(intake: Intake) -> dict[str, Any]:
    """Return the prompt variables describing `intake` (complaint as ``case_text``)."""
    return {
        "age": f"{intake.age_years:g} years" if intake.age_years is not None else "not recorded",
        "sex": intake.sex.value if intake.sex else "not recorded",
        "pregnant": {True: "yes", False: "no", None: "not recorded"}[intake.pregnant],
        "arrival": intake.arrival_mode.value if intake.arrival_mode else "not recorded",
        "vitals": vitals_line(intake) + ("; injury" if intake.injury else ""),
        "case_text": intake.complaint
        + (f"\nMechanism: {intake.injury_mechanism}" if intake.injury_mechanism else ""),
    }
