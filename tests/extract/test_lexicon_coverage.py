"""Common primary-care complaints, in the words a Chinese village clinic writes them, are recognised.

An unrecognised complaint falls back to the acute default (or, with few vitals, to "insufficient
information"): each word here pins the concept that its triage row, routing and care advice use.
"""

import pytest

from fenzhen.extract import extract_findings


@pytest.mark.parametrize(("text", "concept"), [
    ("热射病", "heat_stroke"), ("中暑", "heat_illness"), ("冻疮", "frostbite"), ("带状疱疹", "herpes_zoster"),
    ("黄疸一周", "jaundice"), ("痛风发作", "limb_pain"), ("落枕", "neck_pain"), ("口腔溃疡", "dental"),
    ("声音嘶哑", "ent_problem"), ("吞咽困难", "dysphagia"), ("食欲不振", "anorexia"), ("水痘", "communicable_disease"),
    ("痱子", "rash"), ("甲沟炎", "skin_infection"), ("乳房肿块", "lump"), ("月经不调", "menstrual_problem"),
    ("白带异常", "vaginal_discharge"), ("眼睛红", "eye_problem"), ("麦粒肿", "eye_problem"), ("吐奶", "vomiting"),
    ("腿抽筋", "muscle_ache"), ("被蜈蚣咬了", "animal_bite"), ("右肩脱臼", "deformity"), ("下巴脱臼", "minor_injury"),
    ("heat stroke after a run", "heat_stroke"), ("swollen lymph nodes in the neck", "lump"),
    ("periorbital cellulitis", "facial_cellulitis"), ("difficulty swallowing", "dysphagia"),
    # CEDIS-style inverted and shorthand English, as triage records write it.
    ("pain, tooth", "dental"), ("discomfort, throat", "sore_throat"), ("oral bleeding", "bleeding_minor"),
    ("coccygeal pain", "back_pain"), ("general ache", "muscle_ache"), ("f/c, c/s", "fever"), ("f/c, c/s", "cough"),
    ("low Hb", "critical_lab_value"), ("Blood Pressure, Low", "reported_hypotension"),
    ("小便解不出", "sphincter_dysfunction"), ("下腹胀痛", "abdominal_pain"), ("嗓子不舒服", "sore_throat"),
    ("ped TA", "high_risk_mechanism"), ("hanging", "suicidal"), ("上吊", "suicidal"),
    ("GI bleeding", "major_haemorrhage"),
    ("rhinorrhea", "common_cold"), ("arthralgia", "limb_pain"), ("tinnitus", "ent_problem"), ("labor pain", "labour"),
    ("slip down", "minor_injury"), ("lymph node", "lump"), ("vaccination", "administrative"),
    ("咳嗽带血丝", "hemoptysis"), ("头被撞", "head_injury"), ("昏迷了一下", "syncope"), ("见红", "pregnancy"),
    # Chief complaints as Korean and other ED records write them in English (KTAS-style shorthand).
    ("presyncope", "syncope"), ("DOE", "dyspnea"), ("N/V", "vomiting"), ("chilling", "fever"),
    ("bicycle accident", "minor_injury"), ("assault", "minor_injury"), ("foreign body in throat", "ent_problem"),
    ("foley change", "administrative"), ("L-tube change", "administrative"), ("stitch out", "administrative"),
    ("Rx", "administrative"), ("icteric sclera", "jaundice"), ("gout", "limb_pain"), ("thigh pain", "limb_pain"),
    ("BP elevation", "hypertension"), ("atrial fibrillation", "palpitation"), ("anuria", "reduced_urine"),
    ("abnormal behavior", "psychiatric"), ("delusional idea", "psychiatric"), ("CVA tenderness", "flank_pain"),
    ("menorrhagia", "vaginal_bleeding"), ("postmenopausal bleeding", "vaginal_bleeding"),
    ("knee swelling", "joint_swelling"), ("swelling of leg", "edema"), ("periorbital swelling", "facial_swelling"),
    ("尿里有血", "urinary"), ("手被开水烫了", "burn"), ("眼睛被铁屑崩了", "eye_problem"), ("咳出一口血", "hemoptysis"),
    ("头痛得像要裂开", "severity_severe"), ("膝盖肿了", "joint_swelling"), ("宝宝三天没吃奶", "unable_to_feed"),
    ("吃了隔夜饭 上吐下泻", "vomiting"), ("吃了隔夜饭 上吐下泻", "diarrhea"), ("糖尿病 脚溃烂", "skin_infection"),
    ("hand, foot and mouth disease", "hfmd"), ("手足口病", "communicable_disease"),
    ("被蜜蜂蛰了", "allergic_reaction"),
    # CEDIS presenting-complaint names, as a record from another ED may carry them.
    ("chemical exposure, eye", "chemical_eye_exposure"), ("sensory loss/paresthesias", "numbness"),
    ("dental/gum problem", "dental"), ("upper extremity pain", "limb_pain"), ("pruritis", "rash"),
    ("膝盖疼 上下楼梯疼", "limb_pain"), ("肩膀疼 抬不起来", "limb_pain"), ("晚上睡觉憋醒", "dyspnea"),
    ("夜里不能平躺", "dyspnea"), ("心跳突然很快 停不下来", "palpitation"), ("右上腹痛 发烧 皮肤黄", "jaundice"),
    ("手指被刀切了", "wound"), ("摔了一跤 手腕疼", "minor_injury"), ("耳朵流脓", "ent_problem"),
    ("鼻子出血 止住了", "epistaxis"), ("被老鼠咬了", "animal_bite"), ("扁桃体肿大 发烧", "sore_throat"),
    ("手上长了个脓包", "skin_infection"), ("痔疮出血", "hematochezia"), ("月经不来 肚子疼", "pregnancy"),
    ("N/V/D", "vomiting"), ("N/V/D", "diarrhea"), ("DVT", "edema"), ("HHS", "hyperglycaemia"),
    ("fx, wrist", "fracture"), ("AE COPD", "dyspnea"), ("pyelonephritis", "urinary"),
    ("suprapubic pain", "abdominal_pain"), ("LGIB", "hematochezia"),
    # Bleeding named by its organ is that organ's emergency, not bleeding of no stated site.
    ("颅内出血", "focal_weakness"), ("brain bleed", "focal_weakness"), ("内出血", "major_haemorrhage"),
    ("脾破裂出血", "major_haemorrhage"), ("internal bleeding", "major_haemorrhage"), ("眼底出血", "eye_problem"),
    # CEDIS/KTAS records put the symptom first: every "<site> <symptom>" term reads inverted too.
    ("pain, wrist", "limb_pain"), ("pain, back", "back_pain"), ("pain, head", "headache"), ("pain, ear", "ent_problem"),
    ("swelling, eyelid", "facial_swelling"), ("tenderness, abd", "abdominal_pain"),
    ("laceration, scalp", "head_injury"), ("pain, scrotum", "testicular_pain"),
    ("decreased mentality", "altered_mental_status"), ("cough, blood", "hemoptysis"),
    # Routine visits at a village clinic.
    ("量血压", "administrative"), ("测血糖", "administrative"), ("精神分裂症 来拿药", "administrative"),
    ("产检", "administrative"), ("打狂犬疫苗 第二针", "administrative"), ("allergic asthma", "dyspnea"),
    # The commonest complaints among the Toyhom questions that matched nothing.
    ("饭后胃胀", "abdominal_distension"), ("胃有点疼", "abdominal_pain"), ("肝区隐痛", "abdominal_pain"),
    ("尿很黄", "jaundice"), ("坐骨神经痛", "back_pain"), ("胃胀 呕吐 不排便", "obstipation"),
])
def test_common_complaint_is_recognised(text: str, concept: str) -> None:
    assert concept in {f.concept for f in extract_findings(text) if not f.negated}


def test_either_character_for_pain_matches_and_the_text_is_kept() -> None:
    """疼 and 痛 both mean pain: a word listed with one is found written with the other."""
    (finding,) = [f for f in extract_findings("腰疼两天") if f.concept == "back_pain"]
    assert finding.text == "腰疼"
    assert {f.concept for f in extract_findings("胸口疼")} == {f.concept for f in extract_findings("胸口痛")}


@pytest.mark.parametrize(("text", "concepts"), [
    ("阴囊突然剧痛", {"testicular_pain", "sudden_onset", "severity_severe"}),
    ("心跳突然很快 停不下来", {"palpitation", "sudden_onset"}),
    ("肚子疼得厉害", {"abdominal_pain", "severity_severe"}),
])
def test_a_qualifier_inside_a_symptom_word_is_read_too(text: str, concepts: set[str]) -> None:
    """Severity and sudden onset are read in a pass of their own: overlapping words do not hide them."""
    assert concepts <= {f.concept for f in extract_findings(text) if f.present}
