"""Finding extraction by the model, merged with the lexicon: the model can add, never remove.

The lexicon's findings are deterministic and drive the rule floors, so they are kept exactly as
found (including their negation). The model contributes (a) concepts the lexicon missed, only
when the words it cites really occur in the complaint (a guard against invented findings), and
(b) detail the lexicon does not give: onset, severity and body site. Where the model contradicts
a lexicon finding (e.g. calls it negated), the lexicon stands and the disagreement is noted.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, Field, create_model

from fenzhen.domain import Finding
from fenzhen.errors import FenzhenError
from fenzhen.extract import extract_findings
from fenzhen.knowledge import load
from fenzhen.llm.client import LLMClient
from fenzhen.llm.provider import Provider
from fenzhen.llm.types import clipped_list, clipped_text

__all__ = ["ExtractedFinding", "FindingExtraction", "extract_with_llm", "finding_schema", "merge_findings"]

PROMPT = "extract_findings"
Severity = Literal["mild", "moderate", "severe", "unknown"]


class ExtractedFinding(BaseModel):
    """A finding after merging: the lexicon's span and negation, with the model's detail."""

    concept: str
    text: str
    negated: bool
    start: int | None = Field(None, description="Offset in the complaint; None if not located.")
    end: int | None = None
    onset: str | None = None
    severity: Severity = "unknown"
    body_site: str | None = None
    source: Literal["lexicon", "llm", "lexicon+llm"]


class FindingExtraction(BaseModel):
    """All findings for a complaint, and what the model added or was refused."""

    findings: list[ExtractedFinding]
    llm_used: bool
    added: list[str] = Field(default_factory=list, description="Concepts only the model found.")
    notes: list[str] = Field(default_factory=list)
    model: str | None = None


@cache
def finding_schema() -> type[BaseModel]:
    """The JSON schema the model must follow, with concept ids limited to the lexicon's."""
    concepts = tuple(load("lexicon").concepts)
    item = create_model(
        "LLMFinding",
        concept=(Literal[concepts], ...),  # type: ignore[valid-type,arg-type]
        negated=(bool, ...),
        onset=(str | None, None),
        severity=(Severity, "unknown"),
        body_site=(str | None, None),
        evidence=(clipped_text(200), ...),
    )
    return create_model("LLMFindings", findings=(clipped_list(item, 30), ...))  # type: ignore[valid-type]


def merge_findings(
    text: str, lexicon: list[Finding], proposed: list[BaseModel]
) -> tuple[list[ExtractedFinding], list[str], list[str]]:
    """Merge the model's findings into the lexicon's.

    Args:
        text: the complaint (to check that cited words occur in it).
        lexicon: the lexicon's findings, all kept.
        proposed: the model's findings (`finding_schema` items).

    Returns:
        ``(findings, added concepts, notes)``.
    """
    merged = [
        ExtractedFinding(
            concept=f.concept, text=f.text, negated=f.negated, start=f.start, end=f.end, source="lexicon"
        )
        for f in lexicon
    ]
    by_concept = {f.concept: f for f in merged}
    added: list[str] = []
    notes: list[str] = []
    lowered = text.lower()
    for p in proposed:
        concept, negated, evidence = p.concept, p.negated, p.evidence.strip()  # type: ignore[attr-defined]
        detail = {"onset": p.onset, "severity": p.severity, "body_site": p.body_site}  # type: ignore[attr-defined]
        known = by_concept.get(concept)
        if known is not None:
            if known.negated != negated:
                notes.append(
                    f"model read {concept} as {'absent' if negated else 'present'}; "
                    f"the lexicon's reading ({'absent' if known.negated else 'present'}) stands"
                )
                continue
            idx = merged.index(known)
            merged[idx] = known.model_copy(update={**detail, "source": "lexicon+llm"})
            by_concept[concept] = merged[idx]
            continue
        start = lowered.find(evidence.lower()) if evidence else -1
        if start < 0:
            notes.append(f"model proposed {concept} citing words not in the complaint: not added")
            continue
        finding = ExtractedFinding(
            concept=concept,
            text=text[start : start + len(evidence)],
            negated=negated,
            start=start,
            end=start + len(evidence),
            source="llm",
            **detail,
        )
        merged.append(finding)
        by_concept[concept] = finding
        added.append(concept)
    return merged, added, notes


def extract_with_llm(
    text: str, provider: LLMClient | Provider | None, *, max_tokens: int = 600
) -> FindingExtraction:
    """Extract findings with the lexicon, then let the model add to them.

    Args:
        text: the complaint.
        provider: an `LLMClient` or provider; None = lexicon only.
        max_tokens: the longest answer to wait for (a small model may list findings until cut off).

    Returns:
        The merged findings; on any model failure, the lexicon's findings and a note saying so.
    """
    lexicon = extract_findings(text)
    lexicon_only = [
        ExtractedFinding(
            concept=f.concept, text=f.text, negated=f.negated, start=f.start, end=f.end, source="lexicon"
        )
        for f in lexicon
    ]
    if provider is None:
        return FindingExtraction(
            findings=lexicon_only, llm_used=False, notes=["no LLM configured: lexicon only"]
        )
    client = provider if isinstance(provider, LLMClient) else LLMClient(provider)
    variables = {"concepts": ", ".join(load("lexicon").concepts), "case_text": text}
    try:
        done = client.structured(PROMPT, variables, finding_schema(), max_tokens=max_tokens)
    except (FenzhenError, OSError, RuntimeError, ValueError) as exc:
        message = exc.message if isinstance(exc, FenzhenError) else type(exc).__name__
        return FindingExtraction(
            findings=lexicon_only,
            llm_used=False,
            notes=[f"LLM extraction unavailable ({message}): lexicon only"],
        )
    merged, added, notes = merge_findings(text, lexicon, list(done.value.findings))  # type: ignore[attr-defined]
    return FindingExtraction(findings=merged, llm_used=True, added=added, notes=notes, model=done.model)
