"""Metrics of the routing and care benchmarks: accuracy, top-3, macro-F1, confusion table."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

__all__ = ["confusion_table", "macro_f1", "topk_accuracy"]


def topk_accuracy(gold: Sequence[str], ranked: Sequence[Sequence[str]], k: int) -> float:
    """Share of rows whose gold label is among the first `k` predictions."""
    return sum(g in r[:k] for g, r in zip(gold, ranked, strict=True)) / max(len(gold), 1)


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Unweighted mean F1 over the labels present in `gold` (absent predictions count as errors)."""
    scores = []
    for label in sorted(set(gold)):
        tp = sum(g == label and p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, pred, strict=True))
        scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return sum(scores) / max(len(scores), 1)


def confusion_table(gold: Sequence[str], pred: Sequence[str]) -> str:
    """Render a gold × predicted count table (rows gold, columns predicted) as text."""
    labels = sorted(set(gold) | set(pred))
    counts = Counter(zip(gold, pred, strict=True))
    width = max(len(label) for label in labels) * 2 + 1
    lines = ["gold \\ pred".ljust(width) + " ".join(f"{i:>3}" for i in range(len(labels)))]
    for i, g in enumerate(labels):
        lines.append(f"{i:>2} {g}".ljust(width) + " ".join(f"{counts[(g, p)]:>3}" for p in labels))
    return "\n".join(lines)
