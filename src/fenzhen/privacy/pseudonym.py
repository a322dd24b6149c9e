"""Consistent pseudonyms from a keyed hash (HMAC-SHA256) whose key the clinic holds.

The same identifier always gets the same surrogate under the same key, across documents and
datasets, so records can still be linked after de-identification; without the key the
surrogates cannot be recomputed or reversed by a dictionary attack on, say, all mobile numbers.
Surrogates keep the shape of the original (a name stays a name, an ID number stays a valid ID
number) so that downstream tools keep working. Surrogate phone numbers use fictional ranges.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata

from fenzhen.errors import PrivacyError
from fenzhen.privacy.dates import shift_date
from fenzhen.privacy.knowledge import en_lexicon, zh_lexicon
from fenzhen.privacy.recognizers.zh_id_card import id_check_char
from fenzhen.privacy.types import Language, PhiType

__all__ = ["MIN_KEY_BYTES", "Pseudonymizer"]

#: Keys shorter than this are refused: a short key can be brute-forced offline.
MIN_KEY_BYTES = 16
# Given-name characters for Chinese surrogates (common in given names, neutral in meaning).
_ZH_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌辉鹏宇浩然欣怡晨阳凯雪梅琳婷"
_ZH_PLACES = ("江南", "河西", "临川", "青山", "清河", "安平", "新华", "和平", "长乐", "永安")
_ZH_ROADS = ("幸福", "建设", "人民", "解放", "中山", "光明", "胜利", "团结", "文化", "健康")
_EN_STREETS = ("Oak", "Maple", "Cedar", "Elm", "Pine", "Lake", "Hill", "Park", "River", "Forest")
_EN_CITIES = ("Springfield", "Riverton", "Fairview", "Greenville", "Franklin", "Clinton", "Georgetown")


class Pseudonymizer:
    """Derive stable surrogates and a stable date offset from the clinic's secret key.

    Args:
        key: the secret, at least 16 bytes (a str is UTF-8 encoded). Keep it out of the data.
        date_shift_days: override the key-derived date offset (e.g. one offset per patient).

    Raises:
        PrivacyError: if the key is shorter than `MIN_KEY_BYTES`.
    """

    def __init__(self, key: bytes | str, *, date_shift_days: int | None = None) -> None:
        raw = key.encode("utf-8") if isinstance(key, str) else bytes(key)
        if len(raw) < MIN_KEY_BYTES:
            raise PrivacyError(f"pseudonym key must be at least {MIN_KEY_BYTES} bytes, got {len(raw)}")
        self._key = raw
        self.date_shift_days = date_shift_days if date_shift_days is not None else self._default_shift()

    def _default_shift(self) -> int:
        # 30-395 days into the past: never zero, never so small that the real date is guessable.
        return -(30 + self._int("date-shift", "") % 366)

    def digest(self, kind: str, value: str) -> bytes:
        """Return HMAC-SHA256(key, kind ‖ normalised value)."""
        norm = unicodedata.normalize("NFKC", value).strip().lower()
        return hmac.new(self._key, f"{kind}\x1f{norm}".encode(), hashlib.sha256).digest()

    def _int(self, kind: str, value: str) -> int:
        return int.from_bytes(self.digest(kind, value)[:8], "big")

    def surrogate(self, phi_type: PhiType, value: str, language: Language) -> str:
        """Return the surrogate for `value` of `phi_type`, written for `language`."""
        h = self._int(str(phi_type), value)
        if phi_type is PhiType.NAME:
            return self._name(value, h, language)
        if phi_type is PhiType.DATE:
            return shift_date(value, self.date_shift_days) or ("[日期]" if language == "zh" else "[DATE]")
        if phi_type is PhiType.AGE:
            return "≥90" if language == "zh" else "90+"
        if phi_type is PhiType.PHONE:
            return self._phone(value, h)
        if phi_type is PhiType.ID:
            return self._id(value, h)
        if phi_type is PhiType.ADDRESS:
            return self._address(h, language)
        if phi_type is PhiType.EMAIL:
            return f"user-{h % 16**8:08x}@example.org"
        if phi_type is PhiType.URL:
            return f"https://example.org/{h % 16**8:08x}"
        if phi_type is PhiType.IP:
            return f"10.{h >> 16 & 255}.{h >> 8 & 255}.{h & 255}"
        if phi_type is PhiType.HOSPITAL:
            return f"第{h % 90 + 10}医院" if language == "zh" else f"Hospital {h % 900 + 100}"
        return self._same_shape(str(phi_type), value)

    def _name(self, value: str, h: int, language: Language) -> str:
        # Surname and given name are hashed separately, so "王芳" and "王先生" share a surrogate
        # surname, and "John Smith" and "Mr. Smith" a surrogate surname.
        value = value.strip()
        if language == "zh" or any("\u4e00" <= c <= "\u9fff" for c in value):
            surnames = sorted(zh_lexicon().common_surnames)
            surname = surnames[self._int("zh-surname", value[:1]) % len(surnames)]
            given_len = 0 if len(value) == 1 else 1 if len(value) == 2 else 2
            given = "".join(_ZH_GIVEN[(h >> (8 * i + 8)) % len(_ZH_GIVEN)] for i in range(given_len))
            return surname + given
        lex = en_lexicon()
        firsts, lasts = sorted(lex.first_names), sorted(lex.surnames)
        words = value.split()
        last = lasts[self._int("en-surname", words[-1]) % len(lasts)]
        if len(words) == 1:
            return last
        return f"{firsts[self._int('en-first', words[0]) % len(firsts)]} {last}"

    def _phone(self, value: str, h: int) -> str:
        digits = re.sub(r"\D", "", value)
        if len(digits) == 11 and digits.startswith("1"):
            return "1" + "3456789"[h % 7] + str(h).zfill(20)[-9:]
        # NANP reserves 555-0100…0199 for fiction.
        return f"({200 + h % 800}) 555-01{h % 100:02d}"

    def _id(self, value: str, h: int) -> str:
        if re.fullmatch(r"\d{3}-\d{2}-\d{4}", value):
            return f"9{h % 100:02d}-{h >> 8 & 0x3F:02d}-{h % 10000:04d}"  # 9xx: never issued
        year = value[6:10] if len(value) == 18 and value[6:10].isdigit() else "1980"
        body = f"{110101 + h % 900:06d}{year}{1 + h % 12:02d}{1 + (h >> 4) % 28:02d}{(h >> 12) % 1000:03d}"
        return body + id_check_char(body)

    def _address(self, h: int, language: Language) -> str:
        if language == "zh":
            city, district = _ZH_PLACES[h % 10], _ZH_PLACES[(h >> 4) % 10]
            return f"{city}市{district}区{_ZH_ROADS[(h >> 8) % 10]}路{h % 200 + 1}号"
        return f"{h % 9000 + 100} {_EN_STREETS[(h >> 4) % 10]} Street, {_EN_CITIES[(h >> 8) % 7]}"

    def _same_shape(self, kind: str, value: str) -> str:
        """Replace each digit and Latin letter by a keyed one; keep separators and CJK prefixes."""
        stream = self.digest(kind, value) + self.digest(kind + "#2", value)
        out = []
        for i, ch in enumerate(value):
            b = stream[i % len(stream)]
            if ch.isdigit():
                out.append(str(b % 10))
            elif ch.isascii() and ch.isalpha():
                letter = "ABCDEFGHJKLMNPQRSTUVWXYZ"[b % 24]
                out.append(letter if ch.isupper() else letter.lower())
            else:
                out.append(ch)
        return "".join(out)
