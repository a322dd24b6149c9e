"""Range checks for tool arguments, with the same limits and messages as the intake."""

from __future__ import annotations

import math

from fenzhen.domain import MEASURES
from fenzhen.errors import InputError

__all__ = ["check_measures"]


def check_measures(**values: float | None) -> None:
    """Refuse a measurement outside its possible range, naming the field, range and unit.

    Args:
        values: measurement name (as in `fenzhen.domain.MEASURES`) → value or None.

    Raises:
        InputError: for the first impossible value.
    """
    for name, value in values.items():
        m = MEASURES.get(name)
        if value is None or m is None:
            continue
        if math.isnan(value) or math.isinf(value) or not m.min <= value <= m.max:
            raise InputError.for_field(
                name, value, f"{m.label_en} outside the possible range", f"{m.min:g}–{m.max:g} {m.unit}"
            )
