"""Multi-input first-order modifiers: pain by location (CTAS), fever with SIRS, China severe pain."""

from __future__ import annotations

from fenzhen.domain import Evidence, Intake
from fenzhen.knowledge import load

__all__ = ["fever_evidence", "pain_evidence", "pain_region"]


def pain_region(positive: set[str]) -> str | None:
    """Return "central" if any central pain concept is present, else "peripheral", else None."""
    regions = load("lexicon").concepts
    found = {regions[c].region for c in positive if c in regions and regions[c].region}
    if "central" in found:
        return "central"
    return "peripheral" if "peripheral" in found else None


def pain_evidence(intake: Intake, positive: set[str]) -> tuple[list[Evidence], list[tuple[str, str]]]:
    """CTAS pain modifier by location and the China 2018 severe-pain rule.

    Returns:
        Evidence items, and assumptions made as (English, Chinese) (a severe-pain word standing in for
        a missing NRS).
    """
    mods = load("modifiers")
    assumptions: list[tuple[str, str]] = []
    nrs = intake.pain_nrs
    if nrs is None and "severity_severe" in positive and pain_region(positive):
        nrs = mods.pain.severe_words_nrs
        assumptions.append((f"pain described as severe without a score: counted as NRS {nrs}",
                            f"疼痛描述为剧烈但未评分：按疼痛评分{nrs}分计"))
    if nrs is None:
        return [], assumptions
    evidence: list[Evidence] = []
    region = pain_region(positive)
    source = mods.sources[mods.pain.source]
    if region is not None and nrs > 0:
        band = next(b for b in getattr(mods.pain, region) if b.min <= nrs <= b.max)
        evidence.append(Evidence(
            input="pain_nrs", value=f"{nrs} ({region})", rule=f"ctas2016.pain.{region}.{band.min}_{band.max}",
            source=source, acuity=band.acuity, china_level=None,
            text_en=f"{region} pain NRS {band.min}-{band.max}",
            text_zh=f"{'中心部位' if region == 'central' else '外周部位'}疼痛 {band.min}~{band.max}分"))
    severe = mods.china_severe_pain
    if nrs >= severe.min_nrs:
        evidence.append(Evidence(
            input="pain_nrs", value=str(nrs), rule="china2018.severe_pain_7_10", source=mods.sources[severe.source],
            acuity=None, china_level=severe.china_level, text_en="severe pain (NRS 7-10, any cause)",
            text_zh="严重疼痛（7~10分，任何原因）"))
    return evidence, assumptions


def fever_evidence(intake: Intake) -> list[Evidence]:
    """CTAS temperature modifier: fever graded by the number of SIRS criteria met."""
    mods = load("modifiers").fever
    if intake.temp_c is None or intake.temp_c < mods.threshold_c:
        return []
    sirs = 1 + int(intake.heart_rate_bpm is not None and intake.heart_rate_bpm > mods.sirs.hr_gt) \
        + int(intake.resp_rate_bpm is not None and intake.resp_rate_bpm > mods.sirs.rr_gt)
    acuity = mods.by_sirs_count[sirs]
    return [Evidence(
        input="temp_c", value=f"{intake.temp_c:g}", rule=f"ctas2016.fever.sirs_{sirs}",
        source=load("modifiers").sources[mods.source], acuity=acuity, china_level=None,
        text_en=f"fever ≥{mods.threshold_c:g} °C with {sirs} SIRS criteria",
        text_zh=f"发热≥{mods.threshold_c:g}℃，符合{sirs}项SIRS标准")]
