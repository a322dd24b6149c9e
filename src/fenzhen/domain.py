"""The shared vocabulary: what an assessment takes (`Intake`) and gives (`Assessment`).

Every interface (Python, CLI, HTTP, FHIR, MCP) speaks these field names, with the unit in
the name, so that a value never changes meaning between doors. Missing is never normal:
`None` means "not measured", and the engine says so in the result.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from fenzhen.errors import InputError

__all__ = [
    "AVPU",
    "COMPLAINT_MAX_CHARS",
    "MEASURES",
    "AgeBand",
    "ArrivalMode",
    "Assessment",
    "ChinaLevelInfo",
    "AcuityLevelInfo",
    "Evidence",
    "Finding",
    "Intake",
    "Measure",
    "ModelOpinion",
    "RedFlag",
    "ScoreResult",
    "Sex",
    "VITAL_FIELDS",
]

COMPLAINT_MAX_CHARS = 5000


class Sex(StrEnum):
    female = "female"
    male = "male"


class AVPU(StrEnum):
    """Consciousness on the AVPU scale; ``C`` is NEWS2's "new confusion" (ACVPU)."""

    A = "A"
    C = "C"
    V = "V"
    P = "P"
    U = "U"


class ArrivalMode(StrEnum):
    walk_in = "walk_in"
    ambulance = "ambulance"
    private_vehicle = "private_vehicle"
    transfer = "transfer"
    other = "other"


class AgeBand(StrEnum):
    """Age bands used by the paediatric tables (boundaries in `fenzhen.triage.ages`)."""

    neonate = "neonate"
    infant = "infant"
    toddler = "toddler"
    child = "child"
    adolescent = "adolescent"
    adult = "adult"
    older_adult = "older_adult"


class Measure(BaseModel):
    """Accepted and plausible range of one numeric input, in its canonical unit."""

    model_config = ConfigDict(frozen=True)

    field: str
    unit: str
    min: float
    max: float
    plausible_min: float
    plausible_max: float
    label_en: str
    label_zh: str


def _m(field: str, unit: str, lo: float, hi: float, plo: float, phi: float, en: str, zh: str) -> Measure:
    return Measure(field=field, unit=unit, min=lo, max=hi, plausible_min=plo, plausible_max=phi,
                   label_en=en, label_zh=zh)


# Outside [min, max] a value is physiologically impossible (or a unit mix-up) and is refused;
# outside [plausible_min, plausible_max] it is accepted but flagged for re-measurement.
MEASURES: dict[str, Measure] = {m.field: m for m in (
    _m("age_years", "years", 0, 125, 0, 110, "age", "年龄"),
    _m("weight_kg", "kg", 0.3, 350, 0.5, 250, "weight", "体重"),
    _m("heart_rate_bpm", "/min", 0, 300, 25, 230, "heart rate", "心率"),
    _m("resp_rate_bpm", "/min", 0, 100, 6, 70, "respiratory rate", "呼吸频率"),
    _m("sbp_mmhg", "mmHg", 0, 300, 50, 260, "systolic blood pressure", "收缩压"),
    _m("dbp_mmhg", "mmHg", 0, 200, 20, 150, "diastolic blood pressure", "舒张压"),
    _m("temp_c", "°C", 25, 45, 32, 42.5, "temperature", "体温"),
    _m("spo2_pct", "%", 0, 100, 60, 100, "oxygen saturation", "血氧饱和度"),
    _m("gcs", "points", 3, 15, 3, 15, "Glasgow Coma Scale", "格拉斯哥昏迷评分"),
    _m("pain_nrs", "points", 0, 10, 0, 10, "pain score (NRS)", "疼痛评分"),
    _m("cap_refill_s", "s", 0, 20, 0, 10, "capillary refill time", "毛细血管再充盈时间"),
    _m("glucose_mmol_l", "mmol/L", 0.5, 60, 1.5, 40, "blood glucose", "血糖"),
)}

#: Vital signs whose absence makes a level provisional.
VITAL_FIELDS: tuple[str, ...] = (
    "heart_rate_bpm", "resp_rate_bpm", "sbp_mmhg", "temp_c", "spo2_pct", "consciousness",
)

# Values that are the right number in the wrong unit: (field, lo, hi, hint).
UNIT_SLIPS: tuple[tuple[str, float, float, str], ...] = (
    ("temp_c", 86, 113, "looks like °F; give °C (°C = (°F − 32) × 5/9)"),
    ("glucose_mmol_l", 60, 1000, "looks like mg/dL; give mmol/L (mmol/L = mg/dL ÷ 18)"),
    ("spo2_pct", 0, 1, "looks like a fraction; give a percentage (0.95 → 95)"),
    ("weight_kg", 350, 800, "looks like pounds; give kg (kg = lb × 0.4536)"),
)


class Intake(BaseModel):
    """What the nurse knows at the triage desk. Only the complaint is required.

    Raises:
        InputError: for any impossible value, wrong unit or malformed field, naming the
            field, the value, the accepted range and the unit.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    complaint: str = Field(description="Free-text chief complaint, Chinese and/or English.")
    age_years: float | None = Field(None, description="Age in years; fractional for infants.")
    sex: Sex | None = None
    weight_kg: float | None = None
    pregnant: bool | None = None
    heart_rate_bpm: float | None = None
    resp_rate_bpm: float | None = None
    sbp_mmhg: float | None = None
    dbp_mmhg: float | None = None
    temp_c: float | None = None
    spo2_pct: float | None = None
    on_oxygen: bool | None = None
    avpu: AVPU | None = None
    gcs: int | None = None
    pain_nrs: int | None = None
    cap_refill_s: float | None = None
    glucose_mmol_l: float | None = None
    arrival_mode: ArrivalMode | None = None
    injury: bool | None = Field(None, description=(
        "Presenting after an external cause: an injury or a poisoning (the ICD-10 chapter XIX sense that KTAS "
        "and NEDIS record)."))
    injury_mechanism: str | None = Field(None, max_length=500)

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise _input_error(exc) from None

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> Intake:
        """Build an intake from its JSON form, turning every validation failure into `InputError`."""
        if not isinstance(data, Mapping):
            raise InputError.for_field("intake", type(data).__name__, "must be a JSON object")
        return cls(**dict(data))

    @field_validator("complaint")
    @classmethod
    def _complaint_text(cls, value: str) -> str:
        if not value:
            raise InputError.for_field("complaint", value, "must not be empty", "1 to 5000 characters")
        if len(value) > COMPLAINT_MAX_CHARS:
            raise InputError.for_field("complaint", f"{len(value)} characters", "is too long",
                                       f"at most {COMPLAINT_MAX_CHARS} characters")
        if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in value) or "\ufffd" in value:
            raise InputError.for_field("complaint", value[:20], "contains control or undecodable characters",
                                       "printable Unicode text")
        return value

    @model_validator(mode="after")
    def _ranges(self) -> Intake:
        for name, measure in MEASURES.items():
            value = getattr(self, name)
            if value is None:
                continue
            _check_range(measure, float(value))
        if self.sbp_mmhg is not None and self.dbp_mmhg is not None and self.dbp_mmhg >= self.sbp_mmhg > 0:
            raise InputError.for_field("dbp_mmhg", self.dbp_mmhg, "diastolic must be below systolic",
                                       f"< sbp_mmhg ({self.sbp_mmhg:g}) mmHg")
        if self.pregnant and self.sex is Sex.male:
            raise InputError.for_field("pregnant", True, "cannot be true when sex is male")
        return self

    @property
    def consciousness_known(self) -> bool:
        return self.avpu is not None or self.gcs is not None

    @property
    def known_alert(self) -> bool:
        """Alert by measurement (GCS 15, or AVPU A when no GCS); unknown is not alert (lean safe)."""
        return self.gcs == 15 if self.gcs is not None else self.avpu is AVPU.A

    def flagged_values(self) -> list[tuple[str, str]]:
        """Name each value that is possible but extreme enough to re-measure, as (English, Chinese)."""
        notes = []
        for name, m in MEASURES.items():
            value = getattr(self, name)
            if value is not None and not (m.plausible_min <= value <= m.plausible_max):
                limits = f"{m.plausible_min:g}–{m.plausible_max:g}"
                notes.append((f"{name}={value:g} {m.unit} is extreme (usual limits {limits}); please re-measure",
                              f"{m.label_zh} {value:g} {m.unit} 数值极端（常见范围 {limits}），请复测"))
        return notes


def _check_range(m: Measure, value: float) -> None:
    if math.isnan(value) or math.isinf(value):
        raise InputError.for_field(m.field, value, "is not a number", f"{m.min:g}–{m.max:g} {m.unit}")
    if m.min <= value <= m.max:
        return
    for field, lo, hi, hint in UNIT_SLIPS:
        if field == m.field and lo <= value <= hi:
            raise InputError.for_field(m.field, value, hint, f"{m.min:g}–{m.max:g} {m.unit}")
    raise InputError.for_field(m.field, value, f"{m.label_en} outside the possible range",
                               f"{m.min:g}–{m.max:g} {m.unit}")


def _input_error(exc: ValidationError) -> InputError:
    err = exc.errors()[0]
    field = ".".join(str(p) for p in err.get("loc", ())) or "intake"
    kind = err.get("type", "")
    value = err.get("input")
    if kind == "extra_forbidden":
        return InputError.for_field(field, value, "is not an intake field",
                                    "the field names of the intake JSON form")
    if kind == "missing":
        return InputError.for_field(field, None, "is required")
    accepted = None
    if field == "sex":
        accepted = "female or male"
    elif field == "avpu":
        accepted = "A, C, V, P or U"
    elif field == "arrival_mode":
        accepted = ", ".join(m.value for m in ArrivalMode)
    elif field in MEASURES:
        m = MEASURES[field]
        accepted = f"a number, {m.min:g}–{m.max:g} {m.unit}"
    return InputError.for_field(field, value, err.get("msg", "is invalid").lower(), accepted)


# --- results -------------------------------------------------------------------------------------


class Evidence(BaseModel):
    """One reason the level is what it is: input, rule or table row, source."""

    input: str = Field(description="The intake field or text that triggered the rule.")
    value: str = Field(description="The value as given (a measurement or the matched words).")
    rule: str = Field(description="Rule id or table row, e.g. 'china2018.objective.hr_gt_180'.")
    source: str = Field(description="The standard or reference the rule comes from.")
    acuity: int | None = Field(None, ge=1, le=5, description="The 5-level floor this rule sets.")
    china_level: int | None = Field(None, ge=1, le=4, description="The China 4-level floor this rule sets.")
    text_en: str
    text_zh: str


class Finding(BaseModel):
    """A concept found in the complaint, with whether it was negated or is the patient's history."""

    concept: str
    text: str
    start: int
    end: int
    negated: bool = False
    historical: bool = Field(False, description="The patient's past (\"中风后遗症\", \"history of MI\"), not this "
                                               "presentation: kept and shown, but sets no level.")

    @property
    def present(self) -> bool:
        """Part of this presentation: neither negated nor history. Only these set a level."""
        return not self.negated and not self.historical


class RedFlag(BaseModel):
    id: str
    name_en: str
    name_zh: str
    matched: str
    acuity: int = Field(ge=1, le=5)
    china_level: int = Field(ge=1, le=4)
    source: str


class ScoreResult(BaseModel):
    """An early-warning or physiological score with its band and recommended response."""

    name: str
    value: float | None
    band: str
    response_en: str
    response_zh: str
    components: dict[str, float | int | None] = Field(default_factory=dict)
    missing: list[str] = Field(default_factory=list)
    source: str


class AcuityLevelInfo(BaseModel):
    level: int = Field(ge=1, le=5)
    name_en: str
    name_zh: str
    colour: str
    response_minutes: int


class ChinaLevelInfo(BaseModel):
    level: int = Field(ge=1, le=4)
    name_zh: str
    name_en: str
    colour: str
    colour_zh: str
    zone: str
    zone_zh: str
    response_minutes: int
    response_zh: str


class ModelOpinion(BaseModel):
    """What the learned acuity model said, before the floors were applied."""

    acuity: int = Field(ge=1, le=5)
    probabilities: dict[str, float]
    version: str


class Assessment(BaseModel):
    """The result of one triage: levels, reasons, scores, and what was missing."""

    acuity: int = Field(ge=1, le=5, description="5-level acuity (KTAS/CTAS/ESI family): 1 most urgent.")
    china_level: int = Field(ge=1, le=4, description="China 4-level (急诊预检分诊专家共识 2018).")
    acuity_info: AcuityLevelInfo
    china: ChinaLevelInfo
    rule_floor_acuity: int = Field(ge=1, le=5, description="Most urgent level set by deterministic rules.")
    red_flags: list[RedFlag]
    scores: dict[str, ScoreResult]
    evidence: list[Evidence]
    findings: list[Finding]
    model: ModelOpinion | None = None
    agreement: str = Field(description="How the rules and the model relate, for the clinician.")
    missing_vitals: list[str]
    provisional: bool
    assumptions: list[str]
    assumptions_zh: list[str] = Field(default_factory=list, description="The assumptions in Chinese, same order.")
    warnings: list[str]
    warnings_zh: list[str] = Field(default_factory=list, description="The warnings in Chinese, same order.")
    age_band: AgeBand
    language: Literal["zh", "en", "mixed"]
    engine_version: str
    knowledge_versions: dict[str, str]
    disclaimer: str = ("Decision support only: a clinician decides. "
                       "仅供辅助决策，由临床医护人员最终判断。")
