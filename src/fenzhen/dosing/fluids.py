"""Paediatric fluids: Holliday–Segar maintenance and WHO IMCI dehydration assessment.

The IMCI table reads as published: two or more signs of a row classify; the most severe row
wins. Rehydration volumes follow WHO Plans A/B/C.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from fenzhen.dosing.weight import check_weight_kg

__all__ = [
    "DehydrationResult",
    "assess_dehydration",
    "maintenance_fluids_ml_per_day",
    "maintenance_fluids_ml_per_hour",
]


def maintenance_fluids_ml_per_day(weight_kg: float) -> float:
    """Return daily maintenance fluid (mL/day): 100 mL/kg for the first 10 kg, 50 mL/kg for
    the next 10 kg, 20 mL/kg for each kg above 20 kg.

    Args:
        weight_kg: 0.3–350 kg (the formula is for children; adults usually need 25–30 mL/kg/day).

    Raises:
        InputError: for an impossible weight.

    References:
        Holliday MA, Segar WE. Pediatrics 1957;19:823-832.
    """
    w = check_weight_kg(weight_kg)
    return round(100 * min(w, 10) + 50 * min(max(w - 10, 0), 10) + 20 * max(w - 20, 0), 1)


def maintenance_fluids_ml_per_hour(weight_kg: float) -> float:
    """Return hourly maintenance fluid by the "4-2-1" rule (mL/h): 4 mL/kg/h for the first
    10 kg, 2 mL/kg/h for the next 10 kg, 1 mL/kg/h above 20 kg.

    The hourly rule is the bedside form of Holliday–Segar and gives slightly less than the
    daily formula divided by 24 (e.g. 14 kg: 48 mL/h vs 50 mL/h).

    Raises:
        InputError: for an impossible weight.

    References:
        Holliday MA, Segar WE. Pediatrics 1957;19:823-832.
    """
    w = check_weight_kg(weight_kg)
    return round(4 * min(w, 10) + 2 * min(max(w - 10, 0), 10) + 1 * max(w - 20, 0), 1)


@dataclass(frozen=True)
class DehydrationResult:
    """IMCI dehydration classification, the plan, and the signs that decided it."""

    classification: Literal["severe_dehydration", "some_dehydration", "no_dehydration"]
    plan: Literal["A", "B", "C"]
    signs: tuple[str, ...]
    ors_ml: float | None
    text_en: str
    text_zh: str
    reference: str = "who_imci_2014"


def assess_dehydration(
    *,
    lethargic_or_unconscious: bool = False,
    restless_irritable: bool = False,
    sunken_eyes: bool = False,
    not_able_to_drink_or_drinking_poorly: bool = False,
    drinks_eagerly_thirsty: bool = False,
    skin_pinch_very_slow: bool = False,
    skin_pinch_slow: bool = False,
    weight_kg: float | None = None,
) -> DehydrationResult:
    """Classify dehydration in a child with diarrhoea by the WHO IMCI signs.

    Severe: two of lethargic/unconscious, sunken eyes, not able to drink or drinking poorly,
    skin pinch goes back very slowly (≥2 s). Some: two of restless/irritable, sunken eyes,
    drinks eagerly/thirsty, skin pinch goes back slowly. Otherwise no dehydration.

    Args:
        weight_kg: when given, the Plan B ORS volume (75 mL/kg over 4 hours) is returned.

    References:
        WHO. IMCI Chart Booklet, 2014 — "Does the child have diarrhoea?".
    """
    severe = {
        "lethargic_or_unconscious": lethargic_or_unconscious,
        "sunken_eyes": sunken_eyes,
        "not_able_to_drink_or_drinking_poorly": not_able_to_drink_or_drinking_poorly,
        "skin_pinch_very_slow": skin_pinch_very_slow,
    }
    some = {
        "restless_irritable": restless_irritable,
        "sunken_eyes": sunken_eyes,
        "drinks_eagerly_thirsty": drinks_eagerly_thirsty,
        "skin_pinch_slow": skin_pinch_slow or skin_pinch_very_slow,
    }
    severe_signs = tuple(k for k, v in severe.items() if v)
    some_signs = tuple(k for k, v in some.items() if v)
    if len(severe_signs) >= 2:
        return DehydrationResult(
            "severe_dehydration",
            "C",
            severe_signs,
            None,
            "Severe dehydration — Plan C: IV Ringer's lactate 100 mL/kg "
            "(infants: 30 mL/kg in 1 h then 70 mL/kg in 5 h; "
            "older: 30 mL/kg in 30 min then 70 mL/kg in 2.5 h); refer urgently if IV not possible",
            "重度脱水——方案C：静脉乳酸林格液100 mL/kg，不能静脉补液者紧急转诊",
        )
    if len(some_signs) >= 2:
        ors = None if weight_kg is None else round(75 * check_weight_kg(weight_kg), 1)
        return DehydrationResult(
            "some_dehydration",
            "B",
            some_signs,
            ors,
            "Some dehydration — Plan B: ORS 75 mL/kg over 4 hours, then reassess; give zinc",
            "轻中度脱水——方案B：4小时内口服补液盐75 mL/kg，之后重新评估；补锌",
        )
    return DehydrationResult(
        "no_dehydration",
        "A",
        some_signs or severe_signs,
        None,
        "No dehydration — Plan A: extra fluid and ORS at home, zinc, continue feeding",
        "无脱水——方案A：居家增加液体和口服补液盐，补锌，继续喂养",
    )
