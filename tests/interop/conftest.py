"""Fixtures of the interop tests; the cases and the validator live in fhir_cases.py (importable by name)."""

from __future__ import annotations

import pytest
from tests.interop.fhir_cases import CASES, make_record

from fenzhen.interop.record import EncounterRecord


@pytest.fixture(params=sorted(CASES))
def record(request: pytest.FixtureRequest) -> EncounterRecord:
    return make_record(CASES[request.param])
