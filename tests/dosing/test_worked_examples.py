"""The table of worked dosing examples (tests/dosing/data/worked_examples.yaml) must match exactly.

Each case applies one reference's rule by hand; the source of each case is in the table and
must be a source the formulary declares.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from fenzhen.dosing import calculate_dose, formulary
from fenzhen.errors import InputError

TABLE = yaml.safe_load((Path(__file__).parent / "data" / "worked_examples.yaml").read_text("utf-8"))
CASES: list[dict[str, Any]] = TABLE["cases"]


def case_kwargs(case: dict[str, Any]) -> dict[str, Any]:
    """Turn a table row into `calculate_dose` keyword arguments."""
    kw: dict[str, Any] = {}
    if "renal" in case:
        r = TABLE["renal"][case["renal"]]
        kw.update(age_years=r["age"], sex=r["sex"], weight_kg=r["wt"], creatinine_mg_dl=r["cr_mg_dl"])
    for key, arg in (
        ("age", "age_years"),
        ("wt", "weight_kg"),
        ("form", "form"),
        ("route", "route"),
        ("hepatic", "hepatic_impairment"),
        ("sex", "sex"),
    ):
        if key in case:
            kw[arg] = case[key]
    return kw


def test_table_is_large_enough_and_ids_unique() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) >= 100 and len(set(ids)) == len(ids)
    assert sum(1 for c in CASES if "renal" in c) >= 15
    assert sum(1 for c in CASES if "capped_by" in c["expect"]) >= 15


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_worked_example(case: dict[str, Any]) -> None:
    assert case["source"] in formulary().sources, f"{case['id']}: undeclared source"
    expect = case["expect"]
    if "error_field" in expect:
        with pytest.raises(InputError) as err:
            calculate_dose(case["drug"], case.get("ind"), **case_kwargs(case))
        assert err.value.fields[0]["field"] == expect["error_field"]
        return
    result = calculate_dose(case["drug"], case.get("ind"), **case_kwargs(case)).model_dump()
    for key, want in expect.items():
        got = result[key]
        if isinstance(want, float | int) and not isinstance(want, bool) and got is not None:
            assert got == pytest.approx(want, abs=1e-9), f"{case['id']}: {key} {got} != {want}"
        else:
            assert got == want, f"{case['id']}: {key} {got!r} != {want!r}"
