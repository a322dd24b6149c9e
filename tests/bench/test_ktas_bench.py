"""The KTAS benchmark on the real file: reader, metrics and the predictions contract."""

import csv
import subprocess
import sys
from pathlib import Path

from fenzhen.bench.ktas_data import read_ktas
from fenzhen.bench.metrics import level_metrics, quadratic_weighted_kappa
from tests.shared_data import KTAS_DEV

FENZHEN = str(Path(sys.executable).parent / "fenzhen")


def test_reader_uses_only_triage_time_columns_and_reads_every_row() -> None:
    rows = read_ktas(KTAS_DEV)
    assert len(rows) == 760
    assert {r.expert for r in rows} == {1, 2, 3, 4, 5}
    assert all(r.intake.complaint for r in rows)
    # "Pain" = 0 with an Excel error in NRS_pain means no pain, not missing.
    assert sum(r.intake.pain_nrs == 0 for r in rows) >= 300


def test_metrics_reproduce_the_published_nurse_baseline() -> None:
    rows = read_ktas(KTAS_DEV)
    m = level_metrics([r.expert for r in rows], [r.nurse for r in rows])
    # ../shared/data/README.md: nurses 0.854 accuracy, kappa 0.872, under 10.9%, over 3.7%, recall 0.858.
    assert round(m.accuracy, 3) == 0.854 and round(m.quadratic_weighted_kappa, 3) == 0.872
    assert round(m.under_triage_rate, 3) == 0.109 and round(m.over_triage_rate, 3) == 0.037
    assert round(m.critical_recall, 3) == 0.858


def test_kappa_edge_cases() -> None:
    assert quadratic_weighted_kappa([1, 2, 3], [1, 2, 3], (1, 2, 3)) == 1.0
    assert quadratic_weighted_kappa([1, 3], [3, 1], (1, 2, 3)) < 0


def test_bench_cli_writes_one_prediction_per_row(tmp_path: Path) -> None:
    out = tmp_path / "p.csv"
    r = subprocess.run([FENZHEN, "bench", "ktas", str(KTAS_DEV), "--no-cv", "--predictions-out", str(out)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "quadratic weighted kappa" in r.stdout and "nurses" in r.stdout and "age>=65" in r.stdout
    assert "rules only" in r.stdout  # the rule floors alone beside the model: what the model adds
    with out.open() as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["row", "acuity", "china_level"] and len(rows) == 761
    assert all(1 <= int(a) <= 5 and 1 <= int(c) <= 4 for _, a, c in rows[1:])


def test_bench_cli_refuses_a_file_of_another_format(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("a;b\n1;2\n", encoding="latin-1")
    r = subprocess.run([FENZHEN, "bench", "ktas", str(bad)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "missing KTAS columns" in r.stderr
