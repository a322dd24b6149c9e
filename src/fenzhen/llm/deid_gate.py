"""The privacy gate: text for a provider outside the clinic is de-identified first, or not sent.

A provider marked local (in-process, or a server inside the clinic) receives the text as the
clinician wrote it. Anything else receives only what `fenzhen.privacy.deidentify` returns; while
that capability is not installed, such providers receive nothing and the feature falls back to
rules. The gate fails closed: an error in de-identification means no text leaves.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from fenzhen.errors import FenzhenError, PrivacyError

__all__ = ["Deidentifier", "default_deidentifier", "gate_text"]

Deidentifier = Callable[[str], str]


def default_deidentifier() -> Deidentifier | None:
    """Return `fenzhen.privacy.deidentify` (tagging operator) if it exists, else None."""
    try:
        module = importlib.import_module("fenzhen.privacy")
    except ImportError:
        return None
    func: Any = getattr(module, "deidentify", None)
    if func is None:
        return None

    def run(text: str) -> str:
        result = func(text, operator="tag")
        out = result if isinstance(result, str) else getattr(result, "text", None)
        if not isinstance(out, str):
            raise PrivacyError("de-identification returned no text")
        return out

    return run


def gate_text(text: str, *, provider_is_local: bool, deidentifier: Deidentifier | None) -> tuple[str, bool]:
    """Return the text a provider may see, and whether it was de-identified.

    Args:
        text: patient-related text.
        provider_is_local: whether the provider runs inside the clinic.
        deidentifier: the de-identification function, or None if there is none.

    Raises:
        PrivacyError: the provider is not local and the text cannot be de-identified.
    """
    if provider_is_local:
        return text, False
    if deidentifier is None:
        raise PrivacyError(
            "this LLM provider is not marked local and de-identification is not available; "
            "only local providers may receive case text"
        )
    try:
        return deidentifier(text), True
    except PrivacyError:
        raise
    except (FenzhenError, ValueError, RuntimeError) as exc:
        raise PrivacyError(f"de-identification failed ({type(exc).__name__}); nothing was sent") from None
