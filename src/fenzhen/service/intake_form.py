"""The intake fields of the web forms (new patient, re-triage): which there are, and how a form reads.

One table serves the template that draws the fields, the handler that reads a submitted form, and
the live assessment in app.js (through each field's `data-intake` kind), so a field added here
reaches all three. Every Intake input a nurse measures or knows at the desk is here: a form that
cannot say "on oxygen" or "glucose 25" would triage a different patient from the API.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fenzhen.domain import ArrivalMode

__all__ = ["CHOICE_FIELDS", "NUMBER_FIELDS", "PATIENT_FACTS", "Choice", "form_from_intake", "intake_from_form"]


@dataclass(frozen=True)
class Choice:
    """A select field: its options as (value, UI-string key); `yes_no` fields carry booleans."""

    name: str
    options: tuple[tuple[str, str], ...]
    yes_no: bool = False


_YES_NO = (("true", "yes"), ("false", "no"))

#: (field, step) for the number inputs, in the order a nurse measures them.
NUMBER_FIELDS: tuple[tuple[str, str], ...] = (
    ("age_years", "0.1"), ("weight_kg", "0.1"), ("heart_rate_bpm", "1"), ("resp_rate_bpm", "1"),
    ("sbp_mmhg", "1"), ("dbp_mmhg", "1"), ("temp_c", "0.1"), ("spo2_pct", "1"), ("pain_nrs", "1"),
    ("gcs", "1"), ("glucose_mmol_l", "0.1"), ("cap_refill_s", "0.5"),
)

CHOICE_FIELDS: tuple[Choice, ...] = (
    Choice("sex", (("female", "female"), ("male", "male"))),
    Choice("avpu", tuple((v, f"avpu_{v}") for v in ("A", "C", "V", "P", "U"))),
    Choice("on_oxygen", _YES_NO, yes_no=True),
    Choice("pregnant", _YES_NO, yes_no=True),
    Choice("injury", _YES_NO, yes_no=True),
    Choice("arrival_mode", tuple((m.value, f"arrival_{m.value}") for m in ArrivalMode)),
)

#: What stays true of the patient between two triages of one visit; a re-triage form starts from
#: these (a child re-triaged without its age would be judged as an adult). Vital signs are not
#: carried over: an old reading must not pass for a new one.
PATIENT_FACTS = ("age_years", "weight_kg", "sex", "pregnant", "arrival_mode", "injury")

_YES_NO_NAMES = frozenset(c.name for c in CHOICE_FIELDS if c.yes_no)


def intake_from_form(form: dict[str, str]) -> dict[str, Any]:
    """The intake as a dict for `Intake.parse`, which names any bad field; empty fields are unknown."""
    data: dict[str, Any] = {"complaint": form.get("complaint", "")}
    for name, _ in NUMBER_FIELDS:
        value = form.get(name, "").strip()
        if value:
            try:
                data[name] = float(value)
            except ValueError:
                data[name] = value  # Intake.parse names the field and the problem
    for choice in CHOICE_FIELDS:
        value = form.get(choice.name, "").strip()
        if value:
            data[choice.name] = {"true": True, "false": False}.get(value, value) if choice.yes_no else value
    return data


def form_from_intake(intake: dict[str, Any], fields: tuple[str, ...] = PATIENT_FACTS) -> dict[str, str]:
    """Form values for `fields` of a stored intake (JSON form), as the inputs and selects hold them."""
    form: dict[str, str] = {}
    for name in fields:
        value = intake.get(name)
        if value is None:
            continue
        if name in _YES_NO_NAMES:
            form[name] = "true" if value else "false"
        else:
            form[name] = f"{value:g}" if isinstance(value, float) else str(value)
    return form
