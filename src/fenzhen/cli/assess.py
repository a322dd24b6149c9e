"""`fenzhen assess`: triage one patient from flags, or a JSON Lines batch."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from fenzhen.cli import main
from fenzhen.cli.render import render_assessment
from fenzhen.domain import Intake
from fenzhen.errors import InputError

__all__ = ["assess_command"]

# CLI flag → intake field (the JSON names); short flags for what a nurse types most.
_FLAG_FIELDS: dict[str, str] = {
    "age": "age_years", "sex": "sex", "weight": "weight_kg", "hr": "heart_rate_bpm", "rr": "resp_rate_bpm",
    "sbp": "sbp_mmhg", "dbp": "dbp_mmhg", "temp": "temp_c", "spo2": "spo2_pct", "avpu": "avpu", "gcs": "gcs",
    "pain": "pain_nrs", "crt": "cap_refill_s", "glucose": "glucose_mmol_l", "arrival": "arrival_mode",
    "mechanism": "injury_mechanism",
}


def _age_years(age: float | None, months: float | None, days: float | None) -> float | None:
    given = [v for v in (age, months, days) if v is not None]
    if len(given) > 1:
        raise InputError.for_field("age", given, "give one of --age, --age-months, --age-days")
    if months is not None:
        return months / 12
    if days is not None:
        return days / 365.25
    return age


def _batch(batch: Path, out: Path | None, lang: str) -> None:
    from fenzhen.triage.engine import assess

    if not batch.is_file():
        raise InputError.for_field("--batch", str(batch), "file not found")
    results: list[str] = []
    with batch.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError.for_field(f"line {number}", line.strip()[:30], f"not JSON ({exc.msg})") from None
            try:
                intake = Intake.parse(data)
            except InputError as exc:
                raise InputError(f"line {number}: {exc.message}", fields=exc.fields) from None
            results.append(assess(intake).model_dump_json())
    text = "\n".join(results) + ("\n" if results else "")
    if out is None:
        sys.stdout.write(text)
        return
    tmp = out.with_suffix(out.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)
    click.echo(f"{len(results)} assessments written to {out}", err=True)


@main.command("assess")
@click.argument("complaint", required=False)
@click.option("--age", type=float, help="Age in years (fractional allowed).")
@click.option("--age-months", type=float, help="Age in months (infants).")
@click.option("--age-days", type=float, help="Age in days (neonates).")
@click.option("--sex", type=click.Choice(["female", "male"]))
@click.option("--weight", type=float, help="Weight, kg.")
@click.option("--pregnant/--not-pregnant", default=None)
@click.option("--hr", type=float, help="Heart rate, /min.")
@click.option("--rr", type=float, help="Respiratory rate, /min.")
@click.option("--sbp", type=float, help="Systolic pressure, mmHg.")
@click.option("--dbp", type=float, help="Diastolic pressure, mmHg.")
@click.option("--temp", type=float, help="Temperature, °C.")
@click.option("--spo2", type=float, help="SpO2, %.")
@click.option("--on-oxygen/--on-air", default=None, help="On supplemental oxygen?")
@click.option("--avpu", type=click.Choice(["A", "C", "V", "P", "U"], case_sensitive=False))
@click.option("--gcs", type=int, help="Glasgow Coma Scale 3-15.")
@click.option("--pain", type=int, help="Pain NRS 0-10.")
@click.option("--crt", type=float, help="Capillary refill, s.")
@click.option("--glucose", type=float, help="Blood glucose, mmol/L.")
@click.option("--arrival", type=click.Choice(["walk_in", "ambulance", "private_vehicle", "transfer", "other"]))
@click.option("--injury/--no-injury", default=None)
@click.option("--mechanism", help="Mechanism of injury, free text.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Output language (default: the complaint's).")
@click.option("--json", "as_json", is_flag=True, help="Print the Assessment as JSON.")
@click.option("--batch", type=click.Path(path_type=Path), help="JSON Lines file, one intake per line.")
@click.option("--out", type=click.Path(path_type=Path), help="With --batch: write JSON Lines here.")
def assess_command(complaint: str | None, age: float | None, age_months: float | None, age_days: float | None,
                   lang: str | None, as_json: bool, batch: Path | None, out: Path | None, **flags: Any) -> None:
    """Triage one patient: levels, red flags, scores and the reasons.

    Example: fenzhen assess "胸痛两小时，伴大汗" --age 58 --sex male --hr 118 --sbp 86 --spo2 93
    """
    from fenzhen.triage.engine import assess

    if batch is not None:
        _batch(batch, out, lang or "zh")
        return
    if not complaint:
        raise InputError.for_field("complaint", complaint, "is required (or use --batch FILE)")
    data: dict[str, Any] = {"complaint": complaint, "age_years": _age_years(age, age_months, age_days)}
    for flag, field in _FLAG_FIELDS.items():
        if flag in flags:
            data[field] = flags[flag]
    data["pregnant"] = flags.get("pregnant")
    data["on_oxygen"] = flags.get("on_oxygen")
    data["injury"] = flags.get("injury")
    if data.get("avpu"):
        data["avpu"] = str(data["avpu"]).upper()
    result = assess(Intake.parse({k: v for k, v in data.items() if v is not None}))
    if as_json:
        click.echo(result.model_dump_json(indent=2))
    else:
        click.echo(render_assessment(result, lang or ("en" if result.language == "en" else "zh")))
