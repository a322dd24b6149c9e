"""The volume of blood a complaint states beside a bleed ("咯血约200ml", "coughed up 150 mL of blood").

Some bleeds are graded by volume (大咯血: 100 mL or more at once); the intake has no field for it, but
nurses write it into the complaint. Only millilitres next to the bleed's own words are read ("ml",
"mL", "毫升", "cc"): "输液500ml" elsewhere in the complaint is not the bleed, and "一口血" or "a cup" are
left to the words that say them.
"""

from __future__ import annotations

import re

__all__ = ["blood_volume_near"]

_VOLUME = re.compile(r"(\d{1,4}(?:\.\d+)?)\s*(?:ml|毫升|cc)(?![a-z])", re.IGNORECASE)
#: How far after the bleed's words the volume may stand ("咯血约200ml", "coughed up about 150 mL of blood").
_AFTER_CHARS = 16
#: How far before them ("200ml鲜血", "150 mL of blood").
_BEFORE_CHARS = 12
# The volume belongs to the bleed only within its clause: "咯血少量，已输液500ml" is a drip.
_CLAUSE_END = re.compile(r"[，,。;；!！?？\n]")
#: Beyond this a number is not a bleed a patient walked in with (a typo, or a total over days): ignored.
_MAX_ML = 5000


def blood_volume_near(text: str, start: int, end: int) -> tuple[float, str] | None:
    """The largest volume stated within a few characters of the bleed at text[start:end], with its text."""
    lo, hi = max(0, start - _BEFORE_CHARS), min(len(text), end + _AFTER_CHARS)
    after = _CLAUSE_END.search(text, end, hi)
    hi = after.start() if after else hi
    before = [m.end() for m in _CLAUSE_END.finditer(text, lo, start)]
    lo = before[-1] if before else lo
    best: tuple[float, str] | None = None
    for m in _VOLUME.finditer(text, lo, hi):
        ml = float(m.group(1))
        if 0 < ml <= _MAX_ML and (best is None or ml > best[0]):
            best = (ml, m.group(0))
    return best
