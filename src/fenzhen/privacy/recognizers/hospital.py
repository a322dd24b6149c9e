"""Named hospitals, health centres and clinics (identifying where a patient was seen).

Generic mentions (去医院, 我院, 当地医院, 上级医院, 县医院, "the hospital") are left alone: they
do not identify anyone. A Chinese facility name needs a place prefix — a name ending in an
administrative unit (兰州市, 清河县, 李家村) — optionally followed by a qualifier (第一, 中心,
妇幼), before a facility suffix (人民医院, 卫生院, 卫生室 …). An English one needs capitalised
words before Hospital / Medical Center / Clinic. Famous hospitals named without a place
(协和医院) are not found: a stated limitation.
"""

from __future__ import annotations

import re

from fenzhen.privacy.knowledge import ZhLexicon, zh_lexicon
from fenzhen.privacy.recognizers.base import Recognizer, alternation
from fenzhen.privacy.recognizers.scan import finditer_in, is_full_scan, windows
from fenzhen.privacy.types import PhiSpan, PhiType

__all__ = ["HospitalRecognizer"]

_LEADING = "到去在于转来送至回从赴经向及和与、的我本该外其曾们你他她这那里"
_GENERIC = frozenset(
    {
        "当地",
        "上级",
        "附近",
        "基层",
        "专科",
        "综合",
        "私人",
        "正规",
        "三甲",
        "二甲",
        "大型",
        "各级",
        "多家",
        "其他",
        "外院",
        "县级",
        "市级",
        "省级",
        "乡镇",
        "社区",
        "县",
        "市",
        "乡",
        "镇",
        "村",
        "区",
        "省",
        "大",
        "小",
        "儿童",
        "地方",
        "公立",
        "民营",
        "定点",
        "首诊",
        "同一",
        "另一",
        "一家",
    }
)
_EN = re.compile(
    r"\b(?:St\.?\s+)?(?:[A-Z][a-z]+\s+){1,4}(?:Hospital|Medical Center|Health Center|Clinic|Infirmary)\b"
)
_EN_SUFFIXES = ("Hospital", "Medical Center", "Health Center", "Clinic", "Infirmary")
_EN_GENERIC = frozenset(
    {"The", "General", "Community", "County", "Local", "Outside", "Regional", "Private", "Our"}
)


class HospitalRecognizer(Recognizer):
    """Named Chinese and English health facilities (see module docstring)."""

    name = "hospital"
    phi_type = PhiType.HOSPITAL

    def __init__(self, lexicon: ZhLexicon | None = None) -> None:
        self.lex = lexicon or zh_lexicon()
        place = r"[\u4e00-\u9fff]{1,6}?(?:特别行政区|自治区|自治州|自治县|省|市|县|区|州|旗|镇|乡|村)"
        qualifier = r"(?:第[一二三四五六七八九十]{1,3}|中心|附属|妇幼|儿童|肿瘤|胸科|传染病|口腔|精神卫生)?"
        suffixes = alternation(self.lex.hospital_suffixes)
        self._zh = re.compile(rf"(?:{place}){{1,3}}{qualifier}(?:{suffixes})")
        # Every name ends in a suffix and is at most 3 × 11 + 4 characters long before it: the
        # pattern runs only in windows around the suffixes.
        self._zh_anchor = re.compile(suffixes)

    def find(self, text: str) -> list[PhiSpan]:
        spans: list[PhiSpan] = []
        for m in finditer_in(self._zh, text, windows(text, self._zh_anchor, 40, 16)):
            start = m.start()
            while start < m.end() and text[start] in _LEADING:
                start += 1
            suffix_at = next(
                (i for i in range(start, m.end()) if text[i : m.end()] in self.lex.hospital_suffixes), start
            )
            prefix = text[start:suffix_at]
            if len(prefix) >= 2 and prefix not in _GENERIC and prefix[-2:] not in _GENERIC | {"县级", "附属"}:
                spans.append(
                    self.span(start, m.end(), 0.85, "named health facility (proper prefix + suffix)")
                )
        if not is_full_scan() and not any(word in text for word in _EN_SUFFIXES):
            return spans  # C substring tests: most notes name no English facility
        for m in _EN.finditer(text):
            words = m.group().split()
            if not all(w in _EN_GENERIC for w in words[:-1] if w not in ("Medical", "Health", "Center")):
                spans.append(self.span(m.start(), m.end(), 0.85, "capitalised name + Hospital/Clinic"))
        return spans
