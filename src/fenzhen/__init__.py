"""Fenzhen (分诊): offline clinical triage and decision support for primary care.

Decision support only: every output is a recommendation with its reasons; a clinician decides.

    >>> from fenzhen import assess, Intake
    >>> result = assess(Intake(complaint="胸痛两小时，伴大汗", age_years=58, heart_rate_bpm=118))
    >>> result.acuity, result.china_level
    (2, 2)
"""

from __future__ import annotations

__version__ = "0.1.0"

from fenzhen.domain import Assessment, Intake  # noqa: E402
from fenzhen.errors import FenzhenError, InputError  # noqa: E402
from fenzhen.triage.engine import assess  # noqa: E402

__all__ = ["Assessment", "FenzhenError", "InputError", "Intake", "__version__", "assess"]
