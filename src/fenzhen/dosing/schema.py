"""Pydantic schema of the formulary knowledge file (`formulary.yaml`).

A drug entry states facts (forms, regimens by indication and age, renal and hepatic bands,
contraindications, interactions, pregnancy and lactation notes); the code in this package only
interprets them. Every mapping that carries a number carries a ``source`` too, and every source
id must be declared in the file's ``sources`` table, so a dose can always be traced to the
reference it came from.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from fenzhen.knowledge.schemas import KnowledgeFile

__all__ = [
    "FREQUENCIES",
    "Contraindication",
    "CrossSensitivity",
    "DrugEntry",
    "Form",
    "Formulary",
    "HepaticBand",
    "Indication",
    "Interaction",
    "ReproductiveNote",
    "Regimen",
    "RenalBand",
    "Severity",
]

Severity = Literal["critical", "warning", "info"]
Route = Literal["oral", "iv", "im", "iv_im", "sc", "rectal", "buccal", "inhaled", "nebulised"]
DoseUnit = Literal["mg", "unit", "mL"]
FormKind = Literal[
    "tablet",
    "capsule",
    "oral_liquid",
    "injection",
    "rectal",
    "inhaler",
    "nebuliser",
    "sachet",
    "oromucosal",
]

#: Frequency code → (hours between doses, administrations per 24 h); None where not regular.
FREQUENCIES: dict[str, tuple[float | None, float | None]] = {
    "once": (None, 1),
    "q20min": (1 / 3, None),
    "q4h": (4, 6),
    "q6h": (6, 4),
    "q8h": (8, 3),
    "q12h": (12, 2),
    "q24h": (24, 1),
    "q48h": (48, 0.5),
    "after_each_loose_stool": (None, None),
}
Frequency = Literal[
    "once",
    "q20min",
    "q4h",
    "q6h",
    "q8h",
    "q12h",
    "q24h",
    "q48h",
    "after_each_loose_stool",
]
SourceRef = str | list[str]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _ids(ref: SourceRef) -> set[str]:
    return {ref} if isinstance(ref, str) else set(ref)


class Form(_Strict):
    """One product form: a tablet strength, a syrup concentration, a vial, an inhaler."""

    id: str
    kind: FormKind
    route: Route
    label_en: str
    label_zh: str
    strength: float = Field(gt=0, description="Dose units per tablet/puff/vial, or per `per_ml` mL.")
    per_ml: float | None = Field(None, gt=0, description="For liquids: `strength` is in this volume.")
    scored: bool = False
    source: SourceRef


class Regimen(_Strict):
    """One dosing line of a reference: population limits, dose, frequency and caps."""

    population: str
    age_min_years: float = Field(0, ge=0)
    age_max_years: float | None = Field(None, gt=0, description="Exclusive upper limit.")
    weight_min_kg: float | None = Field(None, gt=0, description="Inclusive lower limit.")
    weight_max_kg: float | None = Field(None, gt=0, description="Inclusive upper limit; order breaks ties.")
    route: Route
    dose_per_kg: float | None = Field(None, gt=0)
    dose: float | None = Field(None, gt=0)
    min_dose_per_kg: float | None = Field(None, gt=0)
    min_dose: float | None = Field(None, gt=0)
    max_dose_per_kg: float | None = Field(None, gt=0)
    frequency: Frequency
    max_single: float | None = Field(None, gt=0)
    max_daily: float | None = Field(None, gt=0)
    max_daily_per_kg: float | None = Field(None, gt=0)
    weight_basis: Literal["actual", "ideal", "adjusted"] = "actual"
    duration_en: str | None = None
    note_en: str | None = None
    note_zh: str | None = None
    source: SourceRef

    @model_validator(mode="after")
    def _one_dose(self) -> Regimen:
        if (self.dose_per_kg is None) == (self.dose is None):
            raise ValueError(f"regimen {self.population!r} needs exactly one of dose_per_kg, dose")
        return self


class Indication(_Strict):
    name_en: str
    name_zh: str
    aliases: list[str] = Field(default_factory=list)
    regimens: list[Regimen] = Field(min_length=1)


class RenalBand(_Strict):
    """A renal-function band: ``gfr_min <= CrCl/eGFR (mL/min) < gfr_max`` changes the dose."""

    gfr_min_ml_min: float = Field(0, ge=0)
    gfr_max_ml_min: float = Field(gt=0, description="Exclusive upper limit.")
    age_min_years: float = Field(0, ge=0)
    age_max_years: float | None = Field(None, gt=0)
    action: Literal["avoid", "adjust", "caution"]
    dose_factor: float | None = Field(None, gt=0, le=1)
    dose: float | None = Field(None, gt=0)
    frequency: Frequency | None = None
    max_daily: float | None = Field(None, gt=0)
    text_en: str
    text_zh: str
    source: SourceRef


class HepaticBand(_Strict):
    """Adjustment for a Child–Pugh class of hepatic impairment."""

    severity: Literal["mild", "moderate", "severe"]
    action: Literal["avoid", "adjust", "caution"]
    dose_factor: float | None = Field(None, gt=0, le=1)
    dose: float | None = Field(None, gt=0)
    frequency: Frequency | None = None
    max_daily: float | None = Field(None, gt=0)
    text_en: str
    text_zh: str
    source: SourceRef


class Contraindication(_Strict):
    condition: str
    severity: Severity
    age_max_years: float | None = Field(None, gt=0)
    text_en: str
    text_zh: str
    source: SourceRef


class Interaction(_Strict):
    with_drug: str
    severity: Severity
    effect_en: str
    effect_zh: str
    source: SourceRef


class CrossSensitivity(_Strict):
    allergy_class: str
    severity: Severity
    text_en: str
    text_zh: str
    source: SourceRef


class ReproductiveNote(_Strict):
    risk: Literal["avoid", "caution", "compatible"]
    text_en: str
    text_zh: str
    source: SourceRef


class DrugEntry(_Strict):
    name_en: str
    name_zh: str
    synonyms: list[str] = Field(default_factory=list)
    atc: str
    dose_unit: DoseUnit = "mg"
    therapeutic_class: str
    allergy_classes: list[str] = Field(default_factory=list)
    cross_sensitivity: list[CrossSensitivity] = Field(default_factory=list)
    forms: list[Form] = Field(min_length=1)
    indications: dict[str, Indication] = Field(min_length=1)
    renal: list[RenalBand] = Field(default_factory=list)
    hepatic: list[HepaticBand] = Field(default_factory=list)
    contraindications: list[Contraindication] = Field(default_factory=list)
    interactions: list[Interaction] = Field(default_factory=list)
    pregnancy: ReproductiveNote
    lactation: ReproductiveNote

    @property
    def routes(self) -> list[str]:
        """Every route of the drug's forms, in order of first appearance."""
        return list(dict.fromkeys(f.route for f in self.forms))

    def cited_sources(self) -> set[str]:
        """Every source id this entry cites."""
        refs: list[SourceRef] = [f.source for f in self.forms]
        refs += [r.source for i in self.indications.values() for r in i.regimens]
        refs += [x.source for x in self.renal] + [x.source for x in self.hepatic]
        refs += [x.source for x in self.contraindications] + [x.source for x in self.interactions]
        refs += [x.source for x in self.cross_sensitivity]
        refs += [self.pregnancy.source, self.lactation.source]
        return set().union(*(_ids(r) for r in refs))


class Formulary(KnowledgeFile):
    conditions: dict[str, dict[str, str]] = Field(min_length=1)
    drugs: dict[str, DrugEntry] = Field(min_length=40)

    def cited_sources(self) -> set[str]:
        return set().union(*(d.cited_sources() for d in self.drugs.values()))

    @model_validator(mode="after")
    def _references_resolve(self) -> Formulary:
        for drug_id, drug in self.drugs.items():
            for ix in drug.interactions:
                if ix.with_drug not in self.drugs:
                    raise ValueError(f"{drug_id}: interaction with unknown drug {ix.with_drug!r}")
            for ci in drug.contraindications:
                if ci.condition not in self.conditions:
                    raise ValueError(f"{drug_id}: contraindication names unknown condition {ci.condition!r}")
        return self
