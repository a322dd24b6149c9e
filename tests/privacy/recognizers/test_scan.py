"""The fast-scanning shortcuts change speed, never results.

Each helper is compared with the plain regex it replaces on random text, and every built-in
recognizer is compared with itself under `full_scan()` (whole-text ``finditer``) on random
mixtures of identifier and clinical fragments and on the benchmark corpus.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fenzhen.privacy.recognizers import default_recognizers
from fenzhen.privacy.recognizers.scan import (
    Keywords,
    finditer_in,
    finditer_not_after,
    full_scan,
    is_word_char,
    matches_at,
    windows,
)
from tests.shared_data import SHARED_DATA as DATA

# Identifier and clinical fragments whose edges the shortcuts must get right when spliced.
FRAGMENTS = [
    "2023年5月12日", "5 月 3 日", "12/05/2023", "May 3, 2021", "3rd of March 2020", "138 0013 8000",
    "+86 13800138000", "(010)62345678", "400-800-1234", "(555) 123-4567", "+1 555-123-4567",
    "555.123.4567 ext 12", "192.168.1.10", "fe80::1", "2001:db8::ff00:42:8329", "123-45-6789",
    "110101199003074514", "6222021234567890128", "95岁", "aged 101", "住院号：ZY20231234", "MRN 12345678",
    "Dr. John Smith", "Patient: Mary Jones", "http://x.org/a", "www.abc.com", "a.b@c.com", "医保卡号：A12345",
    "北京市海淀区中关村大街27号", "Springfield General Hospital", "北京市第一人民医院", "PO Box 123",
    "123 Main Street, Springfield, IL 62704", "王小明说", "，李娜昨晚发热", "患者张伟，男，", "血压150/95mmHg",
    "1.2.3", "0.5/1.5/2", "ſsn", "İ", " ", "\n", "，", "。", "a", "9", "-", "/", ".", ":", "@", "月",
]
texts = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=14).map("".join)
RECOGNIZERS = default_recognizers()


def _spans(recognizer: object, text: str) -> list[tuple[int, int, str, float]]:
    found = recognizer.find(text)  # type: ignore[attr-defined]
    return sorted((s.start, s.end, str(s.type), s.score) for s in found)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_every_recognizer_matches_its_full_scan(text: str) -> None:
    for recognizer in RECOGNIZERS:
        fast = _spans(recognizer, text)
        with full_scan():
            assert _spans(recognizer, text) == fast, recognizer.name


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([f for f in FRAGMENTS if f.isascii()]), min_size=1, max_size=14).map("".join))
def test_recognizers_that_need_chinese_find_nothing_without_it(text: str) -> None:
    # The engine skips them on such text; this is what makes that exact.
    for recognizer in RECOGNIZERS:
        if recognizer.needs_cjk:
            assert recognizer.find(text) == [], recognizer.name


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789.-/a ", max_size=40))
def test_finditer_not_after_equals_a_lookbehind(text: str) -> None:
    with_lookbehind = re.compile(r"(?<![\d.\-/])\d\d?[/.]\d")
    without = re.compile(r"\d\d?[/.]\d")
    expected = [m.span() for m in with_lookbehind.finditer(text)]
    assert [m.span() for m in finditer_not_after(without, text, "0123456789.-/")] == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aAbB _1é中", max_size=30))
def test_finditer_not_after_word_char_equals_a_word_boundary(text: str) -> None:
    expected = [m.span() for m in re.compile(r"\b[A-Z][a-z]*").finditer(text)]
    assert [m.span() for m in finditer_not_after(re.compile(r"[A-Z][a-z]*"), text, is_word_char)] == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="mrnMRNpt Id:#1中", max_size=40))
def test_matches_at_equals_finditer(text: str) -> None:
    pattern = re.compile(r"\b(?i:mrn|pt id|pt)\s*[:#]?\s*(\d+)")
    keywords = Keywords(("mrn", "pt id", "pt"), ignore_case=True)
    assert [m.span() for m in matches_at(pattern, text, keywords)] == [m.span() for m in pattern.finditer(text)]


def test_keywords_find_overlapping_starts_and_refuse_case_quirks() -> None:
    keywords = Keywords(("patient name", "name"), ignore_case=True)
    assert keywords.words == ("name", "patient name")
    assert keywords.starts("Patient Name") == [0, 8]
    assert keywords.starts("ſ patient") is None  # long s folds to s in regex, not in str.lower()


def test_windows_merge_clip_and_cover_the_whole_text_under_full_scan() -> None:
    anchor = re.compile("月")
    assert windows("ab月cd月ef", anchor, 1, 2) == [(1, 7)]
    assert windows("月" + "x" * 20 + "月", anchor, 1, 2) == [(0, 2), (20, 22)]
    assert windows("no anchor", anchor, 5, 5) == []
    with full_scan():
        assert windows("no anchor", anchor, 5, 5) == [(0, 9)]
    assert [m.group() for m in finditer_in(re.compile(r"\d+月"), "12月 3月", [(0, 3)])] == ["12月"]


@pytest.mark.integration
def test_recognizers_match_their_full_scan_on_the_benchmark_corpus() -> None:
    from fenzhen.privacy.benchmark.corpus import build_corpus

    for doc in build_corpus(DATA, 60, seed=11):
        for recognizer in RECOGNIZERS:
            fast = _spans(recognizer, doc.text)
            with full_scan():
                assert _spans(recognizer, doc.text) == fast, recognizer.name
