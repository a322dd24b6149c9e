"""Department routing: contract names, non-negotiable rules, and a sample of clear complaints."""

from __future__ import annotations

import pytest

from fenzhen.errors import InputError
from fenzhen.routing import FIRST_LEVEL, ClinicConfig, canonical_department, route

# Clear complaints whose department any triage nurse would agree on (model alone, no triage).
CLEAR = [
    ("右下腹疼痛一天，伴发热", "外科"),
    ("牙疼三天，晚上疼得睡不着", "五官科"),
    ("肾虚怎么调理，想吃中药", "中医科"),
    ("脸上长痘痘反反复复", "皮肤性病科"),
    ("月经推迟十天，验孕棒两条杠", "妇产科"),
    ("早泄，性生活时间短", "男科"),
    ("腰椎间盘突出，腿麻", "骨科"),
    ("长期失眠，心情低落", "精神心理科"),
    ("乙肝大三阳要不要抗病毒", "传染科"),
    ("肺癌化疗后呕吐", "肿瘤科"),
    ("中风后偏瘫怎么做康复训练", "康复科"),
    ("血压高，头晕，吃什么降压药", "内科"),
    ("acne on my face for months", "皮肤性病科"),
    ("toothache for three days", "五官科"),
]


@pytest.mark.parametrize(("text", "department"), CLEAR)
def test_clear_complaints(text: str, department: str) -> None:
    assert route(text, check_red_flags=False).department == department


def test_result_contract_fields() -> None:
    result = route("右下腹疼痛一天，伴发热", age_years=25, sex="female", check_red_flags=False)
    assert result.department in FIRST_LEVEL
    assert 0 < result.probability <= 1
    assert len(result.alternatives) == 2 and result.top3[0] == result.department
    assert set(result.top3) <= set(FIRST_LEVEL) and len(set(result.top3)) == 3
    assert "右下腹" in result.drivers


def test_internal_medicine_gets_a_subdepartment() -> None:
    result = route("乙肝小三阳，转氨酶高，肝功能异常", age_years=40, check_red_flags=False)
    assert result.department in ("内科", "传染科")
    assert route("冠心病心绞痛，胸闷心慌", age_years=60, check_red_flags=False).subdepartment == "心血管内科"


def test_emergency_rule_from_acuity() -> None:
    result = route("牙疼三天", acuity=2)
    assert result.department == "急诊科" and result.probability == 1.0
    assert any("急诊科" in r for r in result.rules_applied)
    assert route("牙疼三天", acuity=3).department == "五官科"


@pytest.mark.parametrize(("text", "sub"), [("fever and cough for a week", "呼吸内科"),
                                         ("stomach pain and vomiting", "消化内科"),
                                         ("burning urination", "肾内科"),
                                         ("fever for two days", None)])
def test_english_internal_medicine_is_placed_by_its_phrases(text: str, sub: str | None) -> None:
    """The learned second level knows Chinese only; English goes by the catalogue phrases, or stays at 内科."""
    result = route(text, age_years=30, acuity=4)
    assert result.department == "内科" and result.subdepartment == sub


def test_a_red_flag_that_sends_to_the_emergency_room_is_the_reason_shown() -> None:
    result = route("烧伤面积30%", age_years=30)
    assert result.department == "急诊科" and result.drivers == ["烧伤 30%"]


@pytest.mark.parametrize(("text", "department"), [("长途坐车后 一条腿肿 痛", "外科"),
                                                  ("老人摔倒 髋部疼 不能走路", "骨科")])
def test_dvt_and_a_hip_go_to_surgeons(text: str, department: str) -> None:
    assert route(text, age_years=70).department == department


def test_sex_constraints() -> None:
    assert route("早泄，性生活时间短", sex="female", check_red_flags=False).department != "男科"
    assert route("月经不调，白带多", sex="male", check_red_flags=False).department != "妇产科"


def test_child_goes_to_paediatrics_unless_clear_specialist() -> None:
    assert route("咳嗽发烧两天", age_years=5, check_red_flags=False).department == "儿科"
    assert route("牙疼，蛀牙", age_years=8, check_red_flags=False).department == "五官科"
    assert route("咳嗽发烧两天", age_years=30, check_red_flags=False).department != "儿科"


def test_child_age_threshold_is_configurable() -> None:
    clinic = ClinicConfig(paediatric_age_max_years=6)
    assert route("咳嗽发烧两天", age_years=10, clinic=clinic, check_red_flags=False).department == "内科"


def test_pregnancy_goes_to_obstetrics() -> None:
    assert route("肚子隐隐作痛", pregnant=True, sex="female", check_red_flags=False).department == "妇产科"
    assert route("怀孕两个月，肚子有点痛", check_red_flags=False).department == "妇产科"


def test_clinic_can_hide_and_rename() -> None:
    clinic = ClinicConfig(hidden=["中医科"], rename={"五官科": "眼耳鼻喉口腔科"})
    assert route("肾虚怎么调理", clinic=clinic, check_red_flags=False).department != "中医科"
    assert route("牙疼", clinic=clinic, check_red_flags=False).department_display == "眼耳鼻喉口腔科"
    with pytest.raises(InputError, match="急诊科"):
        ClinicConfig(hidden=["急诊科"])
    with pytest.raises(InputError, match="clinic.hidden"):
        ClinicConfig(hidden=["牙科"])


def test_aliases_are_not_departments() -> None:
    assert canonical_department("感染科") == "传染科"
    assert canonical_department("皮肤科") == "皮肤性病科"
    with pytest.raises(InputError, match="department"):
        canonical_department("火星科")


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"text": ""}, "text"), ({"text": "牙疼", "age_years": -1}, "age_years"),
    ({"text": "牙疼", "sex": "x"}, "sex"), ({"text": "牙疼", "acuity": 7}, "acuity"),
])
def test_bad_input_names_the_field(kwargs: dict, field: str) -> None:
    with pytest.raises(InputError, match=field):
        route(**kwargs)


def test_departments_doc_is_generated_from_the_data() -> None:
    from pathlib import Path

    from fenzhen.routing.docs import departments_markdown

    doc = Path(__file__).resolve().parents[2] / "docs" / "departments.md"
    assert doc.read_text(encoding="utf-8") == departments_markdown()
