"""Chinese names of the score bands, for screens read in Chinese.

`ScoreResult.band` stays the English code that JSON, FHIR and CDS Hooks carry; a nurse reading the
Chinese screen sees the same band in Chinese, including the "incomplete" prefix that says the score
was computed on the parameters available.
"""

from __future__ import annotations

import re

__all__ = ["band_zh"]

_BANDS_ZH: dict[str, str] = {
    "low": "低危", "low-medium": "低-中危", "medium": "中危", "high": "高危",
    "green": "绿色", "yellow": "黄色", "amber": "琥珀色", "red": "红色",
    "alert": "清醒", "mild": "轻度", "moderate": "中度", "severe": "重度",
    "normal": "正常", "elevated": "偏高", "not validated under 4 years": "4岁以下不适用",
    "incomplete": "资料不全",
}
_PARTIAL = re.compile(r"incomplete \((?P<band>.+) on available \w+\)")


def band_zh(band: str) -> str:
    """The band in Chinese; an unknown band is returned as it is rather than hidden."""
    partial = _PARTIAL.fullmatch(band)
    if partial:
        inner = partial.group("band")
        return f"资料不全（按已有项目：{_BANDS_ZH.get(inner, inner)}）"
    return _BANDS_ZH.get(band, band)
