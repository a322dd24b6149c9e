"""`fenzhen route`, `fenzhen interview`, `fenzhen bench route` and `fenzhen bench care`."""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import click

from fenzhen.cli import main

try:
    from fenzhen.cli.bench import bench
except ImportError:  # the bench group module not present yet: provide the same group here

    @main.group("bench")
    def bench() -> None:
        """Benchmarks on real data."""


__all__ = ["bench_care", "bench_route", "interview_cmd", "route_cmd"]


@main.command("route")
@click.argument("text")
@click.option("--age", "age_years", type=float, help="Age in years (0–125).")
@click.option("--sex", type=click.Choice(["female", "male"]))
@click.option("--pregnant/--not-pregnant", default=None)
@click.option("--acuity", type=int, help="Triage level 1–5 if already known (skips the red-flag check).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def route_cmd(
    text: str, age_years: float | None, sex: str | None, pregnant: bool | None, acuity: int | None, as_json: bool
) -> None:
    """Suggest a department for a complaint (导诊). A recommendation: staff decide."""
    from fenzhen.routing import route

    result = route(text, age_years=age_years, sex=sex, pregnant=pregnant, acuity=acuity)
    if as_json:
        click.echo(json.dumps(result.model_dump(), ensure_ascii=False, indent=2))
        return
    sub = f" / {result.subdepartment}" if result.subdepartment else ""
    click.echo(f"{result.department_display}{sub}  p={result.probability:.2f}")
    click.echo("alternatives: " + ", ".join(f"{a.department_display} {a.probability:.2f}" for a in result.alternatives))
    click.echo("because: " + "、".join(result.drivers))
    for rule in result.rules_applied:
        click.echo(f"rule: {rule}")


@main.command("interview")
@click.argument("complaint", required=False)
@click.option("--facility", type=click.Choice(["village", "township", "county"]), default="township")
def interview_cmd(complaint: str | None, facility: str) -> None:
    """Ask follow-up questions on the terminal, then triage, route and advise care."""
    from fenzhen.routing import Interview, default_facility

    complaint = complaint or click.prompt("主诉 / complaint")
    iv = Interview(complaint, facility=default_facility(facility))
    while (q := iv.next_question()) is not None:
        line = sys.stdin.readline() if not sys.stdin.isatty() else None
        click.echo(iv.text_of(q))
        answer = line.rstrip("\n") if line is not None else click.prompt(">", default="", show_default=False)
        if line == "":
            break
        iv.answer(answer)
    out = iv.finish()
    click.echo(f"complaint: {out.complaint}")
    click.echo(f"triage: acuity {out.assessment.acuity}, China level {out.assessment.china_level}")
    click.echo(f"department: {out.route.department_display} {out.route.subdepartment or ''}".rstrip())
    click.echo(f"care: {out.care.care} — {out.care.reason_zh if iv.language == 'zh' else out.care.reason_en}")


def _write(path: Path | None, rows: list[dict[str, Any]]) -> None:
    if path is not None:
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


@bench.command("route")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--level",
    type=click.Choice(["1", "2"]),
    default="1",
    help="2: internal-medicine sub-departments (JSONL with `subdepartment`, or the Toyhom CSV's test split).",
)
@click.option("--no-triage", is_flag=True, help="Measure the model alone, without the emergency red-flag rule.")
@click.option("--predictions-out", type=click.Path(dir_okay=False, path_type=Path))
def bench_route(path: Path, level: str, no_triage: bool, predictions_out: Path | None) -> None:
    """Measure department routing: top-1, top-3, macro-F1, confusion table, latency."""
    from fenzhen.routing.evaluate import confusion_table, macro_f1, topk_accuracy

    rows, gold, ranked, times, preds = _load_rows(path, level), [], [], [], []
    for row in rows:
        t0 = time.perf_counter()
        dept, top3 = _predict(row, level, no_triage)
        times.append((time.perf_counter() - t0) * 1000)
        gold.append(row["gold"])
        ranked.append(top3)
        preds.append({"department": dept, "top3": top3} if level == "1" else {"subdepartment": dept, "top3": top3})
    pred = [r[0] for r in ranked]
    click.echo(f"rows: {len(rows)}  level: {level}")
    click.echo(
        f"top-1: {topk_accuracy(gold, ranked, 1):.3f}  top-3: {topk_accuracy(gold, ranked, 3):.3f}  "
        f"macro-F1: {macro_f1(gold, pred):.3f}  median latency: {statistics.median(times):.1f} ms"
    )
    click.echo(confusion_table(gold, pred))
    _write(predictions_out, preds)


def _load_rows(path: Path, level: str) -> list[dict[str, Any]]:
    from fenzhen.routing.catalogue import canonical_department
    from fenzhen.routing.data import internal_medicine, read_jsonl

    if level == "2" and path.suffix == ".csv":
        return [{"text": e.text, "gold": e.subdepartment} for e in internal_medicine(path, "test", 2)]
    rows = read_jsonl(path, ("text", "subdepartment" if level == "2" else "department"))
    for row in rows:
        row["gold"] = row["subdepartment"] if level == "2" else canonical_department(str(row["department"]))
    return rows


def _predict(row: dict[str, Any], level: str, no_triage: bool) -> tuple[str, list[str]]:
    import numpy as np

    from fenzhen.routing import route
    from fenzhen.routing.model import default_model

    if level == "2":
        model = default_model("level2_internal")
        order = [model.classes[i] for i in np.argsort(-model.logits(str(row["text"])))]
        return order[0], order[:3]
    sex = row.get("sex") if row.get("sex") in ("female", "male") else None
    result = route(str(row["text"]), age_years=row.get("age"), sex=sex, check_red_flags=not no_triage)
    return result.department, result.top3


@bench.command("care")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--facility", type=click.Choice(["village", "township", "county"]), default="township")
@click.option("--predictions-out", type=click.Path(dir_okay=False, path_type=Path))
def bench_care(path: Path, facility: str, predictions_out: Path | None) -> None:
    """Measure care-level advice: accuracy per class and emergencies advised below emergency."""
    from fenzhen import Intake, assess
    from fenzhen.routing import advise_care, default_facility, route
    from fenzhen.routing.data import read_jsonl
    from fenzhen.routing.text_facts import read_facts

    rows = read_jsonl(path, ("text", "expected"))
    profile, preds = default_facility(facility), []
    hits: dict[str, list[bool]] = {"emergency": [], "primary_care": [], "self_care": []}
    for n, row in enumerate(rows, 1):
        if row["expected"] not in hits:
            from fenzhen.errors import InputError

            raise InputError.for_field(
                f"line {n}.expected", row["expected"], "is not a care class", "emergency, primary_care, self_care"
            )
        facts = read_facts(str(row["text"]))
        intake = Intake(
            complaint=str(row["text"]),
            age_years=facts.age_years,
            sex=facts.sex,
            pregnant=facts.pregnant if facts.sex != "male" else None,
        )
        assessment = assess(intake)
        advice = advise_care(
            assessment, route(str(row["text"]), facts.age_years, facts.sex, assessment=assessment), profile
        )
        hits[str(row["expected"])].append(advice.category == row["expected"])
        preds.append({"care": advice.category, "care_level": advice.care, "acuity": assessment.acuity})
    total = sum(sum(v) for v in hits.values()) / max(len(rows), 1)
    click.echo(f"rows: {len(rows)}  accuracy: {total:.3f}")
    for cls, ok in hits.items():
        click.echo(f"  {cls:<13} n={len(ok):<4} accuracy={sum(ok) / max(len(ok), 1):.3f}")
    under = sum(
        1 for r, p in zip(rows, preds, strict=True) if r["expected"] == "emergency" and p["care"] != "emergency"
    )
    click.echo(
        f"emergencies advised below emergency: {under}/{len(hits['emergency'])} "
        f"({under / max(len(hits['emergency']), 1):.3f})"
    )
    _write(predictions_out, preds)
