"""The de-identified JSON export of an encounter: what may leave the clinic for a referral or research.

What is removed or changed, and why:

- patient identifiers (name, ID number, phone, birth date) are never included;
- the encounter and patient ids become keyed pseudonyms (HMAC-SHA256 with the clinic's key), so
  two exports of the same patient link without revealing the internal ids;
- free text (the complaint, a reviewer's reason) loses the patient's own name, phone and ID
  number, then passes through `fenzhen.privacy.deidentify` with type tags ([姓名], [电话] …),
  keeping clinical numbers and terms;
- every time is shifted by the key's fixed offset (intervals between events are kept);
- an age over 89 becomes 90 (HIPAA Safe Harbor); the reviewer is named by role only.

The Assessment itself is kept whole: it holds lexicon matches, scores and knowledge text, never
the complaint as written. De-identification reduces, but does not remove, the risk of
re-identification: the person exporting decides what is released.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import datetime, timedelta
from typing import Any

from fenzhen.interop.record import AssessmentRecord, EncounterRecord, PatientRecord
from fenzhen.privacy import PhiType, Pseudonymizer, deidentify
from fenzhen.privacy.types import Language, tag_for

__all__ = ["EXPORT_FORMAT", "OLDEST_EXACT_AGE_YEARS", "deidentified_export", "redact_free_text"]

EXPORT_FORMAT = "fenzhen-deidentified-encounter/1"
#: Ages above this are reported as 90 (HIPAA §164.514(b)(2)(i)(C)).
OLDEST_EXACT_AGE_YEARS = 89
_CJK = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")


def _pseudonym(key: bytes, kind: str, value: str) -> str:
    return hmac.new(key, f"{kind}\x1f{value}".encode(), hashlib.sha256).hexdigest()[:32]


def _shift(moment: str, days: int) -> str:
    when = datetime.fromisoformat(moment.replace("Z", "+00:00"))
    return (when + timedelta(days=days)).isoformat(timespec="seconds")


class _Redactor:
    """Remove the patient's own identifiers, then run `deidentify`; count what was removed, per type.

    The known-identifier pass comes first because recognizers miss some names in running text
    (a bare "王小明说…" has no title to anchor on), while the record tells us exactly what to remove.
    """

    def __init__(self, patient: PatientRecord) -> None:
        self.counts: dict[str, int] = {}
        known = [
            (patient.name, PhiType.NAME),
            (patient.phone, PhiType.PHONE),
            (patient.id_number, PhiType.ID),
        ]
        self.known = [(value.strip(), kind) for value, kind in known if value and len(value.strip()) >= 2]

    def _known(self, text: str) -> str:
        language: Language = "zh" if _CJK.search(text) else "en"
        for value, kind in self.known:
            n = text.count(value)
            if n:
                text = text.replace(value, tag_for(kind, language))
                self.counts[str(kind)] = self.counts.get(str(kind), 0) + n
        return text

    def __call__(self, text: str | None) -> str | None:
        if not text:
            return text
        result = deidentify(self._known(text), "tag")
        for kind, n in result.counts().items():
            self.counts[kind] = self.counts.get(kind, 0) + n
        return result.text


def _intake(record: AssessmentRecord, redact: _Redactor) -> dict[str, Any]:
    data = record.intake.model_dump(mode="json", exclude_none=True)
    data["complaint"] = redact(data.get("complaint", ""))
    if data.get("age_years", 0) > OLDEST_EXACT_AGE_YEARS:
        data["age_years"], data["age_over_89"] = 90, True
    return data


def _assessment(record: AssessmentRecord, days: int, redact: _Redactor) -> dict[str, Any]:
    review = None
    if record.review is not None:
        r = record.review
        review = {
            "decision": r.decision,
            "acuity": r.acuity,
            "china_level": r.china_level,
            "department": r.department,
            "reason": redact(r.reason),
            "created_at": _shift(r.created_at, days),
            "reviewer_role": r.reviewer_role,
        }
    return {
        "seq": record.seq,
        "created_at": _shift(record.created_at, days),
        "intake": _intake(record, redact),
        "assessment": record.assessment.model_dump(mode="json"),
        "review": review,
    }


def deidentified_export(
    record: EncounterRecord, key: bytes, care: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Return the de-identified JSON of an encounter.

    Args:
        record: the encounter as loaded for export (identifiers present; they are dropped here).
        key: the clinic's pseudonym key (≥ 16 bytes).
        care: the department and care advice to include (`tools_care.RouteAndCare` as JSON).

    Returns:
        A JSON-ready dict in the `EXPORT_FORMAT` shape.
    """
    days = Pseudonymizer(key).date_shift_days
    redact = _Redactor(record.patient)
    return {
        "format": EXPORT_FORMAT,
        "encounter": _pseudonym(key, "encounter", record.id),
        "patient": _pseudonym(key, "patient", record.patient.id),
        "status": record.status,
        "arrived_at": _shift(record.arrived_at, days),
        "assessments": [
            _assessment(a, days, redact) for a in sorted(record.assessments, key=lambda a: a.seq)
        ],
        "routing": care,
        "deidentification": {
            "identifiers": "removed",
            "ids": "keyed pseudonyms (HMAC-SHA256, clinic key)",
            "times": "shifted by a fixed per-clinic offset; intervals kept",
            "free_text": "fenzhen.privacy.deidentify, type tags",
            "removed_from_text": redact.counts,
        },
        "notice": "De-identification reduces but does not remove re-identification risk. "
        "去标识化降低但不能消除再识别风险。",
    }


def redact_free_text(record: EncounterRecord) -> EncounterRecord:
    """Return `record` with its identifiers dropped and its free text de-identified.

    Why: a FHIR export for a role without identifier rights pseudonymises the Patient, but the
    complaint (Observation 8661-1) and a reviewer's reason would otherwise carry names and phone
    numbers written into them verbatim.
    """
    redact = _Redactor(record.patient)
    assessments = []
    for a in record.assessments:
        review = a.review
        if review is not None and review.reason:
            review = review.model_copy(update={"reason": redact(review.reason)})
        intake = a.intake.model_copy(update={"complaint": redact(a.intake.complaint)})
        assessments.append(a.model_copy(update={"intake": intake, "review": review}))
    patient = PatientRecord.model_validate({"id": record.patient.id})
    return record.model_copy(update={"patient": patient, "assessments": assessments})
