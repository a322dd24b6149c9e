"""UCUM-aware conversion of the quantities an HIS sends into Fenzhen's canonical units.

Why: an HIS may send body temperature in °F, blood pressure in kPa (still common in Chinese
records) or weight in pounds. Each is converted exactly (UCUM definitions) to the one unit the
intake uses; a unit that is not commensurable with the expected one is refused, never guessed.

Limitations: only the units a triage desk meets are known (not a general UCUM parser); UCUM
annotations in braces (``{beats}/min``) are ignored, as UCUM itself prescribes. Glucose mass to
molar concentration uses the molar mass of glucose (180.156 g/mol) and applies to glucose only.

References:
    Schadow G, McDonald CJ. The Unified Code for Units of Measure (UCUM), Regenstrief Institute,
    version 2.1 — §4.2.1 annotations, Table 19 (°F, mm[Hg], [lb_av]).
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["CONVERSIONS", "UnitError", "normalise_ucum", "to_canonical"]

_MMHG_PER_KPA = 760 / 101.325  # 1 atm = 101.325 kPa = 760 mm[Hg]
_GLUCOSE_G_PER_MOL = 180.156

#: canonical UCUM unit → {accepted UCUM unit: conversion into the canonical unit}.
CONVERSIONS: dict[str, dict[str, Callable[[float], float]]] = {
    "Cel": {"Cel": lambda v: v, "[degF]": lambda v: (v - 32) * 5 / 9, "K": lambda v: v - 273.15},
    "mm[Hg]": {
        "mm[Hg]": lambda v: v,
        "kPa": lambda v: v * _MMHG_PER_KPA,
        "Pa": lambda v: v * _MMHG_PER_KPA / 1000,
    },
    "kg": {
        "kg": lambda v: v,
        "g": lambda v: v / 1000,
        "[lb_av]": lambda v: v * 0.45359237,
        "[oz_av]": lambda v: v * 0.028349523125,
    },
    "/min": {"/min": lambda v: v, "/s": lambda v: v * 60, "/h": lambda v: v / 60},
    "%": {"%": lambda v: v, "1": lambda v: v * 100},
    "a": {
        "a": lambda v: v,
        "mo": lambda v: v / 12,
        "wk": lambda v: v * 7 / 365.25,
        "d": lambda v: v / 365.25,
    },
    "s": {"s": lambda v: v, "ms": lambda v: v / 1000},
    "mmol/L": {"mmol/L": lambda v: v, "mg/dL": lambda v: v * 10 / _GLUCOSE_G_PER_MOL},
    "{score}": {"{score}": lambda v: v, "1": lambda v: v},
}

# Human spellings seen in HIS exports when `system` is not UCUM, mapped to their UCUM codes.
_ALIASES: dict[str, str] = {
    "°C": "Cel",
    "℃": "Cel",
    "degC": "Cel",
    "C": "Cel",
    "°F": "[degF]",
    "℉": "[degF]",
    "degF": "[degF]",
    "F": "[degF]",
    "mmHg": "mm[Hg]",
    "mm Hg": "mm[Hg]",
    "kpa": "kPa",
    "bpm": "/min",
    "beats/min": "/min",
    "breaths/min": "/min",
    "beats/minute": "/min",
    "breaths/minute": "/min",
    "次/分": "/min",
    "lb": "[lb_av]",
    "lbs": "[lb_av]",
    "years": "a",
    "yr": "a",
    "months": "mo",
    "weeks": "wk",
    "days": "d",
    "score": "{score}",
    "sec": "s",
    "mmol/l": "mmol/L",
    "mg/dl": "mg/dL",
}


class UnitError(ValueError):
    """A unit that is unknown or not commensurable with the expected one."""


def normalise_ucum(unit: str) -> str:
    """Return the UCUM code for `unit`, dropping annotations and mapping common spellings.

    Args:
        unit: a UCUM code (``{beats}/min``, ``1/min``, ``[degF]``) or a common spelling (``°F``).
    """
    text = unit.strip()
    text = _ALIASES.get(text, text)
    text = re.sub(r"\{[^}]*\}", "", text) if text != "{score}" else text
    if text.startswith("1/"):
        text = text[1:]
    return _ALIASES.get(text, text) or "1"


def to_canonical(value: float, unit: str, canonical: str) -> tuple[float, str]:
    """Convert `value` in `unit` into `canonical`, rounded to 3 decimals (float noise only).

    Args:
        value: the measured number.
        unit: its unit, UCUM or a common spelling.
        canonical: the UCUM unit Fenzhen uses for the field (a key of `CONVERSIONS`).

    Returns:
        The converted value and the UCUM code of the unit it was given in.

    Raises:
        UnitError: if `unit` is unknown or measures something else.
    """
    code = normalise_ucum(unit)
    table = CONVERSIONS.get(canonical)
    if table is None:
        raise UnitError(f"no conversions defined into {canonical}")
    convert = table.get(code)
    if convert is None:
        raise UnitError(
            f"unit {unit!r} cannot be converted to {canonical} (accepted: {', '.join(sorted(table))})"
        )
    return round(convert(float(value)), 3), code
