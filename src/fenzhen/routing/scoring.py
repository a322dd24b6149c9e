"""Combine the learned model with the keyword table into first-level logits.

The model has seen few real questions outside internal medicine, so the knowledge table is what
moves a question about 痘痘 to 皮肤性病科 or one about 肾虚 to 中医科; the model ranks the rest.
"""

from __future__ import annotations

import numpy as np

from fenzhen.routing.keywords import KeywordHit, keyword_boosts, match_keywords
from fenzhen.routing.model import LinearRouter

__all__ = ["KEYWORD_SCALE", "combined_logits"]

#: How many model-logit units one unit of keyword weight is worth (fixed, not tuned on test data).
KEYWORD_SCALE = 1.0


def combined_logits(model: LinearRouter, text: str) -> tuple[np.ndarray, list[KeywordHit]]:
    """Return the uncalibrated first-level logits of `text` and the keyword hits behind them."""
    logits = model.logits(text)
    hits = match_keywords(text)
    for dept, boost in keyword_boosts(hits).items():
        if dept in model.classes:
            logits[model.classes.index(dept)] += KEYWORD_SCALE * boost
    return logits, hits
