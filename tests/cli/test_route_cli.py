"""The `fenzhen route`, `interview`, `bench route` and `bench care` commands, run for real."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from fenzhen.cli import main


def test_route_json_contract() -> None:
    res = CliRunner().invoke(main, ["route", "右下腹疼痛一天，伴发热", "--age", "25", "--sex", "female", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert {"department", "subdepartment", "probability", "alternatives"} <= set(data)


def test_route_bad_age_is_one_line_error() -> None:
    res = CliRunner().invoke(main, ["route", "牙疼", "--age", "200"])
    assert res.exit_code == 2 and "age_years" in res.output


def test_bench_route_writes_predictions_in_order(tmp_path: Path) -> None:
    data = tmp_path / "d.jsonl"
    rows = [{"text": "牙疼三天", "department": "五官科"}, {"text": "脸上长痘痘", "department": "皮肤科"}]
    data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out = tmp_path / "p.jsonl"
    res = CliRunner().invoke(main, ["bench", "route", str(data), "--no-triage", "--predictions-out", str(out)])
    assert res.exit_code == 0, res.output
    assert "top-1: 1.000" in res.output and "macro-F1" in res.output
    preds = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [p["department"] for p in preds] == ["五官科", "皮肤性病科"] and len(preds[0]["top3"]) == 3


def test_bench_route_rejects_missing_field(tmp_path: Path) -> None:
    data = tmp_path / "d.jsonl"
    data.write_text('{"text": "牙疼"}\n', encoding="utf-8")
    res = CliRunner().invoke(main, ["bench", "route", str(data)])
    assert res.exit_code == 2 and "department" in res.output


def test_bench_care_reports_classes(tmp_path: Path) -> None:
    data = tmp_path / "c.jsonl"
    rows = [{"text": "58岁男性，胸口压榨样疼痛两小时，大汗淋漓", "expected": "emergency"},
            {"text": "A 25-year-old woman with a runny nose", "expected": "self_care"}]
    data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out = tmp_path / "p.jsonl"
    res = CliRunner().invoke(main, ["bench", "care", str(data), "--predictions-out", str(out)])
    assert res.exit_code == 0, res.output
    assert "emergencies advised below emergency: 0/1" in res.output
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["care"] == "emergency"


def test_interview_from_piped_stdin() -> None:
    answers = "没有\n肚子右下边\n昨天\n6\n25\n女\n否\n"
    proc = subprocess.run([str(Path(sys.executable).parent / "fenzhen"), "interview", "不舒服"], input=answers,
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "department:" in proc.stdout and "care:" in proc.stdout
