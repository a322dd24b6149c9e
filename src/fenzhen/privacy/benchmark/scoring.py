"""Score detections against the gold labels: recall, precision, clinical-number damage.

- An identifier is *recalled* when every letter, digit and Chinese character of it is covered
  by some detection (of any type): partly hidden is still a leak.
- A detection is *correct* when it overlaps a gold identifier; otherwise it is a false positive.
- A clinical number or term is *damaged* when any detection overlaps it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from fenzhen.privacy.benchmark.corpus import Document
from fenzhen.privacy.types import DIRECT_IDENTIFIERS

__all__ = ["Scores", "score_documents"]

Interval = tuple[int, int, str]


@dataclass
class Scores:
    """Counts per type, and the ratios derived from them."""

    gold: dict[str, int] = field(default_factory=dict)
    recalled: dict[str, int] = field(default_factory=dict)
    predicted: dict[str, int] = field(default_factory=dict)
    correct: dict[str, int] = field(default_factory=dict)
    clinical_total: int = 0
    clinical_damaged: int = 0
    terms_total: int = 0
    terms_damaged: int = 0

    @staticmethod
    def _ratio(num: int, den: int) -> float | None:
        return round(num / den, 4) if den else None

    def summary(self) -> dict[str, object]:
        types = sorted(set(self.gold) | set(self.predicted))
        direct = [t for t in self.gold if t in {str(x) for x in DIRECT_IDENTIFIERS}]
        return {
            "per_type": {
                t: {
                    "gold": self.gold.get(t, 0),
                    "recall": self._ratio(self.recalled.get(t, 0), self.gold.get(t, 0)),
                    "predicted": self.predicted.get(t, 0),
                    "precision": self._ratio(self.correct.get(t, 0), self.predicted.get(t, 0)),
                }
                for t in types
            },
            "recall": self._ratio(sum(self.recalled.values()), sum(self.gold.values())),
            "precision": self._ratio(sum(self.correct.values()), sum(self.predicted.values())),
            "direct_identifier_recall": self._ratio(
                sum(self.recalled.get(t, 0) for t in direct), sum(self.gold.get(t, 0) for t in direct)
            ),
            "clinical_numbers": self.clinical_total,
            "clinical_number_damage_rate": self._ratio(self.clinical_damaged, self.clinical_total),
            "clinical_terms": self.terms_total,
            "clinical_term_damage_rate": self._ratio(self.terms_damaged, self.terms_total),
        }


def _covered(text: str, start: int, end: int, preds: list[Interval]) -> bool:
    mask = [False] * (end - start)
    for ps, pe, _ in preds:
        for i in range(max(ps, start), min(pe, end)):
            mask[i - start] = True
    return all(mask[i - start] or not text[i].isalnum() for i in range(start, end))


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def score_documents(
    docs: list[Document], predictions: list[list[Interval]], scores: Scores | None = None
) -> Scores:
    """Accumulate the scores of `predictions` (start, end, type per document) on `docs`."""
    sc = scores or Scores()
    for doc, preds in zip(docs, predictions, strict=True):
        gold_spans = [(g.start, g.end) for g in doc.gold]
        for g in doc.gold:
            key = str(g.type)
            sc.gold[key] = sc.gold.get(key, 0) + 1
            near = [p for p in preds if p[0] < g.end and g.start < p[1]]
            if _covered(doc.text, g.start, g.end, near):
                sc.recalled[key] = sc.recalled.get(key, 0) + 1
        for ps, pe, ptype in preds:
            sc.predicted[ptype] = sc.predicted.get(ptype, 0) + 1
            if _overlaps(ps, pe, gold_spans):
                sc.correct[ptype] = sc.correct.get(ptype, 0) + 1
        for c in doc.clinical:
            sc.clinical_total += 1
            if _overlaps(c.start, c.end, ((p[0], p[1]) for p in preds)):
                sc.clinical_damaged += 1
        for c in doc.terms:
            sc.terms_total += 1
            if _overlaps(c.start, c.end, ((p[0], p[1]) for p in preds)):
                sc.terms_damaged += 1
    return sc
