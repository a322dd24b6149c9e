"""Export: every resource validates as FHIR (fhir.resources R4B models), codes and privacy hold."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError
from tests.interop.fhir_cases import CASES, make_record, validate_r4

from fenzhen.interop.codesystems import codesystem_url
from fenzhen.interop.fhir_export import export_bundle
from fenzhen.interop.record import EncounterRecord, ReviewRecord, RoutingRecord

KEY = b"test-pseudonym-key"


def _by_type(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def _loinc(obs: dict[str, Any]) -> set[str]:
    return {c["code"] for c in obs["code"]["coding"] if c["system"] == "http://loinc.org"}


@pytest.mark.parametrize("identifiers", [True, False])
def test_every_resource_validates(record: EncounterRecord, identifiers: bool) -> None:
    bundle = export_bundle(record, include_identifiers=identifiers, pseudonym_key=KEY)
    validate_r4(bundle)
    for entry in bundle["entry"]:
        validate_r4(entry["resource"])


def test_validator_is_not_vacuous() -> None:
    with pytest.raises(ValidationError):
        validate_r4({"resourceType": "Observation", "status": "final", "code": {"text": "x"}, "valueFoo": 1})


def test_vital_signs_loinc_and_ucum() -> None:
    bundle = export_bundle(make_record(CASES["septic"]), include_identifiers=False, pseudonym_key=KEY)
    obs = {frozenset(_loinc(o)): o for o in _by_type(bundle, "Observation") if _loinc(o)}
    expected = {"8867-4": "/min", "9279-1": "/min", "8310-5": "Cel", "29463-7": "kg"}
    for code, unit in expected.items():
        o = obs[frozenset({code})]
        assert (
            o["valueQuantity"]["code"] == unit and o["valueQuantity"]["system"] == "http://unitsofmeasure.org"
        )
        assert o["category"][0]["coding"][0]["code"] == "vital-signs"
    assert obs[frozenset({"2708-6", "59408-5"})]["valueQuantity"] == {
        "value": 91.0,
        "unit": "%",
        "system": "http://unitsofmeasure.org",
        "code": "%",
    }
    bp = obs[frozenset({"85354-9"})]
    parts = {c["code"]["coding"][0]["code"]: c["valueQuantity"]["value"] for c in bp["component"]}
    assert parts == {"8480-6": 88.0, "8462-4": 52.0}
    assert bp["meta"]["profile"][-1] == "http://hl7.org/fhir/StructureDefinition/bp"


def test_patient_identifiers_follow_role() -> None:
    record = make_record(CASES["ankle"])
    full = _by_type(export_bundle(record, include_identifiers=True, pseudonym_key=KEY), "Patient")[0]
    pseudo = _by_type(export_bundle(record, include_identifiers=False, pseudonym_key=KEY), "Patient")[0]
    assert full["name"] == [{"text": "王小明"}] and full["birthDate"] == "1959-01-01"
    text = str(pseudo)
    for secret in ("王小明", "110101195901011234", "13800138000", "1959", "pat-0001"):
        assert secret not in text
    assert pseudo["meta"]["security"][0]["code"] == "PSEUDED"
    assert pseudo["id"] == full["id"]  # same pseudonym key → same resource id, linkable by the holder
    other = export_bundle(record, include_identifiers=False, pseudonym_key=b"another-key")
    assert _by_type(other, "Patient")[0]["id"] != pseudo["id"]


def test_level_priority_scores_flags() -> None:
    record = make_record(CASES["septic"])
    a = record.latest.assessment
    bundle = export_bundle(record, include_identifiers=False, pseudonym_key=KEY)
    triage = next(
        o for o in _by_type(bundle, "Observation") if o["code"]["coding"][0]["code"] == "triage-level"
    )
    coding = triage["valueCodeableConcept"]["coding"][0]
    assert (coding["system"], coding["code"]) == (
        codesystem_url("fenzhen-triage-china-4level"),
        str(a.china_level),
    )
    assert triage["component"][0]["valueCodeableConcept"]["coding"][0]["code"] == str(a.acuity)
    encounter = _by_type(bundle, "Encounter")[0]
    assert encounter["priority"]["coding"][0]["code"] == {1: "S", 2: "EM", 3: "UR", 4: "R", 5: "R"}[a.acuity]
    full_urls = {e["fullUrl"] for e in bundle["entry"]}
    risks = _by_type(bundle, "RiskAssessment")
    assert {r["code"]["coding"][0]["code"] for r in risks} == set(a.scores)
    news2 = next(r for r in risks if r["code"]["coding"][0]["code"] == "news2")
    assert len(news2["basis"]) >= 5 and all(b["reference"] in full_urls for b in news2["basis"])
    assert news2["extension"][0]["valueDecimal"] == a.scores["news2"].value
    assert len(_by_type(bundle, "Flag")) == len(a.red_flags)


def test_review_and_routing() -> None:
    review = ReviewRecord(
        id="rev-1",
        decision="override",
        acuity=2,
        reason="looks unwell",
        department="儿科",
        created_at="2026-03-02T08:12:00+08:00",
        reviewer_id="user-7",
    )
    record = make_record(CASES["child"], review=review, routing=RoutingRecord(care_level="township"))
    bundle = export_bundle(record, include_identifiers=False, pseudonym_key=KEY)
    prov = _by_type(bundle, "Provenance")[0]
    assert prov["activity"]["text"] == "override" and prov["reason"] == [{"text": "looks unwell"}]
    assert len(prov["target"]) == 2
    sr = _by_type(bundle, "ServiceRequest")[0]
    assert sr["performerType"]["text"] == "儿科" and sr["priority"] == "asap"
    assert _by_type(bundle, "Encounter")[0]["priority"]["coding"][0]["code"] == "EM"


def test_no_service_request_without_routing(record: EncounterRecord) -> None:
    assert not _by_type(export_bundle(record, include_identifiers=False, pseudonym_key=KEY), "ServiceRequest")
