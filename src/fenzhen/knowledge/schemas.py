"""Pydantic schemas of the knowledge files: a file that does not match is refused on load."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "ComplaintFloor",
    "ComplaintModifiers",
    "Concept",
    "KnowledgeFile",
    "Lexicon",
    "MeasuredBound",
    "Modifiers",
    "SelfCare",
    "PaediatricRanges",
    "RedFlagRule",
    "RedFlags",
    "ScoreFloor",
    "ScoreFloors",
    "TriageLevels",
    "VitalCriteria",
    "VitalRule",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KnowledgeFile(_Strict):
    name: str
    version: str
    title: str
    sources: dict[str, str] = Field(min_length=1)

    def cited_sources(self) -> set[str]:
        """Every source id referenced by an entry (checked against `sources` on load)."""
        return set()


# --- triage_levels ---------------------------------------------------------------------------------


class AcuityLevelRow(_Strict):
    level: int = Field(ge=1, le=5)
    name_en: str
    name_zh: str
    colour: str
    response_minutes: int = Field(ge=0)
    source: str


class ChinaLevelRow(_Strict):
    level: int = Field(ge=1, le=4)
    name_zh: str
    name_en: str
    colour: str
    colour_zh: str
    zone: str
    zone_zh: str
    response_minutes: int = Field(ge=0)
    response_zh: str
    source: str


class TriageLevels(KnowledgeFile):
    acuity: list[AcuityLevelRow] = Field(min_length=5, max_length=5)
    china: list[ChinaLevelRow] = Field(min_length=4, max_length=4)
    acuity_to_china: dict[int, int]
    china_to_acuity: dict[int, int]

    def cited_sources(self) -> set[str]:
        return {r.source for r in self.acuity} | {r.source for r in self.china}


# --- vital_criteria --------------------------------------------------------------------------------


class _Threshold(_Strict):
    """A one-sided threshold on a number (`gt`, `ge`, `lt` or `le`), shared by vital rows and red flags."""

    gt: float | None = None
    ge: float | None = None
    lt: float | None = None
    le: float | None = None

    def comparison(self) -> tuple[str, float] | None:
        """The comparison given, as (symbol, bound), or None when the threshold is not one-sided."""
        return next(((sym, b) for name, sym in (("gt", ">"), ("ge", "≥"), ("lt", "<"), ("le", "≤"))
                     if (b := getattr(self, name)) is not None), None)

    def _meets(self, v: float) -> bool:
        if self.gt is not None:
            return v > self.gt
        if self.ge is not None:
            return v >= self.ge
        if self.lt is not None:
            return v < self.lt
        return self.le is not None and v <= self.le


class VitalRule(_Threshold):
    """One threshold on one field. Exactly one comparison is given."""

    id: str
    field: str
    between: tuple[float, float] | None = None
    in_: list[str] | None = Field(None, alias="in")
    lt_70_plus_2x_age: bool = False
    age_min_years: float | None = None
    age_max_years: float | None = None
    acuity: int | None = Field(None, ge=1, le=5)
    china_level: int | None = Field(None, ge=1, le=4)
    source: str
    text_en: str
    text_zh: str

    @model_validator(mode="after")
    def _one_comparison(self) -> VitalRule:
        if self.acuity is None and self.china_level is None:
            raise ValueError(f"rule {self.id} sets neither an acuity nor a China level")
        given = [k for k in ("gt", "ge", "lt", "le", "between", "in_") if getattr(self, k) is not None]
        if self.lt_70_plus_2x_age:
            given.append("lt_70_plus_2x_age")
        if len(given) != 1:
            raise ValueError(f"rule {self.id} needs exactly one comparison, has {given or 'none'}")
        return self

    def matches(self, value: float | str, age_years: float | None = None) -> bool:
        """Return True when `value` meets this rule's comparison."""
        if self.in_ is not None:
            return str(value) in self.in_
        v = float(value)
        if self.between is not None:
            return self.between[0] <= v <= self.between[1]
        if self.lt_70_plus_2x_age:  # PALS: hypotension below 70 + 2 × age (years) for ages 1-10.
            return age_years is not None and v < 70 + 2 * age_years
        return self._meets(v)

    def applies_to_age(self, age_years: float | None) -> bool:
        if self.age_min_years is None and self.age_max_years is None:
            return True
        if age_years is None:
            return False
        lo = self.age_min_years if self.age_min_years is not None else 0
        hi = self.age_max_years if self.age_max_years is not None else 200
        return lo <= age_years < hi


class VitalCriteria(KnowledgeFile):
    adult: list[VitalRule]
    all_ages: list[VitalRule]
    paediatric: list[VitalRule]

    def cited_sources(self) -> set[str]:
        return {r.source for r in (*self.adult, *self.all_ages, *self.paediatric)}


# --- modifiers -------------------------------------------------------------------------------------


class PainBand(_Strict):
    min: int = Field(ge=0, le=10)
    max: int = Field(ge=0, le=10)
    acuity: int = Field(ge=1, le=5)


class PainModifier(_Strict):
    source: str
    central: list[PainBand]
    peripheral: list[PainBand]
    severe_words_nrs: int = Field(ge=0, le=10)


class ChinaSeverePain(_Strict):
    min_nrs: int
    china_level: int = Field(ge=1, le=4)
    source: str


class Sirs(_Strict):
    temp_high_c: float
    temp_low_c: float
    hr_gt: float
    rr_gt: float
    source: str


class FeverModifier(_Strict):
    source: str
    threshold_c: float
    sirs: Sirs
    by_sirs_count: dict[int, int]


class Modifiers(KnowledgeFile):
    pain: PainModifier
    china_severe_pain: ChinaSeverePain
    fever: FeverModifier

    def cited_sources(self) -> set[str]:
        return {self.pain.source, self.china_severe_pain.source, self.fever.source, self.fever.sirs.source}


# --- score_floors ----------------------------------------------------------------------------------


class ScoreFloor(_Strict):
    """A score band and the level its recommended response is taken as."""

    id: str
    min_total: float | None = None
    single_parameter: float | None = Field(default=None, description="Fires when any one component scores this.")
    with_infection: bool = False
    acuity: int = Field(ge=1, le=5)
    china_level: int = Field(ge=1, le=4)
    source: str
    text_en: str
    text_zh: str

    @model_validator(mode="after")
    def _one_trigger(self) -> ScoreFloor:
        if (self.min_total is None) == (self.single_parameter is None):
            raise ValueError(f"score floor {self.id} needs exactly one of min_total or single_parameter")
        return self


class ScoreFloors(KnowledgeFile):
    news2: list[ScoreFloor]
    pews: list[ScoreFloor]
    qsofa: list[ScoreFloor]
    infection_concepts: list[str]
    infection_temp_c: float

    def cited_sources(self) -> set[str]:
        return {r.source for r in (*self.news2, *self.pews, *self.qsofa)}


# --- paediatric_ranges ----------------------------------------------------------------------------


class AgeRange(_Strict):
    age_min_years: float = Field(ge=0)
    age_max_years: float = Field(gt=0)
    rr_min: int
    rr_max: int
    hr_min: int
    hr_max: int
    sbp_min: int
    sbp_max: int
    source: str


class PaediatricRanges(KnowledgeFile):
    ranges: list[AgeRange] = Field(min_length=1)

    def cited_sources(self) -> set[str]:
        return {r.source for r in self.ranges}

    def for_age(self, age_years: float) -> AgeRange | None:
        """Return the normal-range row for `age_years`, or None beyond the table (adults)."""
        return next((r for r in self.ranges if r.age_min_years <= age_years < r.age_max_years), None)


# --- self_care -------------------------------------------------------------------------------------


class SelfCareConcept(_Strict):
    concept: str
    source: str


class SelfCare(KnowledgeFile):
    concepts: list[SelfCareConcept] = Field(min_length=1)

    def cited_sources(self) -> set[str]:
        return {c.source for c in self.concepts}

    def names(self) -> frozenset[str]:
        return frozenset(c.concept for c in self.concepts)


# --- lexicon ---------------------------------------------------------------------------------------


class Concept(_Strict):
    source: str
    region: Literal["central", "peripheral"] | None = None
    lasting: bool = Field(
        default=False, description="A lasting state or risk factor (chemotherapy, pregnancy): its history counts.")
    implies: list[str] = Field(default_factory=list)
    named: bool = Field(
        default=False, description="A diagnosis named (脑梗, \"MI\"), not a sign: right before an administrative visit "
                                   "(来开药, \"here for refill\") it is read as the patient's history.")
    qualifier: bool = Field(
        default=False, description="A word that qualifies a symptom (剧烈, 突然, severe): read in a pass of its own, "
                                   "so it neither swallows the symptom nor is swallowed by it (\"阴囊突然剧痛\").")
    shield: bool = Field(
        default=False, description="Phrases read only so that a shorter word inside them does not match "
                                   "(\"not responding to paracetamol\"); never reported as a finding.")
    en: list[str] = Field(default_factory=list)
    zh: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_role(self) -> Concept:
        # A shield is never a finding, and a qualifier is read apart from the findings: neither can also carry
        # what only a finding has (an implied concept, a pain region, a history rule).
        if self.shield and (self.qualifier or self.named or self.lasting or self.implies or self.region):
            raise ValueError("a shield concept only hides words: it cannot be a qualifier, named, lasting, "
                             "imply concepts or have a pain region")
        if self.qualifier and (self.named or self.implies or self.region):
            raise ValueError("a qualifier concept cannot be named, imply concepts or have a pain region")
        return self

    @model_validator(mode="after")
    def _each_term_once(self) -> Concept:
        # A term listed twice is a sign of two edits that did not see each other (matching folds case).
        for lang, terms in (("en", self.en), ("zh", self.zh)):
            seen: set[str] = set()
            for term in terms:
                if term.lower() in seen:
                    raise ValueError(f"{lang} term {term!r} is listed twice")
                seen.add(term.lower())
        return self


class Lexicon(KnowledgeFile):
    concepts: dict[str, Concept]

    def cited_sources(self) -> set[str]:
        return {c.source for c in self.concepts.values()}


# --- red_flags -------------------------------------------------------------------------------------


class MeasuredBound(_Threshold):
    """A measured value that counts as the complaint concept of a red flag: a thermometer reading of
    38.5 °C is a fever whether or not the complaint says so, and glucose 25 mmol/L is hyperglycaemia."""

    field: str

    @model_validator(mode="after")
    def _valid(self) -> MeasuredBound:
        from fenzhen.domain import MEASURES

        if self.field not in MEASURES:
            raise ValueError(f"measured field {self.field!r} is not a measured intake field")
        given = [k for k in ("gt", "ge", "lt", "le") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"measured bound on {self.field} needs exactly one comparison, has {given or 'none'}")
        return self

    def describe(self) -> str:
        sided = self.comparison()
        return f"`{self.field}` {sided[0]} {sided[1]:g}" if sided else f"`{self.field}`"

    def met(self, value: float | None) -> bool:
        return value is not None and self._meets(value)


class RedFlagRule(_Strict):
    id: str
    name_en: str
    name_zh: str
    any: list[str] = Field(min_length=1)
    measured: MeasuredBound | None = Field(
        default=None, description="A measured value that stands in for the `any` concepts (a fever ↔ 38 °C).")
    measured_decides: bool = Field(
        default=False, description="Once the value is measured it alone decides: the words no longer count.")
    unmeasured: str | None = Field(
        default=None, description="Fires only while this intake value is unmeasured: a reported reading stands in "
                                  "for it until the desk measures it, and then the vital-sign tables decide.")
    with_any: list[str] | None = None
    with_measured: MeasuredBound | None = Field(
        default=None, description="A measured value that stands in for the `with_any` concepts.")
    with_intake: Literal["pregnant", "injury"] | None = None
    min_duration_days: float | None = Field(
        default=None, description="Fires only when the complaint says, beside the words, it has lasted this long.")
    age_min_years: float | None = None
    age_max_years: float | None = None
    named_by: list[str] = Field(
        default_factory=list,
        description="Concepts (a named newborn or child) standing in for the upper age limit when age is unknown.")
    min_gestation_weeks: float | None = Field(
        default=None, description="Fires only when the complaint states a gestational age at or above this.")
    max_gestation_weeks: float | None = Field(
        default=None, description="Does not fire when the complaint states a gestational age at or above this.")
    min_blood_ml: float | None = Field(
        default=None, description="Fires only when the complaint states, beside the bleed's words, at least this many "
                                  "millilitres (\"咯血约200ml\").")
    min_burn_area_pct: float | None = Field(
        default=None, description="Fires only when the complaint states a burnt body-surface area at or above this "
                                  "percentage (\"烧伤面积约30%\", \"burns 15% TBSA\").")
    not_below_gestation_weeks: float | None = Field(
        default=None, description="Does not fire when the complaint states a gestational age below this; an unstated "
                                  "one fires (leaning safe: a pregnancy of unknown stage may be past it).")
    acuity: int = Field(ge=1, le=5)
    china_level: int = Field(ge=1, le=4)
    alert_acuity: int | None = Field(
        default=None, ge=1, le=5,
        description="Level when the patient is known to be alert (AVPU A or GCS 15); unknown counts as not alert.")
    alert_china_level: int | None = Field(default=None, ge=1, le=4)
    alert_source: str | None = None
    source: str

    @model_validator(mode="after")
    def _valid_unmeasured(self) -> RedFlagRule:
        from fenzhen.domain import MEASURES

        if self.unmeasured is not None and self.unmeasured not in MEASURES:
            raise ValueError(f"unmeasured field {self.unmeasured!r} is not a measured intake field")
        return self


class RedFlags(KnowledgeFile):
    red_flags: list[RedFlagRule]

    def cited_sources(self) -> set[str]:
        return {r.source for r in self.red_flags} | {r.alert_source for r in self.red_flags if r.alert_source}


# --- complaint_modifiers ---------------------------------------------------------------------------


class ComplaintFloor(_Strict):
    """A presenting complaint's own level: what CTAS/KTAS give it when no modifier raises it."""

    id: str
    any: list[str] = Field(min_length=1)
    acuity: int = Field(ge=1, le=5)
    china_level: int | None = Field(default=None, ge=1, le=4)
    age_min_years: float | None = None
    when_missing: str | None = Field(
        default=None, description="Apply only when this intake field was not measured (lean safe).")
    source: str
    text_en: str
    text_zh: str


class AcuteDefault(_Strict):
    """The level of an acute complaint that no rule raised: 4, or 5 for the non-urgent kinds."""

    acuity: int = Field(ge=1, le=5)
    source: str
    non_urgent: list[str] = Field(min_length=1, description="Lexicon concepts that may stay non-urgent (5).")
    graded_by_pain: list[str] = Field(
        default_factory=list, description="Concepts that may stay non-urgent (5) once a pain score is recorded.")
    text_en: str
    text_zh: str
    non_urgent_text_en: str
    non_urgent_text_zh: str


class ComplaintModifiers(KnowledgeFile):
    acute_default: AcuteDefault
    complaints: list[ComplaintFloor]

    def cited_sources(self) -> set[str]:
        return {c.source for c in self.complaints} | {self.acute_default.source}
