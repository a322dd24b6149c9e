"""Shared helper for the recognizer tables: the union of overlapping hits, as the engine merges them."""

from __future__ import annotations

from fenzhen.privacy.types import PhiSpan

__all__ = ["union"]


def union(spans: list[PhiSpan]) -> list[tuple[int, int]]:
    """Return the merged (start, end) intervals covered by `spans`, in order."""
    out: list[list[int]] = []
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if out and s.start < out[-1][1]:
            out[-1][1] = max(out[-1][1], s.end)
        else:
            out.append([s.start, s.end])
    return [(a, b) for a, b in out]
