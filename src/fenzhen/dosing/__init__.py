"""Medication dosing from a formulary held as data (`knowledge/data/formulary.yaml`).

    >>> from fenzhen.dosing import calculate_dose
    >>> r = calculate_dose("paracetamol", "fever", age_years=3, weight_kg=14, form="syrup_120_5")
    >>> r.dose_mg, r.volume_ml, r.frequency, r.max_daily_mg
    (204.0, 8.5, 'q6h', 840.0)

Every result is a recommendation with its sources; a clinician decides. Front doors (CLI,
HTTP, FHIR MedicationRequest, CDS Hooks order-sign, MCP) call `calculate_dose` and
`check_order` and must not re-implement any dosing rule.
"""

from __future__ import annotations

from fenzhen.dosing.calculate import calculate_dose, dose_for_patient
from fenzhen.dosing.checks import DoseOrder, check_order
from fenzhen.dosing.findings import DoseFinding
from fenzhen.dosing.fluids import (
    DehydrationResult,
    assess_dehydration,
    maintenance_fluids_ml_per_day,
    maintenance_fluids_ml_per_hour,
)
from fenzhen.dosing.formulary import formulary, resolve_drug
from fenzhen.dosing.paediatric import check_weight_for_age, normal_vital_ranges, weight_for_age
from fenzhen.dosing.patient import DosePatient
from fenzhen.dosing.renal import crcl_cockcroft_gault, egfr_bedside_schwartz
from fenzhen.dosing.result import DoseResult
from fenzhen.dosing.weight import adjusted_body_weight_kg, estimate_weight_kg, ideal_body_weight_kg

__all__ = [
    "DehydrationResult",
    "DoseFinding",
    "DoseOrder",
    "DosePatient",
    "DoseResult",
    "adjusted_body_weight_kg",
    "assess_dehydration",
    "calculate_dose",
    "check_order",
    "check_weight_for_age",
    "crcl_cockcroft_gault",
    "dose_for_patient",
    "egfr_bedside_schwartz",
    "estimate_weight_kg",
    "formulary",
    "ideal_body_weight_kg",
    "maintenance_fluids_ml_per_day",
    "maintenance_fluids_ml_per_hour",
    "normal_vital_ranges",
    "resolve_drug",
    "weight_for_age",
]
