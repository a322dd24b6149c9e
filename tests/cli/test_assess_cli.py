"""The CLI as a user runs it: a real subprocess of the installed `fenzhen` command."""

import json
import os
import subprocess
import sys
from pathlib import Path

FENZHEN = str(Path(sys.executable).parent / "fenzhen")


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([FENZHEN, *args], capture_output=True, text=True, input=stdin, timeout=120, env=env)


def test_assess_prints_levels_and_reasons_in_chinese() -> None:
    r = run("assess", "胸痛两小时，伴大汗", "--age", "58", "--sex", "male", "--hr", "118", "--sbp", "86",
            "--spo2", "93")
    assert r.returncode == 0, r.stderr
    assert "2级 危重" in r.stdout and "类似心脏因素的胸痛" in r.stdout and "NEWS2" in r.stdout
    assert "呼吸频率、体温、意识（AVPU或GCS）" in r.stdout and "resp_rate_bpm" not in r.stdout  # the nurse's words


def test_assess_english_output() -> None:
    r = run("assess", "crushing chest pain, sweating", "--age", "60", "--lang", "en")
    assert r.returncode == 0 and "Chest pain that may be cardiac" in r.stdout


def test_assess_chinese_output_names_score_bands_in_chinese() -> None:
    r = run("assess", "孩子发烧", "--age", "2", "--hr", "130", "--lang", "zh")
    assert r.returncode == 0
    assert "pews: 0 资料不全（按已有项目：绿色）" in r.stdout and "incomplete" not in r.stdout


def test_assess_json_has_top_level_levels() -> None:
    r = run("assess", "胸痛两小时", "--age", "58", "--sex", "male", "--hr", "118", "--sbp", "86", "--json")
    data = json.loads(r.stdout)
    assert data["acuity"] in range(1, 6) and data["china_level"] in range(1, 5)
    assert data["evidence"] and data["scores"]["news2"]["name"] == "news2"


def test_infant_age_in_months() -> None:
    r = run("assess", "发热", "--age-months", "2", "--temp", "38.3", "--json")
    data = json.loads(r.stdout)
    assert data["age_band"] == "infant" and data["acuity"] <= 2


def test_batch_in_and_out(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"complaint":"cough","age_years":30,"heart_rate_bpm":80}\n\n'
                   '{"complaint":"发热","age_years":2,"temp_c":39.1}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = run("assess", "--batch", str(src), "--out", str(out))
    assert r.returncode == 0, r.stderr
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 2 and all("acuity" in x for x in lines)


def test_batch_bad_line_names_the_line_and_field(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"complaint":"cough"}\n{"complaint":"x","spo2_pct":130}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = run("assess", "--batch", str(src), "--out", str(out))
    assert r.returncode == 2 and "line 2" in r.stderr and "spo2_pct" in r.stderr
    assert not out.exists()


def test_impossible_vital_exits_2_with_one_line() -> None:
    r = run("assess", "headache", "--age", "40", "--hr", "500", "--json")
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "heart_rate_bpm" in r.stderr and "300" in r.stderr
    assert "Traceback" not in r.stderr


def test_missing_complaint_exits_2() -> None:
    r = run("assess", "--age", "40")
    assert r.returncode == 2 and "complaint" in r.stderr


def test_doctor_lists_knowledge_and_model() -> None:
    r = run("doctor")
    assert r.returncode == 0
    assert "vital_criteria 2026" in r.stdout and "red_flags" in r.stdout and "acuity: ktas-lr" in r.stdout
