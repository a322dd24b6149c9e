"""Request and response bodies of the tool routes (routing, care, interview, de-identification, dosing).

Bodies forbid unknown fields, bound every string and refuse NaN/infinity, so a bad request is a
422 naming the field before any clinical code runs. Clinical ranges (an impossible weight, an
unknown drug) are checked by the domain packages, which raise `InputError` naming the field.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from fenzhen.domain import Assessment
from fenzhen.dosing.findings import DoseFinding
from fenzhen.dosing.schema import Frequency
from fenzhen.routing import CareAdvice, InterviewOutcome, RouteResult

__all__ = [
    "AnswerRecord",
    "CareOut",
    "DeidIn",
    "DeidOut",
    "DoseCheckIn",
    "DoseCheckOut",
    "DoseIn",
    "DoseOrderIn",
    "DosePatientIn",
    "InterviewAnswerIn",
    "InterviewOut",
    "InterviewStartIn",
    "InterviewState",
    "QuestionOut",
    "RouteIn",
    "SpanOut",
]

Finite = Annotated[float, Field(allow_inf_nan=False)]
Sex = Literal["female", "male"]
Hepatic = Literal["none", "mild", "moderate", "severe"]
MAX_DEID_CHARS = 200_000


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class RouteIn(_Body):
    """A complaint to route (导诊), with what is known about the patient."""

    text: str = Field(min_length=1, max_length=5000, description="Complaint, Chinese, English or mixed.")
    age_years: Finite | None = Field(
        None, ge=0, le=125, description="Age in years; read from the text if absent."
    )
    sex: Sex | None = None
    pregnant: bool | None = None


class CareOut(BaseModel):
    """Triage, department and care level for one intake (recommendations: a clinician decides)."""

    assessment: Assessment
    route: RouteResult
    care: CareAdvice
    facility_name_zh: str
    facility_name_en: str


class InterviewStartIn(_Body):
    """Start a follow-up-question session with the first words of the complaint."""

    complaint: str = Field(min_length=1, max_length=5000)
    age_years: Finite | None = Field(None, ge=0, le=125)
    sex: Sex | None = None
    pregnant: bool | None = None


class AnswerRecord(_Body):
    question_id: str = Field(min_length=1, max_length=64)
    answer: str = Field(max_length=500)


class InterviewState(InterviewStartIn):
    """The whole session so far; the client sends it back with each answer (the server keeps none)."""

    answers: list[AnswerRecord] = Field(default_factory=list, max_length=30)


class InterviewAnswerIn(_Body):
    state: InterviewState
    answer: str = Field(max_length=500, description="The answer to the question the last response asked.")


class QuestionOut(BaseModel):
    id: str
    slot: str
    text: str = Field(description="The question in the patient's language.")
    zh: str
    en: str


class InterviewOut(BaseModel):
    """The next question, or (when none is left or a red flag appeared) the outcome."""

    state: InterviewState
    question: QuestionOut | None
    outcome: InterviewOutcome | None


class DeidIn(_Body):
    model_config = ConfigDict(extra="forbid")  # keep whitespace: offsets refer to the text as sent

    text: str = Field(min_length=1, max_length=MAX_DEID_CHARS)
    operator: Literal["tag", "mask", "pseudonym"] = "tag"
    language: Literal["zh", "en"] | None = Field(None, description="Tag language; detected when absent.")


class SpanOut(BaseModel):
    type: str
    start: int
    end: int
    recognizer: str
    score: float
    explanation: str
    replacement: str


class DeidOut(BaseModel):
    """De-identified text and where identifiers were (offsets into the text sent; no values)."""

    text: str
    language: str
    operator: str
    counts: dict[str, int]
    spans: list[SpanOut]


class DoseIn(_Body):
    """What `fenzhen.dosing.calculate_dose` needs."""

    drug: str = Field(min_length=1, max_length=100, description="Id, English or Chinese name.")
    indication: str | None = Field(None, max_length=100)
    age_years: Finite = Field(description="0–125 years (fractional for infants).")
    weight_kg: Finite | None = Field(
        None, description="0.3–350 kg; estimated from age for a child if absent."
    )
    form: str | None = Field(None, max_length=64, description="Form id, e.g. syrup_120_5.")
    route: str | None = Field(None, max_length=32)
    sex: Sex | None = None
    height_cm: Finite | None = None
    creatinine_umol_l: Finite | None = None
    creatinine_mg_dl: Finite | None = None
    egfr_ml_min: Finite | None = None
    hepatic_impairment: Hepatic = "none"
    pregnant: bool = False
    breastfeeding: bool = False


class DoseOrderIn(_Body):
    drug: str = Field(min_length=1, max_length=100)
    dose: str = Field(min_length=1, max_length=40, description="Amount with unit: '250 mg', '5 mL'.")
    frequency: Frequency
    indication: str | None = Field(None, max_length=100)
    form: str | None = Field(None, max_length=64)
    route: str | None = Field(None, max_length=32)


class DosePatientIn(_Body):
    age_years: Finite
    weight_kg: Finite | None = None
    sex: Sex | None = None
    height_cm: Finite | None = None
    creatinine_umol_l: Finite | None = None
    egfr_ml_min: Finite | None = None
    pregnant: bool = False
    breastfeeding: bool = False
    hepatic_impairment: Hepatic = "none"
    allergies: list[Annotated[str, Field(max_length=100)]] = Field(default_factory=list, max_length=30)
    current_medications: list[Annotated[str, Field(max_length=100)]] = Field(
        default_factory=list, max_length=50
    )
    conditions: list[Annotated[str, Field(max_length=100)]] = Field(default_factory=list, max_length=30)


class DoseCheckIn(_Body):
    """A proposed order and the patient it is for."""

    order: DoseOrderIn
    patient: DosePatientIn


class DoseCheckOut(BaseModel):
    findings: list[DoseFinding] = Field(description="Most urgent first.")
