"""Prepare a uvicorn worker before its first request: load the engine, then freeze the heap.

Why: the first assessment in a process loads the knowledge files, the lexicon and the acuity
model; done at start, no patient's request pays for it. After that the worker holds ~125,000
long-lived objects that every full garbage collection walks (measured 65 ms per gen-2 collection,
a pause that lands on whichever requests are in flight: the p99 of ``POST /api/v1/assess``).
`gc.freeze` moves them to the permanent generation, so collections only walk what requests
allocate. Nothing is disabled: cycles made by requests are still collected.
"""

from __future__ import annotations

import gc
import logging

__all__ = ["warm_up"]

log = logging.getLogger("fenzhen.service")

#: A synthetic adult intake (no person): it only makes the engine load its data.
_SAMPLE = {"complaint": "头痛一天 headache", "age_years": 40, "sex": "female", "heart_rate_bpm": 80}


def warm_up() -> None:
    """Run one assessment so every lazy load happens now, then freeze the heap for the GC."""
    from fenzhen import Intake, assess
    from fenzhen.errors import FenzhenError

    try:
        assess(Intake.parse(_SAMPLE))
    except FenzhenError as exc:  # the service still starts; the request will report the problem
        log.warning("engine warm-up failed: %s", type(exc).__name__)
    gc.collect()
    gc.freeze()
