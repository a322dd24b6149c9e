"""Choose the second-level department once the first level is known.

Internal medicine has a model trained on 5,397 real questions (see `fenzhen.routing.data` for
the split); the other departments, and internal medicine in words that model never saw (English),
are told apart by their catalogue phrases (眼睛 → 眼科, 牙 → 口腔科, cough → 呼吸内科), and stay at
first level when nothing points to one sub-department.
"""

from __future__ import annotations

import numpy as np

from fenzhen.routing.catalogue import catalogue
from fenzhen.routing.features import tokens
from fenzhen.routing.model import default_model, softmax

__all__ = ["choose_subdepartment"]


def choose_subdepartment(department: str, text: str) -> tuple[str | None, float | None, list[str]]:
    """Return ``(sub-department, probability or None, matched words)`` for `text` in `department`."""
    if department == "内科":
        learned = _internal_medicine(text)
        if learned is not None:
            return learned
    return _by_phrases(department, text)


def _internal_medicine(text: str) -> tuple[str, float, list[str]] | None:
    """The learned choice, or None when the model knows none of the text's words: it was trained on Chinese
    questions, and on English text alone it would only repeat its commonest class (肝病科)."""
    model = default_model("level2_internal")
    idx, _ = model.vocab.transform_one(tokens(text))
    if len(idx) == 0:
        return None
    probs = softmax(model.logits(text) / model.temperature)
    best = int(np.argmax(probs))
    words = [w for w, _ in model.token_contributions(text, model.classes[best], top=3)]
    return model.classes[best], round(float(probs[best]), 4), words


def _by_phrases(department: str, text: str) -> tuple[str | None, float | None, list[str]]:
    dept = catalogue().get(department)
    if len(dept.subdepartments) == 1:
        return dept.subdepartments[0].name_zh, None, []
    lowered = text.lower()
    best_name: str | None = None
    best_words: list[str] = []
    for sub in dept.subdepartments:
        words = [p for p in sub.phrases if p.lower() in lowered]
        if len(words) > len(best_words):
            best_name, best_words = sub.name_zh, words
    if best_name is None and department not in _NO_GENERAL_FIRST:
        # The first sub-department is the general one (普外科, 妇科, 小儿内科 …).
        best_name = dept.subdepartments[0].name_zh
    return best_name, None, best_words


#: Departments whose first sub-department is not a general one: with no phrase, they stay at first level.
_NO_GENERAL_FIRST = frozenset({"五官科", "内科"})
