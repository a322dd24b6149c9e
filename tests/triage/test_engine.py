"""The engine's decisions: floors, red flags, negation, missing data, and the model never lowering a floor."""

import pytest

from fenzhen import Intake, assess
from fenzhen.domain import Finding, ModelOpinion
from fenzhen.triage.model import AcuityModel


def test_example_from_the_readme() -> None:
    a = assess(Intake(complaint="胸痛两小时，伴大汗", age_years=58, sex="male", heart_rate_bpm=118,
                      sbp_mmhg=86, spo2_pct=93))
    assert a.acuity == 2 and a.china_level == 2
    assert {f.id for f in a.red_flags} >= {"cardiac_chest_pain", "chest_pain_with_sweating"}
    assert a.china.colour == "orange" and a.china.response_minutes == 10
    assert all(e.source for e in a.evidence)


@pytest.mark.parametrize(("complaint", "flag"), [
    ("无胸痛，轻微咳嗽", None),
    ("denies chest pain, mild cough", None),
    ("胸痛", "cardiac_chest_pain"),
    ("突发剧烈头痛，呕吐", "thunderclap_headache"),
    ("右侧肢体无力，言语不清", "stroke_signs"),
    ("sudden slurred speech and facial droop", "stroke_signs"),
    ("吃了很多安眠药", "poisoning"),
    ("喝农药后呕吐", "pesticide_poisoning"),
    ("stung by a bee, now throat swelling and short of breath", "anaphylaxis_airway"),
    ("停经6周，下腹痛", "ectopic_pregnancy_signs"),
    ("想自杀", "suicidal_intent"),
    ("car accident, fell from height", "multiple_trauma"),
    ("呕血两次", "active_haemorrhage"),
    ("下地干活被蛇咬伤右脚", "snakebite"),
    ("bitten by a snake while farming", "snakebite"),
    ("心口痛半小时", "cardiac_chest_pain"),
    # KTAS second-order qualifiers carried by the complaint's words (ktas2016_qualifiers).
    ("头痛伴视物模糊", "headache_visual_disturbance"),
    ("headache with blurred vision and eye pain", "headache_visual_disturbance"),
    ("无视物模糊，头痛", None),
    ("跑步时突然晕倒", "exertional_syncope"),
    ("fainted while running", "exertional_syncope"),
    ("突然晕倒，无任何先兆", "syncope_without_warning"),
    ("collapsed without warning", "syncope_without_warning"),
    ("晕倒前心慌", "syncope_with_palpitations"),
    ("syncope with palpitations", "syncope_with_palpitations"),
    ("腰痛三天，今天大小便失禁", "back_pain_sphincter"),
    ("back pain with urinary incontinence", "back_pain_sphincter"),
    ("否认大小便失禁，腰痛", None),
    ("发烧两天，身上出现瘀点", "fever_petechial_rash"),
    ("fever and a purpuric rash", "fever_petechial_rash"),
    ("右腿突然发凉，足背动脉摸不到", "acute_limb_ischaemia"),
    ("cold pulseless leg", "acute_limb_ischaemia"),
    ("摔伤后开放性骨折", "open_fracture"),
    ("open fracture of the tibia", "open_fracture"),
    ("流鼻血止不住", "uncontrolled_epistaxis"),
    ("nosebleed won't stop", "uncontrolled_epistaxis"),
    ("怀孕38周，脐带脱出", "cord_prolapse"),
    ("cord prolapse", "cord_prolapse"),
    ("怀孕39周，规律宫缩", "labour"),
    ("in labour, contractions every 3 minutes", "labour"),
    ("孕32周，胎动减少", "no_fetal_movement"),
    ("34 weeks pregnant, baby not moving since yesterday", "no_fetal_movement"),
    ("刚生完孩子，出血多", "just_delivered"),
    ("gave birth at home an hour ago", "just_delivered"),
    ("左眼周围红肿，眶周蜂窝织炎", "facial_cellulitis"),
    ("工地干活后热射病", "heat_stroke"),
    ("collapsed with heat stroke", "heat_stroke"),
    # China 2018 2级: chest or abdominal pain suspected to be MI, PE, dissection, ruptured ectopic, perforation.
    ("疑似心梗", "named_critical_diagnosis"),
    ("腹痛，疑似消化道穿孔", "named_critical_diagnosis"),
    ("referred for suspected aortic dissection", "named_critical_diagnosis"),
    ("突发脑梗", "stroke_signs"),
    ("无心梗病史，咳嗽", None),
    ("心梗支架术后复查", None),          # the patient's history, not this visit
    # CTAS high-risk mechanism: penetrating injury.
    ("被刀捅伤腹部", "multiple_trauma"),
    ("stab wound to the chest", "multiple_trauma"),
    ("手指刀伤", None),
])
def test_red_flags_bilingual_with_negation(complaint: str, flag: str | None) -> None:
    ids = {f.id for f in assess(Intake(complaint=complaint, age_years=30), model=None).red_flags}
    if flag is None:
        assert not ids
    else:
        assert flag in ids


@pytest.mark.parametrize(("complaint", "age", "flag"), [
    # WHO IMCI general danger signs, under 5 years.
    ("宝宝发烧两天，不吃奶", 0.8, "imci_unable_to_feed"),
    ("child not able to drink, fever", 3, "imci_unable_to_feed"),
    ("孩子发烧三天，吃什么吐什么", 2, "imci_vomits_everything"),
    ("vomits everything since this morning", 1, "imci_vomits_everything"),
    ("孩子发烧，精神萎靡", 1.5, "imci_lethargic"),
    ("my baby is floppy and has a weak cry", 0.4, "imci_lethargic"),
    # No age recorded: a complaint that names a child brings the child's danger signs in.
    ("宝宝发烧两天，不吃奶", None, "imci_unable_to_feed"),
    ("孩子抽搐了一次", None, "paediatric_seizure"),
    ("新生儿发热", None, "febrile_neonate"),
    ("fever since last night", 0.15, "febrile_neonate"),   # a reported fever under 3 months, age known
    # Not for older patients, nor when negated.
    ("发烧，精神差", 40, None),
    ("孩子发烧，精神差", 8, None),
    ("无精神差，孩子咳嗽", 2, None),
])
def test_imci_danger_signs_in_young_children(complaint: str, age: float | None, flag: str | None) -> None:
    a = assess(Intake(complaint=complaint, age_years=age), model=None)
    imci = {f.id for f in a.red_flags} & {"imci_unable_to_feed", "imci_vomits_everything", "imci_lethargic",
                                           "paediatric_seizure", "febrile_neonate"}
    assert imci == ({flag} if flag else set())
    if flag:
        assert a.rule_floor_acuity <= 2


@pytest.mark.parametrize(("complaint", "flags", "acuity"), [
    # KTAS pregnancy over 20 weeks: bleeding → 1, headache/oedema/hypertension (pre-eclampsia) → 2.
    ("孕36周，阴道出血", {"late_pregnancy_bleeding"}, 1),
    ("孕32周，头痛眼花", {"preeclampsia_pattern"}, 2),
    ("怀孕七个月，双下肢水肿", {"preeclampsia_pattern"}, 2),
    ("34 weeks pregnant, severe headache", {"preeclampsia_pattern"}, 2),
    # Under 20 weeks the ectopic rule applies, and only there.
    ("孕8周，腹痛", {"ectopic_pregnancy_signs"}, 2),
    ("停经6周，下腹痛，阴道少量出血", {"ectopic_pregnancy_signs"}, 2),
    ("孕19周，头痛", set(), 4),
    ("怀孕了，头痛", set(), 4),           # no gestational age stated: no pre-eclampsia rule
])
def test_pregnancy_rules_follow_the_stated_gestation(complaint: str, flags: set[str], acuity: int) -> None:
    a = assess(Intake(complaint=complaint, age_years=28, sex="female"), model=None)
    pregnancy_flags = {"late_pregnancy_bleeding", "preeclampsia_pattern", "ectopic_pregnancy_signs"}
    assert {f.id for f in a.red_flags} & pregnancy_flags == flags
    assert a.rule_floor_acuity == acuity


@pytest.mark.parametrize(("complaint", "vitals", "flag"), [
    # CTAS temperature modifier: fever in an immunocompromised patient → II, reported or measured.
    ("发烧两天，正在化疗", {}, True),
    ("fever since last night, on chemo for lymphoma", {}, True),
    ("咳嗽，肾移植术后", {"temp_c": 38.0}, True),
    ("咳嗽，肾移植术后", {"temp_c": 37.9}, False),
    ("咳嗽，发烧", {"temp_c": 38.6}, False),           # fever, but nothing says immunocompromised
    ("发烧，无化疗史", {}, False),                      # negated
    ("fever, wears hearing aids", {}, False),          # "aids" is not a term: AIDS needs its own words
])
def test_fever_in_an_immunocompromised_patient(complaint: str, vitals: dict[str, float], flag: bool) -> None:
    a = assess(Intake(complaint=complaint, age_years=54, **vitals), model=None)
    assert ("febrile_immunocompromised" in {f.id for f in a.red_flags}) is flag
    if flag:
        assert a.rule_floor_acuity == 2 and a.china_level == 2


def test_a_measured_trigger_names_the_measurement() -> None:
    a = assess(Intake(complaint="咳嗽，肾移植术后", age_years=54, temp_c=38.4), model=None)
    flag = next(f for f in a.red_flags if f.id == "febrile_immunocompromised")
    assert flag.matched == "38.4 °C"
    item = next(e for e in a.evidence if e.rule == "red_flags.febrile_immunocompromised")
    assert item.input == "temp_c"


@pytest.mark.parametrize(("complaint", "glucose", "acuity"), [
    # CTAS/KTAS blood glucose above 18 mmol/L: with symptoms → II, without → III.
    ("血糖高，口渴多尿，乏力", None, 2),      # the words stand for the value until it is measured
    ("血糖高，口渴多尿，乏力", 12.0, 3),      # measured and not above 18: the words no longer count
    ("口渴多尿，乏力", 25.0, 2),              # measured above 18 with symptoms
    ("high sugar, vomiting", 18.1, 2),
    ("high sugar, vomiting", 18.0, 3),
    ("来复查", 25.0, 3),                      # above 18 without symptoms
])
def test_hyperglycaemia_is_graded_by_symptoms(complaint: str, glucose: float | None, acuity: int) -> None:
    a = assess(Intake(complaint=complaint, age_years=60, glucose_mmol_l=glucose), model=None)
    assert a.rule_floor_acuity == acuity
    assert ("hyperglycaemia_symptomatic" in {f.id for f in a.red_flags}) is (acuity == 2)


@pytest.mark.parametrize(("complaint", "age", "vitals", "flag", "acuity"), [
    # NICE NG143 traffic lights for a febrile child under 5: red → 2, amber → 3.
    ("宝宝发烧，前囟饱满", 0.7, {}, "nice_fever_red_sign", 2),
    ("孩子发烧，哭闹不止", 1, {}, "nice_fever_red_sign", 2),
    ("fever, reduced skin turgor", 2, {}, "nice_fever_red_sign", 2),
    ("前囟饱满", 0.7, {"temp_c": 38.0}, "nice_fever_red_sign", 2),   # a measured fever counts
    ("前囟饱满", 0.7, {"temp_c": 37.9}, None, None),
    ("宝宝发烧，吃奶少，尿少", 0.8, {}, "nice_fever_amber_sign", 3),
    ("发烧，不肯走路", 3, {}, "nice_fever_amber_sign", 3),
    ("寒战", 3, {}, "nice_fever_amber_sign", 3),                   # rigors are a fever
    ("寒战", 5, {}, None, None),                                   # NICE NG143 is for under 5s
    ("孩子咳嗽", 2, {"temp_c": 38.5, "cap_refill_s": 3}, "nice_fever_amber_sign", 2),  # Chengdu: CRT ≥3 s → 2
    ("孩子咳嗽", 2, {"temp_c": 38.5, "cap_refill_s": 2.5}, None, 4),
    ("孩子咳嗽", 2, {"temp_c": 38.5, "spo2_pct": 95}, "nice_fever_low_spo2", 3),
    ("孩子咳嗽", 2, {"temp_c": 38.5, "spo2_pct": 96}, None, 4),
    ("孩子咳嗽", 2, {"temp_c": 37.5, "spo2_pct": 95}, None, 4),      # SpO2 95% without fever
    ("孩子发烧5天", 2, {}, "nice_fever_5_days", 3),
    ("孩子发烧三天", 2, {}, None, 4),
    ("宝宝发烧，咳嗽，发热5天", 1, {}, "nice_fever_5_days", 3),    # the duration stated at a later mention
    ("咳嗽一周，发热两天", 2, {}, None, 4),
    ("发烧6天", 30, {}, None, 4),
    # WHO IMCI: a young infant (under 2 months) not feeding well → 2; an older child feeding less is amber.
    ("宝宝吃奶少", 0.1, {}, "imci_young_infant_feeding", 2),
    ("宝宝吃奶少", 0.5, {}, None, 4),
])
def test_febrile_child_traffic_lights(complaint: str, age: float, vitals: dict[str, float], flag: str | None,
                                      acuity: int | None) -> None:
    a = assess(Intake(complaint=complaint, age_years=age, **vitals), model=None)
    nice = {f.id for f in a.red_flags if f.id.startswith(("nice_", "imci_young"))}
    assert nice == ({flag} if flag else set())
    if acuity is not None:
        assert a.rule_floor_acuity == acuity


def test_a_stated_duration_is_shown_with_the_symptom() -> None:
    a = assess(Intake(complaint="孩子咳嗽，发烧5天了", age_years=2), model=None)
    assert next(f.matched for f in a.red_flags if f.id == "nice_fever_5_days") == "发烧5天"


@pytest.mark.parametrize(("complaint", "temp", "flag"), [
    # Fever-conditioned red flags take a measured temperature of 38 °C or more as the fever.
    ("颈项强直", 38.6, "headache_neck_stiffness"),
    ("颈项强直", 37.6, None),
    ("皮肤瘀点", 38.2, "fever_petechial_rash"),
    ("意识模糊", 38.6, "sepsis_pattern"),
])
def test_a_measured_fever_is_a_fever(complaint: str, temp: float, flag: str | None) -> None:
    a = assess(Intake(complaint=complaint, age_years=30, temp_c=temp), model=None)
    watched = {"headache_neck_stiffness", "fever_petechial_rash", "sepsis_pattern"}
    assert {f.id for f in a.red_flags} & watched == ({flag} if flag else set())


def test_syncope_on_straining_is_not_exertional() -> None:
    # KTAS raises syncope during exercise; straining (defecation, cough) syncope is situational.
    ids = {f.id for f in assess(Intake(complaint="用力排便时晕倒", age_years=50), model=None).red_flags}
    assert "syncope" in ids and "exertional_syncope" not in ids


def test_a_named_child_without_an_age_is_said() -> None:
    a = assess(Intake(complaint="宝宝不吃奶"), model=None)
    assert any("names a child" in s for s in a.assumptions)
    assert not any("assumed adult" in s for s in a.assumptions)


def test_named_by_concepts_name_a_child() -> None:
    from fenzhen.knowledge import load
    from fenzhen.triage.ages import CHILD_NAMED

    rules = [r for r in load("red_flags").red_flags if r.named_by]
    assert rules and all(set(r.named_by) <= CHILD_NAMED and r.age_max_years is not None for r in rules)


def test_febrile_neonate_by_age() -> None:
    a = assess(Intake(complaint="发热半天", age_years=0.05, temp_c=38.2), model=None)
    assert a.acuity <= 2
    assert "paedctas2008.fever_lt3mo" in {e.rule for e in a.evidence}


def test_missing_age_is_assumed_adult_and_said() -> None:
    a = assess(Intake(complaint="cough"))
    assert any("assumed adult" in s for s in a.assumptions)
    assert a.provisional and "heart_rate_bpm" in a.missing_vitals


@pytest.mark.parametrize(("complaint", "flag"), [("上腹痛 出汗", "cardiac_equivalent_with_sweating"),
                                                 ("牙齿被撞掉了", "dental_avulsion"),
                                                 ("老人摔倒 髋部疼 不能走路", "suspected_hip_fracture")])
def test_adult_only_rules_apply_when_the_age_is_missing(complaint: str, flag: str) -> None:
    """The missing age is assumed adult, so the adult criteria apply, as the result says."""
    assert flag in {f.id for f in assess(Intake(complaint=complaint), model=None).red_flags}
    assert flag not in {f.id for f in assess(Intake(complaint=complaint, age_years=4), model=None).red_flags}


def test_unrecognised_complaint_without_vitals_leans_safe() -> None:
    a = assess(Intake(complaint="不舒服"), model=None)
    assert a.acuity <= 3
    assert "fenzhen.insufficient_information" in {e.rule for e in a.evidence}


class _LowModel(AcuityModel):
    """A model that always says non-urgent (to prove it cannot lower a floor)."""

    def __init__(self) -> None:
        pass

    def predict(self, intake: Intake, findings: list[Finding], floor_acuity: int) -> ModelOpinion:
        return ModelOpinion(acuity=5, probabilities={"5": 1.0}, version="test-low")


class _HighModel(_LowModel):
    def predict(self, intake: Intake, findings: list[Finding], floor_acuity: int) -> ModelOpinion:
        return ModelOpinion(acuity=1, probabilities={"1": 1.0}, version="test-high")


def test_model_never_lowers_a_rule_floor() -> None:
    a = assess(Intake(complaint="胸痛", age_years=60, heart_rate_bpm=185, sbp_mmhg=120, resp_rate_bpm=18),
               model=_LowModel())
    assert a.acuity == 1 and a.rule_floor_acuity == 1
    assert "floor stands" in a.agreement


def test_model_can_raise_and_china_level_follows() -> None:
    a = assess(Intake(complaint="chest pain", age_years=60, heart_rate_bpm=80, sbp_mmhg=120, resp_rate_bpm=16,
                      temp_c=37, spo2_pct=98, avpu="A"), model=_HighModel())
    assert a.rule_floor_acuity == 2
    assert a.acuity == 1 and a.china_level == 1
    assert "raised" in a.agreement


_CALM = dict(age_years=30, heart_rate_bpm=80, sbp_mmhg=120, resp_rate_bpm=16, temp_c=37, spo2_pct=98, avpu="A")


def _confident_level_1_model() -> AcuityModel:
    return AcuityModel({"version": "test-1", "classes": [1, 2, 3, 4, 5], "intercept": [9.0, 0, 0, 0, 0],
                        "weights": {}, "urgency_threshold": 0.5})


def test_model_raises_at_most_one_level_above_the_floor() -> None:
    a = assess(Intake(complaint="ankle sprain", **_CALM), model=_confident_level_1_model())
    assert a.rule_floor_acuity == 4 and a.acuity == 3
    assert a.model is not None and a.model.acuity == 3 and a.model.probabilities["1"] > 0.99
    assert "raised the level from the rule floor 4 to 3" in a.agreement


def test_model_does_not_raise_a_complaint_the_standard_calls_non_urgent() -> None:
    a = assess(Intake(complaint="sore throat", **_CALM), model=_confident_level_1_model())
    assert a.rule_floor_acuity == 5 and a.acuity == 5
    assert a.model is not None and a.model.acuity == 5


@pytest.mark.parametrize(("avpu", "gcs", "acuity"), [
    ("A", None, 3),   # CTAS: seizure resolved, normal alertness → III
    (None, 15, 3),
    (None, 14, 2),    # not fully alert: post-ictal → II
    (None, None, 2),  # alertness not recorded: lean safe
])
def test_seizure_level_follows_measured_alertness(avpu: str | None, gcs: int | None, acuity: int) -> None:
    a = assess(Intake(complaint="post seizure", age_years=40, avpu=avpu, gcs=gcs), model=None)
    flag = next(f for f in a.red_flags if f.id == "seizure")
    assert flag.acuity == acuity and a.rule_floor_acuity == acuity


@pytest.mark.parametrize(("complaint", "injury", "fires"), [
    ("nausea", True, True),            # an external cause with systemic symptoms: toxic exposure or head injury
    ("呕吐三次", True, True),
    ("dizziness", True, True),
    ("nausea", False, False),
    ("no vomiting, finger laceration", True, False),
])
def test_systemic_symptoms_after_an_external_cause(complaint: str, injury: bool, fires: bool) -> None:
    a = assess(Intake(complaint=complaint, age_years=30, injury=injury), model=None)
    assert ("external_cause_systemic" in {f.id for f in a.red_flags}) is fires
    if fires:
        assert a.rule_floor_acuity == 2 and a.china_level == 2


def test_chest_wall_pain_is_graded_by_pain_not_as_cardiac() -> None:
    a = assess(Intake(complaint="pain, chest wall, Rt", age_years=37, pain_nrs=5), model=None)
    assert "cardiac_chest_pain" not in {f.id for f in a.red_flags}
    assert a.rule_floor_acuity == 3  # CTAS: moderate (4-7) central pain → III


@pytest.mark.parametrize(("complaint", "zh_words"), [
    ("胸痛", ["未填年龄：按成人标准评估", "未填性别"]),
    ("宝宝发烧", ["主诉提到儿童"]),
    ("中风后遗症，来开药", ["视为既往史", "中风"]),
    ("剧烈腹痛", ["按疼痛评分8分计"]),
])
def test_assumptions_are_said_in_both_languages(complaint: str, zh_words: list[str]) -> None:
    a = assess(Intake(complaint=complaint), model=None)
    assert len(a.assumptions_zh) == len(a.assumptions) > 0
    assert all(any(w in note for note in a.assumptions_zh) for w in zh_words)



@pytest.mark.parametrize(("complaint", "most"), [
    # Emergencies as a village clinic hears them, complaint alone (no vitals): never below the level shown.
    ("胸口像压了块石头", 2),
    ("吃了老鼠药", 2),
    ("从三楼摔下", 2),
    ("孩子吞了电池", 2),        # NASPGHAN: a button battery burns the oesophagus within hours
    ("swallowed a button battery", 2),
    ("过敏，喉咙发紧", 1),       # allergy with the airway involved
    ("阴道大出血", 2),
    ("小孩高烧抽筋", 2),         # 抽筋 with a high fever is a febrile convulsion, not a cramp
    ("眼睛被石灰溅到", 2),       # lime is an alkali: KTAS chemical eye exposure
    ("睾丸突然剧痛", 3),
    ("脖子硬，发烧", 2),
    ("black tarry stools", 2),
    ("fell from the roof", 2),
    ("heavy vaginal bleeding", 2),
    ("back pain, can't control bladder", 2),
    ("颈部刀伤 出血", 2),              # penetrating injury of the neck
    ("手指被机器切断", 2),             # KTAS: traumatic amputation of a digit
    ("头晕 一侧手脚麻", 2),            # one-sided numbness is a stroke warning sign
    ("上消化道出血", 2),
    ("摔伤后手腕变形", 3),             # KTAS: limb injury with deformity
    ("突然眼前发黑 摔倒", 3),
    ("视物旋转 恶心", 3),              # vertigo: KTAS dizziness
])
def test_everyday_words_for_emergencies(complaint: str, most: int) -> None:
    assert assess(Intake(complaint=complaint, age_years=40), model=None).rule_floor_acuity <= most


@pytest.mark.parametrize(("complaint", "age", "flag", "acuity"), [
    # ASAM 2020: withdrawal with hallucinations, a fit or delirium is complicated (2); with tremor, sweats (3).
    ("alcohol withdrawal, shaking, seeing things", 50, "alcohol_withdrawal_complicated", 2),
    ("戒酒两天 看到墙上有虫子", 50, "alcohol_withdrawal_complicated", 2),
    ("震颤谵妄", 50, "alcohol_withdrawal_complicated", 2),
    ("戒酒三天 手抖 出汗 心慌", 50, "alcohol_withdrawal", 3),
    ("stopped drinking 3 days ago, hands shaking, sweating", 50, "alcohol_withdrawal", 3),
    ("戒酒5年了 来复查", 50, None, 5),                   # a routine visit
    ("医生一直警告他戒酒 恶心", 50, None, 4),              # advice to quit is no withdrawal
    # CTAS haemodynamic compromise by history: bleeding with faintness on standing or a faint.
    ("便血 站起来就头晕", 65, "bleeding_with_postural_symptoms", 2),
    ("鼻出血 晕倒了", 70, "bleeding_with_postural_symptoms", 2),
    ("便血 头晕", 65, None, 3),
    # CTAS / IADT 2020: a knocked-out permanent tooth is replanted within the hour; milk teeth are not.
    ("牙齿被撞掉了", 12, "dental_avulsion", 2),
    ("tooth knocked out playing hockey", 16, "dental_avulsion", 2),
    ("门牙磕掉了", 4, None, 4),
])
def test_withdrawal_bleeding_and_avulsion(complaint: str, age: float, flag: str | None, acuity: int) -> None:
    a = assess(Intake(complaint=complaint, age_years=age), model=None)
    ours = {"alcohol_withdrawal_complicated", "alcohol_withdrawal", "bleeding_with_postural_symptoms",
            "dental_avulsion"}
    assert {f.id for f in a.red_flags} & ours == ({flag} if flag else set())
    assert a.rule_floor_acuity == acuity


@pytest.mark.parametrize(("complaint", "age", "flag", "acuity"), [
    # NICE CG124: an older person's fall with hip pain, unable to bear weight or to get up → 3.
    ("老人摔倒 髋部疼 不能走路", 78, "suspected_hip_fracture", 3),
    ("老人摔倒后起不来 在地上躺了一夜", 80, "suspected_hip_fracture", 3),
    ("elderly fall, hip pain, cannot bear weight", 82, "suspected_hip_fracture", 3),
    ("摔了一跤 大腿根疼", 40, None, 4),                 # under 65: peripheral pain decides
    # Urinary retention is graded by its pain (the KTAS experts put "voiding failure" at 4); with back pain
    # it is a cauda equina sign (2).
    ("腰痛 尿不出来", 50, "back_pain_sphincter", 2),
    # NICE NG232: vomiting after a head injury → CT within the hour (2).
    ("头撞了一下 吐了好几次", 30, "head_injury_vomiting", 2),
    ("hit head, vomited twice", 30, "head_injury_vomiting", 2),
    ("头部外伤 无呕吐", 30, None, 3),
    # Non-fatal strangulation: delayed airway and vascular injury → 2.
    ("被掐脖子", 30, "strangulation", 2),
    ("颈部被绳子勒", 30, "strangulation", 2),
])
def test_falls_retention_head_injury_and_strangulation(complaint: str, age: float, flag: str | None,
                                                       acuity: int) -> None:
    a = assess(Intake(complaint=complaint, age_years=age), model=None)
    ours = {"suspected_hip_fracture", "back_pain_sphincter", "head_injury_vomiting", "strangulation"}
    assert {f.id for f in a.red_flags} & ours == ({flag} if flag else set())
    assert a.rule_floor_acuity == acuity


@pytest.mark.parametrize(("complaint", "flag", "acuity"), [
    # NICE NG158: one swollen leg → ultrasound within 4 h (3); with breathlessness or chest pain, a PE (2).
    ("长途坐车后 一条腿肿 痛", "dvt_signs", 3),
    ("left calf swollen and painful after flight", "dvt_signs", 3),
    ("左腿肿 胸闷 气短", "dvt_with_pe_signs", 2),
    ("双腿水肿", None, 4),
    ("肝硬化引起门静脉血栓", None, 3),           # a portal vein clot is no leg DVT (unrecognised: 3)
    # TG18: fever with jaundice is a suspected acute cholangitis.
    ("胆结石 发烧 黄疸 腹痛", "suspected_cholangitis", 3),
    ("皮肤黄 不发烧", None, 4),
    # WSES 2017: an incarcerated hernia (3); strangulated or obstructed (2). ASCRS: an incarcerated prolapse (3).
    ("疝气 掉下来 回不去 痛", "incarcerated_hernia", 3),
    ("疝气掉下来了", None, 4),                     # a hernia that came out, not a fall
    ("疝气 呕吐 不排气", "hernia_obstruction", 2),
    ("绞窄疝", "strangulated_hernia", 2),
    ("肛门脱出来 回不去", "incarcerated_rectal_prolapse", 3),
    # IDSA 2014 / IWGDF 2023: a skin or foot infection with fever, or gangrene (3).
    ("糖尿病 脚烂了 发烧", "skin_infection_systemic", 3),
    ("糖尿病足 脚趾发黑", "gangrene", 3),
    ("脓包 不发烧", None, 4),
])
def test_surgical_and_vascular_conditions_in_patients_words(complaint: str, flag: str | None, acuity: int) -> None:
    a = assess(Intake(complaint=complaint, age_years=55), model=None)
    ours = {"dvt_signs", "dvt_with_pe_signs", "suspected_cholangitis", "incarcerated_hernia", "hernia_obstruction",
            "strangulated_hernia", "incarcerated_rectal_prolapse", "skin_infection_systemic", "gangrene"}
    found = {f.id for f in a.red_flags} & ours
    assert (flag in found) if flag else not found
    assert a.rule_floor_acuity == acuity


@pytest.mark.parametrize(("complaint", "age", "acuity"), [
    ("boy hit in testicles, severe pain, vomiting", 13, 2),
    ("baby with bloody mucus stool and intermittent crying", 0.8, 2),     # intussusception
    ("infant with bulging soft spot and fever", 0.4, 2),
    ("girl with abdominal pain and bruising after bike handlebar injury", 10, 3),   # ATLS: internal injury?
    ("肚子被踢了一脚 肚子疼", 30, 3),
    ("kicked in the stomach", 30, 4),
    # Shorthand of Chinese hospitals (mixed zh/en): exacerbations are breathlessness, a crisis named is a crisis.
    ("COPD急性加重", 70, 2),
    ("CHF急性发作", 75, 2),
    ("DKA", 25, 2),
    ("HHS 意识差", 80, 2),
    ("CKD 透析 高钾", 60, 3),
    ("DKA 来复查", 25, 5),                          # named before a routine visit: history
    # Emergency-room descriptions (mtsamples) that were 4.
    ("Penile injury and continuous bleeding from a penile laceration.", 40, 2),
    ("sent from the Emergency Room with the diagnosis of intracranial bleeding", 6, 2),
    ("spontaneous pneumothorax", 25, 2),
    ("left arm pain after her stent, persisted after two sublingual nitroglycerin", 60, 2),
    ("probable pathological fracture of the left proximal femur, left hip fracture", 53, 3),
    ("gravida 2, para 1-0-0-1, at 28-1/7 weeks with left lower quadrant pain", 26, 2),   # pre-eclampsia pattern
    ("intractable vomiting with blood-tinged vomit", 28, 2),
    ("气胸 来复查", 30, 5),
    ("sickle cell anemia with 3-day history of back pain", 19, 2),   # NHLBI 2014: a pain crisis
    ("镰状细胞贫血 发烧39", 10, 2),
    ("Complete heart block with pacemaker malfunction", 70, 2),
    ("Head injury, anxiety, and hypertensive emergency.", 50, 2),
    ("colostomy failure - bowel obstruction", 60, 3),
    ("foreign body and airway compromise", 17, 1),
    ("took a total of six Ecstasy", 20, 2),
    ("皮肤大片起水泡脱皮 嘴巴也烂了 吃药后", 30, 2),   # SJS/TEN (BAD 2016)
    ("Stevens-Johnson", 30, 2),
    ("necrotizing fasciitis", 50, 2),
    ("癌症病人 背痛 腿没力气 大小便困难", 65, 2),      # cord or cauda equina compression
    ("透析病人 两天没透析 心慌 乏力", 60, 2),          # missed dialysis: hyperkalaemia?
    ("甲状腺危象", 40, 2),
    ("Addisonian crisis", 40, 2),
    ("病人一动不动 不吃不喝 叫不应", 30, 1),
    ("吃了野生蘑菇 6小时后呕吐", 40, 2),             # amanita: delayed vomiting
    ("喝了自酿的酒 看东西模糊", 45, 2),               # methanol (WHO 2014)
    ("药疹 全身红斑 发烧 眼睛红", 30, 3),            # MTS rashes: widespread and hot
    ("对青霉素药物过敏 咳嗽 气短", 40, 2),           # a stated allergy, not a reaction today
])
def test_childrens_and_injury_words_in_english_and_chinese(complaint: str, age: float, acuity: int) -> None:
    assert assess(Intake(complaint=complaint, age_years=age), model=None).rule_floor_acuity == acuity


@pytest.mark.parametrize(("complaint", "age", "acuity"), [
    ("眼睛被铁丝扎了", 30, 2),                       # CTAS: penetrating eye injury
    ("眼睛里进了石灰", 30, 2),                       # KTAS: chemical in the eye
    ("孩子把电池塞进鼻子", 3, 2),                    # button battery: necrosis within hours
    ("吞东西卡住 唾液都咽不下去", 60, 2),            # food bolus, cannot swallow secretions
    ("被马蜂蜇了十几下", 50, 3),                     # venom load (China wasp-sting consensus 2018)
    ("被蜜蜂蜇了一下", 30, 4),
    ("工厂里吸入了毒气", 35, 3),                     # KTAS: toxic inhalation without distress
    ("扁桃体化脓 发烧", 20, 4),                      # purulent tonsillitis is a sore throat, not a skin infection
    ("眼睛被打了一拳 看东西模糊", 25, 4),            # the KTAS experts grade blunt eye injuries 4
    ("孩子吃了一颗磁铁 又吃了一颗", 4, 2),           # NASPGHAN: magnets
    ("宝宝摔下床 头上起包 一直哭", 0.8, 2),          # NICE NG232: head swelling under 1 year
    ("小孩头上起包", 5, 3),
    ("宝宝摔下床 没事 不哭", 0.8, 4),
    ("孩子 腿上出血点 鼻出血", 6, 3),                # petechiae with mucosal bleeding (ITP consensus 2019)
    ("孩子 吃花生后咳嗽不停", 2, 2),                 # an inhaled peanut (Chengdu paediatric criteria)
    ("孩子 高烧 嘴唇红裂 眼睛红 手脚肿 5天", 2, 3),   # Kawasaki signs (AHA 2017)
    ("孩子 耳朵后面红肿 耳朵往外翻 发烧", 5, 3),      # mastoiditis
    ("孩子 眼睛周围红肿 发烧 眼球动痛", 6, 2),        # orbital cellulitis (KTAS)
    ("孩子 尿床 口渴 消瘦 呼吸深快", 9, 2),           # new diabetes in DKA (Kussmaul breathing)
    ("孩子 吃了奶奶的降糖药", 3, 2),
    ("吃了奶奶的饭 肚子疼", 8, 4),
    ("主诉：咯血约200ml", 50, 2),                    # 大咯血: 100 mL or more at once
    ("咯血50毫升", 50, 3),
    ("咯血少量，已输液500ml", 50, 3),                # a drip's volume is not the bleed's
])
def test_eyes_throats_stings_and_fumes(complaint: str, age: float, acuity: int) -> None:
    assert assess(Intake(complaint=complaint, age_years=age), model=None).rule_floor_acuity == acuity


@pytest.mark.parametrize(("complaint", "acuity"), [
    ("my husband collapsed and isn't breathing", 1),
    ("my throat is closing up after eating peanuts", 1),
    ("he took a bunch of pills", 2),
    ("bleeding heavily from a cut on my arm, won't stop", 2),
    ("he isn't breathing well", 2),          # breathless, not an arrest
    ("not breathing normally", 1),           # the resuscitation council's words for an arrest
    ("脉搏摸不到", 1),
    ("老人突然倒地 不喘气了", 1),
    ("slashed her wrist", 2),
    ("跳河被救上来", 2),
    ("took grandma's heart pills", 2),
    ("孕30周 胎动少", 2),                    # reduced fetal movement, as mothers say it
    ("CP radiating to L arm", 2),            # ED shorthand
    ("GSW to abdomen", 2),
    ("SI with plan", 2),
    ("HI on coumadin", 2),
    ("GIB", 2),
    ("hypoTN", 2),
    ("known AAA with abdominal pain", 2),    # NICE NG156: rupture until shown otherwise
    ("pulsating mass in belly and back pain", 2),
    ("blood sugar over 500, vomiting", 2),   # 'over 500' mg/dL read as 27.8 mmol/L with a symptom
    ("sudden severe pain in scrotum", 2),
    ("咳粉红色泡沫痰", 2),                   # acute pulmonary oedema
    ("头痛 喷射性呕吐", 3),                  # raised intracranial pressure? (NICE CKS)
    ("下腹痛 晕倒了", 2),                    # NICE NG126 / NG156: internal bleeding until shown otherwise
    ("老人 突然不会走路了", 2),              # BE-FAST balance
    ("老人 呕吐咖啡色", 2),                  # coffee-ground vomit: an upper GI bleed
    ("老人 肚子胀 几天没大便 呕吐", 3),      # obstruction signs (WSES)
])
def test_emergencies_as_callers_say_them(complaint: str, acuity: int) -> None:
    assert assess(Intake(complaint=complaint, age_years=40), model=None).rule_floor_acuity == acuity


@pytest.mark.parametrize(("complaint", "expected"), [
    ("糖尿病 呼吸有烂苹果味 呕吐", "hyperglycaemia_symptomatic"),   # ketotic breath is DKA's own sign
    ("被人用刀捅了肚子", "multiple_trauma"),
    ("咳血一口一口的", "active_haemorrhage"),
])
def test_more_emergencies_in_patients_words(complaint: str, expected: str) -> None:
    a = assess(Intake(complaint=complaint, age_years=40), model=None)
    assert expected in {f.id for f in a.red_flags} and a.rule_floor_acuity <= 2


@pytest.mark.parametrize(("complaint", "age", "flag", "acuity"), [
    # ABA 2022 / ABLS: a large, full-thickness or whole-body burn needs resuscitation and a burn centre → 2.
    ("大面积烫伤", 30, "major_burn", 2),
    ("全身烧伤", 30, "major_burn", 2),
    ("third degree burns to both legs", 30, "major_burn", 2),
    ("孩子被开水烫伤 面积大", 3, "burn_large_area", 2),
    # A stated area, against the ABLS resuscitation thresholds: 20% in adults, 10% in children.
    ("烧伤面积30%", 30, "burn_area_adult", 2),
    ("烫伤面积约10%", 30, None, 3),
    ("孩子烫伤面积约10%", 2, "burn_area_child", 2),
    ("孩子烫伤 面积约5%", 2, None, 3),
    ("烫伤 整条腿", 5, "burn_large_area", 2),
    # A burn of no stated size stays with the CTAS burn complaint (3); a large rash is no burn.
    ("手指烫了一下", 30, None, 3),
    ("被开水烫伤 没有起泡 面积不大", 30, None, 3),
    ("大片红疹 很痒", 30, None, 4),
])
def test_a_burn_described_as_large_or_deep(complaint: str, age: float, flag: str | None, acuity: int) -> None:
    a = assess(Intake(complaint=complaint, age_years=age), model=None)
    ours = {"major_burn", "burn_large_area", "burn_area_adult", "burn_area_child"}
    assert {f.id for f in a.red_flags} & ours == ({flag} if flag else set())
    assert a.rule_floor_acuity == acuity


@pytest.mark.parametrize(("complaint", "sbp", "dbp", "acuity"), [
    # ACOG CO 767 (2019): 160/110 in pregnancy or after birth is an emergency whatever the symptoms.
    ("孕30周 无不适", 165, 95, 2), ("产后一周 复查", 150, 112, 2), ("孕30周 无不适", 150, 100, 4),
])
def test_severe_hypertension_in_pregnancy(complaint: str, sbp: float, dbp: float, acuity: int) -> None:
    a = assess(Intake(complaint=complaint, age_years=30, sex="female", sbp_mmhg=sbp, dbp_mmhg=dbp), model=None)
    assert a.rule_floor_acuity == acuity


@pytest.mark.parametrize(("complaint", "pregnant", "flags", "acuity"), [
    # EAST 2010 / CDC field triage 2021: injured past 20 weeks → monitoring; a blow to the abdomen at any stage.
    ("怀孕32周 摔了一跤", None, {"fall_in_pregnancy"}, 2),
    ("怀孕8个月 摔倒", None, {"fall_in_pregnancy"}, 2),
    ("28 weeks pregnant, slipped and fell", None, {"fall_in_pregnancy"}, 2),
    ("孕妇 摔倒了", None, {"fall_in_pregnancy"}, 2),                  # stage unstated: leaning safe
    ("slipped and fell", True, {"fall_in_pregnancy"}, 2),             # pregnancy recorded in the intake
    ("孕7个月 摔了一跤 肚子着地", None, {"fall_in_pregnancy", "abdominal_trauma_in_pregnancy"}, 2),
    ("pregnant, fell on her belly", None, {"abdominal_trauma_in_pregnancy"}, 2),
    ("怀孕6周 肚子被撞了", None, {"abdominal_trauma_in_pregnancy"}, 2),
    ("孕28周 腹部被踢", None, {"abdominal_trauma_in_pregnancy"}, 2),
    # Not these: a fall stated before 20 weeks, a fall without a pregnancy, a cut finger in pregnancy.
    ("怀孕10周 摔了一跤", None, set(), 4),
    ("slipped and fell", None, set(), 4),
    ("kicked in the stomach", None, set(), 4),
    ("孕30周 切菜切到手", None, set(), 4),
    ("怀孕32周 没有摔倒 胎动正常", None, set(), 4),
])
def test_trauma_in_pregnancy(complaint: str, pregnant: bool | None, flags: set[str], acuity: int) -> None:
    a = assess(Intake(complaint=complaint, age_years=28, sex="female", pregnant=pregnant), model=None)
    assert {f.id for f in a.red_flags} & {"fall_in_pregnancy", "abdominal_trauma_in_pregnancy"} == flags
    assert a.rule_floor_acuity == acuity


@pytest.mark.parametrize(("complaint", "acuity"), [("孕30周 肚子一阵一阵疼", 2), ("肚子一阵一阵疼", 4)])
def test_contraction_like_pain_is_labour_only_after_20_weeks(complaint: str, acuity: int) -> None:
    assert assess(Intake(complaint=complaint, age_years=29, sex="female"), model=None).rule_floor_acuity == acuity


@pytest.mark.parametrize(("complaint", "flag", "acuity"), [
    # MTS "Allergy": facial oedema → very urgent (2), widespread rash or itch → urgent (3);
    # WAO 2020: skin signs with fainting or dizziness → anaphylaxis likely (2).
    ("全身起红疹 嘴唇肿", "allergy_facial_oedema", 2),
    ("嘴唇肿了", "allergy_facial_oedema", 2),
    ("lip swelling after antibiotic", "allergy_facial_oedema", 2),
    ("吃海鲜过敏，脸肿", "allergy_facial_oedema", 2),
    ("吃海鲜后全身起风团，很痒", "allergy_widespread", 3),
    ("hives all over after eating peanuts", "allergy_widespread", 3),
    ("被蜜蜂蛰了 全身痒 头晕", "allergy_systemic", 2),
    ("stung by a bee, dizzy and itchy all over", "allergy_systemic", 2),
    ("腹痛 呕吐 停止排气排便", "bowel_obstruction_signs", 3),
    ("肚子胀 不放屁 呕吐", "bowel_obstruction_signs", 3),
    ("abdominal pain, vomiting, no stool or flatus for 2 days", "bowel_obstruction_signs", 3),
    ("腹痛 板状腹", "peritonism", 2),                       # China 2018 2级: suspected perforation
    ("severe abdominal pain, rebound tenderness", "peritonism", 2),
    ("孩子拉肚子10次 没尿了", "dehydration_reduced_urine", 3),  # NICE CG84: decreased urine output
    ("vomiting all day, hasn't peed", "dehydration_reduced_urine", 3),
    ("突然腰背部撕裂样痛", "aortic_pattern", 2),
    ("一只眼看不见", "sudden_visual_loss", 2),
    ("被狗咬了 流血不止", "active_haemorrhage", 2),
    ("pregnant 8 weeks, bleeding and cramping", "ectopic_pregnancy_signs", 2),
    # CTAS bleeding-disorder modifier: a head injury or major bleed on anticoagulants → II, minor → III.
    ("fell and hit head, on warfarin", "bleeding_disorder_major", 2),
    ("既往房颤 口服利伐沙班 今摔倒头部着地", "bleeding_disorder_major", 2),
    ("长期吃华法林 流鼻血", "bleeding_disorder_minor", 3),
])
def test_emergencies_in_everyday_words(complaint: str, flag: str, acuity: int) -> None:
    a = assess(Intake(complaint=complaint, age_years=40), model=None)
    assert flag in {f.id for f in a.red_flags}
    assert a.rule_floor_acuity == acuity


@pytest.mark.parametrize("complaint", [
    "牙痛 脸肿",                   # a swollen face without allergy words: a dental abscess
    "牙疼 嘴肿",
    "全身起红疹",                   # a widespread rash alone is not called an allergy
    "无嘴唇肿 无头晕 手上起风团",      # a local reaction, the danger signs denied
    "过敏性鼻炎 头晕",               # hay fever, not a reaction
    "青霉素过敏史，头晕",             # a stated allergy is the patient's record, not a reaction now
    "headache, dizzy, allergy to penicillin",
    "便秘 腹痛",                    # constipation is not obstipation
    "腹痛 无反跳痛",
    "呕吐 无尿频尿急",               # "无尿" begins an everyday negation, not anuria
    "腹泻 没有尿痛",
    "leg cramps at night",          # cramps of a muscle, not the abdomen
    "复查凝血 华法林",               # a warfarin check-up, no bleeding
])
def test_no_such_flag_without_the_words_that_make_it(complaint: str) -> None:
    ids = {f.id for f in assess(Intake(complaint=complaint, age_years=40), model=None).red_flags}
    assert not ids & {"allergy_facial_oedema", "allergy_widespread", "allergy_systemic", "bowel_obstruction_signs",
                      "peritonism", "dehydration_reduced_urine", "ectopic_pregnancy_signs", "bleeding_disorder_major",
                      "bleeding_disorder_minor"}, ids


def test_a_stated_penicillin_allergy_does_not_make_breathlessness_anaphylaxis() -> None:
    a = assess(Intake(complaint="青霉素过敏史，呼吸困难", age_years=40), model=None)
    assert "anaphylaxis_airway" not in {f.id for f in a.red_flags}
    assert "anaphylaxis_airway" in {f.id for f in assess(Intake(complaint="过敏，呼吸困难"), model=None).red_flags}


@pytest.mark.parametrize(("age", "sbp", "acuity"), [(30, None, 2), (30, 85, 2), (30, 110, 3), (5, 88, 3)])
def test_reported_low_blood_pressure_counts_until_measured(age: float, sbp: float | None, acuity: int) -> None:
    # CTAS "suspected hypotension" is haemodynamic compromise (II); a measured pressure then decides
    # through the vital-sign tables, by age (88 mmHg is normal at 5 years: PALS 70 + 2 × age = 80).
    a = assess(Intake(complaint="低血压 头晕", age_years=age, sbp_mmhg=sbp), model=None)
    assert a.rule_floor_acuity == acuity
    assert ("reported_hypotension" in {f.id for f in a.red_flags}) == (sbp is None)


@pytest.mark.parametrize(("sbp", "dbp", "acuity"), [(None, None, 3), (150, 90, 4), (225, 120, 2)])
def test_reported_high_blood_pressure_with_symptoms_counts_until_measured(sbp: float | None, dbp: float | None,
                                                                         acuity: int) -> None:
    a = assess(Intake(complaint="血压很高 头痛", age_years=60, sbp_mmhg=sbp, dbp_mmhg=dbp), model=None)
    assert a.rule_floor_acuity == acuity


@pytest.mark.parametrize(("complaint", "concept"), [("血糖很低 出汗", "hypoglycaemia"), ("体温很低", "hypothermia"),
                                                    ("血压很高", "hypertension")])
def test_reported_values_in_everyday_words(complaint: str, concept: str) -> None:
    assert concept in {f.concept for f in assess(Intake(complaint=complaint), model=None).findings if f.present}


@pytest.mark.parametrize(("spo2", "acuity"), [(None, 2), (97, 4), (93, 3)])
def test_reported_low_oxygen_counts_until_measured(spo2: float | None, acuity: int) -> None:
    """'血氧低' alone was 4: CTAS grades below 92% at 2, and missing is not normal until measured."""
    a = assess(Intake(complaint="血氧低", age_years=60, spo2_pct=spo2), model=None)
    assert a.rule_floor_acuity == acuity


@pytest.mark.parametrize(("avpu", "acuity"), [(None, 1), ("V", 1), ("A", 2)])
def test_unconscious_in_the_words_of_an_alert_patient_is_an_episode_that_passed(avpu: str | None,
                                                                                 acuity: int) -> None:
    assert assess(Intake(complaint="昏迷", age_years=40, avpu=avpu), model=None).rule_floor_acuity == acuity


def test_an_electric_shock_is_an_electrical_injury_not_circulatory_shock() -> None:
    a = assess(Intake(complaint="electric shock to the hand", age_years=40), model=None)
    assert "shock" not in {f.id for f in a.red_flags}
    assert "burn" in {f.id for f in a.red_flags}


# "Swelling" alone was once read as an allergic reaction: "swelling of leg, short of breath" became
# anaphylaxis with airway involvement (level 1), "knee swelling, dizziness" a systemic allergy (2).
@pytest.mark.parametrize("complaint", ["swelling of leg, short of breath", "腿肿 气短", "hand swelling, vomiting",
                                       "knee swelling, dizziness", "ankle swelling, felt faint"])
def test_a_swollen_limb_is_not_an_allergic_reaction(complaint: str) -> None:
    a = assess(Intake(complaint=complaint, age_years=60), model=None)
    assert not {f.id for f in a.red_flags} & {"anaphylaxis", "anaphylaxis_airway", "allergy_systemic"}
    assert a.rule_floor_acuity >= 2


@pytest.mark.parametrize(("complaint", "sbp", "dbp", "acuity", "flag"), [
    # KTAS/CTAS hypertension: SBP ≥220 or DBP ≥130 with symptoms → 2; SBP 200-220 or DBP 110-130 → 3.
    ("headache", 220, 100, 2, "hypertension_severe_symptomatic"),
    ("headache", 219, 100, 3, "hypertension_symptomatic"),
    ("chest pain", 190, 130, 2, "hypertension_severe_diastolic_symptomatic"),
    ("vomiting", 190, 129, 3, "hypertension_diastolic_symptomatic"),
    ("headache", 200, 100, 3, "hypertension_symptomatic"),
    ("headache", 199, 110, 3, "hypertension_diastolic_symptomatic"),
    ("headache", 199, 109, 4, None),
    ("knee pain", 200, 115, 4, None),   # no hypertensive symptom: graded by the vital tables alone
])
def test_hypertension_is_graded_with_its_symptoms(complaint: str, sbp: float, dbp: float, acuity: int,
                                                  flag: str | None) -> None:
    a = assess(Intake(complaint=complaint, age_years=55, sbp_mmhg=sbp, dbp_mmhg=dbp, heart_rate_bpm=80,
                      resp_rate_bpm=16, spo2_pct=98, temp_c=36.8, avpu="A"), model=None)
    ids = {f.id for f in a.red_flags}
    assert a.rule_floor_acuity == acuity
    assert (flag in ids) if flag else not any(i.startswith("hypertension") for i in ids)


@pytest.mark.parametrize("complaint", ["blurred vision OD", "on fentanyl patch, back pain", "heartburn after meals",
                                       "一盒药吃完了 来开药", "child with CP, fever",  # CP: cerebral palsy
                                       "上腹好像被什么压住了一样", "过敏性哮喘 咳嗽", "胃镜：胃窦粘膜花斑样改变",
                                       "花斑癣 身上痒", "吃了降压药 血压下降了", "糖尿病酸中毒 复查",
                                       # Phrases that hold an emergency's word (lexicon: look_alike).
                                       "fever not responding to paracetamol", "吃药没有反应", "under arrest, drunk",
                                       "head hanging position test", "wants aggressive treatment",
                                       "fit and well, here for a check-up", "cannot fall asleep at night",
                                       # Figures of speech: pain "to die for", "almost in shock", "suffocating".
                                       "牙疼得想死", "肚子疼得差点休克", "有窒息感 焦虑"])
def test_words_that_only_look_like_an_emergency(complaint: str) -> None:
    a = assess(Intake(complaint=complaint, age_years=60), model=None)
    ids = {f.id for f in a.red_flags}
    assert not ids & {"poisoning", "burn", "cardiac_chest_pain", "multiple_trauma", "anaphylaxis_airway", "shock",
                      "reported_hypotension", "unresponsive", "altered_consciousness", "cardiac_arrest",
                      "suicidal_intent", "violence_risk", "seizure"}, ids
    assert "look_alike" not in {f.concept for f in a.findings}  # a shield is never shown as a finding


@pytest.mark.parametrize("complaint", ["child not responding to voice", "叫他没有反应", "not responding"])
def test_a_patient_who_does_not_respond_is_still_unresponsive(complaint: str) -> None:
    assert assess(Intake(complaint=complaint, age_years=5), model=None).rule_floor_acuity == 1


@pytest.mark.parametrize("complaint", ["癫痫多年 吃药控制 来复查", "癫痫 来开药", "有癫痫 发烧",
                                       "known epileptic, fever"])
def test_epilepsy_named_as_a_condition_is_not_a_seizure_today(complaint: str) -> None:
    ids = {f.id for f in assess(Intake(complaint=complaint, age_years=30), model=None).red_flags}
    assert not ids & {"seizure", "epilepsy_attack", "paediatric_seizure"}, ids


def test_a_graze_that_has_stopped_bleeding_stays_non_urgent() -> None:
    assert assess(Intake(complaint="small graze on knee, bleeding stopped", age_years=40), model=None).acuity == 5


def test_throat_tightness_alone_is_not_an_airway_emergency() -> None:
    assert assess(Intake(complaint="喉咙发紧", age_years=40), model=None).rule_floor_acuity == 4


@pytest.mark.parametrize(("complaint", "age", "most"), [
    # Children's emergencies in a carer's words (Chengdu paediatric criteria 2级 and others).
    ("哭闹不止，果酱样大便", 1, 2),     # intussusception
    ("阵发性哭闹，呕吐", 0.8, 2),
    ("误吸花生，咳嗽", 2, 2),           # inhaled foreign body: incomplete airway obstruction
    ("气管异物，呛咳", 2, 2),
    ("喉咙痛，流口水，不能吞咽", 4, 2),  # drooling and unable to swallow: the airway is at risk
    ("从床上摔下，头部着地，呕吐", 1, 3),
    ("宝宝发烧 抽了一下", 0.5, 2),      # a febrile convulsion as a parent says it
    ("翻白眼 口吐白沫", 3, 2),
    ("宝宝呼吸的时候肋骨凹进去", 1, 2),  # IMCI chest indrawing
    ("newborn yellow skin, sleepy", 0.05, 2),
    ("新生儿 手心脚心都黄了", 0.05, 2),  # IMCI young infant: severe jaundice
    ("孩子吃了奶奶的药", 3, 2),          # a grandparent's pills
    ("吃了野生菌 头晕 呕吐", 40, 2),     # wild-mushroom poisoning (amatoxin): a rural emergency
    ("ate wild mushrooms, vomiting", 40, 2),
    ("吸毒过量", 20, 2),
    ("突然说不出话", 60, 2),             # aphasia, a stroke sign, not breathlessness
    ("怀孕7个月 肚子很硬 很痛", 30, 2),   # contractions at 30 weeks
    ("肾结石 疼得打滚", 35, 2),          # writhing: severe pain, CTAS severe renal colic → II
    ("孩子发烧 身上有紫红色的点", 2, 2),  # fever with a petechial rash
    ("child fever and purple spots", 2, 2),
    ("sudden leg pain, leg cold and pale", 60, 2),  # acute limb ischaemia
    ("vomiting coffee grounds", 50, 2),
    ("产后三天 发烧 恶露臭", 30, 3),      # NICE NG51: a recent birth is a sepsis risk factor
    ("pregnant, fever and chills", 28, 3),
    ("上腹痛 出汗 恶心", 55, 2),          # AHA/ACC 2021: cardiac pain felt in the upper abdomen, jaw, arm
    ("左肩痛 出冷汗", 50, 2),
    ("jaw pain and sweating", 60, 2), ("back pain and sweating", 60, 2), ("背后疼 出冷汗", 60, 2),
    ("左边肩膀疼 出汗", 60, 2), ("indigestion and sweating", 60, 2), ("胸口发闷", 60, 2), ("心脏疼", 60, 2),
    ("chest heaviness", 60, 2), ("my heart hurts", 60, 2), ("胸口像针扎", 50, 2),
    ("trach tube blocked", 60, 1), ("sudden leg pain, cold foot", 75, 2), ("一只脚冰凉 疼 突然", 70, 2),
    ("took too much insulin", 50, 2), ("ate rat poison", 3, 2), ("drank weed killer", 40, 1), ("喝了除草剂", 40, 1),
    ("exposed to chlorine gas", 40, 2), ("swallowed a needle", 3, 2), ("孩子吞了牙签", 3, 2),
    ("smoke from a house fire, coughing", 40, 3),
    ("I want to die", 30, 2), ("cut himself with a razor", 20, 2), ("threatening to jump off a bridge", 30, 2),
    ("说要跳楼", 30, 2), ("high on meth, agitated", 30, 2), ("very anxious, heart pounding", 30, 3),
    ("hemophilia, bleeding into knee", 20, 3),   # CTAS: a joint bleed with a bleeding disorder is moderate (III)
    ("上气不接下气", 70, 2), ("透不过气", 70, 2), ("can't get enough air", 70, 2),  # breathlessness, SpO2 unmeasured
    ("说话说不完整一句", 60, 2), ("肚子疼得厉害 肚子不能碰", 40, 2),
    ("头痛 发烧 呕吐 怕光", 40, 2),       # NICE NG240: fever with photophobia
    ("后脑勺痛 突然 像被打了一棍", 35, 2),  # a thunderclap headache in a patient's words
    ("突然走路不稳 头晕", 70, 2),         # BE-FAST: sudden loss of balance
    ("突然看东西重影", 65, 2),
    ("电锯割伤 大腿 出血多", 60, 2),
    ("怀孕 见红", 30, 2),                 # bleeding in a pregnancy of unknown stage: ectopic until shown not
    ("孕39周 见红", 30, 2),               # the show of labour, not third-trimester haemorrhage (1)
    ("眼睛突然很痛 看灯有光圈 呕吐", 55, 2),  # acute angle-closure glaucoma
    ("喝了84消毒液", 40, 2),              # bleach: a caustic ingestion
    ("孩子喝了洗衣液", 3, 2),
    ("宝宝呕吐 喷射状 前囟鼓", 1, 2),      # a bulging fontanelle, fever or not
    ("孩子 喘 嘴唇紫", 5, 2),
    ("孩子 头被撞 昏迷了一下", 8, 2),      # head injury with a brief loss of consciousness (NICE NG232)
    ("burns to face from explosion, hoarse voice", 40, 2),  # inhalation injury (ATLS, ABA)
    ("10 weeks pregnant, severe one-sided pelvic pain", 30, 2),
    ("motorcycle crash, leg deformed", 40, 2),
    ("child fell from second floor window", 3, 2),
    ("bitten by snake on hand, swelling spreading", 50, 2),
    ("diabetic, sugar 30, vomiting", 50, 2),       # a glucose reading typed as "sugar"
    ("fall at home, hip pain, can't walk, leg shortened", 80, 3),  # a shortened leg: deformity
    # Stroke signs as a family describes them (one side, a dropped corner of the mouth).
    ("一只手没力气", 70, 2), ("走路拖着一条腿", 70, 2), ("半边脸麻", 65, 2), ("说话大舌头", 70, 2),
    ("筷子拿不住", 70, 2),
    ("突然听不懂别人说话", 70, 2), ("突然头晕 看东西重影 呕吐", 60, 2), ("arm drifting down", 70, 2),
    ("dragging his leg", 70, 2), ("words coming out wrong", 70, 2),
    ("左手没力气 说话有点不清", 70, 2), ("半边身子动不了", 70, 2), ("嘴角歪了 流口水", 65, 2),
    ("突然一只手拿不住东西", 60, 2), ("weakness, Lt. arm", 70, 2), ("weakness of the right leg", 70, 2),
    ("后背撕裂一样疼", 60, 2),              # tearing back pain: aortic dissection until shown not
    ("从树上摔下来 腰疼 腿麻", 50, 2),       # a fall from height
    ("孩子吃花生呛着了 一直咳", 2, 2),       # an inhaled peanut
    ("孩子高烧不退 抽起来了", 2, 2),
    ("老人突然不认人了", 80, 2),              # acute confusion
    ("大便黑 头晕", 60, 2),                  # melaena in everyday words
    ("肚子痛 不让按", 40, 2),                # guarding
    ("阴囊突然剧痛", 15, 2),                 # testicular torsion until shown not
    ("wrist cutting", 20, 2), ("DOA", 70, 1), ("threatened abortion", 30, 2),
    # The same emergencies as patients and families say them in English.
    ("pain in chest going down left arm", 55, 2), ("my chest feels tight", 55, 2), ("throwing up blood", 50, 2),
    ("pooping black", 60, 2), ("pregnant and bleeding", 25, 2), ("怀孕 出血", 25, 2),
    ("took a whole bottle of tylenol", 20, 2), ("drank antifreeze", 40, 2), ("overdosed on heroin", 30, 2),
    ("baby not waking up properly", 0.5, 2), ("knife wound to the belly", 30, 2),
    ("face swollen after peanuts, hard to breathe", 20, 2), ("lips swelling after new medication", 40, 2),
    ("can't move left side", 70, 2), ("speech slurred since this morning", 70, 2),
    ("chemical splashed in eye", 30, 2), ("hearing voices telling me to hurt people", 30, 2),
    ("sore throat and can't swallow saliva", 30, 1),
    ("stiff neck and purple rash", 20, 2),            # NICE NG240: a non-blanching rash with meningism
    ("thinking of ending my life", 30, 3), ("drunk and fell, cut on head", 40, 3),
    ("burned arm with boiling water", 30, 3),
    ("吃了一整瓶降压药", 40, 2), ("swallowed a whole packet of paracetamol", 20, 2),  # an overdose by count
    # Emergency-department shorthand and named diagnoses (KTAS-style chief complaints).
    ("c/o CP", 55, 2), ("sz", 30, 2), ("r/o MI", 60, 2), ("r/o SAH", 50, 2), ("ICH", 70, 2), ("AMS", 80, 2),
    ("ectopic pregnancy", 28, 2), ("pre-eclampsia", 30, 2), ("妊高症 头痛", 30, 2), ("子痫", 30, 2),
    ("hemoptysis, massive", 60, 2), ("大咯血", 60, 2), ("open fx, leg", 40, 2), ("labor", 30, 2),
    ("self-inflicted wound", 25, 2), ("drug OD", 25, 2), ("epistaxis, uncontrolled", 60, 2),
    ("testicular torsion", 15, 3), ("orthopnea", 70, 3),
    ("宝宝呼吸暂停", 0.2, 2), ("apnoea episodes", 0.1, 2),   # PaedsCTAS: apnoea is severe respiratory distress
    # Rural China: poisons, machines, farm vehicles, heat.
    ("喝了假酒 看不清", 50, 2), ("吃了河豚 嘴麻", 40, 2), ("喝了药酒 草乌 嘴麻 心慌", 60, 2), ("吃了蟾蜍", 30, 2),
    ("拖拉机翻了 压住腿", 50, 2), ("被机器卷进去 手", 40, 2), ("煤矿 塌方 被埋", 40, 2), ("被牛顶了 肚子疼", 60, 2),
    ("高温作业后 昏倒 高热", 45, 2),   # heat illness with collapse: heat stroke until shown otherwise
    ("打架 被打了头 昏过去", 30, 2),    # head injury with loss of consciousness
    ("被雷击了", 40, 3), ("喝酒后 摔倒 头出血", 50, 3),
    # A parent's English for a sick child.
    ("baby vomiting green", 0.3, 2), ("宝宝吐绿水", 0.5, 2),      # bilious vomiting: volvulus until shown not
    ("child drank from a bottle of lamp oil", 2, 2), ("teenager took her mother's pills", 15, 2),
    ("baby blue around the lips while feeding", 0.2, 2), ("kid fell off trampoline, arm looks bent", 8, 3),
    ("infant not wetting diapers, sunken soft spot", 0.5, 3),
    ("孩子咳得脸都紫了", 2, 2), ("孩子吸气的时候有鸡鸣声", 2, 1), ("小孩肚子疼 哭闹 大便带血像果酱", 1, 2),
    ("宝宝一直哭 哄不好 发烧", 0.5, 2), ("宝宝发烧 脸色发灰", 1, 3), ("孩子掉进水里", 3, 3),
    # Bleeding in pregnancy without the word "vaginal", graded by the stated gestation.
    ("pregnant with second child, bleeding", 28, 2), ("怀孕两个月 下面出血", 28, 2), ("孕32周 出血", 28, 1),
    ("孕32周 出血已止", 28, 1), ("stopped bleeding, pregnant 8 weeks", 28, 2),  # in a pregnancy any bleed counts
    # Eyes, ears, throat, mind, bleeding (sweep of less common emergencies).
    ("眼睛进了石灰", 30, 2), ("flashes and floaters, curtain over vision", 60, 2), ("像拉了帘子 一只眼看不见", 60, 2),
    ("扁桃体周围肿 张不开嘴", 30, 3), ("产后 情绪低落 想带孩子一起死", 28, 2),
    ("new mother, wants to harm her baby", 28, 2),
    ("hearing voices, wants to hurt himself", 25, 2), ("erection that won't go away", 30, 2),
    ("月经量大 一小时湿透一片卫生巾", 35, 2), ("soaking a pad every hour", 35, 2), ("怀孕 下腹一侧痛 肩膀痛", 28, 2),
    # A seizure today, as opposed to epilepsy named as the reason for a refill.
    ("癫痫发作", 30, 2), ("癫痫 又犯了", 30, 2), ("羊癫疯犯了 口吐白沫", 30, 2), ("epilepsy", 30, 2),
    # Village-clinic words for a sick child (China HFMD guideline 2018; NICE NG143 amber; NICE NG232).
    ("孩子手足口病 易惊 手脚抖", 2, 2), ("手足口 精神差", 3, 2), ("孩子发烧 嘴唇发白", 2, 3),
    ("小孩头撞了 一直睡", 4, 2), ("孩子咳嗽 喘 鼻翼扇动", 2, 2), ("蜂蜇了 嗓子紧", 30, 1),
])
def test_emergencies_in_a_carers_words(complaint: str, age: float, most: int) -> None:
    assert assess(Intake(complaint=complaint, age_years=age), model=None).rule_floor_acuity <= most


@pytest.mark.parametrize(("complaint", "age"), [
    ("宝宝流口水", 0.5), ("阵发性哭闹", 30), ("sleepy", 35), ("肚子很硬", 30), ("既往流产后 发烧", 30),
    ("小便解不出 下腹胀痛", 70),  # abdominal pain, not the non-urgent "bloating" it was read as
    ("胃痛", 30), ("左肩痛", 30), ("眼睛红 畏光 流泪", 40), ("小孩打球后左肩痛 出汗", 12), ("看灯有光圈", 55),
    ("声音嘶哑 三天", 40),  # hoarseness without a burn or smoke is not an airway burn
    ("洗衣液过敏 手痒", 30), ("very sleepy after night shift", 30),  # a detergent allergy is no ingestion
    ("手足口病 发烧两天", 3),      # uncomplicated hand, foot and mouth disease
    ("一直睡不着 头痛", 40),       # sleeplessness, not drowsiness
    ("打鼾 呼吸暂停", 50), ("sleep apnea", 50),  # obstructive sleep apnoea, not an apnoeic spell
    ("钉子扎脚", 30), ("中暑了 有点恶心", 30), ("vomiting bile after drinking", 40),
    ("孕32周 手指割伤出血", 28)])   # a cut finger, not a late-pregnancy bleed
def test_such_words_alone_are_not_an_emergency(complaint: str, age: float) -> None:
    assert assess(Intake(complaint=complaint, age_years=age), model=None).rule_floor_acuity == 4
