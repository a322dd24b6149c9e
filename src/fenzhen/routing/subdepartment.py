"""Choose the second-level department once the first level is known.

Internal medicine has a model trained on 5,397 real questions (see `fenzhen.routing.data` for
the split); the other departments are told apart by their catalogue phrases (眼睛 → 眼科,
牙 → 口腔科), and stay at first level when nothing points to one sub-department.
"""

from __future__ import annotations

import numpy as np

from fenzhen.routing.catalogue import catalogue
from fenzhen.routing.model import default_model, softmax

__all__ = ["choose_subdepartment"]


def choose_subdepartment(department: str, text: str) -> tuple[str | None, float | None, list[str]]:
    """Return ``(sub-department, probability or None, matched words)`` for `text` in `department`."""
    if department == "内科":
        model = default_model("level2_internal")
        probs = softmax(model.logits(text) / model.temperature)
        best = int(np.argmax(probs))
        words = [w for w, _ in model.token_contributions(text, model.classes[best], top=3)]
        return model.classes[best], round(float(probs[best]), 4), words
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
    if best_name is None and department != "五官科":
        # The first sub-department is the general one (普外科, 妇科, 小儿内科 …); 五官科 has none.
        best_name = dept.subdepartments[0].name_zh
    return best_name, None, best_words
