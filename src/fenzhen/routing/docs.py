"""Render the department catalogue as Markdown (docs/departments.md is generated from the data)."""

from __future__ import annotations

from fenzhen.knowledge import load

__all__ = ["departments_markdown"]


def departments_markdown() -> str:
    """The first- and second-level departments with aliases and constraints, as a Markdown document."""
    data = load("departments")
    lines = [
        "# 导诊 department catalogue",
        "",
        f"Generated from `src/fenzhen/knowledge/data/departments.yaml` (version {data.version}) by",
        "`python -m fenzhen.routing.docs > docs/departments.md`; a test keeps the two in step.",
        "",
        "Routing outputs exactly these first-level names. A clinic renames or hides departments it does",
        "not have in its configuration (`ClinicConfig(rename={...}, hidden=[...])` in `fenzhen.routing`),",
        "never in the data file. Non-negotiable rules come first: triage level 1–2 → 急诊科; children under",
        f"{data.paediatric_age_max_years:g} → 儿科 unless the complaint clearly belongs to a department that treats",
        "children; pregnancy-related complaints → 妇产科; sex constraints are respected.",
        "",
        "| first level | English | aliases | constraints | second level |",
        "|---|---|---|---|---|",
    ]
    for d in data.departments:
        constraints = []
        if d.sex:
            constraints.append(f"{d.sex} only")
        if d.age_min_years is not None:
            constraints.append(f"age ≥ {d.age_min_years:g}")
        if d.treats_children:
            constraints.append("treats children")
        subs = ", ".join(f"{s.name_zh} ({s.name_en})" for s in getattr(d, "subdepartments", []) or [])
        lines.append(f"| {d.name_zh} | {d.name_en} | {', '.join(d.aliases) or '—'} | "
                     f"{'; '.join(constraints) or '—'} | {subs or '—'} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(departments_markdown(), end="")
