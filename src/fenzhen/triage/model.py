"""The learned acuity model: multinomial logistic regression over sparse features, as JSON.

Trained by `fenzhen train` (scikit-learn, extra `[train]`) and shipped in
`fenzhen/models/acuity_ktas.json`; inference is pure Python (a few microseconds), so triage
needs no ML library. The decision leans safe: the model takes the most urgent level whose
cumulative probability reaches `urgency_threshold` (below 0.5 = leaning urgent), chosen by
cross-validation to keep under-triage low, and reports it as an answer to "raise this rule
floor?": the floor itself or one level above it.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from fenzhen.domain import Finding, Intake, ModelOpinion
from fenzhen.errors import ModelError
from fenzhen.triage.features import features

__all__ = ["MAX_MODEL_RAISE", "MODEL_FILE", "RAISABLE_FLOORS", "AcuityModel", "combine_with_floor", "default_model",
           "is_model_applicable"]

MODEL_FILE = "acuity_ktas.json"

#: The model was trained on triage records with vital signs; with fewer than this many of
#: them its opinion would rest on how records go missing at one hospital, so it is not used.
MIN_CORE_VITALS = 3
_CORE_VITALS = ("heart_rate_bpm", "sbp_mmhg", "resp_rate_bpm", "temp_c")


#: How many levels above the rule floor the model may raise a patient. Its out-of-fold raises are
#: right about half the time; a two-level jump (a non-urgent complaint to "urgent" on word
#: statistics alone) was wrong far more often than one (bench/ktas: kappa +0.01–0.02 at the same
#: under-triage), and one level is a change a nurse can weigh against the evidence shown.
MAX_MODEL_RAISE = 1

#: Floors the model may raise. A floor of 5 means the rules recognised the complaint as one the
#: triage standard itself calls non-urgent (a cold, a localised rash, a prescription request, mild
#: extremity pain); out of fold the model's raises of those were right 2 times in 13.
RAISABLE_FLOORS = frozenset({2, 3, 4})


def combine_with_floor(floor: int, model_level: int) -> int:
    """The decided level: the model may raise the floor by up to MAX_MODEL_RAISE, never lower it."""
    if floor not in RAISABLE_FLOORS:
        return floor
    return min(floor, max(floor - MAX_MODEL_RAISE, model_level))


def is_model_applicable(intake: Intake) -> bool:
    """True when enough core vital signs are present for the learned model to be meaningful."""
    return sum(getattr(intake, f) is not None for f in _CORE_VITALS) >= MIN_CORE_VITALS


class AcuityModel:
    """A linear softmax model over the features of `fenzhen.triage.features`."""

    def __init__(self, spec: dict[str, Any]) -> None:
        try:
            self.version: str = spec["version"]
            self.classes: list[int] = [int(c) for c in spec["classes"]]
            self.intercept: list[float] = [float(x) for x in spec["intercept"]]
            self.weights: dict[str, list[float]] = {k: [float(x) for x in v] for k, v in spec["weights"].items()}
            self.urgency_threshold: float = float(spec["urgency_threshold"])
            self.meta: dict[str, Any] = dict(spec.get("meta", {}))
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"acuity model file is malformed: {exc}") from None
        if len(self.intercept) != len(self.classes) or any(len(w) != len(self.classes) for w in self.weights.values()):
            raise ModelError("acuity model file is inconsistent: weight rows do not match the classes")

    @classmethod
    def from_file(cls, path: Path) -> AcuityModel:
        try:
            return cls(json.loads(path.read_text("utf-8")))
        except (OSError, json.JSONDecodeError) as exc:
            raise ModelError(f"cannot read acuity model {path}: {exc}") from None

    def to_spec(self) -> dict[str, Any]:
        return {"version": self.version, "classes": self.classes, "intercept": self.intercept,
                "weights": self.weights, "urgency_threshold": self.urgency_threshold, "meta": self.meta}

    def probabilities(self, feats: dict[str, float]) -> list[float]:
        scores = list(self.intercept)
        n = len(scores)
        weights = self.weights
        for name, value in feats.items():
            row = weights.get(name)
            if row is None:
                continue
            if value == 1.0:  # indicator features, nearly all of them: no multiplication
                for i in range(n):
                    scores[i] += row[i]
            else:
                for i in range(n):
                    scores[i] += row[i] * value
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def decide(self, probs: list[float]) -> int:
        """The most urgent level whose cumulative probability reaches the threshold."""
        cumulative = 0.0
        for level, p in zip(self.classes, probs, strict=True):
            cumulative += p
            if cumulative >= self.urgency_threshold:
                return level
        return self.classes[-1]

    def predict(self, intake: Intake, findings: list[Finding], floor_acuity: int) -> ModelOpinion:
        """The model's level for this patient given the rule floor: the floor or one level above it.

        The model answers "should this floor be raised?"; its level is never more than one above
        the floor and never above a non-urgent (5) floor (see MAX_MODEL_RAISE, RAISABLE_FLOORS).
        """
        probs = self.probabilities(features(intake, findings, floor_acuity))
        return ModelOpinion(acuity=combine_with_floor(floor_acuity, self.decide(probs)), version=self.version,
                            probabilities={str(c): round(p, 4) for c, p in zip(self.classes, probs, strict=True)})


@cache
def default_model() -> AcuityModel | None:
    """The packaged model, or None if this installation ships none (rules only, stated in results)."""
    ref = resources.files("fenzhen.models").joinpath(MODEL_FILE)
    if not ref.is_file():
        return None
    return AcuityModel(json.loads(ref.read_text("utf-8")))
