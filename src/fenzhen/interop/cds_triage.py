"""The Fenzhen triage CDS service, on `patient-view` and on `encounter-start`.

Reads the Patient, recent vital-sign Observations and the chief complaint (prefetched, or fetched
from the EHR), assesses, and answers one card: `critical` for levels 1–2, `warning` for 3,
`info` for 4–5 (5-level acuity), with the reasons, the early-warning scores, a suggestion to
record the triage Observation and a link to the encounter in Fenzhen's UI.
A card that cannot be computed says why (as a warning card), rather than staying silent.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from fenzhen.domain import Assessment, Intake
from fenzhen.interop.cds_hooks import CdsRequest, CdsService, register
from fenzhen.interop.fhir_export import triage_observation
from fenzhen.interop.fhir_import import ImportResult, import_fhir
from fenzhen.interop.outcome import FhirInputError

__all__ = ["NO_COMPLAINT", "PREFETCH", "TriageEnv", "indicator", "triage_cards"]

NO_COMPLAINT = "未记录主诉 (no chief complaint recorded in the EHR)"
PREFETCH: dict[str, str] = {
    "patient": "Patient/{{context.patientId}}",
    "vitals": "Observation?patient={{context.patientId}}&category=vital-signs&_sort=-date&_count=50",
    "complaint": "Observation?patient={{context.patientId}}&code=http://loinc.org|8661-1&_sort=-date&_count=1",
}


def indicator(acuity: int) -> str:
    """Map a 5-level acuity to a card indicator: critical (1–2), warning (3), info (4–5)."""
    return "critical" if acuity <= 2 else "warning" if acuity == 3 else "info"


def _as_bundle(prefetched: dict[str, Any]) -> dict[str, Any]:
    entries: list[dict[str, Any]] = []
    for value in prefetched.values():
        if not isinstance(value, dict):
            continue
        if value.get("resourceType") == "Bundle":
            entries += [e for e in value.get("entry") or [] if isinstance(e, dict)]
        else:
            entries.append({"resource": value})
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}


def _detail(a: Assessment, result: ImportResult) -> str:
    lines = [
        f"**China level {a.china.level} {a.china.name_zh} ({a.china.name_en})**, "
        f"5-level acuity {a.acuity} ({a.acuity_info.name_en}); {a.china.response_zh}",
        "",
    ]
    if a.provisional:
        lines.append(f"Provisional: missing {', '.join(a.missing_vitals)}.")
    lines += ["Reasons:"] + [f"- {e.text_en} / {e.text_zh} ({e.source})" for e in a.evidence[:8]]
    lines += ["", "Early-warning scores:"] + [
        f"- {name}: {s.value if s.value is not None else 'n/a'} ({s.band}) — {s.response_en}"
        for name, s in a.scores.items()
    ]
    notes = [i.diagnostics for i in result.issues if i.severity == "warning" or "converted" in i.diagnostics]
    if notes:
        lines += ["", "Data notes:"] + [f"- {n}" for n in notes]
    return "\n".join([*lines, "", a.disclaimer])


def _card(req: CdsRequest, a: Assessment, result: ImportResult, link: str, source_url: str) -> dict[str, Any]:
    ctx = req.context
    obs = triage_observation(
        str(uuid.uuid4()),
        a,
        subject={"reference": f"Patient/{ctx['patientId']}"},
        encounter={"reference": f"Encounter/{ctx['encounterId']}"} if ctx.get("encounterId") else None,
        effective=datetime.now(UTC).isoformat(timespec="seconds"),
        derived_from=[],
    )
    obs.pop("id")
    summary = f"Triage: {a.china.level}级 {a.china.name_zh} / acuity {a.acuity} {a.acuity_info.name_en}"
    if a.red_flags:
        summary += f"; red flag: {a.red_flags[0].name_en}"
    return {
        "uuid": str(uuid.uuid4()),
        "summary": summary[:140],
        "indicator": indicator(a.acuity),
        "detail": _detail(a, result),
        "source": {"label": "Fenzhen triage (分诊)", "url": source_url},
        "suggestions": [
            {
                "label": "Record the triage level as an Observation",
                "uuid": str(uuid.uuid4()),
                "isRecommended": False,
                "actions": [
                    {"type": "create", "description": "Record Fenzhen's triage level", "resource": obs}
                ],
            }
        ],
        "selectionBehavior": "at-most-one",
        "links": [{"label": "Open in Fenzhen", "url": link, "type": "absolute"}],
    }


def triage_cards(req: CdsRequest, prefetched: dict[str, Any], env: Any) -> dict[str, Any]:
    """Answer a triage hook call with one card.

    Args:
        req: the CDS request.
        prefetched: prefetch data (completed by `complete_prefetch`).
        env: a `TriageEnv` (settings, assessor, recorder), built by the route.

    Returns:
        ``{"cards": [card]}``.
    """
    s = env.settings
    not_before = datetime.now(UTC) - timedelta(hours=s.vitals_max_age_h)
    try:
        result = import_fhir(_as_bundle(prefetched), not_before=not_before, complaint_fallback=NO_COMPLAINT)
    except FhirInputError as exc:
        return {
            "cards": [
                {
                    "uuid": str(uuid.uuid4()),
                    "indicator": "warning",
                    "summary": "Fenzhen could not triage: the EHR data has a problem",
                    "detail": "\n".join(
                        f"- `{i.expression}`: {i.diagnostics}" for i in exc.issues if i.severity == "error"
                    ),
                    "source": {"label": "Fenzhen triage (分诊)", "url": s.ui_base_url},
                }
            ]
        }
    assessment = env.assess(result.intake)
    encounter_id = env.record(result.intake, assessment, req.context)
    base = s.ui_base_url.rstrip("/")
    link = base + (s.encounter_path.format(encounter_id=encounter_id) if encounter_id else s.intake_path)
    return {"cards": [_card(req, assessment, result, link, base)]}


class TriageEnv:
    """What the triage handler needs from its host: settings, the assessor, the recorder."""

    def __init__(
        self,
        settings: Any,
        assess: Callable[[Intake], Assessment],
        record: Callable[[Intake, Assessment, dict[str, Any]], str | None],
    ) -> None:
        self.settings, self.assess, self.record = settings, assess, record


_DESCRIPTION = (
    "Triage level (China 4-level and 5-level acuity) with reasons and early-warning scores, "
    "from the patient's recent vital signs and chief complaint. Decision support: a clinician decides."
)
register(
    CdsService(
        id="fenzhen-triage-patient-view",
        hook="patient-view",
        title="Fenzhen triage",
        description=_DESCRIPTION,
        prefetch=dict(PREFETCH),
        handler=triage_cards,
    )
)
register(
    CdsService(
        id="fenzhen-triage-encounter-start",
        hook="encounter-start",
        title="Fenzhen triage",
        description=_DESCRIPTION,
        prefetch={**PREFETCH, "encounter": "Encounter/{{context.encounterId}}"},
        handler=triage_cards,
    )
)
