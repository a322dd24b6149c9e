"""Presidio's pattern-only configuration, the baseline on the English notes.

Presidio's AnalyzerEngine loads a spaCy NER model by default, which cannot be downloaded
offline; this baseline runs every predefined English recognizer that needs no NLP model
(regexes, checksums) directly, with Presidio's default score threshold of 0. It has no
PERSON or LOCATION recognizer without spaCy, which is the point: that is what Presidio gives
offline. Entity names are mapped onto Fenzhen's types for scoring.
"""

from __future__ import annotations

import logging
from typing import Any

__all__ = ["PRESIDIO_TO_FENZHEN", "presidio_pattern_recognizers", "run_presidio"]

PRESIDIO_TO_FENZHEN = {
    "PERSON": "NAME",
    "PHONE_NUMBER": "PHONE",
    "US_SSN": "ID",
    "EMAIL_ADDRESS": "EMAIL",
    "DATE_TIME": "DATE",
    "IP_ADDRESS": "IP",
    "URL": "URL",
    "LOCATION": "ADDRESS",
    "CREDIT_CARD": "BANK_CARD",
    "MEDICAL_LICENSE": "MRN",
}


def presidio_pattern_recognizers() -> list[Any]:
    """Return Presidio's predefined English recognizers minus the spaCy (NLP) one."""
    from presidio_analyzer import RecognizerRegistry

    registry = RecognizerRegistry()
    registry.load_predefined_recognizers(languages=["en"])
    return [r for r in registry.recognizers if "Spacy" not in type(r).__name__]


def run_presidio(texts: list[str]) -> list[list[tuple[int, int, str]]]:
    """Return (start, end, Fenzhen type) detections of the pattern-only Presidio per text."""
    # tldextract (used by Presidio's e-mail/URL validation) tries to fetch a suffix list online
    # and logs the failure at every call; it falls back to its bundled snapshot.
    logging.getLogger("tldextract").setLevel(logging.CRITICAL)
    recognizers = presidio_pattern_recognizers()
    out: list[list[tuple[int, int, str]]] = []
    for text in texts:
        found = []
        for rec in recognizers:
            for r in rec.analyze(text, entities=rec.supported_entities, nlp_artifacts=None) or []:
                found.append((r.start, r.end, PRESIDIO_TO_FENZHEN.get(r.entity_type, r.entity_type)))
        out.append(sorted(found))
    return out
