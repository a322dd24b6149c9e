"""Match the routing keyword table against a complaint: the explainable half of the router.

Each un-negated match adds its entry's weight (log-odds) to a department. Several matches for
one department add with diminishing returns (the strongest counts fully, each further term
half as much, capped), so a long question that repeats a symptom does not overwhelm the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from fenzhen.extract.language import fold_variants, is_cjk
from fenzhen.extract.negation import is_negated
from fenzhen.routing.catalogue import keywords

__all__ = ["KeywordHit", "keyword_boosts", "match_keywords"]

#: Most log-odds the keyword table may add to one department.
BOOST_CAP = 4.0


@dataclass(frozen=True)
class KeywordHit:
    """One keyword found in the text, with the department it points to and its weight."""

    term: str
    department: str
    weight: float
    start: int


@cache
def _compiled() -> tuple[re.Pattern[str], dict[str, list[tuple[str, float]]]]:
    table: dict[str, list[tuple[str, float]]] = {}
    for entry in keywords().entries:
        for term in (*entry.zh, *entry.en):
            rows = table.setdefault(fold_variants(term.lower()), [])
            if (entry.department, entry.weight) not in rows:  # 腰疼 and 腰痛 listed both: one row
                rows.append((entry.department, entry.weight))
    parts = []
    for term in sorted(table, key=len, reverse=True):
        esc = re.escape(term)
        parts.append(esc if any(is_cjk(c) for c in term) else rf"(?<![a-z0-9]){esc}(?![a-z0-9])")
    return re.compile("|".join(parts)), table


def match_keywords(text: str) -> list[KeywordHit]:
    """Return every un-negated keyword in `text`, longest match first where terms overlap."""
    pattern, table = _compiled()
    lowered = fold_variants(text.lower())
    hits: list[KeywordHit] = []
    for m in pattern.finditer(lowered):
        if is_negated(lowered, m.start()):
            continue
        for dept, weight in table[m.group(0)]:
            hits.append(KeywordHit(term=text[m.start():m.end()], department=dept, weight=weight, start=m.start()))
    return hits


def keyword_boosts(hits: list[KeywordHit]) -> dict[str, float]:
    """Sum hits per department with diminishing returns: ``max + 0.5 × each further distinct term``."""
    per_dept: dict[str, dict[str, float]] = {}
    for hit in hits:
        terms = per_dept.setdefault(hit.department, {})
        terms[hit.term.lower()] = max(terms.get(hit.term.lower(), 0.0), hit.weight)
    out: dict[str, float] = {}
    for dept, terms in per_dept.items():
        weights = sorted(terms.values(), reverse=True)
        out[dept] = min(BOOST_CAP, weights[0] + 0.5 * sum(weights[1:]))
    return out
