"""docs/triage_rules.md is generated from the knowledge files and lists every rule with its source."""

from pathlib import Path

from fenzhen.knowledge import load
from fenzhen.triage.docs import triage_rules_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "triage_rules.md"


def test_triage_rules_doc_is_generated_from_the_data() -> None:
    assert DOC.read_text(encoding="utf-8") == triage_rules_markdown(), \
        "regenerate: python -m fenzhen.triage.docs > docs/triage_rules.md"


def test_every_rule_and_source_appears() -> None:
    doc = triage_rules_markdown()
    vitals = load("vital_criteria")
    ids = [r.id for group in (vitals.adult, vitals.all_ages, vitals.paediatric) for r in group]
    ids += [r.id for r in load("red_flags").red_flags] + [c.id for c in load("complaint_modifiers").complaints]
    assert all(f"`{i}`" in doc for i in ids)
    assert all(f"**{key}**" in doc for key in load("red_flags").sources)
