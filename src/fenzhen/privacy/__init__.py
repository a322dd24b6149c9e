"""De-identification of Chinese and English clinical text and of DICOM files.

Decision support still needs data to leave the clinic sometimes (referral, federated training,
an LLM the clinic does not host); this package removes identifiers first. De-identification
reduces, but does not remove, the risk of re-identification: a clinician or data steward decides
what is released.

    >>> from fenzhen.privacy import deidentify
    >>> deidentify("患者李明，电话13800138000，血压150/95mmHg。").text
    '患者[姓名]，电话[电话]，血压150/95mmHg。'

Public API: `deidentify` (text), `deidentify_dicom` (files), `Pseudonymizer` (the clinic's
keyed surrogates), `shift_date`, and the result types `DeidResult`, `PhiSpan`, `PhiType`.
"""

from __future__ import annotations

from fenzhen.privacy.dates import shift_date
from fenzhen.privacy.dicom import DicomDeidResult, DicomFileResult, deidentify_dicom
from fenzhen.privacy.engine import AnalyzerEngine
from fenzhen.privacy.operators import OPERATORS, Operator
from fenzhen.privacy.pseudonym import Pseudonymizer
from fenzhen.privacy.text import MAX_TEXT_CHARS, deidentify
from fenzhen.privacy.types import TAGS, DeidResult, PhiSpan, PhiType

__all__ = [
    "MAX_TEXT_CHARS",
    "OPERATORS",
    "TAGS",
    "AnalyzerEngine",
    "DeidResult",
    "DicomDeidResult",
    "DicomFileResult",
    "Operator",
    "PhiSpan",
    "PhiType",
    "Pseudonymizer",
    "deidentify",
    "deidentify_dicom",
    "shift_date",
]
