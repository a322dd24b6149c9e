"""Turn a calculated dose into an amount that can be measured with the chosen form.

Steps: oral, rectal-syringe and nebuliser liquids to 0.5 mL (oral syringe graduations);
injections to 0.1 mL, or 0.01 mL below 1 mL (1 mL syringe); insulin to whole units (pen dial);
tablets to halves only when scored, otherwise whole; capsules, sachets, rectal tubes and puffs
whole. Rounding is to the nearest step with ties going down, and never above the cap, so a
rounded dose can be a little below the calculated one but never above the maximum.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_DOWN, Decimal

from fenzhen.dosing.schema import DrugEntry, Form
from fenzhen.errors import InputError

__all__ = ["Measured", "measure_dose", "resolve_form", "round_to_step"]

_COUNT_NAMES = {"tablet": "tablet", "capsule": "capsule", "sachet": "sachet", "rectal": "tube", "inhaler": "puff"}


@dataclass(frozen=True)
class Measured:
    """A measurable amount: the dose it delivers and how to give it."""

    dose: float
    volume_ml: float | None
    count: float | None
    count_unit: str | None
    step: float


def round_to_step(value: float, step: float, ceiling: float | None = None) -> float:
    """Round `value` to a multiple of `step`, ties down, and not above `ceiling` (same unit)."""
    v, s = Decimal(str(round(value, 9))), Decimal(str(step))
    n = (v / s).quantize(Decimal(1), rounding=ROUND_HALF_DOWN)
    if ceiling is not None and n * s > Decimal(str(round(ceiling, 9))):
        n = (Decimal(str(round(ceiling, 9))) / s).quantize(Decimal(1), rounding=ROUND_FLOOR)
    return float(n * s)


def resolve_form(drug_id: str, drug: DrugEntry, form: str) -> Form:
    """Return the drug's form by id (``syrup_120_5``) or, when unique, by kind (``tablet``).

    Raises:
        InputError: naming ``form`` with the drug's form ids.
    """
    by_id = {f.id: f for f in drug.forms}
    if form in by_id:
        return by_id[form]
    kinds = [f for f in drug.forms if f.kind == form]
    if len(kinds) == 1:
        return kinds[0]
    raise InputError.for_field("form", form, f"not a form of {drug_id}", ", ".join(by_id))


def _liquid_step_ml(form: Form, volume_ml: float, dose_unit: str) -> float:
    if form.kind == "injection":
        return 0.01 if volume_ml < 1 else 0.1
    return 0.5


def measure_dose(drug: DrugEntry, form: Form, dose: float, ceiling: float | None) -> Measured:
    """Round `dose` (in the drug's dose unit) to what `form` can deliver, not above `ceiling`.

    Raises:
        InputError: naming ``form`` when the form cannot deliver the dose (rounds to nothing).
    """
    if drug.dose_unit == "unit" and form.kind == "injection":
        units = round_to_step(dose, 1, ceiling)
        return _checked(
            form, dose, Measured(units, round(units * (form.per_ml or 1) / form.strength, 3), None, None, 1)
        )
    if form.per_ml is not None and form.kind not in _COUNT_NAMES:
        per_ml = form.strength / form.per_ml
        step = _liquid_step_ml(form, dose / per_ml, drug.dose_unit)
        cap_ml = None if ceiling is None else ceiling / per_ml
        volume = round_to_step(dose / per_ml, step, cap_ml)
        return _checked(form, dose, Measured(round(volume * per_ml, 4), volume, None, None, step))
    step = 0.5 if form.kind == "tablet" and form.scored else 1.0
    cap_count = None if ceiling is None else ceiling / form.strength
    count = round_to_step(dose / form.strength, step, cap_count)
    return _checked(
        form, dose, Measured(round(count * form.strength, 4), None, count, _COUNT_NAMES.get(form.kind, "unit"), step)
    )


def _checked(form: Form, dose: float, measured: Measured) -> Measured:
    if measured.dose <= 0:
        raise InputError.for_field(
            "form", form.id, f"{form.label_en} cannot deliver a dose of {dose:g}", "a smaller strength or a liquid form"
        )
    return measured
