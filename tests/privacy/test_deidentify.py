"""End-to-end text de-identification: identifiers go, clinical meaning stays."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fenzhen.errors import InputError, PrivacyError
from fenzhen.privacy import DeidResult, PhiType, deidentify

ZH_NOTE = (
    "患者王芳，女，92岁，电话13800138000，身份证号110101199003074514，住址：北京市朝阳区建国路88号3单元502室，"
    "住院号ZY2023001234，2023年5月12日入院，5月20日出院。王芳诉头痛三天，予阿莫西林0.5g tid，血压150/95mmHg，"
    "心率96次/分，体温38.5℃，患儿弟弟3岁。"
)
EN_NOTE = (
    "Patient: John Smith, MRN 12345678, seen 05/12/2023 at 123 Main Street, Springfield, IL 62704. "
    "Smith reports chest pain for 2 hours. BP 150/95, HR 112, SpO2 94%, aspirin 325 mg. SSN 123-45-6789."
)
KEY = "clinic-secret-key-0123456789"


def test_contract_example_keeps_bp_and_removes_phone() -> None:
    out = deidentify("患者李明，电话13800138000，血压150/95mmHg。")
    assert out.text == "患者[姓名]，电话[电话]，血压150/95mmHg。"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("胸痛两小时，王小明说电话13800138000", "胸痛两小时，[姓名]说电话[电话]"),
        ("据李娜称昨晚开始发热，李娜既往体健。", "据[姓名]称昨晚开始发热，[姓名]既往体健。"),
        ("患者说胸口痛，医生说需要复查，高烧说明有感染。", "患者说胸口痛，医生说需要复查，高烧说明有感染。"),
    ],
)
def test_names_without_a_cue_word(text: str, expected: str) -> None:
    assert deidentify(text).text == expected


def test_chinese_note_tags() -> None:
    out = deidentify(ZH_NOTE)
    for secret in ("王芳", "13800138000", "110101199003074514", "建国路", "ZY2023001234", "5月12日", "92岁"):
        assert secret not in out.text
    for kept in ("三天", "0.5g", "150/95mmHg", "96次/分", "38.5℃", "3岁", "[年龄]岁"):
        assert kept in out.text
    assert out.language == "zh" and "[姓名]" in out.text and "[身份证号]" in out.text


def test_english_note_tags() -> None:
    out = deidentify(EN_NOTE)
    for secret in ("John", "Smith", "12345678", "05/12/2023", "Main Street", "123-45-6789"):
        assert secret not in out.text
    for kept in ("2 hours", "150/95", "HR 112", "94%", "325 mg"):
        assert kept in out.text
    assert out.language == "en" and "[NAME]" in out.text and "[MRN]" in out.text


def test_mask_keeps_length_and_separators() -> None:
    out = deidentify("电话138-0013-8000。", "mask")
    assert out.text == "电话***-****-****。"


def test_pseudonyms_are_consistent_across_documents_and_keys_differ() -> None:
    a = deidentify("患者王芳，电话13800138000。", "pseudonym", KEY)
    b = deidentify("家属王芳来电，电话13800138000。", "pseudonym", KEY)
    c = deidentify("患者王芳，电话13800138000。", "pseudonym", KEY + "x")
    name_a = a.spans[0].replacement
    assert name_a == b.spans[0].replacement and name_a != "王芳"
    assert a.spans[1].replacement == b.spans[1].replacement
    assert (a.spans[0].replacement, a.spans[1].replacement) != (
        c.spans[0].replacement,
        c.spans[1].replacement,
    )


def test_pseudonym_date_shift_keeps_intervals() -> None:
    out = deidentify("2023年5月12日入院，2023年5月20日出院。", "pseudonym", KEY, date_shift_days=-10)
    assert out.text == "2023年5月2日入院，2023年5月10日出院。"


def test_pseudonym_needs_a_long_enough_key() -> None:
    with pytest.raises(PrivacyError):
        deidentify("患者李明", "pseudonym")
    with pytest.raises(PrivacyError):
        deidentify("患者李明", "pseudonym", "short")


@pytest.mark.parametrize(("bad", "field"), [(b"bytes", "text"), ("x" * 10, "operator")])
def test_bad_input_names_the_field(bad: object, field: str) -> None:
    with pytest.raises(InputError) as info:
        if field == "operator":
            deidentify(str(bad), "redact-all")  # type: ignore[arg-type]
        else:
            deidentify(bad)  # type: ignore[arg-type]
    assert info.value.fields[0]["field"] == field


def test_result_serialises_without_identifier_values() -> None:
    out = deidentify(ZH_NOTE)
    data = json.dumps(out.to_dict(), ensure_ascii=False)
    spans_only = json.dumps([s.to_dict() for s in out.spans], ensure_ascii=False)
    assert "13800138000" not in data and "王芳" not in spans_only
    assert isinstance(out, DeidResult) and out.counts()[str(PhiType.PHONE)] == 1
    assert all(s.explanation and s.recognizer for s in out.spans)


_CLINICAL = st.sampled_from(
    [
        "血压{a}/{b}mmHg",
        "心率{a}次/分",
        "体温3{c}.{c}℃",
        "阿莫西林{a}mg",
        "发热{c}天",
        "{c}岁",
        "SpO2 {a}%",
        "BP {a}/{b}",
        "HR {a}",
        "{a} mg every {c} hours",
        "glucose {c}.{c} mmol/L",
        "for {c} days",
        "{a}-year-old",
    ]
)


@settings(max_examples=150, deadline=None)
@given(template=_CLINICAL, a=st.integers(20, 250), b=st.integers(20, 150), c=st.integers(1, 9))
def test_clinical_numbers_survive(template: str, a: int, b: int, c: int) -> None:
    phrase = template.format(a=a if "year" not in template else min(a, 89), b=b, c=c)
    assert phrase in deidentify(f"患者诉：{phrase}。").text
    assert phrase in deidentify(f"The patient has {phrase}.").text
