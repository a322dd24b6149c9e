"""Complaint-specific levels (complaint_modifiers.yaml): each row as its cited standard states it."""

import pytest

from fenzhen import Intake, assess
from fenzhen.extract import extract_findings
from fenzhen.knowledge import load
from fenzhen.triage.complaint_floors import complaint_evidence
from fenzhen.triage.features import features

# (complaint, rule id, acuity) — CTAS 2016 (Bullard, CJEM 2017) and KTAS (Son, JKSEM 2021).
CASES = [
    ("dyspnea", "complaint.ctas2016.dyspnea_mild_distress", 3),
    ("气短两天", "complaint.ctas2016.dyspnea_mild_distress", 3),
    ("dizziness", "complaint.ktas.dizziness", 3),
    ("头晕半天", "complaint.ktas.dizziness", 3),
    ("fever", "complaint.ctas2016.fever_looks_well", 4),
    ("发烧", "complaint.ctas2016.fever_looks_well", 4),
    ("vomiting", "complaint.ctas2016.vomiting_potential_dehydration", 4),
    ("拉肚子", "complaint.ctas2016.vomiting_potential_dehydration", 4),
    ("拉肚子三天，眼窝凹陷", "complaint.ctas2016.dehydration_at_least_mild", 3),
    ("vomiting all day, looks dehydrated", "complaint.ctas2016.dehydration_at_least_mild", 3),
]


@pytest.mark.parametrize(("complaint", "rule", "acuity"), CASES)
def test_complaint_sets_its_own_level(complaint: str, rule: str, acuity: int) -> None:
    found = {e.rule: e for e in complaint_evidence(Intake(complaint=complaint), extract_findings(complaint))}
    assert found[rule].acuity == acuity and found[rule].source
    a = assess(Intake(complaint=complaint, age_years=40, heart_rate_bpm=80, sbp_mmhg=125, resp_rate_bpm=16,
                      temp_c=36.8, spo2_pct=98, avpu="A"), model=None)
    assert a.rule_floor_acuity == acuity
    assert rule in {e.rule for e in a.evidence}
    # The China level follows the table for a 5-level-only row (acuity 3 → 3级, 4 → 4级).
    assert a.china_level == {3: 3, 4: 4}[acuity]


@pytest.mark.parametrize("complaint", ["denies dyspnea, ankle sprain", "无头晕，手指划伤", "no fever, rash"])
def test_negated_complaint_sets_no_level(complaint: str) -> None:
    assert complaint_evidence(Intake(complaint=complaint), extract_findings(complaint)) == []


def test_every_row_names_a_known_concept_and_source() -> None:
    data = load("complaint_modifiers")
    concepts = set(load("lexicon").concepts)
    for row in data.complaints:
        assert set(row.any) <= concepts, row.id
        assert row.source in data.sources


def test_a_rule_only_raises() -> None:
    # Severe respiratory distress stays at its own floor; the complaint row does not lower it.
    a = assess(Intake(complaint="dyspnea", age_years=60, spo2_pct=85), model=None)
    assert a.rule_floor_acuity <= 2


def test_age_limit_is_respected(monkeypatch: pytest.MonkeyPatch) -> None:
    from fenzhen.triage import complaint_floors

    row = load("complaint_modifiers").complaints[0].model_copy(update={"age_min_years": 18.0})
    monkeypatch.setattr(complaint_floors, "_rules_by_concept", lambda: {c: (row,) for c in row.any})
    findings = extract_findings("dyspnea")
    assert complaint_evidence(Intake(complaint="dyspnea", age_years=17.9), findings) == []
    assert complaint_evidence(Intake(complaint="dyspnea"), findings) == []
    assert len(complaint_evidence(Intake(complaint="dyspnea", age_years=18), findings)) == 1


def test_model_sees_pain_by_location() -> None:
    intake = Intake(complaint="abd pain", pain_nrs=6)
    feats = features(intake, extract_findings("abd pain"), 3)
    assert feats["pain=central:4-6"] == 1.0
    limb = Intake(complaint="knee pain", pain_nrs=6)
    assert features(limb, extract_findings("knee pain"), 4)["pain=peripheral:4-6"] == 1.0


def test_dyspnoea_without_spo2_leans_to_moderate_distress() -> None:
    from fenzhen import Intake, assess

    unmeasured = assess(Intake(complaint="气促半天", age_years=60), model=None)
    assert unmeasured.rule_floor_acuity == 2
    assert "complaint.ctas2016.dyspnea_spo2_unmeasured" in {e.rule for e in unmeasured.evidence}
    measured = assess(Intake(complaint="气促半天", age_years=60, spo2_pct=97), model=None)
    assert measured.rule_floor_acuity == 3


_NORMAL = dict(age_years=40, heart_rate_bpm=80, sbp_mmhg=125, resp_rate_bpm=16, temp_c=36.8, spo2_pct=98, avpu="A")


@pytest.mark.parametrize(("complaint", "acuity"), [
    ("ankle sprain", 4),               # an acute complaint no modifier raised: CTAS/KTAS level IV
    ("手指划伤", 4),
    ("something nobody listed", 4),    # unrecognised: never the least urgent level by default
    ("runny nose", 5),                 # non-urgent kinds of the CTAS level V definition stay 5
    ("medication refill", 5),
    ("皮疹，瘙痒", 5),
    ("sore throat, abdominal pain", 4),  # a non-urgent kind beside another complaint is not non-urgent
])
def test_acute_default_level(complaint: str, acuity: int) -> None:
    a = assess(Intake(complaint=complaint, **_NORMAL), model=None)
    assert a.rule_floor_acuity == acuity
    rules = {e.rule for e in a.evidence}
    assert ("complaint.acute_default" in rules) is (acuity == 4)
    assert ("complaint.non_urgent_kind" in rules) is (acuity == 5)  # a level 5 says why, too


def test_acute_default_does_not_stack_on_a_more_urgent_rule() -> None:
    a = assess(Intake(complaint="dizziness", **_NORMAL), model=None)
    assert a.rule_floor_acuity == 3
    assert "complaint.acute_default" not in {e.rule for e in a.evidence}


@pytest.mark.parametrize(("pain", "acuity"), [
    (2, 5),      # KTAS extremity pain: acute mild peripheral pain → 5
    (5, 4),      # moderate → 4
    (8, 3),      # severe → 3
    (None, 4),   # no pain score: not presumed mild
])
def test_pain_graded_complaints_follow_the_recorded_pain(pain: int | None, acuity: int) -> None:
    a = assess(Intake(complaint="left forearm pain", pain_nrs=pain, **_NORMAL), model=None)
    assert a.rule_floor_acuity == acuity


@pytest.mark.parametrize(("complaint", "pain", "acuity"), [
    ("冻疮", 2, 5), ("frostbite of two toes", 5, 4),        # KTAS frostbite: peripheral pain, else 5
    ("带状疱疹", 2, 5), ("shingles on the chest wall", 8, 3),  # a localised rash graded by its pain
    ("带状疱疹", None, 4),                                     # without a pain score: not presumed mild
])
def test_frostbite_and_shingles_are_graded_by_pain(complaint: str, pain: int | None, acuity: int) -> None:
    a = assess(Intake(complaint=complaint, pain_nrs=pain, **_NORMAL), model=None)
    assert a.rule_floor_acuity == acuity


@pytest.mark.parametrize(("complaint", "acuity"), [
    ("乳房肿块一个月", 5),      # KTAS: lumps, bumps and calluses → 5
    ("白带异常", 4),            # KTAS: mild discharge → 5; "mild" is not in the words, so the acute default
    ("中暑", 4),                # heat illness: graded by its vital signs; heat stroke is a red flag
])
def test_primary_care_complaint_kinds(complaint: str, acuity: int) -> None:
    assert assess(Intake(complaint=complaint, **_NORMAL), model=None).rule_floor_acuity == acuity


def test_a_dislocated_jaw_is_not_a_limb_deformity() -> None:
    a = assess(Intake(complaint="dislocation of jaw", **_NORMAL), model=None)
    assert "complaint.ktas.limb_deformity" not in {e.rule for e in a.evidence}


def test_non_urgent_kinds_are_lexicon_concepts() -> None:
    default = load("complaint_modifiers").acute_default
    assert set(default.non_urgent) | set(default.graded_by_pain) <= set(load("lexicon").concepts)
    assert default.acuity == 4 and default.source in load("complaint_modifiers").sources


@pytest.mark.parametrize(("complaint", "rule", "acuity"), [
    ("palpitation", "complaint.ktas.palpitations_ongoing", 3),       # KTAS: acute onset, ongoing → 3
    ("心慌两小时", "complaint.ktas.palpitations_ongoing", 3),
    ("left facial numbness", "complaint.ktas.sensory_loss_new", 3),  # new-onset sensory loss → 3
    ("double vision since morning", "complaint.ktas.diplopia_acute", 3),
    ("sudden hearing loss", "complaint.ktas.hearing_loss_acute", 3),
    ("BST high", "complaint.ktas.hyperglycaemia", 3),               # >18 mmol/L without symptoms → 3
    ("needle stick injury", "complaint.ktas.body_fluid_exposure", 2),  # high-risk unless the source is known
    ("被针头扎伤", "complaint.ktas.body_fluid_exposure", 2),
    ("erection, penile", "complaint.ktas.priapism", 2),
    ("Hyperkalemia (disorder)", "complaint.ktas.critical_lab_value", 3),
    ("finger amputation", "complaint.ktas.amputation", 2),
    ("切菜时断指", "complaint.ktas.amputation", 2),
    ("chemical splash to eye", "complaint.ktas.chemical_eye_exposure", 2),
    ("溺水后被救起", "complaint.ktas.drowning", 3),
    ("smoke inhalation from a house fire", "complaint.ktas.smoke_inhalation", 3),
    ("right shoulder dislocation", "complaint.ktas.limb_deformity", 3),  # limb injury, obvious deformity → 3
    ("摔倒后右肩脱臼", "complaint.ktas.limb_deformity", 3),
    ("waters broke at 36 weeks", "complaint.ktas.ruptured_membranes", 3),  # possible leaking fluid → 3
    ("孕36周破水", "complaint.ktas.ruptured_membranes", 3),
])
def test_ktas_complaint_rows(complaint: str, rule: str, acuity: int) -> None:
    a = assess(Intake(complaint=complaint, **_NORMAL), model=None)
    assert rule in {e.rule for e in a.evidence}
    assert a.rule_floor_acuity == acuity


def test_suicidal_thoughts_without_a_plan_are_level_3_an_attempt_level_2() -> None:
    thoughts = assess(Intake(complaint="suicidal ideation", **_NORMAL), model=None)
    attempt = assess(Intake(complaint="suicidal attempt", **_NORMAL), model=None)
    assert {f.id for f in thoughts.red_flags} == {"suicidal_ideation"} and thoughts.rule_floor_acuity == 3
    assert "suicidal_intent" in {f.id for f in attempt.red_flags} and attempt.rule_floor_acuity == 2


@pytest.mark.parametrize(("complaint", "avpu", "acuity"), [
    ("acute delirium", "A", 3),              # KTAS: acute confusion, alert, no headache → 3
    ("acute delirium", "V", 2),              # with altered consciousness → 2
    ("confusion and headache", "A", 2),      # with headache → 2
    ("mental change", "A", 2),               # a reported change in consciousness stays 2
])
def test_confusion_is_graded_by_alertness_and_headache(complaint: str, avpu: str, acuity: int) -> None:
    a = assess(Intake(complaint=complaint, **{**_NORMAL, "avpu": avpu}), model=None)
    assert a.rule_floor_acuity == acuity


def test_reported_hypothermia_asks_for_a_temperature_until_one_is_measured() -> None:
    unmeasured = assess(Intake(complaint="hypothermia", **{**_NORMAL, "temp_c": None}), model=None)
    assert unmeasured.rule_floor_acuity == 3
    assert "complaint.ktas.hypothermia_unmeasured" in {e.rule for e in unmeasured.evidence}
    measured = assess(Intake(complaint="hypothermia", **{**_NORMAL, "temp_c": 31.5}), model=None)
    assert measured.rule_floor_acuity == 2 and "ktas.temp_lt_32" in {e.rule for e in measured.evidence}
