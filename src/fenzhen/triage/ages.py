"""Age bands, and which age counts as a child for the paediatric tables."""

from __future__ import annotations

from fenzhen.domain import AgeBand

__all__ = ["CHILD_MAX_YEARS", "CHILD_NAMED", "NEONATE_MAX_YEARS", "age_band", "is_child"]

#: Paediatric vital-sign tables apply below this age (儿科 in China sees children under 14).
CHILD_MAX_YEARS = 14.0
#: Lexicon concepts that name a child ("宝宝", "newborn"): with no age recorded they let the red flags
#: written for children apply (a rule's `named_by`), and the result says so.
CHILD_NAMED = frozenset({"child_marker", "newborn"})
#: 28 days, in years.
NEONATE_MAX_YEARS = 28 / 365.25

_BANDS: tuple[tuple[float, AgeBand], ...] = (
    (NEONATE_MAX_YEARS, AgeBand.neonate),
    (1.0, AgeBand.infant),
    (3.0, AgeBand.toddler),
    (12.0, AgeBand.child),
    (18.0, AgeBand.adolescent),
    (65.0, AgeBand.adult),
)


def age_band(age_years: float | None) -> AgeBand:
    """Return the age band; an unknown age is treated as adult (and the result says so)."""
    if age_years is None:
        return AgeBand.adult
    for upper, band in _BANDS:
        if age_years < upper:
            return band
    return AgeBand.older_adult


def is_child(age_years: float | None) -> bool:
    """True below `CHILD_MAX_YEARS`; unknown age is not a child (adult rules, stated as an assumption)."""
    return age_years is not None and age_years < CHILD_MAX_YEARS
