"""UCUM-aware conversion: exact factors, annotations ignored, incommensurable units refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fenzhen.interop.units import UnitError, normalise_ucum, to_canonical

# (value, unit, canonical, expected) — factors from UCUM 2.1 Table 19 / 1 atm = 101.325 kPa = 760 mmHg.
CASES = [
    (100.4, "[degF]", "Cel", 38.0),
    (98.6, "°F", "Cel", 37.0),
    (310.15, "K", "Cel", 37.0),
    (37.2, "Cel", "Cel", 37.2),
    (16.0, "kPa", "mm[Hg]", 120.01),
    (12.0, "kPa", "mm[Hg]", 90.008),
    (120, "mmHg", "mm[Hg]", 120),
    (154.3, "[lb_av]", "kg", 69.989),
    (3400, "g", "kg", 3.4),
    (80, "{beats}/min", "/min", 80),
    (80, "1/min", "/min", 80),
    (2, "/s", "/min", 120),
    (0.95, "1", "%", 95),
    (9, "mo", "a", 0.75),
    (180.156, "mg/dL", "mmol/L", 10.0),
    (2500, "ms", "s", 2.5),
    (14, "{score}", "{score}", 14),
]


@pytest.mark.parametrize(("value", "unit", "canonical", "expected"), CASES)
def test_converts_to_canonical(value: float, unit: str, canonical: str, expected: float) -> None:
    assert to_canonical(value, unit, canonical)[0] == pytest.approx(expected, abs=1e-3)


@pytest.mark.parametrize(
    ("unit", "canonical"), [("kPa", "Cel"), ("[degF]", "mm[Hg]"), ("furlong", "kg"), ("%", "/min")]
)
def test_refuses_incommensurable(unit: str, canonical: str) -> None:
    with pytest.raises(UnitError, match="cannot be converted"):
        to_canonical(1.0, unit, canonical)


def test_annotation_is_ignored() -> None:
    assert normalise_ucum("{Breaths}/min") == "/min"
    assert normalise_ucum("mm[Hg]") == "mm[Hg]"


@given(st.floats(min_value=80, max_value=113, allow_nan=False))
def test_fahrenheit_inverse(f: float) -> None:
    c, _ = to_canonical(f, "[degF]", "Cel")
    assert c * 9 / 5 + 32 == pytest.approx(f, abs=0.01)


@given(st.floats(min_value=1, max_value=40, allow_nan=False))
def test_kpa_monotone_and_exact(kpa: float) -> None:
    mmhg, _ = to_canonical(kpa, "kPa", "mm[Hg]")
    assert mmhg == pytest.approx(kpa * 760 / 101.325, abs=1e-3)
