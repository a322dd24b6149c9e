"""The Fenzhen dose-check CDS service on `order-sign`: cards from `fenzhen.dosing.check_order`.

For each draft `MedicationRequest` the EHR is about to sign, the drug (ATC code or exact name),
dose (``doseQuantity``), frequency (``timing``) and route are read, the patient's age, sex,
latest weight, serum creatinine, allergies and active medications are taken from the prefetch,
and the order is checked. One card per order: its indicator is the most urgent finding
(critical, warning, info), the detail lists every finding with its source. An order that cannot
be checked (drug not in the formulary, dose without a unit, patient age unknown) gets a warning
card that says why: a silent service would read as "dose fine". Nothing is blocked here.

References:
    CDS Hooks order-sign hook (https://cds-hooks.org/hooks/order-sign/): context ``userId``,
    ``patientId``, ``encounterId``, ``draftOrders`` (a Bundle of FHIR resources).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from fenzhen.dosing import DoseFinding, DoseOrder, DosePatient, check_order, formulary
from fenzhen.dosing.findings import SEVERITY_ORDER
from fenzhen.dosing.formulary import resolve_drug
from fenzhen.dosing.units import creatinine_to_umol_l
from fenzhen.errors import InputError
from fenzhen.interop.cds_hooks import CdsRequest, CdsService, register
from fenzhen.interop.fhir_medication import DOSE_UCUM, FREQUENCY_TIMING
from fenzhen.interop.units import UnitError, normalise_ucum, to_canonical

__all__ = ["PREFETCH", "SERVICE_ID", "dose_cards", "order_from_fhir", "patient_from_prefetch"]

SERVICE_ID = "fenzhen-dose-check"
PREFETCH: dict[str, str] = {
    "patient": "Patient/{{context.patientId}}",
    "weight": "Observation?patient={{context.patientId}}&code=http://loinc.org|29463-7&_sort=-date&_count=1",
    "creatinine": "Observation?patient={{context.patientId}}"
    "&code=http://loinc.org|14682-9,http://loinc.org|2160-0&_sort=-date&_count=1",
    "allergies": "AllergyIntolerance?patient={{context.patientId}}&clinical-status=active",
    "medications": "MedicationRequest?patient={{context.patientId}}&status=active",
}
_UCUM_DOSE = {code: unit for unit, code in DOSE_UCUM.items()} | {
    "{tbl}": "tablet",
    "[iU]": "unit",
    "U": "unit",
}
_HOURS = {
    code: t["period"] * (24 if t["periodUnit"] == "d" else 1)
    for code, t in FREQUENCY_TIMING.items()
    if t.get("periodUnit") in ("h", "d")
}
_ROUTE_SNOMED = {
    "26643006": "oral",
    "47625008": "iv",
    "78421000": "im",
    "34206005": "sc",
    "37161004": "rectal",
}
_SOURCE = {"label": "Fenzhen dose check (剂量核查)"}


def _resources(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, dict):
        return []
    if value.get("resourceType") == "Bundle":
        return [
            e["resource"]
            for e in value.get("entry") or []
            if isinstance(e, dict) and isinstance(e.get("resource"), dict)
        ]
    return [value]


def _drug_of(resource: dict[str, Any]) -> str:
    concept = resource.get("medicationCodeableConcept") or {}
    by_atc = {d.atc: i for i, d in formulary().drugs.items()}
    for coding in concept.get("coding") or []:
        if coding.get("code") in by_atc:
            return by_atc[coding["code"]]
    for name in [concept.get("text"), *(c.get("display") for c in concept.get("coding") or [])]:
        if name:
            try:
                return resolve_drug(str(name))[0]
            except InputError:
                continue
    raise InputError.for_field("medicationCodeableConcept", concept.get("text"), "drug not in the formulary")


def _frequency(timing: dict[str, Any]) -> str:
    text = (timing.get("code") or {}).get("text")
    if text in FREQUENCY_TIMING:
        return str(text)
    repeat = timing.get("repeat") or {}
    if repeat.get("count") == 1 and "period" not in repeat:
        return "once"
    unit = {"h": 1, "d": 24, "min": 1 / 60}.get(repeat.get("periodUnit", ""), 0)
    if repeat.get("frequency") and repeat.get("period") and unit:
        hours = repeat["period"] * unit / repeat["frequency"]
        for code, h in _HOURS.items():
            if abs(h - hours) < 1e-6:
                return code
    raise InputError.for_field(
        "dosageInstruction.timing", None, "frequency not recognised", "every 4, 6, 8, 12, 24 or 48 h"
    )


def order_from_fhir(resource: dict[str, Any]) -> DoseOrder:
    """Read a draft MedicationRequest as a `DoseOrder`.

    Raises:
        InputError: naming the FHIR element that is missing or cannot be read.
    """
    drug = _drug_of(resource)
    dosage = (resource.get("dosageInstruction") or [{}])[0]
    rates = dosage.get("doseAndRate") or [{}]
    q = rates[0].get("doseQuantity") or {}
    unit = _UCUM_DOSE.get(str(q.get("code") or q.get("unit") or ""), q.get("unit"))
    if not isinstance(q.get("value"), int | float) or not unit:
        raise InputError.for_field(
            "dosageInstruction.doseAndRate.doseQuantity", None, "dose with a unit is required"
        )
    route_cc = dosage.get("route") or {}
    route = next(
        (_ROUTE_SNOMED[c["code"]] for c in route_cc.get("coding") or [] if c.get("code") in _ROUTE_SNOMED),
        None,
    )
    return DoseOrder(
        drug=drug,
        dose=f"{q['value']:g} {unit}",
        frequency=_frequency(dosage.get("timing") or {}),  # type: ignore[arg-type]
        route=route,
    )


def _age_years(birth: str, today: date) -> float:
    born = date.fromisoformat(birth[:10] if len(birth) >= 10 else birth[:4] + "-07-01")
    return round((today - born).days / 365.25, 2)


def _latest_value(value: Any) -> tuple[float, str] | None:
    for obs in _resources(value):
        q = obs.get("valueQuantity") or {}
        if isinstance(q.get("value"), int | float):
            return float(q["value"]), str(q.get("code") or q.get("unit") or "")
    return None


def _names(value: Any, key: str) -> list[str]:
    out = []
    for r in _resources(value):
        cc = r.get(key) or {}
        name = cc.get("text") or next(
            (c.get("display") for c in cc.get("coding") or [] if c.get("display")), None
        )
        if name:
            out.append(str(name))
    return out


def patient_from_prefetch(prefetched: dict[str, Any], today: date | None = None) -> DosePatient:
    """Build the dosing patient from the prefetched Patient, weight, creatinine, allergies, medications.

    Raises:
        InputError: no birth date (age is needed for every dose) or an implausible measurement.
    """
    patient = next(iter(_resources(prefetched.get("patient"))), {})
    if not patient.get("birthDate"):
        raise InputError.for_field("Patient.birthDate", None, "is needed to check a dose")
    data: dict[str, Any] = {"age_years": _age_years(patient["birthDate"], today or datetime.now(UTC).date())}
    if patient.get("gender") in ("female", "male"):
        data["sex"] = patient["gender"]
    weight = _latest_value(prefetched.get("weight"))
    if weight is not None:
        try:
            data["weight_kg"] = to_canonical(weight[0], weight[1], "kg")[0]
        except UnitError:
            raise InputError.for_field(
                "Observation.valueQuantity", weight[1], "weight unit not recognised", "kg, g, [lb_av]"
            ) from None
    creat = _latest_value(prefetched.get("creatinine"))
    if creat is not None:
        data["creatinine_umol_l"] = creatinine_to_umol_l(
            creat[0], "mg/dL" if normalise_ucum(creat[1]) == "mg/dL" else "umol/L"
        )
    data["allergies"] = _names(prefetched.get("allergies"), "code")
    data["current_medications"] = _names(prefetched.get("medications"), "medicationCodeableConcept")
    return DosePatient.parse(data)


def _finding_lines(findings: list[DoseFinding]) -> str:
    lines = []
    for f in findings:
        refs = f"（{'; '.join(f.citations)}）" if f.citations else ""
        lines.append(f"- **{f.severity}** {f.message_en} / {f.message_zh}{refs}")
    return "\n".join(lines)


def _card(indicator: str, summary: str, detail: str) -> dict[str, Any]:
    return {
        "uuid": str(uuid.uuid4()),
        "summary": summary[:140],
        "indicator": indicator,
        "detail": detail,
        "source": dict(_SOURCE),
    }


def _order_card(resource: dict[str, Any], patient: DosePatient, current: list[str]) -> dict[str, Any]:
    label = (resource.get("medicationCodeableConcept") or {}).get("text") or resource.get("id") or "order"
    try:
        order = order_from_fhir(resource)
        own = order.drug
        p = patient.model_copy(update={"current_medications": [m for m in current if _safe_id(m) != own]})
        findings = check_order(order, p)
    except InputError as exc:
        return _card(
            "warning",
            f"Dose not checked: {label}"[:140],
            f"Fenzhen could not check this order: {exc.message}",
        )
    head = f"{order.drug} {order.dose} {order.frequency}"
    if not findings:
        return _card(
            "info",
            f"Dose check: {head} within the formulary's range",
            "No finding for this patient. Decision support only: a clinician decides.",
        )
    worst = min((f.severity for f in findings), key=lambda s: SEVERITY_ORDER[s])
    counts = ", ".join(
        f"{sum(f.severity == s for f in findings)} {s}"
        for s in SEVERITY_ORDER
        if any(f.severity == s for f in findings)
    )
    return _card(
        worst,
        f"Dose check: {head} — {counts}",
        _finding_lines(findings) + "\n\nDecision support only: a clinician decides.",
    )


def _safe_id(name: str) -> str | None:
    try:
        return resolve_drug(name)[0]
    except InputError:
        return None


def dose_cards(req: CdsRequest, prefetched: dict[str, Any], env: Any = None) -> dict[str, Any]:
    """Answer an order-sign call: one card per draft MedicationRequest (see the module docstring)."""
    drafts = [
        r for r in _resources(req.context.get("draftOrders")) if r.get("resourceType") == "MedicationRequest"
    ]
    if not drafts:
        return {"cards": []}
    try:
        patient = patient_from_prefetch(prefetched)
    except InputError as exc:
        return {
            "cards": [
                _card(
                    "warning",
                    "Doses not checked: patient data incomplete",
                    f"Fenzhen could not check the draft orders: {exc.message}",
                )
            ]
        }
    current = [m for m in patient.current_medications if _safe_id(m)]
    base = patient.model_copy(update={"current_medications": []})
    return {"cards": [_order_card(r, base, current) for r in drafts]}


register(
    CdsService(
        id=SERVICE_ID,
        hook="order-sign",
        title="Fenzhen dose check",
        description="Checks each draft medication order against the formulary for this patient's age, "
        "weight and renal function: maximum single and daily dose, frequency, allergy, interaction, "
        "contraindication, pregnancy. Decision support: a clinician decides.",
        prefetch=dict(PREFETCH),
        handler=dose_cards,
    )
)
