"""Medical record, admission, outpatient and insurance numbers, found after their keywords.

References:
    WS 445-2014 电子病历基本数据集 / 病案首页: 住院号, 门诊号, 病案号, 医保卡号 … ; HIPAA Safe Harbor
    (C) medical record numbers, (D) health plan beneficiary numbers, (H) account numbers.
"""

from __future__ import annotations

import re

from fenzhen.privacy.knowledge import en_lexicon, zh_lexicon
from fenzhen.privacy.recognizers.base import CUE_GAP, Recognizer, alternation
from fenzhen.privacy.recognizers.scan import Keywords, matches_at
from fenzhen.privacy.types import PhiSpan, PhiType

__all__ = ["RecordNumberRecognizer"]

# A record number has at least three digits; letters and dashes may join them (ZY-2023-00123).
_VALUE = r"(?=[A-Za-z0-9\-]*\d{3})[A-Za-z0-9][A-Za-z0-9\-]{2,24}(?![A-Za-z0-9])"


class RecordNumberRecognizer(Recognizer):
    """Alphanumeric values right after an MRN or insurance keyword, Chinese or English."""

    name = "record_number"
    phi_type = PhiType.MRN

    def __init__(self) -> None:
        zh, en = zh_lexicon(), en_lexicon()
        mrn = alternation((*zh.mrn_keywords, *en.mrn_keywords))
        ins = alternation((*zh.insurance_keywords, *en.insurance_keywords))
        self._mrn = re.compile(rf"(?<![A-Za-z])(?i:{mrn}){CUE_GAP}({_VALUE})")
        self._ins = re.compile(rf"(?<![A-Za-z])(?i:{ins}){CUE_GAP}({_VALUE})")
        # The patterns are tried only where a keyword starts (a fast literal scan).
        self._mrn_at = Keywords((*zh.mrn_keywords, *en.mrn_keywords), ignore_case=True)
        self._ins_at = Keywords((*zh.insurance_keywords, *en.insurance_keywords), ignore_case=True)

    def find(self, text: str) -> list[PhiSpan]:
        spans = [
            self.span(m.start(1), m.end(1), 0.95, "value after a medical-record keyword")
            for m in matches_at(self._mrn, text, self._mrn_at)
        ]
        spans += [
            self.span(m.start(1), m.end(1), 0.95, "value after an insurance keyword", PhiType.INSURANCE)
            for m in matches_at(self._ins, text, self._ins_at)
        ]
        return spans
