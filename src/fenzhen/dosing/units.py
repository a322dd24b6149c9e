"""Quantities typed by people: a dose with its unit, a creatinine with its unit.

Unit slips are the commonest serious dosing error (mg for micrograms is a thousand-fold
overdose), so a bare number where the unit matters is refused, units are parsed strictly, and
a value that only makes sense in another unit is reported as a probable mix-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fenzhen.errors import InputError

__all__ = [
    "CREATININE_UMOL_PER_MG_DL",
    "Quantity",
    "creatinine_to_umol_l",
    "parse_creatinine",
    "parse_quantity",
]

#: µmol/L per mg/dL of creatinine (molar mass 113.12 g/mol).
CREATININE_UMOL_PER_MG_DL = 88.4

_UNIT_ALIASES: dict[str, str] = {
    "mg": "mg",
    "毫克": "mg",
    "g": "g",
    "克": "g",
    "mcg": "microgram",
    "ug": "microgram",
    "µg": "microgram",
    "μg": "microgram",
    "microgram": "microgram",
    "micrograms": "microgram",
    "微克": "microgram",
    "ml": "mL",
    "毫升": "mL",
    "unit": "unit",
    "units": "unit",
    "u": "unit",
    "iu": "unit",
    "单位": "unit",
    "tablet": "tablet",
    "tablets": "tablet",
    "tab": "tablet",
    "tabs": "tablet",
    "片": "tablet",
    "puff": "puff",
    "puffs": "puff",
    "揿": "puff",
    "喷": "puff",
    "umol/l": "umol/L",
    "µmol/l": "umol/L",
    "μmol/l": "umol/L",
    "微摩尔/升": "umol/L",
    "mg/dl": "mg/dL",
}
_QUANTITY = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*([^\s0-9].*?)?\s*$")


@dataclass(frozen=True)
class Quantity:
    """A number with a canonical unit (``mg``, ``g``, ``microgram``, ``mL``, ``unit`` …)."""

    value: float
    unit: str


def parse_quantity(text: str, field: str, *, default_unit: str | None = None) -> Quantity:
    """Parse ``"250 mg"``, ``"0.5g"``, ``"150 µg"``, ``"5 mL"``, ``"1.5 tablets"``, ``"8 units"``.

    Args:
        text: the quantity as typed.
        field: the field name for error messages.
        default_unit: unit of a bare number; None makes a bare number an error.

    Raises:
        InputError: for an unparseable text, an unknown unit, a bare number without a
            default unit, or a value that is not positive.
    """
    match = _QUANTITY.match(text.replace(",", "."))
    if not match:
        raise InputError.for_field(field, text, "not a number with a unit", "e.g. '250 mg', '5 mL', '150 µg'")
    value = float(match.group(1))
    raw_unit = (match.group(2) or "").strip()
    if not raw_unit:
        if default_unit is None:
            raise InputError.for_field(field, text, "unit missing", "mg, g, µg, mL, units, tablets, puffs")
        unit = default_unit
    else:
        unit = _UNIT_ALIASES.get(raw_unit.casefold(), "")
        if not unit:
            raise InputError.for_field(
                field, text, f"unknown unit {raw_unit!r}", "mg, g, µg, mL, units, tablets, puffs"
            )
    if value <= 0:
        raise InputError.for_field(field, text, "must be greater than zero")
    return Quantity(value, unit)


# Plausible ranges in each unit; a value outside its own unit's range but inside the
# other's is a unit slip, not a measurement.
_CREATININE_RANGES = {"umol/L": (10.0, 2500.0), "mg/dL": (0.1, 28.0)}


def creatinine_to_umol_l(value: float, unit: str) -> float:
    """Return serum creatinine in µmol/L, refusing values implausible in the given unit.

    Args:
        value: serum creatinine.
        unit: ``"umol/L"`` or ``"mg/dL"``.

    Raises:
        InputError: for an unknown unit or an implausible value, suggesting the other unit
            when the value fits it.
    """
    if unit not in _CREATININE_RANGES:
        raise InputError.for_field("creatinine_unit", unit, "unknown unit", "umol/L or mg/dL")
    lo, hi = _CREATININE_RANGES[unit]
    if not lo <= value <= hi:
        other = "mg/dL" if unit == "umol/L" else "umol/L"
        olo, ohi = _CREATININE_RANGES[other]
        hint = f"; looks like {other}" if olo <= value <= ohi else ""
        raise InputError.for_field(
            f"creatinine_{unit.replace('/', '_').lower()}",
            value,
            f"implausible serum creatinine{hint}",
            f"{lo}–{hi} {unit}",
        )
    return value if unit == "umol/L" else value * CREATININE_UMOL_PER_MG_DL


def parse_creatinine(text: str) -> float:
    """Parse ``"96 umol/L"`` or ``"1.1 mg/dL"`` to µmol/L; a bare number is refused.

    Raises:
        InputError: for a missing or unknown unit or an implausible value.
    """
    q = parse_quantity(text, "creatinine")
    if q.unit not in _CREATININE_RANGES:
        raise InputError.for_field("creatinine", text, "unit must be a concentration", "umol/L or mg/dL")
    return creatinine_to_umol_l(q.value, q.unit)
