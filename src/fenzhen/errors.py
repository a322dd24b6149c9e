"""Fenzhen's exceptions: one root, a shallow tree, the exit code and HTTP status on each class.

::

    FenzhenError                 exit 1   HTTP 500
    ├── InputError               exit 2   HTTP 422   bad clinical or request input (names the field)
    ├── KnowledgeError           exit 3   HTTP 500   a knowledge file failed validation on load
    ├── ModelError               exit 4   HTTP 500   a learned model is missing or inconsistent
    ├── ProviderUnavailable      exit 5   HTTP 503   an external provider (LLM, FHIR server) is down
    ├── PrivacyError             exit 6   HTTP 422   de-identification could not be done safely
    ├── AuthError                exit 7   HTTP 401   missing or invalid credentials
    │   └── ForbiddenError       exit 7   HTTP 403   authenticated, but the role may not do this
    ├── NotFoundError            exit 8   HTTP 404   a stored object does not exist
    └── ConflictError            exit 9   HTTP 409   the request conflicts with stored state

Messages never contain patient identifiers: they name fields, values of clinical
measurements and accepted ranges, which is what a user needs to correct the input.
"""

from __future__ import annotations

from typing import Any, ClassVar

__all__ = [
    "EXIT_CODES",
    "AuthError",
    "ConflictError",
    "FenzhenError",
    "FieldProblem",
    "ForbiddenError",
    "InputError",
    "KnowledgeError",
    "ModelError",
    "NotFoundError",
    "PrivacyError",
    "ProviderUnavailable",
]


class FieldProblem(dict[str, Any]):
    """One field-level problem: ``{"field", "value", "problem", "accepted"}`` (JSON-ready)."""


class FenzhenError(Exception):
    """Root of every error Fenzhen raises on purpose."""

    exit_code: ClassVar[int] = 1
    http_status: ClassVar[int] = 500

    def __init__(self, message: str, *, fields: list[FieldProblem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields: list[FieldProblem] = fields or []


class InputError(FenzhenError):
    """Input that cannot be assessed: impossible value, wrong unit, malformed text."""

    exit_code = 2
    http_status = 422

    @classmethod
    def for_field(
        cls,
        field: str,
        value: Any,
        problem: str,
        accepted: str | None = None,
    ) -> InputError:
        """Build an error that names the field, the value, the problem and the accepted range."""
        shown = value if isinstance(value, int | float | bool) or value is None else str(value)[:40]
        text = f"{field}: {problem} (got {shown!r}"
        text += f"; accepted {accepted})" if accepted else ")"
        return cls(text, fields=[FieldProblem(field=field, value=shown, problem=problem, accepted=accepted)])


class KnowledgeError(FenzhenError):
    """A packaged or configured knowledge file is missing, malformed or lacks a source."""

    exit_code = 3


class ModelError(FenzhenError):
    """A learned model file is missing, corrupt or was trained on other features."""

    exit_code = 4


class ProviderUnavailable(FenzhenError):
    """An external provider did not answer in time; callers fall back to rules."""

    exit_code = 5
    http_status = 503


class PrivacyError(FenzhenError):
    """De-identification could not be completed, so nothing is released."""

    exit_code = 6
    http_status = 422


class AuthError(FenzhenError):
    """Missing or invalid credentials."""

    exit_code = 7
    http_status = 401


class ForbiddenError(AuthError):
    """Valid credentials whose role does not permit the action."""

    http_status = 403


class NotFoundError(FenzhenError):
    """The referenced object does not exist (or the caller may not know it does)."""

    exit_code = 8
    http_status = 404


class ConflictError(FenzhenError):
    """The request conflicts with what is stored (e.g. a duplicate user name)."""

    exit_code = 9
    http_status = 409


#: Every CLI exit code with its help text; a meta-test checks that none lacks one.
EXIT_CODES: dict[int, str] = {
    0: "success",
    1: "unexpected Fenzhen error",
    2: "input error: a field is missing, impossible or in the wrong unit",
    3: "knowledge error: a knowledge file failed validation",
    4: "model error: a learned model is missing or inconsistent",
    5: "provider unavailable: an external service did not answer",
    6: "privacy error: de-identification could not be completed",
    7: "authentication or authorisation failed",
    8: "not found",
    9: "conflict with stored state",
}
