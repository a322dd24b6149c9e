"""The vocabulary of de-identification: PHI types, their tags, detected spans and results.

A span records *where* an identifier was found and *why*, never the identifier itself, so a
`DeidResult` can be logged or returned over HTTP without leaking what it removed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any, Literal

__all__ = ["TAGS", "DeidResult", "Language", "PhiSpan", "PhiType", "tag_for"]

Language = Literal["zh", "en"]


class PhiType(StrEnum):
    """Kinds of protected health information Fenzhen recognises (HIPAA Safe Harbor + PIPL)."""

    NAME = "NAME"
    ID = "ID"  # national identity card (身份证) or SSN
    PHONE = "PHONE"
    ADDRESS = "ADDRESS"
    MRN = "MRN"  # medical record / admission / outpatient numbers
    INSURANCE = "INSURANCE"  # 医保卡号 and health-plan numbers
    DATE = "DATE"
    AGE = "AGE"  # only ages over 89 (HIPAA §164.514(b)(2)(i)(C))
    HOSPITAL = "HOSPITAL"
    SOCIAL = "SOCIAL"  # WeChat / QQ ids
    EMAIL = "EMAIL"
    URL = "URL"
    IP = "IP"
    PLATE = "PLATE"
    BANK_CARD = "BANK_CARD"


#: Replacement tags per type and language (Chinese tags for Chinese text).
TAGS: dict[PhiType, tuple[str, str]] = {
    PhiType.NAME: ("[姓名]", "[NAME]"),
    PhiType.ID: ("[身份证号]", "[ID]"),
    PhiType.PHONE: ("[电话]", "[PHONE]"),
    PhiType.ADDRESS: ("[地址]", "[ADDRESS]"),
    PhiType.MRN: ("[病案号]", "[MRN]"),
    PhiType.INSURANCE: ("[医保号]", "[INSURANCE]"),
    PhiType.DATE: ("[日期]", "[DATE]"),
    PhiType.AGE: ("[年龄]", "[AGE]"),
    PhiType.HOSPITAL: ("[医院]", "[HOSPITAL]"),
    PhiType.SOCIAL: ("[社交账号]", "[SOCIAL]"),
    PhiType.EMAIL: ("[邮箱]", "[EMAIL]"),
    PhiType.URL: ("[网址]", "[URL]"),
    PhiType.IP: ("[IP地址]", "[IP]"),
    PhiType.PLATE: ("[车牌号]", "[PLATE]"),
    PhiType.BANK_CARD: ("[银行卡号]", "[BANK_CARD]"),
}

#: Direct identifiers: the types the recall target (≥ 0.99) is measured on.
DIRECT_IDENTIFIERS: frozenset[PhiType] = frozenset(
    {PhiType.NAME, PhiType.ID, PhiType.PHONE, PhiType.ADDRESS, PhiType.MRN, PhiType.INSURANCE}
)


def tag_for(phi_type: PhiType, language: Language) -> str:
    """Return the replacement tag of `phi_type` in `language` ("zh" or "en")."""
    zh, en = TAGS[phi_type]
    return zh if language == "zh" else en


@dataclass(frozen=True, slots=True)
class PhiSpan:
    """One detected identifier, as offsets into the *input* text.

    Attributes:
        type: the kind of identifier.
        start: offset of the first character (inclusive).
        end: offset after the last character (exclusive).
        recognizer: the module that found it (e.g. ``"zh_id_card"``).
        score: confidence in [0, 1]; validated formats (check digit, Luhn) score 1.0.
        explanation: why this was judged an identifier, in words, without the value itself.
        replacement: what the span was replaced with in the output ("" until an operator ran).
    """

    type: PhiType
    start: int
    end: int
    recognizer: str
    score: float
    explanation: str
    replacement: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"span offsets must satisfy 0 <= start < end, got {self.start}, {self.end}")

    @property
    def length(self) -> int:
        """Number of characters covered."""
        return self.end - self.start

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (no identifier values are included)."""
        data = asdict(self)
        data["type"] = str(self.type)
        return data


@dataclass(frozen=True, slots=True)
class DeidResult:
    """De-identified text and the spans that were replaced.

    Attributes:
        text: the de-identified text.
        spans: the detections, in order of position in the input text.
        language: the language used for tags and pseudonyms ("zh" or "en").
        operator: "tag", "mask" or "pseudonym".
    """

    text: str
    spans: list[PhiSpan] = field(default_factory=list)
    language: Language = "zh"
    operator: str = "tag"

    def counts(self) -> dict[str, int]:
        """Return the number of spans per PHI type."""
        out: dict[str, int] = {}
        for span in self.spans:
            out[str(span.type)] = out.get(str(span.type), 0) + 1
        return out

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict: text, language, operator, counts and spans."""
        return {
            "text": self.text,
            "language": self.language,
            "operator": self.operator,
            "counts": self.counts(),
            "spans": [s.to_dict() for s in self.spans],
        }
