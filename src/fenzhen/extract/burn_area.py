"""The burnt body-surface area a complaint states ("烧伤面积约30%", "burns 15% TBSA").

A burn's urgency rests on its size (intravenous resuscitation from 20% in adults and 10% in children:
American Burn Association, ABLS 2018); the intake has no field for it, but a nurse who has estimated
it writes it into the complaint. Only a percentage tied to the burn or to the body surface counts:
"烫伤 体温38%" is not read, and neither is a bare number.
"""

from __future__ import annotations

import re

__all__ = ["stated_burn_area"]

_PCT = r"(\d{1,3}(?:\.\d+)?)\s*(?:%|％|percent\b)"
# A percentage after a word that names the burn or its area, or one followed by the body surface.
# Between the word and the number only hedges and a depth may stand ("面积约 II度 20%", "burns of about 15%").
_FILLER = (r"(?:\s*(?:约|大约|大概|为|是|达|共|计|总|有|近|:|：|~|≈|of|about|around|approx\.?|approximately"
           r"|[ⅠⅡⅢ]+度|I{1,3}度|[一二三]度|浅二度|深二度|partial[- ]thickness|full[- ]thickness))*\s*")
_AFTER_CUE = re.compile(r"(?:面积|烧伤|烫伤|灼伤|tbsa|bsa|burns?|burned|burnt|scalds?|scalded)" + _FILLER + _PCT,
                        re.IGNORECASE)
_BEFORE_SURFACE = re.compile(_PCT + r"\s*(?:of\s+(?:the\s+)?)?(?:tbsa|bsa|体表面积|body surface|of (?:the )?body)",
                             re.IGNORECASE)
_ANY_CUE = re.compile(r"%|％|percent", re.IGNORECASE)


def stated_burn_area(text: str) -> tuple[float, int, int] | None:
    """Return (percent, start, end) of the largest burnt area stated, or None.

    "烧伤面积约30%" → 30; "burns 15% TBSA" → 15; "面积百分之三十" and numbers over 100 are not read.
    """
    if _ANY_CUE.search(text) is None:
        return None
    best: tuple[float, int, int] | None = None
    for pattern in (_AFTER_CUE, _BEFORE_SURFACE):
        for m in pattern.finditer(text):
            pct = float(m.group(1))
            if 0 < pct <= 100 and (best is None or pct > best[0]):
                best = (pct, m.start(), m.end())
    return best
