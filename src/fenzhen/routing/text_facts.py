"""Read age, sex and pregnancy stated in words ("A 48-year-old woman", "12岁女孩", "孕8周").

Only what the text states plainly is read; anything ambiguous stays None (missing is not a
default). Used by the care benchmark and by routing when the caller gave no age or sex.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fenzhen.extract.stated_age import stated_age

__all__ = ["TextFacts", "read_facts"]

_FEMALE = re.compile(
    r"\b(woman|women|female|girl|lady|mother|she|her|pregnant)\b|女|妈妈|母亲|孕妇|产妇|阿姨|奶奶|姐姐|妹妹|媳妇|妻子|老婆",
    re.I,
)
_MALE = re.compile(
    r"\b(man|men|male|boy|gentleman|father|he|his)\b|男|爸爸|父亲|爷爷|哥哥|弟弟|丈夫|老公|先生|儿子", re.I
)
# "男朋友/女朋友", "儿子/女儿" of the writer say nothing about the patient's own sex when the
# writer is someone else; they are removed before the sex words are looked for.
_RELATION = re.compile(r"男朋友|女朋友|男友|女友|男医生|女医生|男科")
_PREGNANT = re.compile(r"\bpregnan(t|cy)\b|怀孕|孕妇|孕期|妊娠|孕\d+周|孕早期|孕中期|孕晚期|早孕", re.I)


@dataclass(frozen=True)
class TextFacts:
    age_years: float | None
    sex: str | None
    pregnant: bool | None


def read_facts(text: str) -> TextFacts:
    """Return the age (years), sex (female/male) and pregnancy stated in `text`, else None."""
    stated = stated_age(text)
    age = round(stated[0], 3) if stated else None
    cleaned = _RELATION.sub(" ", text)
    female, male = _FEMALE.search(cleaned), _MALE.search(cleaned)
    sex = None
    if female and not male:
        sex = "female"
    elif male and not female:
        sex = "male"
    elif female and male:
        sex = "female" if female.start() < male.start() else "male"
    pregnant = True if _PREGNANT.search(text) else None
    return TextFacts(age_years=age, sex=sex, pregnant=pregnant)
