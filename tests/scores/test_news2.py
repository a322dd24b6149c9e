"""NEWS2 against RCP 2017 Chart 1: every band edge, just below, at and just above."""

import pytest

from fenzhen.scores import news2
from fenzhen.scores.news2 import _pulse, _resp_rate, _sbp, _spo2_scale1, _spo2_scale2, _temperature

# Source: Royal College of Physicians, NEWS2 (2017), Chart 1.
RESP_RATE = [(8, 3), (9, 1), (11, 1), (12, 0), (20, 0), (21, 2), (24, 2), (25, 3)]
SPO2_SCALE1 = [(91, 3), (92, 2), (93, 2), (94, 1), (95, 1), (96, 0)]
SBP = [(90, 3), (91, 2), (100, 2), (101, 1), (110, 1), (111, 0), (219, 0), (220, 3)]
PULSE = [(40, 3), (41, 1), (50, 1), (51, 0), (90, 0), (91, 1), (110, 1), (111, 2), (130, 2), (131, 3)]
TEMPERATURE = [(35.0, 3), (35.1, 1), (36.0, 1), (36.1, 0), (38.0, 0), (38.1, 1), (39.0, 1), (39.1, 2)]
SPO2_SCALE2 = [(83, False, 3), (84, False, 2), (85, False, 2), (86, False, 1), (87, False, 1), (88, False, 0),
               (92, False, 0), (93, False, 0), (97, False, 0), (93, True, 1), (94, True, 1), (95, True, 2),
               (96, True, 2), (97, True, 3)]


@pytest.mark.parametrize(("value", "points"), RESP_RATE)
def test_resp_rate(value: float, points: int) -> None:
    assert _resp_rate(value) == points


@pytest.mark.parametrize(("value", "points"), SPO2_SCALE1)
def test_spo2_scale1(value: float, points: int) -> None:
    assert _spo2_scale1(value) == points


@pytest.mark.parametrize(("value", "oxygen", "points"), SPO2_SCALE2)
def test_spo2_scale2(value: float, oxygen: bool, points: int) -> None:
    assert _spo2_scale2(value, oxygen) == points


@pytest.mark.parametrize(("value", "points"), SBP)
def test_sbp(value: float, points: int) -> None:
    assert _sbp(value) == points


@pytest.mark.parametrize(("value", "points"), PULSE)
def test_pulse(value: float, points: int) -> None:
    assert _pulse(value) == points


@pytest.mark.parametrize(("value", "points"), TEMPERATURE)
def test_temperature(value: float, points: int) -> None:
    assert _temperature(value) == points


def _score(**kw: object) -> object:
    base = dict(resp_rate_bpm=16, spo2_pct=97, on_oxygen=False, sbp_mmhg=120, heart_rate_bpm=70,
                consciousness_alert=True, temp_c=37.0)
    base.update(kw)
    return news2(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(("changes", "total", "band"), [
    ({}, 0, "low"),
    ({"heart_rate_bpm": 95}, 1, "low"),
    ({"consciousness_alert": False}, 3, "low-medium"),
    ({"resp_rate_bpm": 22, "heart_rate_bpm": 115, "temp_c": 38.5}, 5, "medium"),
    ({"resp_rate_bpm": 26, "heart_rate_bpm": 115, "sbp_mmhg": 105, "on_oxygen": True}, 8, "high"),
])
def test_total_and_band(changes: dict, total: int, band: str) -> None:
    result = _score(**changes)
    assert result.value == total
    assert result.band == band


def test_missing_parameters_are_reported_not_scored_as_normal() -> None:
    result = news2(resp_rate_bpm=None, spo2_pct=None, on_oxygen=None, sbp_mmhg=85, heart_rate_bpm=None,
                   consciousness_alert=None, temp_c=None)
    assert result.value == 3
    assert result.band.startswith("incomplete")
    assert set(result.missing) == {"resp_rate", "spo2", "air_or_oxygen", "pulse", "consciousness", "temperature"}
