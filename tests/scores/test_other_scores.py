"""qSOFA (Singer 2016), shock index (Allgöwer 1967; SIPA, Acker 2015), consciousness, Brighton PEWS."""

import pytest

from fenzhen.domain import AVPU
from fenzhen.scores import consciousness, pews, qsofa, shock_index


@pytest.mark.parametrize(("rr", "sbp", "altered", "total", "band"), [
    (21, 101, False, 0, "low"),
    (22, 101, False, 1, "low"),
    (22, 100, False, 2, "high"),
    (22, 100, True, 3, "high"),
    (16, 120, True, 1, "low"),
])
def test_qsofa(rr: float, sbp: float, altered: bool, total: int, band: str) -> None:
    result = qsofa(resp_rate_bpm=rr, sbp_mmhg=sbp, altered_mentation=altered)
    assert (result.value, result.band) == (total, band)


@pytest.mark.parametrize(("hr", "sbp", "age", "value", "band"), [
    (69, 100, None, 0.69, "normal"),
    (70, 100, None, 0.7, "elevated"),
    (99, 100, None, 0.99, "elevated"),
    (100, 100, None, 1.0, "high"),
    (122, 100, 5, 1.22, "normal"),      # SIPA 4-6 y: abnormal only above 1.22
    (123, 100, 5, 1.23, "high"),
    (90, 100, 14, 0.9, "normal"),       # SIPA 13-16 y: above 0.9
    (91, 100, 14, 0.91, "high"),
    (150, 100, 2, 1.5, "not validated under 4 years"),
])
def test_shock_index(hr: float, sbp: float, age: float | None, value: float, band: str) -> None:
    result = shock_index(heart_rate_bpm=hr, sbp_mmhg=sbp, age_years=age)
    assert (result.value, result.band) == (value, band)


def test_shock_index_missing_pressure() -> None:
    assert shock_index(heart_rate_bpm=80, sbp_mmhg=None).band == "incomplete"


@pytest.mark.parametrize(("gcs", "avpu", "band"), [
    (15, None, "alert"), (14, None, "mild"), (13, None, "mild"), (12, None, "moderate"), (9, None, "moderate"),
    (8, None, "severe"), (3, None, "severe"), (None, AVPU.V, "mild"), (None, AVPU.P, "severe"),
    (None, AVPU.U, "severe"), (None, AVPU.A, "alert"),
])
def test_consciousness(gcs: int | None, avpu: AVPU | None, band: str) -> None:
    assert consciousness(gcs=gcs, avpu=avpu).band == band


# Brighton PEWS with APLS normal ranges; a 3-year-old: HR 95-140, RR 25-30.
@pytest.mark.parametrize(("hr", "rr", "crt", "avpu", "total"), [
    (120, 28, 1, AVPU.A, 0),
    (120, 40, 1, AVPU.A, 0),    # 10 above the upper normal RR: not yet >10
    (120, 41, 1, AVPU.A, 1),
    (120, 51, 1, AVPU.A, 2),
    (120, 20, 1, AVPU.A, 3),    # 5 below normal
    (159, 28, 1, AVPU.A, 0),
    (160, 28, 1, AVPU.A, 2),    # 20 above normal
    (170, 28, 1, AVPU.A, 3),    # 30 above normal
    (120, 28, 3, AVPU.A, 1),
    (120, 28, 4, AVPU.A, 2),
    (120, 28, 5, AVPU.A, 3),
    (120, 28, 1, AVPU.V, 1),
    (120, 28, 1, AVPU.P, 3),
    (170, 51, 5, AVPU.U, 8),
])
def test_pews_components(hr: float, rr: float, crt: float, avpu: AVPU, total: int) -> None:
    result = pews(age_years=3, heart_rate_bpm=hr, resp_rate_bpm=rr, cap_refill_s=crt, avpu=avpu)
    assert result.value == total


@pytest.mark.parametrize(("total_inputs", "band"), [
    ({"avpu": AVPU.A}, "green"), ({"avpu": AVPU.P}, "yellow"), ({"avpu": AVPU.P, "cap_refill_s": 3}, "amber"),
    ({"avpu": AVPU.P, "cap_refill_s": 4}, "red"),
])
def test_pews_bands(total_inputs: dict, band: str) -> None:
    kwargs = {"age_years": 3, "heart_rate_bpm": 120, "resp_rate_bpm": 28, "cap_refill_s": 1, **total_inputs}
    assert pews(**kwargs).band == band


def test_pews_refuses_adults() -> None:
    with pytest.raises(ValueError, match="NEWS2"):
        pews(age_years=16, heart_rate_bpm=80, resp_rate_bpm=16, cap_refill_s=1, avpu=AVPU.A)
