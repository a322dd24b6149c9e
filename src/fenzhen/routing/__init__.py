"""导诊: department routing, follow-up questions and care-level advice (分级诊疗).

    >>> from fenzhen.routing import route
    >>> route("右下腹疼痛一天，伴发热", age_years=25, sex="female").department
    '外科'

Every output is a recommendation with its reasons; staff at the desk decide.
"""

from __future__ import annotations

from fenzhen.routing.care import CareAdvice, FacilityProfile, advise_care, default_facility
from fenzhen.routing.catalogue import FIRST_LEVEL, ClinicConfig, canonical_department, catalogue
from fenzhen.routing.interview import Interview, InterviewOutcome, Question
from fenzhen.routing.result import Alternative, RouteResult
from fenzhen.routing.router import route

__all__ = [
    "FIRST_LEVEL",
    "Alternative",
    "CareAdvice",
    "ClinicConfig",
    "FacilityProfile",
    "Interview",
    "InterviewOutcome",
    "Question",
    "RouteResult",
    "advise_care",
    "canonical_department",
    "catalogue",
    "default_facility",
    "route",
]
