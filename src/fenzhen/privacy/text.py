"""`deidentify`: the one function that turns clinical free text into shareable text."""

from __future__ import annotations

import re

from fenzhen.errors import InputError
from fenzhen.privacy.engine import AnalyzerEngine, default_engine
from fenzhen.privacy.operators import OPERATORS, Operator, apply_operator
from fenzhen.privacy.pseudonym import Pseudonymizer
from fenzhen.privacy.types import DeidResult, Language

__all__ = ["MAX_TEXT_CHARS", "deidentify"]

_CJK = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")

#: Longest text accepted in one call (20 million characters, ~20 s at the measured speed).
MAX_TEXT_CHARS = 20_000_000


def deidentify(
    text: str,
    operator: Operator = "tag",
    key: bytes | str | None = None,
    *,
    language: Language | None = None,
    date_shift_days: int | None = None,
    pseudonymizer: Pseudonymizer | None = None,
    engine: AnalyzerEngine | None = None,
) -> DeidResult:
    """Find protected health information in `text` and replace it.

    Clinical numbers (doses, lab values, vital signs, ages up to 89, durations) are kept.

    Args:
        text: Chinese, English or mixed clinical free text.
        operator: "tag" (default: [姓名]/[NAME] type tags), "mask" (*** keeping separators) or
            "pseudonym" (consistent keyed surrogates; dates shifted by a fixed offset).
        key: the clinic's secret key (≥ 16 bytes), needed for "pseudonym".
        language: language of the tags and surrogates; detected from the text when None
            (any Chinese character → "zh").
        date_shift_days: date offset for "pseudonym" (default: derived from the key).
        pseudonymizer: a ready `Pseudonymizer` (instead of `key`), e.g. one per dataset.
        engine: a custom `AnalyzerEngine`; the built-in recognizers by default.

    Returns:
        A `DeidResult` with the new text and the replaced spans (offsets into `text`).

    Raises:
        InputError: if `text` is not a str, is too long, or `operator` is unknown.
        PrivacyError: if "pseudonym" is asked for without a usable key.
    """
    if not isinstance(text, str):
        raise InputError.for_field("text", type(text).__name__, "must be a string")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError.for_field(
            "text", f"{len(text)} characters", "is too long", f"≤ {MAX_TEXT_CHARS} characters"
        )
    if operator not in OPERATORS:
        raise InputError.for_field("operator", operator, "unknown operator", ", ".join(OPERATORS))
    if operator == "pseudonym" and pseudonymizer is None:
        if key is None:
            from fenzhen.errors import PrivacyError

            raise PrivacyError("the pseudonym operator needs the clinic's key (key=...)")
        pseudonymizer = Pseudonymizer(key, date_shift_days=date_shift_days)
    lang: Language = language or ("zh" if _CJK.search(text) else "en")
    spans = (engine or default_engine()).analyze(text)
    new_text, done = apply_operator(text, spans, operator, lang, pseudonymizer)
    return DeidResult(text=new_text, spans=done, language=lang, operator=operator)
