"""Shift dates by a fixed number of days, keeping their written format and all intervals.

Every date of a patient (or of a whole dataset) moves by the same offset, so "admitted 5月12日,
discharged 5月20日" still reads as an 8-day stay. Dates that cannot be parsed are not shifted:
the caller replaces them with a tag instead.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

__all__ = ["shift_date"]

_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}

_ZH = re.compile(
    r"(?:(?P<y>\d{4})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*(?P<dm>[日号]))?(?P<rest>.*)", re.S
)
_NUM_YMD = re.compile(r"(?P<y>\d{4})(?P<s>[\-/.])(?P<m>\d{1,2})[\-/.](?P<d>\d{1,2})(?P<rest>.*)", re.S)
_NUM_MDY = re.compile(r"(?P<m>\d{1,2})(?P<s>[\-/.])(?P<d>\d{1,2})[\-/.](?P<y>\d{2,4})(?P<rest>.*)", re.S)
_EN_MDY = re.compile(r"(?P<mn>[A-Za-z]+)\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{4}))?$")
_EN_DMY = re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mn>[A-Za-z]+)\.?,?\s+(?P<y>\d{4})$")
_EN_MY = re.compile(r"(?P<mn>[A-Za-z]+)\.?,?\s+(?P<y>\d{4})$")

#: A year to place dates that were written without one (interval-preserving within a year).
_NO_YEAR = 2001


def _month(name: str) -> int | None:
    low = name.lower()
    for i, full in enumerate(_MONTH_NAMES, start=1):
        if len(low) >= 3 and full.startswith(low[:3]) and (low == full or len(low) <= 4):
            return i
    return None


def _shift(y: int, m: int, d: int, days: int) -> date | None:
    try:
        return date(y, m, d) + timedelta(days=days)
    except ValueError:
        return None


def shift_date(value: str, days: int) -> str | None:
    """Return `value` (a date as found by the date recognizer) moved by `days`, same format.

    Args:
        value: the date text, e.g. "2023年5月12日", "2023-05-12", "05/12/2023", "May 12, 2023".
        days: the offset in days (negative moves into the past).

    Returns:
        The shifted date in the same format, or None when `value` cannot be parsed.
    """
    text = value.strip()
    if (m := _NUM_YMD.fullmatch(text)) is not None:
        new = _shift(int(m["y"]), int(m["m"]), int(m["d"]), days)
        return None if new is None else f"{new.year}{m['s']}{new.month:02d}{m['s']}{new.day:02d}{m['rest']}"
    if (m := _NUM_MDY.fullmatch(text)) is not None:
        y = int(m["y"]) + (2000 if len(m["y"]) == 2 and int(m["y"]) < 50 else 1900 if len(m["y"]) == 2 else 0)
        new = _shift(y, int(m["m"]), int(m["d"]), days)
        if new is None:
            return None
        year = f"{new.year % 100:02d}" if len(m["y"]) == 2 else str(new.year)
        return f"{new.month:02d}{m['s']}{new.day:02d}{m['s']}{year}{m['rest']}"
    if (m := _ZH.fullmatch(text)) is not None and m["m"]:
        new = _shift(int(m["y"] or _NO_YEAR), int(m["m"]), int(m["d"] or 1), days if m["d"] else 0)
        if new is None:
            return None
        if not m["d"]:
            new = _shift(new.year, new.month, 1, days)
            return None if new is None else (f"{new.year}年" if m["y"] else "") + f"{new.month}月{m['rest']}"
        return (f"{new.year}年" if m["y"] else "") + f"{new.month}月{new.day}{m['dm']}{m['rest']}"
    return _shift_english(text, days)


def _shift_english(text: str, days: int) -> str | None:
    for pattern in (_EN_MDY, _EN_DMY):
        if (m := pattern.fullmatch(text)) is not None and (mon := _month(m["mn"])) is not None:
            new = _shift(int(m["y"] or _NO_YEAR), mon, int(m["d"]), days)
            if new is None:
                return None
            name = _MONTH_NAMES[new.month - 1].capitalize()
            year = f", {new.year}" if m["y"] else ""
            return f"{name} {new.day}{year}" if pattern is _EN_MDY else f"{new.day} {name} {new.year}"
    if (m := _EN_MY.fullmatch(text)) is not None and (mon := _month(m["mn"])) is not None:
        new = _shift(int(m["y"]), mon, 15, days)
        return None if new is None else f"{_MONTH_NAMES[new.month - 1].capitalize()} {new.year}"
    return None
