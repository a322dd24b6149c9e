"""Consciousness from GCS and/or AVPU, with the AVPU ↔ GCS correspondence.

References:
    Teasdale G, Jennett B. Assessment of coma and impaired consciousness. Lancet 1974;2:81-84 —
    GCS 13–15 mild, 9–12 moderate, 3–8 severe impairment.
    Kelly CA, Upex A, Bateman DN. Comparison of consciousness level assessment in the poisoned
    patient using the AVPU and GCS. Ann Emerg Med 2004;44(2):108-113 — median GCS: V 13, P 8, U 3.
"""

from __future__ import annotations

from fenzhen.domain import AVPU, ScoreResult

__all__ = ["AVPU_TO_GCS", "consciousness"]

SOURCE = "Teasdale & Jennett, Lancet 1974 (GCS bands); Kelly et al., Ann Emerg Med 2004 (AVPU↔GCS)"

#: Median GCS observed for each AVPU category (Kelly 2004); C (new confusion) is GCS 14 by definition.
AVPU_TO_GCS: dict[AVPU, int] = {AVPU.A: 15, AVPU.C: 14, AVPU.V: 13, AVPU.P: 8, AVPU.U: 3}


def consciousness(*, gcs: int | None, avpu: AVPU | None) -> ScoreResult:
    """Report the level of consciousness, preferring a measured GCS over AVPU."""
    if gcs is None and avpu is None:
        return ScoreResult(name="consciousness", value=None, band="incomplete", missing=["gcs", "avpu"],
                           response_en="Record AVPU or GCS", response_zh="请记录AVPU或GCS", source=SOURCE)
    value = gcs if gcs is not None else AVPU_TO_GCS[avpu]  # type: ignore[index]
    if value <= 8:
        band, en, zh = ("severe", "Severe impairment (GCS 3–8): protect the airway, resuscitation area",
                        "重度意识障碍（GCS 3~8），保护气道，进入复苏区")
    elif value <= 12:
        band, en, zh = ("moderate", "Moderate impairment (GCS 9–12): immediate medical assessment",
                        "中度意识障碍（GCS 9~12），立即医生评估")
    elif value <= 14:
        band, en, zh = ("mild", "Mild impairment (GCS 13–14): urgent assessment, look for a cause",
                        "轻度意识障碍（GCS 13~14），尽快评估病因")
    else:
        band, en, zh = ("alert", "Alert (GCS 15)", "清醒（GCS 15）")
    return ScoreResult(name="consciousness", value=value, band=band, response_en=en, response_zh=zh,
                       components={"gcs": gcs, "avpu_gcs_equivalent": AVPU_TO_GCS[avpu] if avpu else None},
                       source=SOURCE)
