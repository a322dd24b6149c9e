"""A deterministic, labelled synthetic corpus of Chinese and English clinical notes.

Each note joins identifiers generated with Faker (zh_CN, en_US) in the forms notes use them
(headers, apposition, signatures, family contacts, and in Chinese names with no cue word: a
speaker before 说/称/诉, the subject of a clause) to real clinical sentences sampled from
../shared/data: Chinese patients' questions (Toyhom Chinese-medical-dialogue-data, internal
medicine, MIT) and English transcriptions (mtsamples via clinspacy). Inserted identifiers are
the gold labels; every number in the real sentences, and the vital signs, doses, durations and
ages ≤ 89 that the templates insert, are "clinical numbers" that must survive. Every complaint
term of the clinical lexicon (`fenzhen.extract`) in them, and the non-names the templates put
where a name could stand (患者说, 医生说, 孩子说, 高烧说明), are "clinical terms" that must survive.

Limitations: identifiers are inserted by our own templates, so recall on notes written by
other hands will be lower; real sentences may contain residual identifiers that are not
labelled (they count as false positives).
"""

from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from fenzhen.privacy.types import PhiType

__all__ = ["Document", "GoldSpan", "build_corpus", "load_sentences"]

_NUMBER = re.compile(r"\d+(?:[.,/:]\d+)*")


@dataclass(frozen=True)
class GoldSpan:
    """A labelled identifier (or, with type None, a clinical number or term that must survive)."""

    type: PhiType | None
    start: int
    end: int


@dataclass
class Document:
    """One synthetic note: its text, language, gold identifiers, clinical-number and term probes."""

    language: str
    text: str = ""
    gold: list[GoldSpan] = field(default_factory=list)
    clinical: list[GoldSpan] = field(default_factory=list)
    terms: list[GoldSpan] = field(default_factory=list)

    def add(self, piece: str, phi: PhiType | None = None, *, clinical: bool = False, term: bool = False) -> None:
        """Append `piece`: an identifier (`phi`), a clinical number or term, or plain text whose
        numbers and lexicon terms become probes."""
        start = len(self.text)
        self.text += piece
        if phi is not None:
            self.gold.append(GoldSpan(phi, start, start + len(piece)))
        elif clinical:
            self.clinical.append(GoldSpan(None, start, start + len(piece)))
        elif term:
            self.terms.append(GoldSpan(None, start, start + len(piece)))
        else:
            self.clinical += [
                GoldSpan(None, start + m.start(), start + m.end()) for m in _NUMBER.finditer(piece)
            ]
            self.terms += [GoldSpan(None, start + a, start + b) for a, b in _terms(piece)]


def _terms(piece: str) -> list[tuple[int, int]]:
    """Return the spans of clinical-lexicon terms in `piece` (each span once)."""
    from fenzhen.extract import extract_findings

    return sorted({(f.start, f.end) for f in extract_findings(piece)})


def load_sentences(data_dir: Path, language: str, limit: int, rng: random.Random) -> list[str]:
    """Sample real clinical sentences (8-120 characters) from the shared data sets."""
    if language == "zh":
        path, column, splitter = (
            data_dir / "zh_internal_medicine" / "toyhom_internal_medicine_sample.csv",
            "ask",
            r"(?<=[。！？])",
        )
    else:
        path, column, splitter = (
            data_dir / "en_mtsamples" / "mtsamples.csv",
            "transcription",
            r"(?<=\.)\s+(?=[A-Z])",
        )
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r[column] for r in csv.DictReader(fh) if r.get(column)]
    rng.shuffle(rows)
    out: list[str] = []
    for row in rows:
        for sentence in re.split(splitter, row.replace(",,", ". ").replace(":,", ": ")):
            sentence = sentence.strip()
            if 8 <= len(sentence) <= 120:
                out.append(sentence)
        if len(out) >= limit:
            break
    return out[:limit]


def build_corpus(data_dir: Path, n_docs: int = 400, seed: int = 20261101) -> list[Document]:
    """Build `n_docs` notes, half Chinese and half English, the same for the same seed."""
    from faker import Faker

    from fenzhen.privacy.benchmark.templates import en_note, zh_note

    rng = random.Random(seed)
    fakers = {"zh": Faker("zh_CN"), "en": Faker("en_US")}
    for i, fk in enumerate(fakers.values()):
        fk.seed_instance(seed + i)
    half = n_docs // 2
    sentences = {lang: load_sentences(data_dir, lang, half * 4, rng) for lang in ("zh", "en")}
    docs: list[Document] = []
    for i in range(half):
        docs.append(zh_note(fakers["zh"], rng, sentences["zh"][i * 4 : (i + 1) * 4]))
        docs.append(en_note(fakers["en"], rng, sentences["en"][i * 4 : (i + 1) * 4]))
    return docs
