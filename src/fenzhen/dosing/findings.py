"""A dose finding: one problem (or note) about a dose or order, with severity and source.

Severities follow CDS Hooks card indicators (``critical``, ``warning``, ``info``) so the
service can turn a finding into a card without translation.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from fenzhen.dosing.schema import Severity, SourceRef

__all__ = ["SEVERITY_ORDER", "DoseFinding", "cite", "finding"]

#: Most to least urgent.
SEVERITY_ORDER: dict[str, int] = {"critical": 0, "warning": 1, "info": 2}


class DoseFinding(BaseModel):
    """One finding about a dose: what, how serious, why (evidence) and from which reference."""

    model_config = ConfigDict(frozen=True)

    code: str = Field(description="above_max_single, below_therapeutic, interaction, allergy, …")
    severity: Severity
    message_en: str
    message_zh: str
    sources: list[str] = Field(default_factory=list, description="Source ids of the formulary.")
    citations: list[str] = Field(default_factory=list, description="Full references of `sources`.")
    evidence: dict[str, Any] = Field(default_factory=dict)


def cite(ref: SourceRef | None) -> tuple[list[str], list[str]]:
    """Return ``(ids, full references)`` for a source reference of the formulary."""
    from fenzhen.dosing.formulary import formulary

    ids = [] if ref is None else ([ref] if isinstance(ref, str) else list(ref))
    table = formulary().sources
    return ids, [table.get(i, i) for i in ids]


def finding(
    code: str, severity: Severity, en: str, zh: str, source: SourceRef | None = None, **evidence: Any
) -> DoseFinding:
    """Build a finding, resolving its source ids to full references."""
    ids, refs = cite(source)
    return DoseFinding(
        code=code, severity=severity, message_en=en, message_zh=zh, sources=ids, citations=refs, evidence=evidence
    )
