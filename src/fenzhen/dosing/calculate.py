"""Calculate a dose: regimen → weight → renal/hepatic adjustment → caps → measurable amount.

Order matters and is deliberate: organ-function adjustments come before caps so a reduced
dose is still capped, and rounding to the form comes last and never rounds above a cap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from fenzhen.dosing.findings import DoseFinding, cite, finding
from fenzhen.dosing.formulary import resolve_drug, resolve_indication
from fenzhen.dosing.measure import measure_dose, resolve_form
from fenzhen.dosing.paediatric import check_weight_for_age
from fenzhen.dosing.patient import DosePatient
from fenzhen.dosing.renal import RenalFunction, estimate_renal_function, renal_band
from fenzhen.dosing.result import FREQUENCY_TEXT, DoseResult, RenalResult
from fenzhen.dosing.safety import patient_findings
from fenzhen.dosing.schema import FREQUENCIES, DrugEntry, HepaticBand, Regimen, RenalBand
from fenzhen.dosing.select import dosing_weight, select_regimen
from fenzhen.errors import InputError

__all__ = ["AdjustedRegimen", "adjusted_regimen", "calculate_dose", "dose_for_patient"]


@dataclass
class AdjustedRegimen:
    """A regimen after renal/hepatic adjustment, with the caps that apply to this patient."""

    drug_id: str
    drug: DrugEntry
    ind_id: str
    regimen: Regimen
    weight_kg: float | None
    weight_basis: str
    dose: float | None
    frequency: str
    max_single: float | None
    max_daily: float | None
    min_dose: float | None
    max_dose: float | None
    avoid: bool = False
    renal: RenalResult | None = None
    adjustments: list[str] = field(default_factory=list)
    findings: list[DoseFinding] = field(default_factory=list)
    capped_by: list[str] = field(default_factory=list)


def _renal_function(p: DosePatient, weight_kg: float | None) -> RenalFunction | None:
    if p.egfr_ml_min is not None:
        return RenalFunction(p.egfr_ml_min, "given", "mL/min")
    if p.creatinine_umol_l is None:
        return None
    return estimate_renal_function(p.age_years, p.weight_kg or weight_kg, p.sex, p.height_cm, p.creatinine_umol_l)


def _apply_band(a: AdjustedRegimen, band: RenalBand | HepaticBand, label: str) -> None:
    ids, _ = cite(band.source)
    a.adjustments.append(f"{label}: {band.text_en} [{', '.join(ids)}]")
    if band.action == "avoid":
        a.avoid = True
        a.findings.append(finding(label, "critical", f"{label} impairment: {band.text_en}", band.text_zh, band.source))
        return
    sev: Literal["warning", "info"] = "warning" if band.action == "adjust" else "info"
    a.findings.append(finding(label, sev, f"{label} impairment: {band.text_en}", band.text_zh, band.source))
    if a.dose is not None and band.dose_factor is not None:
        a.dose = a.dose * band.dose_factor
    if band.dose is not None:
        a.dose = band.dose if a.dose is None else min(a.dose, band.dose)
    if band.frequency is not None:
        a.frequency = band.frequency
    if band.max_daily is not None:
        a.max_daily = band.max_daily if a.max_daily is None else min(a.max_daily, band.max_daily)


def adjusted_regimen(
    drug: str, indication: str | None, patient: DosePatient, *, route: str | None = None
) -> AdjustedRegimen:
    """Select and adjust the regimen for `patient` (no rounding to a form).

    Raises:
        InputError: for an unknown drug/indication, no regimen for the patient, or missing
            inputs the regimen needs.
    """
    drug_id, entry = resolve_drug(drug)
    ind_id, ind = resolve_indication(drug_id, entry, indication)
    r, sel_weight, estimate = select_regimen(drug_id, ind_id, ind, patient.age_years, patient.weight_kg, route)
    w = dosing_weight(r, sel_weight, patient.height_cm, patient.sex, estimate)

    def per_kg(v: float | None) -> float | None:
        return None if v is None or w.weight_kg is None else v * w.weight_kg

    dose = r.dose if r.dose_per_kg is None else per_kg(r.dose_per_kg)
    daily_caps = [c for c in (r.max_daily, per_kg(r.max_daily_per_kg)) if c is not None]
    a = AdjustedRegimen(
        drug_id,
        entry,
        ind_id,
        r,
        w.weight_kg,
        w.basis,
        dose,
        r.frequency,
        r.max_single,
        min(daily_caps) if daily_caps else None,
        r.min_dose if r.min_dose_per_kg is None else per_kg(r.min_dose_per_kg),
        per_kg(r.max_dose_per_kg) if r.max_dose_per_kg is not None else r.max_single,
    )
    if estimate is not None:
        a.findings.append(
            finding(
                "weight_estimated",
                "warning",
                f"weight not measured: ESTIMATED {estimate.weight_kg:g} kg by {estimate.method}; "
                "weigh the child and recalculate",
                f"未测体重：按{estimate.method}估算为{estimate.weight_kg:g} kg（估计值），请称重后重新计算",
                estimate.reference,
                weight_kg=estimate.weight_kg,
                method=estimate.method,
            )
        )
    if patient.weight_kg is not None and patient.age_years < 13:
        wc = check_weight_for_age(patient.weight_kg, patient.age_years)
        if not wc.plausible:
            a.findings.append(
                finding(
                    "weight_implausible",
                    "warning",
                    f"weight {patient.weight_kg:g} kg is {wc.ratio:g}× the expected {wc.expected_kg:g} kg for age: "
                    "check the unit (g, lb) and the scale",
                    f"体重{patient.weight_kg:g} kg为该年龄预计值{wc.expected_kg:g} kg的{wc.ratio:g}倍："
                    "请核对单位和称量",
                    "apls6",
                    ratio=wc.ratio,
                    expected_kg=wc.expected_kg,
                )
            )
    rf = _renal_function(patient, w.weight_kg)
    if rf is not None:
        band = renal_band(entry.renal, rf.value_ml_min, patient.age_years)
        a.renal = RenalResult(
            method=rf.method,
            value_ml_min=rf.value_ml_min,
            unit=rf.unit,
            band_en=band.text_en if band else None,
            band_zh=band.text_zh if band else None,
            action=band.action if band else None,
        )
        if band is not None:
            _apply_band(a, band, "renal")
    hep = next((b for b in entry.hepatic if b.severity == patient.hepatic_impairment), None)
    if hep is not None:
        _apply_band(a, hep, "hepatic")
    return a


def _cap(a: AdjustedRegimen) -> float | None:
    """Cap the dose at the single and daily maxima, recording which cap bit."""
    if a.dose is None:
        return None
    dose = a.dose
    per_day = FREQUENCIES[a.frequency][1]
    if a.max_single is not None and dose > a.max_single:
        dose = a.max_single
        a.capped_by.append("max_single")
    if a.max_daily is not None and per_day is not None and dose * per_day > a.max_daily:
        dose = a.max_daily / per_day
        a.capped_by.append("max_daily")
    return dose


def _ceiling(a: AdjustedRegimen) -> float | None:
    """Return the largest single dose the caps allow (rounding to a form may not exceed it)."""
    per_day = FREQUENCIES[a.frequency][1]
    limits = [a.max_single, None if a.max_daily is None or per_day is None else a.max_daily / per_day]
    present = [x for x in limits if x is not None]
    return min(present) if present else None


def dose_for_patient(
    drug: str, indication: str | None, patient: DosePatient, *, form: str | None = None, route: str | None = None
) -> DoseResult:
    """Calculate the dose for a validated `DosePatient` (see `calculate_dose`)."""
    _, entry = resolve_drug(drug)
    chosen = resolve_form(drug, entry, form) if form is not None else None
    if chosen is not None and route is not None and route != chosen.route:
        raise InputError.for_field("route", route, f"form {chosen.id} is given {chosen.route}", chosen.route)
    a = adjusted_regimen(drug, indication, patient, route=chosen.route if chosen else route)
    capped = None if a.avoid else _cap(a)
    ceiling = _ceiling(a)
    measured = None
    if chosen is not None and capped is not None:
        measured = measure_dose(entry, chosen, capped, ceiling)
    dose = None if capped is None else (measured.dose if measured else round(capped, 2))
    if measured is not None and capped and abs(measured.dose - capped) / capped > 0.1:
        a.findings.append(
            finding(
                "rounding",
                "warning",
                f"{chosen.label_en if chosen else ''}: measurable dose {measured.dose:g} differs from calculated "
                f"{capped:.4g} by more than 10%; consider another form",
                f"按所选剂型可量取剂量{measured.dose:g}与计算剂量{capped:.4g}相差超过10%，建议换用其他剂型",
            )
        )
    if a.capped_by:
        a.findings.append(
            finding(
                "capped",
                "info",
                f"dose capped at the {' and '.join(a.capped_by)} dose",
                f"剂量已按{'和'.join('单次最大量' if c == 'max_single' else '每日最大量' for c in a.capped_by)}封顶",
                a.regimen.source,
            )
        )
    a.findings.extend(patient_findings(a.drug_id, a.drug, patient))
    return _result(a, chosen, measured, capped, dose)


def _result(a, chosen, measured, capped, dose) -> DoseResult:  # type: ignore[no-untyped-def]
    interval_h, per_day = FREQUENCIES[a.frequency]
    ind = a.drug.indications[a.ind_id]
    ids, refs = cite(a.regimen.source)
    in_mg = a.drug.dose_unit == "mg"
    max_daily = a.max_daily if per_day is not None else None
    return DoseResult(
        drug=a.drug_id,
        drug_name_en=a.drug.name_en,
        drug_name_zh=a.drug.name_zh,
        indication=a.ind_id,
        indication_name_en=ind.name_en,
        indication_name_zh=ind.name_zh,
        population=a.regimen.population,
        route=chosen.route if chosen else a.regimen.route,
        dose=dose,
        dose_unit=a.drug.dose_unit,
        dose_mg=dose if in_mg else None,
        calculated_dose=None if capped is None else round(capped, 4),
        dose_per_kg=a.regimen.dose_per_kg,
        frequency=a.frequency,
        frequency_text_en=FREQUENCY_TEXT[a.frequency][0],
        frequency_text_zh=FREQUENCY_TEXT[a.frequency][1],
        interval_h=interval_h,
        doses_per_day=per_day,
        daily_dose=None if dose is None or per_day is None else round(dose * per_day, 4),
        max_single=a.max_single,
        max_daily=max_daily,
        max_daily_mg=max_daily if in_mg else None,
        form=chosen.id if chosen else None,
        form_label_en=chosen.label_en if chosen else None,
        form_label_zh=chosen.label_zh if chosen else None,
        volume_ml=measured.volume_ml if measured else None,
        count=measured.count if measured else None,
        count_unit=measured.count_unit if measured else None,
        tablets=measured.count if measured and measured.count_unit == "tablet" else None,
        weight_kg=a.weight_kg,
        weight_basis=a.weight_basis,
        weight_is_estimate=a.weight_basis == "estimated",
        weight_estimate_method=next(
            (f.evidence.get("method") for f in a.findings if f.code == "weight_estimated"), None
        ),
        renal=a.renal,
        capped_by=a.capped_by,
        adjustments=a.adjustments,
        avoid=a.avoid,
        duration=a.regimen.duration_en,
        note=a.regimen.note_en,
        findings=a.findings,
        sources=ids,
        citations=refs,
    )


def calculate_dose(
    drug: str,
    indication: str | None = None,
    *,
    age_years: float,
    weight_kg: float | None = None,
    form: str | None = None,
    route: str | None = None,
    sex: Literal["female", "male"] | None = None,
    height_cm: float | None = None,
    creatinine_umol_l: float | None = None,
    creatinine_mg_dl: float | None = None,
    egfr_ml_min: float | None = None,
    hepatic_impairment: Literal["none", "mild", "moderate", "severe"] = "none",
    pregnant: bool = False,
    breastfeeding: bool = False,
) -> DoseResult:
    """Calculate one dose of `drug` for `indication` from the formulary.

    Args:
        drug: id, English or Chinese name or synonym (exact; never fuzzy-matched).
        indication: indication id or alias; optional when the drug has only one.
        age_years: 0–125 years (fractional for infants); chooses the regimen.
        weight_kg: 0.3–350 kg; estimated from age (labelled) for a child when missing.
        form: a form id of the drug (e.g. ``syrup_120_5``) to round to a measurable amount.
        route: restrict regimens to a route (``oral``, ``iv``, ``rectal`` …).
        sex: needed for Cockcroft–Gault and ideal body weight.
        height_cm: needed for bedside Schwartz (children) and ideal body weight.
        creatinine_umol_l: serum creatinine in µmol/L (or `creatinine_mg_dl`).
        creatinine_mg_dl: serum creatinine in mg/dL.
        egfr_ml_min: a reported GFR used as is instead of creatinine.
        hepatic_impairment: Child–Pugh class, or ``"none"``.
        pregnant: adds the pregnancy note as a finding.
        breastfeeding: adds the lactation note as a finding.

    Returns:
        The dose with frequency, caps, measurable amount, adjustments, findings and sources.

    Raises:
        InputError: for impossible or missing inputs, naming the field.
    """
    if creatinine_mg_dl is not None:
        if creatinine_umol_l is not None:
            raise InputError.for_field("creatinine_mg_dl", creatinine_mg_dl, "give creatinine in one unit only")
        from fenzhen.dosing.units import creatinine_to_umol_l

        creatinine_umol_l = creatinine_to_umol_l(creatinine_mg_dl, "mg/dL")
    patient = DosePatient(
        age_years=age_years,
        weight_kg=weight_kg,
        sex=sex,
        height_cm=height_cm,
        creatinine_umol_l=creatinine_umol_l,
        egfr_ml_min=egfr_ml_min,
        pregnant=pregnant,
        breastfeeding=breastfeeding,
        hepatic_impairment=hepatic_impairment,
    )
    return dose_for_patient(drug, indication, patient, form=form, route=route)
