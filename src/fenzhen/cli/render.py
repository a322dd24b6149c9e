"""Render an Assessment for a terminal: the levels first, then why, in Chinese or English."""

from __future__ import annotations

import click

from fenzhen.domain import MEASURES, Assessment
from fenzhen.scores.band_names import band_zh

__all__ = ["render_assessment"]

_COLOURS = {"red": "red", "orange": "bright_red", "yellow": "yellow", "green": "green", "blue": "blue",
            "white": "white"}


def _vital_name(field: str, zh: bool) -> str:
    """A missing vital as a nurse says it, not as a field name."""
    if field == "avpu_or_gcs":
        return "意识（AVPU或GCS）" if zh else "consciousness (AVPU or GCS)"
    measure = MEASURES.get(field)
    return field if measure is None else measure.label_zh if zh else measure.label_en


def _minutes(minutes: int, lang: str) -> str:
    if minutes == 0:
        return "立即" if lang == "zh" else "immediately"
    return f"≤{minutes} 分钟" if lang == "zh" else f"within {minutes} min"


def render_assessment(a: Assessment, lang: str = "zh") -> str:
    """Return a readable multi-line summary (colour only decorates; every level has a text label)."""
    zh = lang == "zh"
    c, k = a.china, a.acuity_info
    lines = [
        click.style(f"{'中国急诊预检分级' if zh else 'China level'}: {c.level}级 {c.name_zh}"
                    f" ({c.colour_zh if zh else c.colour}, {c.zone_zh if zh else c.zone})",
                    fg=_COLOURS.get(c.colour), bold=True),
        f"  {'响应' if zh else 'Response'}: {c.response_zh if zh else _minutes(c.response_minutes, lang)}",
        click.style(f"{'五级分诊' if zh else '5-level acuity'}: {k.level} {k.name_zh if zh else k.name_en}"
                    f" — {_minutes(k.response_minutes, lang)}", fg=_COLOURS.get(k.colour), bold=True),
    ]
    if a.red_flags:
        lines.append(("危险信号" if zh else "Red flags") + ":")
        lines += [f"  ! {f.name_zh if zh else f.name_en} [{f.matched}]" for f in a.red_flags]
    lines.append(("依据" if zh else "Why") + ":")
    for e in a.evidence:
        parts = (f"{e.acuity}" if e.acuity else "", f"{e.china_level}级" if e.china_level else "")
        levels = "/".join(x for x in parts if x)
        lines.append(f"  - {e.text_zh if zh else e.text_en} ({e.input}={e.value}) → {levels}  [{e.rule}]")
    if not a.evidence:
        lines.append("  - " + ("无规则触发" if zh else "no rule fired"))
    if a.model:
        lines.append(f"  - {'模型' if zh else 'model'}: {a.model.acuity} ({a.agreement})")
    lines.append(("评分" if zh else "Scores") + ":")
    for s in a.scores.values():
        value = "—" if s.value is None else f"{s.value:g}"
        band, response = (band_zh(s.band), s.response_zh) if zh else (s.band, s.response_en)
        lines.append(f"  {s.name}: {value} {band} — {response}")
    if a.missing_vitals:
        lines.append(click.style(("缺少生命体征（分级为临时结果）" if zh else "Missing vitals (level is provisional)")
                                 + ": " + ("、" if zh else ", ").join(_vital_name(f, zh) for f in a.missing_vitals),
                                 fg="yellow"))
    for note in (*(a.assumptions_zh if zh and a.assumptions_zh else a.assumptions),
                 *(a.warnings_zh if zh and a.warnings_zh else a.warnings)):
        lines.append(click.style(f"  * {note}", fg="yellow"))
    lines.append(a.disclaimer)
    return "\n".join(lines)
