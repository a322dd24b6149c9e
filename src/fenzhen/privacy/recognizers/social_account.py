"""WeChat and QQ account ids, found after their keywords.

WeChat ids are 6-20 characters starting with a letter (letters, digits, _ and -), or a phone
number; QQ numbers are 5-12 digits not starting with 0 (Tencent account rules).
"""

from __future__ import annotations

import re

from fenzhen.privacy.recognizers.base import Recognizer
from fenzhen.privacy.types import PhiSpan, PhiType

__all__ = ["SocialAccountRecognizer"]

_GAP = r"[\s:：#＃是为号]{0,4}"
_WECHAT = re.compile(
    rf"(?:微信号?|WeChat(?:\s*ID)?|VX|vx|Wx|WX|wx){_GAP}([A-Za-z][A-Za-z0-9_\-]{{5,19}}|1[3-9]\d{{9}})(?![A-Za-z0-9_\-])"
)
_QQ = re.compile(rf"(?i:QQ)(?:号码|号)?{_GAP}([1-9]\d{{4,11}})(?!\d)")


class SocialAccountRecognizer(Recognizer):
    """WeChat ids and QQ numbers after 微信/WeChat/VX or QQ."""

    name = "social_account"
    phi_type = PhiType.SOCIAL

    def find(self, text: str) -> list[PhiSpan]:
        spans = [
            self.span(m.start(1), m.end(1), 0.95, "WeChat id after a WeChat keyword")
            for m in _WECHAT.finditer(text)
        ]
        spans += [self.span(m.start(1), m.end(1), 0.95, "QQ number after 'QQ'") for m in _QQ.finditer(text)]
        return spans
