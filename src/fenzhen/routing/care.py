"""Care-level advice (分级诊疗): where should this patient be seen?

From the triage level, the department and what the facility can do:

* acuity 1–2 (or China level 1–2) → emergency transfer, call 120 — never lower;
* acuity 3 → county hospital when the facility lacks the department, imaging or lab that an
  urgent case needs or the transfer is long; else the township centre;
* acuity 4 → township centre for departments that need imaging or procedures, county for
  county-only specialties, otherwise the village clinic;
* acuity 5 with no red flag and no abnormal vital sign → self-care with advice (safety-net:
  come back if worse); otherwise the village clinic.

References:
    国务院办公厅《关于推进分级诊疗制度建设的指导意见》(国办发〔2015〕70号).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from fenzhen.domain import Assessment
from fenzhen.knowledge import load
from fenzhen.knowledge.loader import register
from fenzhen.knowledge.schemas import KnowledgeFile
from fenzhen.routing.result import RouteResult

__all__ = ["CARE_LEVELS", "CareAdvice", "FacilityProfile", "FacilityProfiles", "advise_care", "default_facility"]

CareLevel = Literal["self_care", "village_clinic", "township_centre", "county_hospital", "emergency_transfer"]
CARE_LEVELS: tuple[str, ...] = ("self_care", "village_clinic", "township_centre", "county_hospital",
                                "emergency_transfer")


class FacilityProfile(BaseModel):
    """What a facility can do, and how far the next level is."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    level: Literal["village_clinic", "township_centre", "county_hospital"]
    name_zh: str
    name_en: str
    departments: list[str]
    imaging: list[str] = Field(default_factory=list)
    lab: list[str] = Field(default_factory=list)
    beds: int = Field(ge=0)
    transfer_minutes: int = Field(ge=0, le=1440, description="Minutes to the next level of care.")
    source: str = "configured"


class _DeptList(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    departments: list[str]
    source: str


class FacilityProfiles(KnowledgeFile):
    profiles: dict[str, FacilityProfile]
    needs_township: _DeptList
    needs_county: _DeptList

    def cited_sources(self) -> set[str]:
        return {p.source for p in self.profiles.values()} | {self.needs_township.source, self.needs_county.source}


register("facility_profiles", FacilityProfiles)


class CareAdvice(BaseModel):
    """Where to be seen, and why (a recommendation: a clinician decides)."""

    care: CareLevel
    category: Literal["emergency", "primary_care", "self_care"]
    call_120: bool
    reason_en: str
    reason_zh: str
    facility: str


def default_facility(name: str = "township") -> FacilityProfile:
    """Return a packaged default profile: ``village``, ``township`` or ``county``."""
    profiles: FacilityProfiles = load("facility_profiles")
    return profiles.profiles[name]


def _category(care: str) -> Literal["emergency", "primary_care", "self_care"]:
    return "emergency" if care == "emergency_transfer" else "self_care" if care == "self_care" else "primary_care"


def _advice(care: CareLevel, en: str, zh: str, facility: FacilityProfile) -> CareAdvice:
    return CareAdvice(care=care, category=_category(care), call_120=care == "emergency_transfer",
                      reason_en=en, reason_zh=zh, facility=facility.level)


def advise_care(assessment: Assessment, route_result: RouteResult | None = None,
                facility: FacilityProfile | None = None) -> CareAdvice:
    """Advise the level of care for an assessed patient.

    Args:
        assessment: the triage result (acuity 1–5, China level 1–4, red flags, vitals).
        route_result: the suggested department, if routed.
        facility: the facility where the patient is now (default: township health centre).

    Returns:
        The care level, whether to call 120, and the reason in English and Chinese.
    """
    facility = facility or default_facility()
    profiles: FacilityProfiles = load("facility_profiles")
    dept = route_result.department if route_result else None
    if assessment.acuity <= 2 or assessment.china_level <= 2:
        return _advice("emergency_transfer", f"Triage level {assessment.acuity}: emergency care now; call 120.",
                       f"分诊{assessment.china_level}级（危重/急重）：立即急诊处置，拨打120转运。", facility)
    if assessment.acuity == 3:
        lacks = dept is not None and dept not in facility.departments
        no_imaging = "ct" not in facility.imaging and "xray" not in facility.imaging
        if facility.level == "county_hospital" or not (lacks or no_imaging or facility.transfer_minutes > 60):
            where = "county_hospital" if facility.level == "county_hospital" else "township_centre"
            return _advice(where, "Urgent (level 3): be seen today here; this facility can assess it.",  # type: ignore[arg-type]
                           "3级（急症）：今日就诊，本机构具备评估条件。", facility)
        return _advice("county_hospital", "Urgent (level 3): needs the department, imaging or lab of a county hospital "
                       "today.", "3级（急症）：需县医院相应科室、影像或检验，今日转诊。", facility)
    # Non-urgent, nothing that calls for a clinician (no red flag, no abnormal vital) and only
    # minor self-limiting complaints (knowledge/data/self_care.yaml): self-care with safety-netting.
    if _low_enough_for_self_care(assessment) and not assessment.red_flags and not _abnormal_vitals(assessment) \
            and _only_self_limiting(assessment):
        return _advice("self_care", "Non-urgent, no red flag: self-care with advice; come back if it gets worse, "
                       "or new fever, pain or bleeding.", "非紧急且无危险信号：居家自我护理，加重或出现发热、疼痛、"
                       "出血时及时就诊。", facility)
    if dept in profiles.needs_county.departments:
        return _advice("county_hospital", f"{dept} is a county-level specialty: refer for an outpatient visit.",
                       f"{dept}为县级专科：建议县医院门诊就诊。", facility)
    if dept in profiles.needs_township.departments:
        return _advice("township_centre", f"{dept} usually needs imaging or a procedure: township health centre.",
                       f"{dept}通常需要检查或处置：建议乡镇卫生院就诊。", facility)
    return _advice("village_clinic", "Less urgent: the village clinic can see this; refer up if it does not improve.",
                   "非紧急：村卫生室首诊，不缓解再转诊。", facility)


#: Level-4 reasons that still allow self-care advice: the triage default for an acute complaint
#: and mild central pain. A mild headache is CTAS/KTAS level 4 for the emergency department, yet
#: NHS England lists it among the minor conditions for self-care.
_SELF_CARE_LEVEL4_RULES = frozenset({"complaint.acute_default", "ctas2016.pain.central.0_3"})


def _low_enough_for_self_care(assessment: Assessment) -> bool:
    if assessment.acuity == 5:
        return True
    if assessment.acuity != 4 or assessment.rule_floor_acuity != 4:  # the model raised it: not self-care
        return False
    reasons = {e.rule for e in assessment.evidence if e.acuity == 4}
    return bool(reasons) and reasons <= _SELF_CARE_LEVEL4_RULES


def _only_self_limiting(assessment: Assessment) -> bool:
    found = {f.concept for f in assessment.findings if f.present}
    return bool(found) and found <= load("self_care").names()


def _abnormal_vitals(assessment: Assessment) -> bool:
    return any(e.input in ("heart_rate_bpm", "resp_rate_bpm", "sbp_mmhg", "temp_c", "spo2_pct")
               for e in assessment.evidence)
