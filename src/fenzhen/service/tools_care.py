"""Department and care level for an intake, with the clinic's own facility profile.

Why here and not in `fenzhen.routing`: the only service-specific part is *which* facility the
advice is for. The clinic names it in the ``facility_profile`` setting, either one of the packaged
profiles (``village``, ``township``, ``county``) or the path of a YAML file describing its own
facility::

    level: township_centre          # village_clinic | township_centre | county_hospital
    name_zh: 青山镇卫生院
    name_en: Qingshan township health centre
    departments: [内科, 外科, 儿科, 中医科]
    imaging: [xray, ultrasound]
    lab: [blood_count, glucose]
    beds: 20
    transfer_minutes: 55            # to the county hospital
    clinic:                         # optional: local names and departments it does not have
      hidden: [男科]

Every door (API, intake page, encounter page, FHIR export) calls `route_and_care`, so they agree.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from fenzhen.domain import Assessment, Intake
from fenzhen.errors import InputError
from fenzhen.interop.record import RoutingRecord
from fenzhen.routing import (
    CareAdvice,
    ClinicConfig,
    FacilityProfile,
    RouteResult,
    advise_care,
    default_facility,
    route,
)

__all__ = [
    "PACKAGED_PROFILES",
    "Facility",
    "RouteAndCare",
    "load_facility",
    "route_and_care",
    "routing_record",
]

PACKAGED_PROFILES: tuple[str, ...] = ("village", "township", "county")
#: Care advice → the coarser care level of a FHIR ServiceRequest (an emergency goes to the county).
_RECORD_LEVEL: dict[str, str | None] = {
    "self_care": None,
    "village_clinic": "village",
    "township_centre": "township",
    "county_hospital": "county",
    "emergency_transfer": "county",
}


class Facility(BaseModel):
    """The facility the service runs at, and the clinic's department names."""

    model_config = ConfigDict(frozen=True)

    profile: FacilityProfile
    clinic: ClinicConfig = Field(default_factory=lambda: ClinicConfig.model_validate({}))


class RouteAndCare(BaseModel):
    """The suggested department and the advised care level (recommendations, with reasons)."""

    route: RouteResult
    care: CareAdvice
    facility_name_zh: str
    facility_name_en: str


@lru_cache(maxsize=8)
def load_facility(setting: str) -> Facility:
    """Return the facility named by the ``facility_profile`` setting.

    Args:
        setting: ``village``, ``township``, ``county`` or the path of a YAML profile file.

    Raises:
        InputError: naming ``facility_profile`` when the file is missing or invalid.
    """
    if setting in PACKAGED_PROFILES:
        return Facility(profile=default_facility(setting))
    path = Path(setting)
    try:
        raw: Any = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, yaml.YAMLError):
        raise InputError.for_field(
            "facility_profile",
            None,
            "is neither a packaged profile nor a readable YAML file",
            ", ".join(PACKAGED_PROFILES) + " or a file path",
        ) from None
    if not isinstance(raw, dict):
        raise InputError.for_field("facility_profile", None, "file must hold a mapping")
    clinic = raw.pop("clinic", None) or {}
    try:
        return Facility(
            profile=FacilityProfile.model_validate(raw), clinic=ClinicConfig.model_validate(clinic)
        )
    except ValidationError as exc:
        where = ".".join(str(p) for p in exc.errors()[0]["loc"])
        raise InputError.for_field("facility_profile", None, f"file is invalid at {where}") from None


def route_and_care(intake: Intake, assessment: Assessment, facility: Facility) -> RouteAndCare:
    """Route an assessed intake and advise where it should be seen.

    Args:
        intake: the parsed intake (complaint, age, sex, pregnancy).
        assessment: its triage; levels 1–2 route to 急诊科 and to an emergency transfer.
        facility: where the patient is now (`load_facility`).

    Returns:
        Department with alternatives and drivers, care level with its reason.
    """
    result = route(
        intake.complaint,
        age_years=intake.age_years,
        sex=intake.sex.value if intake.sex else None,
        pregnant=intake.pregnant,
        assessment=assessment,
        clinic=facility.clinic,
    )
    care = advise_care(assessment, result, facility.profile)
    return RouteAndCare(
        route=result,
        care=care,
        facility_name_zh=facility.profile.name_zh,
        facility_name_en=facility.profile.name_en,
    )


def routing_record(advice: RouteAndCare) -> RoutingRecord:
    """Return the department and care level in the shape of the FHIR export's ServiceRequest."""
    return RoutingRecord(
        department=advice.route.department_display,
        care_level=_RECORD_LEVEL[advice.care.care],  # type: ignore[arg-type]
    )
