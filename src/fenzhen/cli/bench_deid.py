"""`fenzhen bench deid`: recall, precision, clinical-number damage and speed of de-identification.

Writes ``deid.json`` and a readable ``deid.md`` to ``--out``; see
`fenzhen.privacy.benchmark` for how the labelled corpus is built and scored.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from fenzhen.cli.bench import bench
from fenzhen.errors import InputError

__all__ = ["bench_deid", "render_summary"]

TARGETS = {
    "direct_identifier_recall": 0.99,
    "precision": 0.95,
    "clinical_number_damage_rate": 0.01,
    "clinical_term_damage_rate": 0.01,
    "throughput_mb_per_s": 1.0,
}


def _fmt(value: Any) -> str:
    return "n/a" if value is None else f"{value:.4f}" if isinstance(value, float) else str(value)


def render_summary(report: dict[str, Any]) -> str:
    """Return the report as a Markdown summary (overall lines, then per-type tables)."""
    c = report["corpus"]
    lines = [
        f"# De-identification benchmark ({c['documents']} notes, {c['bytes']:,} bytes, seed {c['seed']})",
        "",
        "| system | part | direct-id recall | recall | precision | clinical-number damage | clinical-term damage |",
        "|---|---|---|---|---|---|---|",
    ]
    for lang, s in report["fenzhen"].items():
        lines.append(
            f"| fenzhen | {lang} | {_fmt(s['direct_identifier_recall'])} | {_fmt(s['recall'])} | "
            f"{_fmt(s['precision'])} | {_fmt(s['clinical_number_damage_rate'])} | "
            f"{_fmt(s.get('clinical_term_damage_rate'))} |"
        )
    if (p := report.get("presidio_pattern_only_en")) is not None:
        lines.append(
            f"| presidio (patterns only) | en | {_fmt(p['direct_identifier_recall'])} | "
            f"{_fmt(p['recall'])} | "
            f"{_fmt(p['precision'])} | {_fmt(p['clinical_number_damage_rate'])} | "
            f"{_fmt(p.get('clinical_term_damage_rate'))} |"
        )
    lines += [
        "",
        f"Throughput (fenzhen, one core, CPU time): {_fmt(report['throughput_mb_per_s'])} MB/s",
        "",
        "Targets: " + ", ".join(f"{k} {'≤' if 'damage' in k else '≥'} {v}" for k, v in TARGETS.items()),
        "",
    ]
    for lang, s in report["fenzhen"].items():
        lines += [
            f"## fenzhen, {lang}: per type",
            "",
            "| type | gold | recall | predicted | precision |",
            "|---|---|---|---|---|",
        ]
        lines += [
            f"| {t} | {v['gold']} | {_fmt(v['recall'])} | {v['predicted']} | {_fmt(v['precision'])} |"
            for t, v in s["per_type"].items()
        ]
        lines.append("")
    return "\n".join(lines)


@bench.command("deid")
@click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path),
    default=Path("../shared/data"),
    show_default=True,
    help="folder with zh_internal_medicine/ and en_mtsamples/.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("bench/results"),
    show_default=True,
    help="folder for deid.json and deid.md.",
)
@click.option(
    "--docs",
    "n_docs",
    type=click.IntRange(2, 100_000),
    default=1000,
    show_default=True,
    help="number of synthetic notes (half Chinese, half English).",
)
@click.option(
    "--seed", type=int, default=20261101, show_default=True, help="corpus seed (same seed, same corpus)."
)
@click.option("--no-baseline", is_flag=True, help="skip the Presidio pattern-only baseline.")
def bench_deid(data_dir: Path, out_dir: Path, n_docs: int, seed: int, no_baseline: bool) -> None:
    """Measure de-identification on a labelled synthetic corpus (Chinese and English)."""
    from fenzhen.privacy.benchmark import run_benchmark

    for sub in ("zh_internal_medicine", "en_mtsamples"):
        if not (data_dir / sub).is_dir():
            raise InputError.for_field(
                "--data", str(data_dir), f"has no {sub}/ folder", "the shared data folder"
            )
    report = run_benchmark(data_dir, n_docs, seed, baseline=not no_baseline)
    report["targets"] = TARGETS
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "deid.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    summary = render_summary(report)
    (out_dir / "deid.md").write_text(summary, encoding="utf-8")
    click.echo(summary)
