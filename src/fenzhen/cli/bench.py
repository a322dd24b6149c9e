"""`fenzhen bench …`: benchmarks on real external data (more attach to the `bench` group)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from fenzhen.cli import main

if TYPE_CHECKING:
    from fenzhen.bench.ktas_llm import KtasLlmReport

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
@click.option("--llm", is_flag=True,
              help="Also run the LLM-assisted path (the configured model's second opinion, raise only) "
                   "and print both; --predictions-out then holds the LLM-assisted levels.")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="With --llm: data directory, as for `fenzhen serve` (settings file, LLM cache).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              default=None, help="With --llm: TOML settings file, as for `fenzhen serve`.")
@click.option("--llm-workers", type=click.IntRange(1, 32), default=1, show_default=True,
              help="With --llm: concurrent model calls (the endpoint must serve that many; an in-process "
                   "model serves one).")
def bench_ktas(path: Path, predictions_out: Path | None, json_out: Path | None, cv: bool | None,
               llm: bool, data_dir: Path | None, config_file: Path | None, llm_workers: int) -> None:
    """Triage every row of a KTAS-format CSV and compare with the experts (and the nurses)."""
    from fenzhen.bench.ktas import KtasReport, run_ktas_benchmark

    report: KtasReport | KtasLlmReport
    if llm:
        from fenzhen.bench.ktas_llm import llm_client_from_settings, run_ktas_llm_benchmark

        client, endpoint = llm_client_from_settings(data_dir, config_file)
        report = run_ktas_llm_benchmark(path, client, endpoint=endpoint, cv=cv, progress=True,
                                        workers=llm_workers)
    else:
        report = run_ktas_benchmark(path, cv=cv, progress=True)
    click.echo(report.summary())
    if predictions_out is not None:
        report.write_predictions(predictions_out)
    if json_out is not None:
        json_out.write_text(json.dumps(report.as_dict(), indent=2, ensure_ascii=False), encoding="utf-8")
