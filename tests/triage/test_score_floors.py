"""The floors that early-warning score bands set (score_floors.yaml), at each band's edge."""

import pytest

from fenzhen import Intake
from fenzhen.domain import ScoreResult
from fenzhen.triage.score_floors import score_evidence


def _score(name: str, total: float, components: dict[str, float | int | None] | None = None) -> ScoreResult:
    return ScoreResult(name=name, value=total, band="", response_en="", response_zh="",
                       components=components or {}, source="test")


@pytest.mark.parametrize(("name", "total", "components", "rule", "acuity"), [
    # RCP NEWS2 Table 2: 7+ emergency (→ 2), 5-6 urgent (→ 3), a single parameter at 3 urgent (→ 3).
    ("news2", 7, {"pulse": 2}, "news2.high_ge_7", 2),
    ("news2", 6, {"pulse": 2}, "news2.medium_5_6", 3),
    ("news2", 5, {"pulse": 2}, "news2.medium_5_6", 3),
    ("news2", 4, {"pulse": 2, "resp_rate": 2}, None, None),
    ("news2", 3, {"pulse": 3}, "news2.single_parameter_3", 3),
    ("news2", 8, {"pulse": 3}, "news2.high_ge_7", 2),   # only the most urgent band counts
    # Brighton PEWS: 5+ red (→ 2), 4 amber (→ 3).
    ("pews", 5, {}, "pews.red_ge_5", 2),
    ("pews", 4, {}, "pews.amber_4", 3),
    ("pews", 3, {}, None, None),
])
def test_score_bands(name: str, total: float, components: dict[str, float | int | None], rule: str | None,
                     acuity: int | None) -> None:
    found = score_evidence({name: _score(name, total, components), "qsofa": _score("qsofa", 0)}, set(),
                           Intake(complaint="x"))
    assert [(e.rule, e.acuity) for e in found] == ([(rule, acuity)] if rule else [])


@pytest.mark.parametrize(("total", "positive", "temp", "fires"), [
    (2, {"cough"}, None, True),       # Sepsis-3: qSOFA ≥2 with a suspected infection
    (2, set(), 38.0, True),           # a measured fever is a suspected infection
    (2, set(), 37.9, False),
    (1, {"fever"}, None, False),
])
def test_qsofa_needs_a_suspected_infection(total: float, positive: set[str], temp: float | None, fires: bool) -> None:
    found = score_evidence({"qsofa": _score("qsofa", total)}, positive, Intake(complaint="x", temp_c=temp))
    assert (["qsofa.ge_2_with_infection"] == [e.rule for e in found]) is fires
