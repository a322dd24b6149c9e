"""The service's optional language model: one guarded client per worker, and features that never fail.

The client is built on first use from the ``llm_*`` settings (`fenzhen.settings.llm_config`), so a
worker that never needs the model never loads it (a GGUF file can take seconds and gigabytes).
Every feature returns the rules' result with a note when there is no model, when the model is
down, slow, off-schema, or fails in a way nobody foresaw: a model is an external component and
the triage desk must always get an answer, never a 500.

Reads of stored cases are audited (``read`` of the assessment, with the purpose) in a short
transaction of their own; the model is called after it commits, so no database transaction waits
on a model.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

from fenzhen.domain import Assessment, Intake
from fenzhen.errors import FenzhenError, NotFoundError
from fenzhen.llm import (
    DraftNote,
    Explanation,
    LLMClient,
    SecondOpinion,
    build_client,
    draft_note,
    explain_for_patient,
    llm_status,
    second_opinion,
)
from fenzhen.settings import Settings, _hide_password, llm_config
from fenzhen.store.audit import append_event
from fenzhen.store.db import Database
from fenzhen.store.models import AssessmentRow, IntakeRow

__all__ = ["LlmRuntime", "StoredCase", "read_case"]

log = logging.getLogger(__name__)
Language = Literal["zh", "en"]
T = TypeVar("T")
#: After a failed build (e.g. a missing GGUF file), wait this long before trying again.
REBUILD_AFTER_S = 60.0
_ID_LENGTH = 32
STATUS_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class StoredCase:
    """One stored triage: the intake as given and the rules' assessment."""

    assessment_id: str
    encounter_id: str
    intake: Intake
    assessment: Assessment


def read_case(database: Database, assessment_id: str, *, actor: str, purpose: str) -> StoredCase:
    """Load a stored assessment with its intake, recording the read in the audit trail.

    Args:
        database: the service's database.
        assessment_id: the assessment's 32-hex-digit id.
        actor: who reads (user name).
        purpose: why, for the audit detail (``llm_second_opinion`` …); never patient data.

    Raises:
        NotFoundError: unknown or malformed id.
    """
    if len(assessment_id) != _ID_LENGTH or not assessment_id.isalnum():
        raise NotFoundError("no such assessment")
    with database.transaction() as session:
        row = session.get(AssessmentRow, assessment_id)
        intake_row = session.get(IntakeRow, row.intake_id) if row is not None else None
        if row is None or intake_row is None:
            raise NotFoundError("no such assessment")
        append_event(
            session,
            actor=actor,
            action="read",
            object_type="assessment",
            object_id=assessment_id,
            detail={"purpose": purpose},
        )
        return StoredCase(
            assessment_id=row.id,
            encounter_id=row.encounter_id,
            intake=Intake.model_validate_json(intake_row.intake_json),
            assessment=Assessment.model_validate_json(row.assessment_json),
        )


class LlmRuntime:
    """The model of one service process, built lazily, with features that always answer.

    Args:
        settings: the service's settings; ``llm_kind = "none"`` means no model.
    """

    def __init__(self, settings: Settings) -> None:
        self.config = llm_config(settings)
        self.data_dir: Path = settings.data_dir
        self._client: LLMClient | None = None
        self._problem: str | None = None
        self._failed_at = 0.0
        self._lock = threading.Lock()

    @property
    def configured(self) -> bool:
        """Whether a model is configured at all."""
        return self.config is not None

    def client(self) -> tuple[LLMClient | None, str | None]:
        """Return the client, or None with the reason it cannot be had (None when not configured)."""
        if self.config is None:
            return None, None
        with self._lock:
            if self._client is None and time.monotonic() - self._failed_at >= REBUILD_AFTER_S:
                try:
                    self._client = build_client(self.config, self.data_dir)
                    self._problem = None
                except FenzhenError as exc:
                    self._problem, self._failed_at = exc.message, time.monotonic()
            return self._client, self._problem

    def _guarded(self, feature: str, with_model: Callable[[LLMClient], T], rules: Callable[[], T]) -> T:
        client, problem = self.client()
        if client is None:
            result = rules()
            return result if problem is None else _renote(result, f"LLM unavailable ({problem})")
        try:
            return with_model(client)
        except Exception as exc:  # noqa: BLE001 - an unforeseen model failure must not reach the desk
            log.warning("LLM %s failed unexpectedly (%s); rules path used", feature, type(exc).__name__)
            return _renote(rules(), f"LLM failed ({type(exc).__name__})")

    def second_opinion(self, case: StoredCase) -> SecondOpinion:
        """The model's acuity and reasoning beside the rules (raise only; advisory)."""
        return self._guarded(
            "second opinion",
            lambda c: second_opinion(case.intake, case.assessment, c),
            lambda: second_opinion(case.intake, case.assessment, None),
        )

    def explain(self, case: StoredCase, language: Language) -> Explanation:
        """Plain-language explanation for the patient and family."""
        return self._guarded(
            "explanation",
            lambda c: explain_for_patient(case.assessment, c, language=language),
            lambda: explain_for_patient(case.assessment, None, language=language),
        )

    def draft_note(self, case: StoredCase, language: Language) -> DraftNote:
        """A draft structured note for the clinician to edit."""
        return self._guarded(
            "note",
            lambda c: draft_note(case.intake, case.assessment, c, language=language),
            lambda: draft_note(case.intake, case.assessment, None, language=language),
        )

    def status(self) -> dict[str, Any]:
        """Reachability (a ping, no case text), this worker's circuit breaker, and the cache."""
        probe = self.config
        if probe is not None:  # a status check, not a triage: do not wait the full model timeout
            probe = probe.model_copy(update={"timeout_s": min(probe.timeout_s, STATUS_TIMEOUT_S)})
        status = llm_status(probe, self.data_dir).model_dump()
        if status.get("endpoint"):
            name, _, where = status["endpoint"].partition(" @ ")
            status["endpoint"] = f"{name} @ {_hide_password(where)}"
        client, problem = self.client() if self.config is not None else (None, None)
        status["circuit_breaker"] = client.breaker.state if client is not None else None
        status["client_problem"] = problem
        return status


def _renote(result: T, reason: str) -> T:
    """Replace a rules-path result's note with why the model was not used."""
    note = getattr(result, "note", "")
    tail = note.split(":", 1)[1].strip() if ":" in note else note
    return result.model_copy(update={"note": f"{reason}: {tail}"})  # type: ignore[attr-defined]
