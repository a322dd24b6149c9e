"""Clinical scores: one module per score, pure functions that read like their published tables.

Each function takes explicit, unit-named arguments (None = not measured), returns a
`ScoreResult` with the value, the band, the recommended response and the missing inputs, and
never treats a missing input as normal: with inputs missing, the band says "incomplete".
"""

from fenzhen.scores.consciousness import consciousness
from fenzhen.scores.news2 import news2
from fenzhen.scores.pews import pews
from fenzhen.scores.qsofa import qsofa
from fenzhen.scores.shock_index import shock_index

__all__ = ["consciousness", "news2", "pews", "qsofa", "shock_index"]
