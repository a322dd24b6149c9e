"""Agreement metrics for ordinal triage levels (1 = most urgent)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

__all__ = ["LevelMetrics", "confusion_matrix", "level_metrics", "quadratic_weighted_kappa"]


def confusion_matrix(truth: Sequence[int], pred: Sequence[int], levels: Sequence[int]) -> list[list[int]]:
    """Rows are the true level, columns the predicted level, in the order of `levels`."""
    index = {level: i for i, level in enumerate(levels)}
    matrix = [[0] * len(levels) for _ in levels]
    for t, p in zip(truth, pred, strict=True):
        matrix[index[t]][index[p]] += 1
    return matrix


def quadratic_weighted_kappa(truth: Sequence[int], pred: Sequence[int], levels: Sequence[int]) -> float:
    """Cohen's kappa with quadratic weights (Cohen 1968), the usual agreement figure for triage scales."""
    k = len(levels)
    n = len(truth)
    if n == 0:
        return float("nan")
    observed = confusion_matrix(truth, pred, levels)
    row = [sum(r) for r in observed]
    col = [sum(observed[i][j] for i in range(k)) for j in range(k)]
    num = den = 0.0
    for i in range(k):
        for j in range(k):
            w = (i - j) ** 2 / (k - 1) ** 2
            num += w * observed[i][j]
            den += w * row[i] * col[j] / n
    return 1.0 - num / den if den else 1.0


@dataclass(frozen=True)
class LevelMetrics:
    n: int
    accuracy: float
    quadratic_weighted_kappa: float
    under_triage_rate: float
    over_triage_rate: float
    within_one_accuracy: float
    critical_recall: float
    critical_n: int

    def as_dict(self) -> dict[str, float | int]:
        return asdict(self)


def level_metrics(truth: Sequence[int], pred: Sequence[int], levels: Sequence[int] = (1, 2, 3, 4, 5)) -> LevelMetrics:
    """Accuracy, QWK, under/over-triage, within-one and recall of true levels 1–2 (predicted 1–2).

    Under-triage: predicted less urgent (a higher number) than the truth.
    """
    n = len(truth)
    pairs = list(zip(truth, pred, strict=True))
    critical = [(t, p) for t, p in pairs if t <= 2]
    safe = max(n, 1)
    return LevelMetrics(
        n=n,
        accuracy=sum(t == p for t, p in pairs) / safe,
        quadratic_weighted_kappa=quadratic_weighted_kappa(truth, pred, levels),
        under_triage_rate=sum(p > t for t, p in pairs) / safe,
        over_triage_rate=sum(p < t for t, p in pairs) / safe,
        within_one_accuracy=sum(abs(t - p) <= 1 for t, p in pairs) / safe,
        critical_recall=(sum(p <= 2 for _, p in critical) / len(critical)) if critical else float("nan"),
        critical_n=len(critical),
    )
