"""Knowledge files: valid, versioned, every entry sourced, and cross-references resolved."""

from importlib import resources

import pytest
import yaml
from pydantic import ValidationError

from fenzhen.knowledge import load
from fenzhen.knowledge.loader import _loaded, parse_yaml, register_all
from fenzhen.knowledge.schemas import Concept, MeasuredBound, RedFlagRule

ALL_FILES = register_all()


@pytest.mark.parametrize("name", sorted(ALL_FILES))
def test_file_loads_with_version_and_sources(name: str) -> None:
    data = load(name)
    assert data.version and data.sources
    assert data.cited_sources() <= set(data.sources)
    assert name in _loaded


def test_red_flags_refer_to_lexicon_concepts() -> None:
    concepts = set(load("lexicon").concepts)
    for rule in load("red_flags").red_flags:
        assert set(rule.any) <= concepts, rule.id
        assert set(rule.with_any or []) <= concepts, rule.id


@pytest.mark.parametrize(("bound", "problem"), [
    ({"field": "temperature", "ge": 38}, "not a measured intake field"),
    ({"field": "temp_c"}, "exactly one comparison"),
    ({"field": "temp_c", "ge": 38, "lt": 41}, "exactly one comparison"),
])
def test_a_measured_bound_names_one_intake_field_and_one_comparison(bound: dict[str, object], problem: str) -> None:
    with pytest.raises(ValidationError, match=problem):
        MeasuredBound.model_validate(bound)


@pytest.mark.parametrize("text", ["a: 1\nb: 2\na: 3\n", "- {id: x, acuity: 2, id: y}\n"])
def test_a_key_written_twice_is_an_error_not_a_silent_overwrite(text: str) -> None:
    with pytest.raises(yaml.YAMLError, match="duplicate key"):
        parse_yaml(text)


def test_a_red_flag_waits_only_on_a_measured_intake_field() -> None:
    rule = {"id": "x", "name_en": "x", "name_zh": "x", "any": ["fever"], "acuity": 3, "china_level": 3, "source": "s"}
    assert RedFlagRule.model_validate({**rule, "unmeasured": "sbp_mmhg"}).unmeasured == "sbp_mmhg"
    with pytest.raises(ValidationError, match="not a measured intake field"):
        RedFlagRule.model_validate({**rule, "unmeasured": "blood_pressure"})


@pytest.mark.parametrize("roles", [{"shield": True, "implies": ["fever"]}, {"shield": True, "qualifier": True},
                                   {"qualifier": True, "named": True}, {"shield": True, "region": "central"}])
def test_a_shield_or_qualifier_concept_has_one_role(roles: dict[str, object]) -> None:
    with pytest.raises(ValidationError, match="cannot"):
        Concept.model_validate({"source": "s", "en": ["x"], **roles})


def test_a_term_listed_twice_in_a_concept_is_an_error() -> None:
    with pytest.raises(ValidationError, match="listed twice"):
        Concept(source="x", zh=["胸痛", "胸闷", "胸痛"])
    with pytest.raises(ValidationError, match="listed twice"):
        Concept(source="x", en=["INR high", "inr high"])


def test_implied_concepts_exist() -> None:
    concepts = load("lexicon").concepts
    for name, concept in concepts.items():
        assert set(concept.implies) <= set(concepts), name


def test_levels_tables_are_complete() -> None:
    levels = load("triage_levels")
    assert [r.level for r in levels.acuity] == [1, 2, 3, 4, 5]
    assert [r.level for r in levels.china] == [1, 2, 3, 4]
    assert [r.name_zh for r in levels.china] == ["濒危", "危重", "急症", "非急症"]
    assert set(levels.acuity_to_china) == {1, 2, 3, 4, 5}


def test_complaint_modifiers_refer_to_lexicon_concepts() -> None:
    concepts = set(load("lexicon").concepts)
    for row in load("complaint_modifiers").complaints:
        assert set(row.any) <= concepts, row.id


def test_every_packaged_yaml_is_registered() -> None:
    packaged = {p.name.removesuffix(".yaml") for p in resources.files("fenzhen.knowledge.data").iterdir()
                if p.name.endswith(".yaml")}
    assert packaged == set(ALL_FILES)
