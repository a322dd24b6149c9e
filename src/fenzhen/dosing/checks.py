"""Check a proposed order (drug, dose, frequency) for a patient and return findings.

This is the engine behind a remote dose-adjustment request and a CDS Hooks ``order-sign``
card: each finding has a code, a severity (critical/warning/info) and its source. Nothing is
blocked here — a clinician decides — but a probable unit slip (mg for µg, mL for mg) is
reported as critical because the number cannot be what was meant.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from fenzhen.dosing.calculate import AdjustedRegimen, _cap, adjusted_regimen
from fenzhen.dosing.findings import SEVERITY_ORDER, DoseFinding, finding
from fenzhen.dosing.formulary import resolve_drug
from fenzhen.dosing.measure import resolve_form
from fenzhen.dosing.patient import DosePatient
from fenzhen.dosing.safety import patient_findings
from fenzhen.dosing.schema import FREQUENCIES, DrugEntry, Frequency
from fenzhen.dosing.units import Quantity, parse_quantity
from fenzhen.errors import InputError

__all__ = ["BELOW_TOLERANCE", "DoseOrder", "check_order", "order_dose_in_unit"]

#: An order this fraction below the minimum dose is still accepted (measuring granularity).
BELOW_TOLERANCE = 0.10
_MASS_TO_MG = {"mg": 1.0, "g": 1000.0, "microgram": 0.001}


class DoseOrder(BaseModel):
    """A proposed order: drug, amount per administration with its unit, and frequency."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    drug: str
    dose: str = Field(description="Amount with unit: '250 mg', '5 mL', '150 microgram', '1 tablet', '8 units'.")
    frequency: Frequency
    indication: str | None = None
    form: str | None = None
    route: str | None = None


def order_dose_in_unit(drug_id: str, drug: DrugEntry, q: Quantity, form_id: str | None) -> float:
    """Convert an ordered amount to the drug's dose unit (mg, units or mL).

    Raises:
        InputError: when the unit cannot apply (mL without a liquid form, mg for insulin, …).
    """
    form = resolve_form(drug_id, drug, form_id) if form_id else None
    if drug.dose_unit == "mL":
        if q.unit != "mL":
            raise InputError.for_field("dose", f"{q.value:g} {q.unit}", f"{drug_id} is ordered in mL", "mL")
        return q.value
    if drug.dose_unit == "unit":
        if q.unit == "unit":
            return q.value
        raise InputError.for_field(
            "dose", f"{q.value:g} {q.unit}", f"{drug_id} is dosed in units, not {q.unit}", "units"
        )
    if q.unit in _MASS_TO_MG:
        return q.value * _MASS_TO_MG[q.unit]
    if q.unit == "mL":
        if form is None or form.per_ml is None or form.kind in ("tablet", "capsule", "sachet", "inhaler", "rectal"):
            liquids = [f.id for f in drug.forms if f.per_ml is not None]
            raise InputError.for_field(
                "dose",
                f"{q.value:g} mL",
                f"a dose in mL needs a liquid form of {drug_id}",
                ", ".join(liquids) or f"{drug_id} has no liquid form: give mg",
            )
        return q.value * form.strength / form.per_ml
    if q.unit in ("tablet", "puff"):
        if form is None or form.kind not in ("tablet", "inhaler"):
            raise InputError.for_field(
                "dose", f"{q.value:g} {q.unit}", f"a dose in {q.unit}s needs a {q.unit} form", "form"
            )
        return q.value * form.strength
    raise InputError.for_field(
        "dose", f"{q.value:g} {q.unit}", f"unit {q.unit} does not apply to {drug_id}", "mg, g, µg, mL"
    )


def _unit_slip(a: AdjustedRegimen, q: Quantity, amount: float, form_id: str | None) -> DoseFinding | None:
    """Report an amount that is the right number in the wrong unit (×1000, or mg↔mL)."""
    usual = a.dose
    if usual is None or usual <= 0:
        return None
    ratio = amount / usual
    if 300 <= ratio <= 3000 or 1 / 3000 <= ratio <= 1 / 300:
        which = "micrograms written as mg (or g as mg)" if ratio > 1 else "mg written as micrograms (or mg as g)"
        return finding(
            "unit_mixup",
            "critical",
            f"probable unit error: {q.value:g} {q.unit} is {ratio:.3g}× the usual {usual:g} "
            f"{a.drug.dose_unit} — {which}",
            f"疑似单位错误：{q.value:g} {q.unit} 为常用量的{ratio:.3g}倍（mg与µg混淆）",
            ratio=round(ratio, 3),
        )
    if q.unit == "mL" and 0.8 <= q.value / usual <= 1.25 and ratio > 2:
        return finding(
            "unit_mixup",
            "critical",
            f"probable unit error: {q.value:g} mL looks like the dose in mg, not mL",
            f"疑似单位错误：{q.value:g} mL 像是以mg计的剂量",
            ratio=round(ratio, 3),
        )
    return None


def _dose_findings(a: AdjustedRegimen, amount: float, order: DoseOrder) -> list[DoseFinding]:
    out: list[DoseFinding] = []
    src, u = a.regimen.source, a.drug.dose_unit
    if a.avoid:
        return out
    if a.max_single is not None and amount > a.max_single * 1.0001:
        out.append(
            finding(
                "above_max_single",
                "critical",
                f"{amount:g} {u} is above the maximum single dose {a.max_single:g} {u}",
                f"单次剂量{amount:g} {u}超过最大单次剂量{a.max_single:g} {u}",
                src,
                max_single=a.max_single,
            )
        )
    elif a.max_dose is not None and amount > a.max_dose * 1.0001:
        out.append(
            finding(
                "above_max_dose",
                "warning",
                f"{amount:g} {u} is above the usual dose range (up to {a.max_dose:.3g} {u})",
                f"{amount:g} {u}超过常用剂量上限{a.max_dose:.3g} {u}",
                src,
                max_dose=round(a.max_dose, 3),
            )
        )
    per_day = FREQUENCIES[order.frequency][1]
    if a.max_daily is not None and per_day is not None and amount * per_day > a.max_daily * 1.0001:
        out.append(
            finding(
                "above_max_daily",
                "critical",
                f"{amount * per_day:g} {u}/day is above the maximum daily dose {a.max_daily:.4g} {u}",
                f"每日{amount * per_day:g} {u}超过每日最大剂量{a.max_daily:.4g} {u}",
                src,
                max_daily=round(a.max_daily, 3),
            )
        )
    if a.min_dose is not None and amount < a.min_dose * (1 - BELOW_TOLERANCE):
        out.append(
            finding(
                "below_therapeutic",
                "warning",
                f"{amount:g} {u} is below the therapeutic dose ({a.min_dose:.3g} {u})",
                f"{amount:g} {u}低于治疗剂量{a.min_dose:.3g} {u}",
                src,
                min_dose=round(a.min_dose, 3),
            )
        )
    if order.frequency != a.frequency:
        out.append(
            finding(
                "wrong_frequency",
                "warning",
                f"frequency {order.frequency} differs from the recommended {a.frequency}",
                f"给药频次{order.frequency}与推荐频次{a.frequency}不符",
                src,
                recommended=a.frequency,
            )
        )
    return out


def check_order(order: DoseOrder, patient: DosePatient) -> list[DoseFinding]:
    """Check a proposed order for a patient; return findings, most urgent first.

    Checks: dose above the maximum single or daily dose, above the usual range, below the
    therapeutic dose, wrong frequency, renal/hepatic bands, probable unit errors, duplicate
    therapy, interactions, allergy and cross-sensitivity, contraindications, pregnancy and
    lactation. When the order names no indication and the drug has several, the indication
    that gives the fewest dose findings is used, and that is said.

    Raises:
        InputError: for an unknown drug, an unparseable dose, or a unit that cannot apply.
    """
    drug_id, drug = resolve_drug(order.drug)
    q = parse_quantity(order.dose, "dose")
    form = resolve_form(drug_id, drug, order.form) if order.form else None
    amount = order_dose_in_unit(drug_id, drug, q, order.form)
    route = form.route if form else order.route
    indications = [order.indication] if order.indication or len(drug.indications) == 1 else list(drug.indications)
    best: tuple[int, list[DoseFinding]] | None = None
    for ind in indications:
        try:
            a = adjusted_regimen(drug_id, ind, patient, route=route)
        except InputError:
            if len(indications) == 1:
                raise
            continue
        _cap(a)
        slip = _unit_slip(a, q, amount, order.form)
        found = [slip] if slip else [*a.findings, *_dose_findings(a, amount, order)]
        if len(indications) > 1:
            found.append(
                finding(
                    "indication_assumed",
                    "info",
                    f"no indication given: checked against {a.ind_id}",
                    f"未注明适应证：按{a.ind_id}核对",
                    indication=a.ind_id,
                )
            )
        score = sum(10 ** (2 - SEVERITY_ORDER[f.severity]) for f in found)
        if best is None or score < best[0]:
            best = (score, found)
    if best is None:
        raise InputError.for_field(
            "age_years", patient.age_years, f"no {drug_id} regimen for this patient in any indication"
        )
    findings = [*best[1], *patient_findings(drug_id, drug, patient)]
    return sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])
