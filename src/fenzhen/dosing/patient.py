"""What dosing needs to know about a patient, validated on construction.

Field names follow `fenzhen.domain.Intake` (``age_years``, ``weight_kg``, ``sex``) so the
service can build one from an intake plus the medication history.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from fenzhen.dosing.units import creatinine_to_umol_l
from fenzhen.dosing.weight import check_age_years, check_weight_kg
from fenzhen.errors import InputError

__all__ = ["DosePatient"]


class DosePatient(BaseModel):
    """A patient for dose calculation and order checking. Missing is unknown, never normal.

    Raises:
        InputError: from `DosePatient.parse` for any impossible value, naming the field.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    age_years: float
    weight_kg: float | None = None
    sex: Literal["female", "male"] | None = None
    height_cm: float | None = Field(None, description="Needed for bedside Schwartz and ideal body weight.")
    creatinine_umol_l: float | None = None
    egfr_ml_min: float | None = Field(None, description="A measured or reported GFR, used as given.")
    pregnant: bool = False
    breastfeeding: bool = False
    hepatic_impairment: Literal["none", "mild", "moderate", "severe"] = "none"
    allergies: list[str] = Field(default_factory=list)
    current_medications: list[str] = Field(default_factory=list)
    conditions: list[str] = Field(default_factory=list)

    @field_validator("age_years")
    @classmethod
    def _age(cls, v: float) -> float:
        return check_age_years(v)

    @field_validator("weight_kg")
    @classmethod
    def _weight(cls, v: float | None) -> float | None:
        return None if v is None else check_weight_kg(v)

    @field_validator("height_cm")
    @classmethod
    def _height(cls, v: float | None) -> float | None:
        if v is not None and not 30 <= v <= 250:
            raise InputError.for_field("height_cm", v, "impossible height", "30–250 cm")
        return v

    @field_validator("creatinine_umol_l")
    @classmethod
    def _creatinine(cls, v: float | None) -> float | None:
        return None if v is None else creatinine_to_umol_l(v, "umol/L")

    @field_validator("egfr_ml_min")
    @classmethod
    def _egfr(cls, v: float | None) -> float | None:
        if v is not None and not 0 < v <= 250:
            raise InputError.for_field("egfr_ml_min", v, "impossible GFR", "0–250 mL/min")
        return v

    @field_validator("conditions")
    @classmethod
    def _conditions(cls, v: list[str]) -> list[str]:
        from fenzhen.dosing.formulary import formulary

        known = formulary().conditions
        for c in v:
            if c not in known:
                raise InputError.for_field("conditions", c, "unknown condition", ", ".join(sorted(known)))
        return v

    @model_validator(mode="after")
    def _pregnancy(self) -> DosePatient:
        if self.pregnant and self.sex == "male":
            raise InputError.for_field("pregnant", True, "pregnant with sex male")
        return self

    @classmethod
    def parse(cls, data: dict[str, object]) -> DosePatient:
        """Validate a JSON-like mapping, turning any validation failure into an InputError."""
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "patient"
            cause = first.get("ctx", {}).get("error")
            if isinstance(cause, InputError):
                raise cause from None
            raise InputError.for_field(field, first.get("input"), first["msg"]) from None
