"""Train the acuity model on KTAS-format data, and predict out-of-fold for honest figures.

Needs scikit-learn (`pip install fenzhen[train]`); the trained model is plain JSON and inference
does not. The urgency threshold is chosen by inner cross-validation (repeated) as the largest threshold
(least over-triage) whose out-of-fold under-triage stays within `max_under_triage`.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from fenzhen.bench.ktas_data import KtasRow
from fenzhen.bench.metrics import level_metrics
from fenzhen.errors import FenzhenError
from fenzhen.extract import extract_findings
from fenzhen.triage.features import features
from fenzhen.triage.model import AcuityModel, combine_with_floor, is_model_applicable

__all__ = ["TrainConfig", "cross_val_levels", "fit", "rule_floor", "training_examples"]

Progress = Callable[[int], None]


@dataclass(frozen=True)
class TrainConfig:
    # Inverse regularisation strength. About 400 sparse features (mostly complaint words) for 760
    # visits overfit at weaker regularisation: out of fold on the KTAS dev file, over three shuffles,
    # kappa averaged 0.751 at C=0.1, 0.747 at 0.25, 0.743 at 0.5 and 0.736 at 1, at the same
    # under-triage. (Choosing C inside the training folds instead was noisier than the differences,
    # 0.745-0.753; like the margin below, this value was picked on out-of-fold figures.)
    c: float = 0.1
    folds: int = 5
    seed: int = 20261126
    inner_repeats: int = 3
    # The threshold is chosen where inner cross-validation keeps under-triage at 7.75%, a margin under
    # the 8% target: on the KTAS dev file a choice made at exactly 8% realised 8.2% out of fold, at
    # 7.75% 7.8%, at 7.5% 7.4% (this margin was picked on those out-of-fold figures: the held-out
    # file is the honest test of it).
    max_under_triage: float = 0.0775
    thresholds: tuple[float, ...] = tuple(round(0.2 + 0.0125 * i, 4) for i in range(25))


@dataclass(frozen=True)
class Example:
    feats: dict[str, float]
    floor: int
    expert: int


def _require_sklearn() -> Any:
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise FenzhenError("training needs scikit-learn: install `fenzhen[train]`") from None
    return DictVectorizer, LogisticRegression


def rule_floor(row: KtasRow) -> int:
    """The rule floor for a row (the engine without a model)."""
    from fenzhen.triage.engine import assess

    return assess(row.intake, model=None).rule_floor_acuity


def training_examples(rows: Sequence[KtasRow]) -> list[Example]:
    """Examples for the model: rows where the model applies (enough vitals); see `_final_levels`."""
    out = []
    for row in rows:
        floor = rule_floor(row)
        out.append(Example(features(row.intake, extract_findings(row.intake.complaint), floor), floor, row.expert))
    return out


def _fit_weights(examples: Sequence[Example], c: float) -> dict[str, Any]:
    dict_vectorizer, logistic_regression = _require_sklearn()
    vec = dict_vectorizer(sparse=True)
    x = vec.fit_transform([e.feats for e in examples])
    y = [e.expert for e in examples]
    clf = logistic_regression(C=c, max_iter=2000)
    clf.fit(x, y)
    classes = [int(k) for k in clf.classes_]
    names = vec.get_feature_names_out()
    weights = {str(name): [round(float(clf.coef_[k][j]), 6) for k in range(len(classes))]
               for j, name in enumerate(names) if any(abs(clf.coef_[k][j]) > 1e-9 for k in range(len(classes)))}
    return {"classes": classes, "intercept": [round(float(b), 6) for b in clf.intercept_], "weights": weights}


def _folds(n: int, k: int, seed: int) -> list[list[int]]:
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


def _oof_probs(examples: Sequence[Example], cfg: TrainConfig, progress: Progress | None,
               seed: int) -> list[list[float]]:
    probs: list[list[float]] = [[] for _ in examples]
    for held in _folds(len(examples), cfg.folds, seed):
        held_set = set(held)
        spec = _fit_weights([e for i, e in enumerate(examples) if i not in held_set], cfg.c)
        model = AcuityModel({**spec, "version": "cv", "urgency_threshold": 0.5})
        for i in held:
            probs[i] = model.probabilities(examples[i].feats)
        if progress:
            progress(1)
    return probs


def _levels_at(examples: Sequence[Example], probs: Sequence[list[float]], threshold: float) -> list[int]:
    model = AcuityModel({"version": "t", "classes": [1, 2, 3, 4, 5], "intercept": [0] * 5, "weights": {},
                         "urgency_threshold": threshold})
    return [combine_with_floor(e.floor, model.decide(p)) for e, p in zip(examples, probs, strict=True)]


def _choose_threshold(examples: Sequence[Example], cfg: TrainConfig, progress: Progress | None = None) -> float:
    """The largest threshold whose out-of-fold under-triage, averaged over `inner_repeats` differently
    shuffled cross-validations, stays within `max_under_triage`: one shuffle alone is a noisy estimate."""
    truth = [e.expert for e in examples]
    repeats = [_oof_probs(examples, cfg, progress, cfg.seed + 100 * r) for r in range(cfg.inner_repeats)]
    best = min(cfg.thresholds)
    for t in sorted(cfg.thresholds):
        under = sum(level_metrics(truth, _levels_at(examples, probs, t)).under_triage_rate for probs in repeats)
        if under / len(repeats) <= cfg.max_under_triage:
            best = t
    return best


def cross_val_levels(rows: Sequence[KtasRow], cfg: TrainConfig = TrainConfig(),
                     progress: Progress | None = None) -> list[int]:
    """Out-of-fold final levels (floor and model combined), for reporting on the training file.

    The threshold for each outer fold is chosen on that fold's training part only.
    """
    examples = training_examples(rows)
    usable = [is_model_applicable(r.intake) for r in rows]
    levels = [0] * len(examples)
    for held in _folds(len(examples), cfg.folds, cfg.seed + 1):
        held_set = set(held)
        train = [e for i, e in enumerate(examples) if i not in held_set and usable[i]]
        threshold = _choose_threshold(train, cfg)
        spec = _fit_weights(train, cfg.c)
        model = AcuityModel({**spec, "version": "cv", "urgency_threshold": threshold})
        for i in held:
            opinion = model.decide(model.probabilities(examples[i].feats)) if usable[i] else 5
            levels[i] = combine_with_floor(examples[i].floor, opinion)
        if progress:
            progress(1)
    return levels


def fit(rows: Sequence[KtasRow], data_sha256: str, cfg: TrainConfig = TrainConfig(),
        progress: Progress | None = None) -> AcuityModel:
    """Fit the packaged model on all rows where it applies, threshold chosen by cross-validation."""
    examples = [e for e, r in zip(training_examples(rows), rows, strict=True) if is_model_applicable(r.intake)]
    threshold = _choose_threshold(examples, cfg, progress)
    spec = _fit_weights(examples, cfg.c)
    if progress:
        progress(1)
    # No timestamps: the same data and code give a byte-identical model file.
    meta = {"rows": len(rows), "training_data_sha256": data_sha256, "c": cfg.c, "folds": cfg.folds,
            "seed": cfg.seed, "inner_repeats": cfg.inner_repeats, "max_under_triage": cfg.max_under_triage,
            "inputs": "complaint findings and words, vitals, pain, AVPU, age, sex, arrival, injury, rule floor"}
    # The version names the data and the weights, so every assessment records which model decided.
    content = hashlib.sha256(json.dumps([spec, threshold], sort_keys=True).encode()).hexdigest()
    return AcuityModel({**spec, "version": f"ktas-lr-{data_sha256[:8]}-{content[:8]}",
                        "urgency_threshold": threshold, "meta": meta})
