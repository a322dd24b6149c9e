"""`fenzhen dose`: a checked dose from the formulary, and optionally a check of an order.

    fenzhen dose paracetamol --weight 14 --age 3 --indication fever --form syrup_120_5 --json

Bad input (impossible weight, unknown drug, a unit slip) exits 2 with one line on stderr.
An unknown drug name is answered with "did you mean …?" but never computed.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

import click

from fenzhen.cli import main
from fenzhen.errors import InputError

__all__ = ["dose", "parse_weight_kg"]

_WEIGHT = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*([a-zA-Z公斤千克]*)\s*$")


def parse_weight_kg(text: str) -> float:
    """Parse ``"14"`` or ``"14 kg"``; any other unit is refused (a unit slip, not a conversion).

    Raises:
        InputError: naming ``weight_kg``.
    """
    m = _WEIGHT.match(text)
    if not m:
        raise InputError.for_field("weight_kg", text, "not a number", "kg, e.g. 14 or 14kg")
    unit = m.group(2).lower()
    if unit not in ("", "kg", "公斤", "千克"):
        raise InputError.for_field("weight_kg", text, f"weight must be in kg, not {unit!r}", "kg")
    return float(m.group(1))


def _number(text: str | None, field: str) -> float | None:
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        raise InputError.for_field(field, text, "not a number") from None


def _print_human(result: Any, order_findings: list[Any]) -> None:
    r = result
    amount = ""
    if r.volume_ml is not None:
        amount = f" = {r.volume_ml:g} mL of {r.form_label_en}"
    elif r.count is not None:
        amount = f" = {r.count:g} {r.count_unit}(s) of {r.form_label_en}"
    click.echo(f"{r.drug_name_en} ({r.drug_name_zh}) — {r.indication_name_en} / {r.indication_name_zh}")
    click.echo(f"  regimen: {r.population}, {r.route}")
    if r.avoid:
        click.echo("  AVOID for this patient — see findings")
    else:
        click.echo(f"  dose: {r.dose:g} {r.dose_unit}{amount}, {r.frequency_text_en} / {r.frequency_text_zh}")
        if r.max_daily is not None:
            click.echo(f"  max daily: {r.max_daily:g} {r.dose_unit}")
    weight = (
        f"{r.weight_kg:g} kg" + (" (ESTIMATE, 估计值)" if r.weight_is_estimate else "") if r.weight_kg else "not used"
    )
    click.echo(f"  weight: {weight}")
    if r.renal is not None:
        click.echo(f"  renal: {r.renal.method} {r.renal.value_ml_min:g} {r.renal.unit}")
    for f in [*r.findings, *order_findings]:
        click.echo(f"  [{f.severity}] {f.message_en} / {f.message_zh}")
    click.echo(f"  sources: {'; '.join(r.citations)}")
    click.echo(f"  {r.notice}")


@main.command("dose")
@click.argument("drug", required=False)
@click.option("--weight", "weight", help="Body weight in kg (estimated from age for a child if omitted).")
@click.option("--age", "age", help="Age in years (fractions allowed).")
@click.option("--age-months", "age_months", help="Age in months (instead of --age, for infants).")
@click.option("--indication", help="Indication id or alias, e.g. fever, pneumonia, 发热.")
@click.option("--form", help="Form id (e.g. syrup_120_5, tab_500) to round to a measurable amount.")
@click.option("--route", help="Route: oral, iv, im, rectal, buccal, nebulised, inhaled, sc.")
@click.option("--sex", type=click.Choice(["female", "male"]), help="Needed for Cockcroft–Gault.")
@click.option("--height", "height", help="Height in cm (bedside Schwartz, ideal body weight).")
@click.option("--creatinine", help="Serum creatinine with unit: '96 umol/L' or '1.1 mg/dL'.")
@click.option("--egfr", help="A reported GFR in mL/min, used as given.")
@click.option("--hepatic", type=click.Choice(["none", "mild", "moderate", "severe"]), default="none")
@click.option("--pregnant", is_flag=True)
@click.option("--breastfeeding", is_flag=True)
@click.option("--allergy", multiple=True, help="A drug or class the patient is allergic to (repeatable).")
@click.option("--current", multiple=True, help="A medicine the patient takes now (repeatable).")
@click.option("--condition", multiple=True, help="A condition id from the formulary (repeatable).")
@click.option("--order-dose", help="Check a proposed dose, with unit: '250 mg', '5 mL', '150 µg'.")
@click.option("--order-frequency", help="Frequency of the proposed order (q6h, q8h, q12h, q24h, once …).")
@click.option("--list", "list_drugs", is_flag=True, help="List the formulary's drugs and indications.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def dose(
    drug: str | None,
    weight: str | None,
    age: str | None,
    age_months: str | None,
    indication: str | None,
    form: str | None,
    route: str | None,
    sex: str | None,
    height: str | None,
    creatinine: str | None,
    egfr: str | None,
    hepatic: str,
    pregnant: bool,
    breastfeeding: bool,
    allergy: tuple[str, ...],
    current: tuple[str, ...],
    condition: tuple[str, ...],
    order_dose: str | None,
    order_frequency: str | None,
    list_drugs: bool,
    as_json: bool,
) -> None:
    """Calculate a checked dose of DRUG from the formulary (decision support: a clinician decides)."""
    from fenzhen.dosing import DoseOrder, DosePatient, check_order, dose_for_patient, formulary
    from fenzhen.dosing.units import parse_creatinine

    if list_drugs:
        rows = {
            k: {"name_zh": d.name_zh, "indications": list(d.indications), "forms": [f.id for f in d.forms]}
            for k, d in formulary().drugs.items()
        }
        click.echo(
            json.dumps(rows, ensure_ascii=False, indent=1)
            if as_json
            else "\n".join(f"{k:26} {v['name_zh']:10} {', '.join(v['indications'])}" for k, v in rows.items())
        )
        return
    if not drug:
        raise InputError.for_field("drug", None, "missing", "a formulary drug name (see --list)")
    if age is None and age_months is None:
        raise InputError.for_field("age_years", None, "missing: --age (years) or --age-months is required")
    age_years = _number(age, "age_years") if age is not None else (_number(age_months, "age_months") or 0) / 12
    patient = DosePatient.parse(
        {
            "age_years": age_years,
            "weight_kg": None if weight is None else parse_weight_kg(weight),
            "sex": sex,
            "height_cm": _number(height, "height_cm"),
            "creatinine_umol_l": None if creatinine is None else parse_creatinine(creatinine),
            "egfr_ml_min": _number(egfr, "egfr_ml_min"),
            "hepatic_impairment": hepatic,
            "pregnant": pregnant,
            "breastfeeding": breastfeeding,
            "allergies": list(allergy),
            "current_medications": list(current),
            "conditions": list(condition),
        }
    )
    result = dose_for_patient(drug, indication, patient, form=form, route=route)
    order_findings = []
    if order_dose is not None:
        freq = order_frequency or result.frequency
        order = (
            DoseOrder.model_validate(
                {
                    "drug": drug,
                    "dose": order_dose,
                    "frequency": freq,
                    "indication": result.indication,
                    "form": form,
                    "route": route,
                }
            )
            if freq in ("once", "q20min", "q4h", "q6h", "q8h", "q12h", "q24h", "q48h", "after_each_loose_stool")
            else _bad_frequency(freq)
        )
        order_findings = check_order(order, patient)
        slip = next((f for f in order_findings if f.code == "unit_mixup"), None)
        if slip is not None:
            raise InputError.for_field("order_dose", order_dose, slip.message_en)
    if as_json:
        out = result.model_dump(mode="json")
        if order_dose is not None:
            out["order_findings"] = [f.model_dump(mode="json") for f in order_findings]
        click.echo(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        _print_human(result, order_findings)
    sys.stdout.flush()


def _bad_frequency(freq: str) -> Any:
    raise InputError.for_field(
        "order_frequency", freq, "unknown frequency", "once, q20min, q4h, q6h, q8h, q12h, q24h, q48h"
    )
