"""Schemas of the privacy knowledge files and compiled, cached views of them.

Three files under ``fenzhen/knowledge/data/``: ``privacy_zh`` (surnames, name cues, address and
record-number words), ``privacy_en`` (titles, USPS street suffixes, states, record keywords) and
``privacy_en_names`` (US Census 1990 first names and surnames). They are registered with the
knowledge loader on import, so `fenzhen doctor` lists them and a malformed file is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, ConfigDict

from fenzhen.knowledge import loader
from fenzhen.knowledge.schemas import KnowledgeFile

__all__ = ["EnLexicon", "PrivacyEn", "PrivacyEnNames", "PrivacyZh", "ZhLexicon", "en_lexicon", "zh_lexicon"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Chars(_Strict):
    source: str
    single: str
    compound: str = ""


class _Words(_Strict):
    source: str
    words: list[str]


class _ZhNameCues(_Strict):
    source: str
    before: list[str]
    after: list[str]
    stop_chars: str
    not_names: list[str]


class _SpeakerCues(_Strict):
    source: str
    verbs: list[str]
    not_verbs: list[str]
    before_speaker: str
    not_surnames: str
    clause_marks: str


class _OrdinaryWords(_Strict):
    source: str
    min_frequency: int


class _ZhAddress(_Strict):
    source: str
    provinces: str
    units: list[str]
    cues: list[str]


class _Records(_Strict):
    source: str
    mrn: list[str]
    insurance: list[str]


class _Hospital(_Strict):
    source: str
    suffixes: list[str]


class _Units(_Strict):
    source: str
    units: list[str]


class PrivacyZh(KnowledgeFile):
    surnames: _Chars
    extra_surnames: _Chars
    common_surnames: _Chars
    diminutive_exclusions: _Words
    name_cues: _ZhNameCues
    speaker_cues: _SpeakerCues
    ordinary_words: _OrdinaryWords
    address: _ZhAddress
    record_numbers: _Records
    hospital: _Hospital
    clinical_units: _Units

    def cited_sources(self) -> set[str]:
        parts = (
            self.surnames,
            self.extra_surnames,
            self.common_surnames,
            self.diminutive_exclusions,
            self.name_cues,
            self.speaker_cues,
            self.ordinary_words,
            self.address,
            self.record_numbers,
            self.hospital,
            self.clinical_units,
        )
        return {p.source for p in parts}


class _EnNameCues(_Strict):
    source: str
    titles: list[str]
    labels: list[str]
    suffixes: list[str]


class _EnAddress(_Strict):
    source: str
    street_suffixes: list[str]
    units: list[str]
    states: list[str]
    cues: list[str]


class PrivacyEn(KnowledgeFile):
    name_cues: _EnNameCues
    address: _EnAddress
    record_numbers: _Records
    not_names: _Words

    def cited_sources(self) -> set[str]:
        return {p.source for p in (self.name_cues, self.address, self.record_numbers, self.not_names)}


class PrivacyEnNames(KnowledgeFile):
    source: str
    first_names: str
    surnames: str

    def cited_sources(self) -> set[str]:
        return {self.source}


loader.register("privacy_zh", PrivacyZh)
loader.register("privacy_en", PrivacyEn)
loader.register("privacy_en_names", PrivacyEnNames)


def _chars(text: str) -> frozenset[str]:
    return frozenset(ch for ch in text if not ch.isspace())


@dataclass(frozen=True)
class ZhLexicon:
    """Sets built once from ``privacy_zh.yaml`` for fast membership tests."""

    surnames: frozenset[str]
    compound_surnames: tuple[str, ...]
    common_surnames: frozenset[str]
    diminutive_exclusions: frozenset[str]
    cues_before: tuple[str, ...]
    cues_after: tuple[str, ...]
    stop_chars: frozenset[str]
    not_names: frozenset[str]
    speech_verbs: tuple[str, ...]
    not_speech_verbs: tuple[str, ...]
    before_speaker: frozenset[str]
    not_cueless_surnames: frozenset[str]
    clause_marks: frozenset[str]
    ordinary_word_min_frequency: int
    provinces: tuple[str, ...]
    address_units: tuple[str, ...]
    address_cues: tuple[str, ...]
    mrn_keywords: tuple[str, ...]
    insurance_keywords: tuple[str, ...]
    hospital_suffixes: tuple[str, ...]
    clinical_units: tuple[str, ...]


@dataclass(frozen=True)
class EnLexicon:
    """Sets built once from ``privacy_en.yaml`` and ``privacy_en_names.yaml``."""

    titles: tuple[str, ...]
    labels: tuple[str, ...]
    name_suffixes: tuple[str, ...]
    first_names: frozenset[str]
    surnames: frozenset[str]
    not_names: frozenset[str]
    street_suffixes: tuple[str, ...]
    address_units: tuple[str, ...]
    states: tuple[str, ...]
    address_cues: tuple[str, ...]
    mrn_keywords: tuple[str, ...]
    insurance_keywords: tuple[str, ...]


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


@cache
def zh_lexicon() -> ZhLexicon:
    """Return the compiled Chinese lexicon (loaded and validated once per process)."""
    k: PrivacyZh = loader.as_model("privacy_zh", PrivacyZh)
    return ZhLexicon(
        surnames=_chars(k.surnames.single) | _chars(k.extra_surnames.single),
        compound_surnames=_longest_first(k.surnames.compound.split()),
        common_surnames=_chars(k.common_surnames.single),
        diminutive_exclusions=frozenset(k.diminutive_exclusions.words),
        cues_before=_longest_first(k.name_cues.before),
        cues_after=_longest_first(k.name_cues.after),
        stop_chars=_chars(k.name_cues.stop_chars),
        not_names=frozenset(k.name_cues.not_names),
        speech_verbs=_longest_first(k.speaker_cues.verbs),
        not_speech_verbs=_longest_first(k.speaker_cues.not_verbs),
        before_speaker=_chars(k.speaker_cues.before_speaker),
        not_cueless_surnames=_chars(k.speaker_cues.not_surnames),
        clause_marks=frozenset(k.speaker_cues.clause_marks),
        ordinary_word_min_frequency=k.ordinary_words.min_frequency,
        provinces=_longest_first(k.address.provinces.split()),
        address_units=_longest_first(k.address.units),
        address_cues=_longest_first(k.address.cues),
        mrn_keywords=_longest_first(k.record_numbers.mrn),
        insurance_keywords=_longest_first(k.record_numbers.insurance),
        hospital_suffixes=_longest_first(k.hospital.suffixes),
        clinical_units=_longest_first(k.clinical_units.units),
    )


@cache
def en_lexicon() -> EnLexicon:
    """Return the compiled English lexicon (loaded and validated once per process)."""
    k: PrivacyEn = loader.as_model("privacy_en", PrivacyEn)
    n: PrivacyEnNames = loader.as_model("privacy_en_names", PrivacyEnNames)
    return EnLexicon(
        titles=_longest_first(k.name_cues.titles),
        labels=_longest_first(k.name_cues.labels),
        name_suffixes=_longest_first(k.name_cues.suffixes),
        first_names=frozenset(n.first_names.split()),
        surnames=frozenset(n.surnames.split()),
        not_names=frozenset(k.not_names.words),
        street_suffixes=_longest_first(k.address.street_suffixes),
        address_units=_longest_first(k.address.units),
        states=tuple(k.address.states),
        address_cues=_longest_first(k.address.cues),
        mrn_keywords=_longest_first(k.record_numbers.mrn),
        insurance_keywords=_longest_first(k.record_numbers.insurance),
    )
