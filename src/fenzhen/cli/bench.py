"""`fenzhen bench …`: benchmarks on real external data (more attach to the `bench` group)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from fenzhen.cli import main

__all__ = ["bench", "bench_ktas"]


@main.group()
def bench() -> None:
    """Measure Fenzhen on labelled data; every figure beside its baseline."""


@bench.command("ktas")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--predictions-out", type=click.Path(path_type=Path), help="CSV with row,acuity,china_level.")
@click.option("--json-out", type=click.Path(path_type=Path), help="Write all figures as JSON here.")
@click.option("--cv/--no-cv", "cv", default=None,
              help="Out-of-fold model predictions (default: on when PATH is the model's own training file).")
def bench_ktas(path: Path, predictions_out: Path | None, json_out: Path | None, cv: bool | None) -> None:
    """Triage every row of a KTAS-format CSV and compare with the experts (and the nurses)."""
    from fenzhen.bench.ktas import run_ktas_benchmark

    report = run_ktas_benchmark(path, cv=cv, progress=True)
    click.echo(report.summary())
    if predictions_out is not None:
        report.write_predictions(predictions_out)
    if json_out is not None:
        json_out.write_text(json.dumps(report.as_dict(), indent=2, ensure_ascii=False), encoding="utf-8")
