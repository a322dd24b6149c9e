"""The training and evaluation data of the routing models, with their documented splits.

Splits are by a hash of the patient's words, so they are reproducible without a random seed
and a question repeated in the file always falls in the same split:

* ``zh_internal_medicine`` (Toyhom, 7,644 questions): ``md5(ask) % 10`` — 0 and 1 → **test**
  (20 %, never used in training or tuning), 2 → **calibration** (10 %, temperature only),
  3–9 → **train** (70 %).
* ``en_mtsamples``: the same rule on ``note_id``; only rows whose specialty maps to a first-level
  department (`MTSAMPLES_TO_DEPARTMENT`; document types such as "Discharge Summary" are dropped).

For the first level, internal-medicine questions are 内科 except the dataset's 感染科 (→ 传染科);
肝病科 questions about viral hepatitis are left out of first-level training, because hospitals
send them to 传染科/感染科 as often as to 内科 and the data cannot say which this one would.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from fenzhen.errors import InputError

__all__ = [
    "MTSAMPLES_TO_DEPARTMENT",
    "Example",
    "internal_medicine",
    "mtsamples",
    "read_jsonl",
    "split_of",
]

Split = Literal["train", "calibration", "test"]

#: mtsamples specialty → first-level department (specialties not listed are not used).
MTSAMPLES_TO_DEPARTMENT: dict[str, str] = {
    "Surgery": "外科", "Cardiovascular / Pulmonary": "内科", "Orthopedic": "骨科",
    "Gastroenterology": "内科", "Neurology": "内科", "Obstetrics / Gynecology": "妇产科",
    "Urology": "外科", "ENT - Otolaryngology": "五官科", "Neurosurgery": "外科",
    "Hematology - Oncology": "肿瘤科", "Ophthalmology": "五官科", "Nephrology": "内科",
    "Emergency Room Reports": "急诊科", "Pediatrics - Neonatal": "儿科", "Psychiatry / Psychology": "精神心理科",
    "Podiatry": "骨科", "Dermatology": "皮肤性病科", "Dentistry": "五官科", "Cosmetic / Plastic Surgery": "外科",
    "Physical Medicine - Rehab": "康复科", "Endocrinology": "内科", "Rheumatology": "内科",
    "Allergy / Immunology": "内科", "Sleep Medicine": "内科", "General Medicine": "内科",
}

_VIRAL_HEPATITIS = ("乙肝", "丙肝", "大三阳", "小三阳", "病毒性肝炎", "乙型肝炎", "乙型病毒", "丙型")


@dataclass(frozen=True)
class Example:
    text: str
    department: str
    subdepartment: str | None = None


def split_of(key: str) -> Split:
    """Return the documented split of a row from its key (the question text or note id)."""
    bucket = int(hashlib.md5(key.encode("utf-8")).hexdigest(), 16) % 10
    return "test" if bucket < 2 else "calibration" if bucket == 2 else "train"


def internal_medicine(path: Path, split: Split, level: Literal[1, 2]) -> Iterator[Example]:
    """Yield examples of the Toyhom internal-medicine file for `split` (see module docstring)."""
    from fenzhen.routing.catalogue import subdepartment_by_dataset_label

    labels = subdepartment_by_dataset_label()
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            ask = (row.get("ask") or "").strip()
            if not ask or split_of(ask) != split or row["department"] not in labels:
                continue
            sub = labels[row["department"]][1]
            if level == 2:
                yield Example(ask, "内科", sub)
            elif row["department"] == "感染科":
                yield Example(ask, "传染科")
            elif not (row["department"] == "肝病科" and any(w in ask for w in _VIRAL_HEPATITIS)):
                yield Example(ask, "内科", sub)


def mtsamples(path: Path, split: Split) -> Iterator[Example]:
    """Yield ``(description, department)`` examples of the mtsamples file for `split`."""
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            dept = MTSAMPLES_TO_DEPARTMENT.get((row.get("medical_specialty") or "").strip())
            text = (row.get("description") or "").strip()
            if dept and text and split_of(str(row["note_id"])) == split:
                yield Example(text, dept)


def read_jsonl(path: Path, required: tuple[str, ...]) -> list[dict[str, object]]:
    """Read a JSON Lines file, checking that every row is an object with the `required` fields.

    Raises:
        InputError: naming the line and the field when a row is malformed.
    """
    rows: list[dict[str, object]] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError.for_field("path", str(path), f"cannot be read ({type(exc).__name__})") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            raise InputError.for_field(f"line {n}", line[:30], "is not valid JSON") from None
        if not isinstance(row, dict):
            raise InputError.for_field(f"line {n}", line[:30], "must be a JSON object")
        for field in required:
            if not isinstance(row.get(field), str) or not row[field].strip():
                raise InputError.for_field(f"line {n}.{field}", row.get(field), "is required (non-empty text)")
        rows.append(row)
    return rows
