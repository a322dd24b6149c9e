"""The formulary file: complete, every number sourced, every reference resolvable."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

from fenzhen.dosing import formulary, resolve_drug
from fenzhen.knowledge import loaded_versions

REQUIRED = [
    "paracetamol",
    "ibuprofen",
    "amoxicillin",
    "amoxicillin_clavulanate",
    "azithromycin",
    "cefuroxime",
    "ceftriaxone",
    "cotrimoxazole",
    "metronidazole",
    "nitrofurantoin",
    "salbutamol",
    "budesonide",
    "prednisolone",
    "dexamethasone",
    "ors",
    "zinc",
    "ondansetron",
    "domperidone",
    "metoclopramide",
    "cetirizine",
    "loratadine",
    "chlorphenamine",
    "adrenaline",
    "diazepam",
    "midazolam",
    "glucose",
    "amlodipine",
    "nifedipine",
    "metoprolol",
    "enalapril",
    "losartan",
    "hydrochlorothiazide",
    "furosemide",
    "metformin",
    "gliclazide",
    "insulin",
    "aspirin",
    "clopidogrel",
    "atorvastatin",
    "omeprazole",
]


def _raw() -> dict[str, Any]:
    text = resources.files("fenzhen.knowledge.data").joinpath("formulary.yaml").read_text("utf-8")
    return yaml.safe_load(text)  # type: ignore[no-any-return]


def _unsourced(node: Any, path: str) -> list[str]:
    bad: list[str] = []
    if isinstance(node, dict):
        has_number = any(isinstance(v, int | float) and not isinstance(v, bool) for v in node.values())
        if has_number and "source" not in node:
            bad.append(path)
        for k, v in node.items():
            bad += _unsourced(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            bad += _unsourced(v, f"{path}[{i}]")
    return bad


def test_every_number_has_a_source() -> None:
    assert _unsourced(_raw()["drugs"], "drugs") == []


def test_the_number_check_can_fail() -> None:
    assert _unsourced({"x": {"dose": 5}}, "d") == ["d.x"]


def test_required_essential_medicines_present_with_names() -> None:
    f = formulary()
    assert len(f.drugs) >= 40
    for drug_id in REQUIRED:
        d = f.drugs[drug_id]
        assert d.name_en and d.name_zh and d.synonyms and d.forms and d.indications
    assert "formulary" in loaded_versions()


def test_chinese_names_and_synonyms_resolve() -> None:
    assert resolve_drug("对乙酰氨基酚")[0] == "paracetamol"
    assert resolve_drug("Acetaminophen")[0] == "paracetamol"
    assert resolve_drug("co-amoxiclav")[0] == "amoxicillin_clavulanate"
    assert resolve_drug("扑尔敏")[0] == "chlorphenamine"


def test_names_are_unambiguous() -> None:
    seen: dict[str, str] = {}
    from fenzhen.dosing.formulary import normalise_name

    for drug_id, d in formulary().drugs.items():
        for n in {normalise_name(x) for x in (drug_id, d.name_en, d.name_zh, *d.synonyms)}:
            assert seen.setdefault(n, drug_id) == drug_id, f"{n} names {seen[n]} and {drug_id}"


def test_both_children_and_adults_covered_and_renal_bands_ordered() -> None:
    f = formulary()
    child = sum(1 for d in f.drugs.values() for i in d.indications.values() for r in i.regimens if r.age_min_years < 12)
    assert child >= 40
    for d in f.drugs.values():
        for b in d.renal:
            assert b.gfr_min_ml_min < b.gfr_max_ml_min
        assert d.pregnancy.source and d.lactation.source
