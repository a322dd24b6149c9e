"""`fenzhen dose` through the real console script: contract fields, worked examples, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

pytestmark = pytest.mark.integration

FZ = [str(Path(sys.executable).with_name("fenzhen"))]
TABLE = yaml.safe_load((Path(__file__).parents[1] / "dosing" / "data" / "worked_examples.yaml").read_text("utf-8"))
# Every 7th case: a deterministic sample of the table through the real CLI.
SAMPLE = [c for i, c in enumerate(TABLE["cases"]) if i % 7 == 0]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*FZ, "dose", *args], capture_output=True, text=True, timeout=60)


def cli_args(case: dict[str, Any]) -> list[str]:
    args = [case["drug"]]
    src = {**TABLE["renal"][case["renal"]], **case} if "renal" in case else case
    for key, flag in (
        ("ind", "--indication"),
        ("age", "--age"),
        ("wt", "--weight"),
        ("form", "--form"),
        ("route", "--route"),
        ("sex", "--sex"),
        ("hepatic", "--hepatic"),
    ):
        if key in src:
            args += [flag, str(src[key])]
    if "cr_mg_dl" in src:
        args += ["--creatinine", f"{src['cr_mg_dl']} mg/dL"]
    return args


def test_contract_fields() -> None:
    p = run("paracetamol", "--weight", "14", "--age", "3", "--indication", "fever", "--json")
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert out["dose_mg"] == 210 and out["frequency"] == "q6h" and out["max_daily_mg"] == 840
    p = run("paracetamol", "--weight", "14", "--age", "3", "--indication", "fever", "--form", "syrup_120_5", "--json")
    assert json.loads(p.stdout)["volume_ml"] == 8.5


def test_sample_is_at_least_20() -> None:
    assert len(SAMPLE) >= 20


@pytest.mark.parametrize("case", SAMPLE, ids=[c["id"] for c in SAMPLE])
def test_worked_example_through_cli(case: dict[str, Any]) -> None:
    p = run(*cli_args(case), "--json")
    expect = case["expect"]
    if "error_field" in expect:
        assert p.returncode == 2 and len(p.stderr.strip().splitlines()) == 1
        return
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    for key, want in expect.items():
        assert out[key] == (
            pytest.approx(want) if isinstance(want, float | int) and not isinstance(want, bool) else want
        )


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["paracetamol", "--weight", "0", "--age", "3"], "weight_kg"),
        (["paracetamol", "--weight", "400", "--age", "3"], "weight_kg"),
        (["paracetamol", "--weight", "14lb", "--age", "3"], "weight_kg"),
        (["paracetmol", "--weight", "14", "--age", "3"], "did you mean 'paracetamol'"),
        (["xyzzy", "--weight", "14", "--age", "3"], "unknown drug"),
        (
            ["salbutamol", "--age", "8", "--weight", "25", "--indication", "acute_asthma", "--order-dose", "2500 mg"],
            "unit error",
        ),
        (["paracetamol", "--age", "3", "--weight", "14", "--order-dose", "5 mL"], "liquid form"),
        (["paracetamol", "--age", "3", "--weight", "14", "--order-dose", "210"], "unit missing"),
        (["amoxicillin", "--age", "70", "--weight", "60", "--sex", "male", "--creatinine", "96"], "unit missing"),
        (
            ["amoxicillin", "--age", "70", "--weight", "60", "--sex", "male", "--creatinine", "1.1 umol/L"],
            "looks like mg/dL",
        ),
        (["paracetamol", "--weight", "14"], "age_years"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: list[str], named: str) -> None:
    p = run(*args, "--json")
    assert p.returncode == 2 and p.stdout == ""
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0]


def test_order_findings_in_json_and_human_output() -> None:
    p = run("paracetamol", "--age", "3", "--weight", "14", "--order-dose", "500 mg", "--json")
    codes = {f["code"] for f in json.loads(p.stdout)["order_findings"]}
    assert "above_max_daily" in codes
    p = run("paracetamol", "--age", "3", "--indication", "fever")
    assert p.returncode == 0 and "ESTIMATE" in p.stdout
