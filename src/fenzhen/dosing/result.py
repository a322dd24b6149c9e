"""`DoseResult`: a calculated dose with everything a clinician needs to check it."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from fenzhen.dosing.findings import DoseFinding

__all__ = ["FREQUENCY_TEXT", "DoseResult", "RenalResult"]

#: Frequency code → (English, Chinese) wording shown to users.
FREQUENCY_TEXT: dict[str, tuple[str, str]] = {
    "once": ("single dose", "单次给药"),
    "q20min": ("every 20–30 minutes as required", "必要时每20~30分钟一次"),
    "q4h": ("every 4 hours (up to 6 times a day)", "每4小时一次（每日最多6次）"),
    "q6h": ("every 6 hours (4 times a day)", "每6小时一次（每日4次）"),
    "q8h": ("every 8 hours (3 times a day)", "每8小时一次（每日3次）"),
    "q12h": ("every 12 hours (twice a day)", "每12小时一次（每日2次）"),
    "q24h": ("once a day", "每日一次"),
    "q48h": ("every 48 hours (every other day)", "隔日一次"),
    "after_each_loose_stool": ("after each loose stool", "每次稀便后"),
}


class RenalResult(BaseModel):
    """The renal function used and the band it fell in."""

    model_config = ConfigDict(frozen=True)

    method: str
    value_ml_min: float
    unit: str
    band_en: str | None = None
    band_zh: str | None = None
    action: str | None = None


class DoseResult(BaseModel):
    """A recommended dose: a recommendation with its reasons and sources; a clinician decides.

    ``dose_mg`` is the amount per administration as it will be measured (after caps and
    rounding to the form); ``calculated_dose`` is the amount before rounding to the form.
    """

    model_config = ConfigDict(frozen=True)

    drug: str
    drug_name_en: str
    drug_name_zh: str
    indication: str
    indication_name_en: str
    indication_name_zh: str
    population: str
    route: str
    dose: float | None = Field(description="Per administration, in `dose_unit`; None when the drug is to be avoided.")
    dose_unit: str
    dose_mg: float | None = Field(description="Per administration in mg (None if not dosed in mg or avoided).")
    calculated_dose: float | None
    dose_per_kg: float | None = Field(None, description="Dose per kg of the regimen, if weight-based.")
    frequency: str
    frequency_text_en: str
    frequency_text_zh: str
    interval_h: float | None
    doses_per_day: float | None
    daily_dose: float | None
    max_single: float | None
    max_daily: float | None
    max_daily_mg: float | None
    form: str | None = None
    form_label_en: str | None = None
    form_label_zh: str | None = None
    volume_ml: float | None = None
    count: float | None = None
    count_unit: str | None = None
    tablets: float | None = None
    weight_kg: float | None
    weight_basis: str
    weight_is_estimate: bool = False
    weight_estimate_method: str | None = None
    renal: RenalResult | None = None
    capped_by: list[str] = Field(default_factory=list)
    adjustments: list[str] = Field(default_factory=list)
    avoid: bool = False
    duration: str | None = None
    note: str | None = None
    findings: list[DoseFinding] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    citations: list[str] = Field(default_factory=list)
    notice: str = "Decision support only: check the dose; a clinician decides. 仅供辅助决策，由医生最终决定。"
