"""Chinese motor-vehicle licence plates (机动车号牌).

References:
    GA 36-2018 中华人民共和国机动车号牌: a province abbreviation, an issuing-authority letter, then
    5 characters (letters except I and O, digits), or 6 for new-energy vehicles; optional 挂/学/警.
    I and O are accepted anyway: a mistyped plate identifies as well as a correct one.
"""

from __future__ import annotations

import re

from fenzhen.privacy.recognizers.base import Recognizer
from fenzhen.privacy.types import PhiSpan, PhiType

__all__ = ["LicencePlateRecognizer"]

_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE = re.compile(rf"[{_PROVINCES}][A-Z][\s·•\-]?[A-Z0-9]{{5,6}}[挂学警]?(?![A-Za-z0-9])")


class LicencePlateRecognizer(Recognizer):
    """Province abbreviation + letter + 5-6 alphanumerics, at least one of them a digit."""

    name = "licence_plate"
    phi_type = PhiType.PLATE
    needs_cjk = True

    def find(self, text: str) -> list[PhiSpan]:
        return [
            self.span(m.start(), m.end(), 0.9, "Chinese licence plate (GA 36-2018 format)")
            for m in _PLATE.finditer(text)
            if any(c.isdigit() for c in m.group())
        ]
