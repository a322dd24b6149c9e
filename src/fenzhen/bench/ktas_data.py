"""Read the KTAS study's CSV into intakes, using only what is known at triage.

Format (../shared/data/README.md): `;`-separated, latin-1, CRLF, decimal comma, dirty values
(`#BOÞ!`, `??`, blanks). Post-triage columns (KTAS_RN, diagnosis, disposition, error group,
length of stay, KTAS duration, mistriage) are never model inputs; KTAS_RN is read only as the
nurses' baseline for the report.

References:
    Moon S-H, Shim JL, Park K-S, Park C-S. Triage accuracy and causes of mistriage using the
    Korean Triage and Acuity Scale. PLoS ONE 2019;14(9):e0216972 (data CC BY 4.0).
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fenzhen.domain import MEASURES, Intake
from fenzhen.errors import InputError

__all__ = ["KtasRow", "file_sha256", "read_ktas"]

_REQUIRED = ("Sex", "Age", "Arrival mode", "Injury", "Chief_complain", "Mental", "Pain", "NRS_pain",
             "SBP", "DBP", "HR", "RR", "BT", "Saturation", "KTAS_expert")
_ARRIVAL = {"1": "walk_in", "2": "ambulance", "3": "private_vehicle", "4": "ambulance"}
_MENTAL = {"1": "A", "2": "V", "3": "P", "4": "U"}


@dataclass(frozen=True)
class KtasRow:
    """One visit: the intake, the expert level (target) and the nurse's level (baseline)."""

    index: int
    intake: Intake
    expert: int
    nurse: int | None
    dropped: tuple[str, ...]


def _number(raw: str | None) -> float | None:
    text = (raw or "").strip().replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value


def _intake_fields(rec: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
    complaint = (rec["Chief_complain"] or "").strip()
    fields: dict[str, Any] = {
        "complaint": complaint or "(not recorded)",
        "age_years": _number(rec["Age"]),
        "sex": {"1": "female", "2": "male"}.get(rec["Sex"].strip()),
        "arrival_mode": _ARRIVAL.get(rec["Arrival mode"].strip(), "other"),
        "injury": rec["Injury"].strip() == "2",
        "avpu": _MENTAL.get(rec["Mental"].strip()),
        "sbp_mmhg": _number(rec["SBP"]),
        "dbp_mmhg": _number(rec["DBP"]),
        "heart_rate_bpm": _number(rec["HR"]),
        "resp_rate_bpm": _number(rec["RR"]),
        "temp_c": _number(rec["BT"]),
        "spo2_pct": _number(rec["Saturation"]),
    }
    nrs = _number(rec["NRS_pain"])
    # "Pain" = 0 means the patient reported no pain; the NRS cell is then an Excel error.
    fields["pain_nrs"] = 0 if rec["Pain"].strip() == "0" else (int(nrs) if nrs is not None else None)
    dropped = []
    for name, measure in MEASURES.items():
        value = fields.get(name)
        if value is not None and not measure.min <= value <= measure.max:
            fields[name] = None
            dropped.append(name)
    if fields["dbp_mmhg"] is not None and fields["sbp_mmhg"] is not None and fields["dbp_mmhg"] >= fields["sbp_mmhg"]:
        fields["dbp_mmhg"] = None
        dropped.append("dbp_mmhg")
    return {k: v for k, v in fields.items() if v is not None}, dropped


def read_ktas(path: Path) -> list[KtasRow]:
    """Read every data row of a KTAS-format file.

    Raises:
        InputError: if the file is missing, has no header or lacks a required column.
    """
    if not path.is_file():
        raise InputError.for_field("PATH", str(path), "file not found")
    with path.open(encoding="latin-1", newline="") as fh:
        reader = csv.DictReader(fh, delimiter=";")
        absent = [c for c in _REQUIRED if c not in (reader.fieldnames or [])]
        if absent:
            raise InputError.for_field("PATH", path.name, f"missing KTAS columns: {', '.join(absent)}",
                                       "the format of ktas_dev.csv (';'-separated, latin-1)")
        rows = []
        for i, rec in enumerate(reader):
            fields, dropped = _intake_fields(rec)
            expert = _number(rec["KTAS_expert"])
            if expert is None or not 1 <= expert <= 5:
                raise InputError.for_field(f"row {i} KTAS_expert", rec["KTAS_expert"], "not a level", "1-5")
            nurse = _number(rec.get("KTAS_RN"))
            rows.append(KtasRow(index=i, intake=Intake.parse(fields), expert=int(expert),
                                nurse=int(nurse) if nurse is not None else None, dropped=tuple(dropped)))
    return rows


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes (to recognise the model's own training file)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
