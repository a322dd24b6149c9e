"""Note templates: how identifiers and clinical numbers appear around real clinical sentences.

Forms follow Chinese 门诊/住院病历 headers (WS 445-2014 fields) and US H&P / discharge note
conventions. Each call picks forms at random (seeded), so no two notes share a layout.
"""

from __future__ import annotations

import random
from typing import Any

from fenzhen.privacy.benchmark.corpus import Document
from fenzhen.privacy.types import PhiType as T

__all__ = ["en_note", "zh_note"]

_ZH_REL = ("儿子", "女儿", "丈夫", "妻子", "母亲", "父亲")
_ZH_TITLES = ("主治医师：", "医师签名：", "责任护士：", "记录者：")
_ZH_DATE = ("%Y年%m月%d日", "%Y-%m-%d", "%Y/%m/%d", "%Y年%-m月%-d日")
_EN_DATE = ("%m/%d/%Y", "%B %d, %Y", "%Y-%m-%d", "%d %B %Y")
_EN_STATES = ("IL", "CA", "NY", "TX", "OH", "WA", "GA", "MA")
# Names with no cue word, as histories record what someone said: (before, after the name).
_ZH_SPEAKER = (
    ("", "说胸口痛{n}小时。"),
    ("据", "称昨晚开始发热。"),
    ("", "诉头晕乏力{n}天。"),
    ("", "表示夜间咳嗽加重。"),
    ("", "告诉护士腹痛难忍。"),
    ("", "反映服药后恶心。"),
    ("", "自述胸闷气短{n}天。"),
    ("听", "说孩子昨晚发热。"),
)
# The subject at the start of a clause, followed by the predicate.
_ZH_SUBJECT = ("今天开始发热。", "昨晚腹痛，呕吐{n}次。", "胸口痛{n}小时。", "咳嗽{n}天，无发热。", "自觉心慌。")
# Speech without a name: the first part is a clinical term that must survive (患者说, 高烧说明).
_ZH_NOT_NAMES = (
    ("患者", "说胸口痛{n}小时。"),
    ("医生", "说需要复查血常规。"),
    ("孩子", "说肚子疼。"),
    ("高烧", "说明有感染。"),
    ("他", "说昨晚没睡好。"),
    ("家属", "称患者近期食欲差。"),
    ("母亲", "诉患儿发热{n}天。"),
    ("严重", "时呼吸困难。"),
)


def _age(rng: random.Random) -> int:
    return (
        rng.randint(90, 104) if rng.random() < 0.08 else rng.choice((rng.randint(1, 17), rng.randint(18, 89)))
    )


def _mrn(rng: random.Random, fk: Any) -> str:
    forms = (
        lambda: f"ZY{rng.randint(10**7, 10**8 - 1)}",
        lambda: str(rng.randint(10**5, 10**10)),
        lambda: f"MZ-{rng.randint(2015, 2025)}-{rng.randint(1, 99999):05d}",
        lambda: fk.bothify("??#######").upper(),
    )
    return rng.choice(forms)()


def _zh_phone(fk: Any, rng: random.Random) -> str:
    # Local numbers start with 2-9 (MIIT numbering plan); 8 digits only with 2-3 digit area codes.
    if rng.random() < 0.75:
        return fk.phone_number()
    if rng.random() < 0.5:
        return f"0{rng.randint(10, 99)}-{rng.randint(20_000_000, 89_999_999)}"
    return f"0{rng.randint(310, 999)}-{rng.randint(2_000_000, 8_999_999)}"


def _zh_vitals(d: Document, rng: random.Random) -> None:
    d.add(
        f"查体：体温{rng.choice(('36.5', '37.8', '38.6', '39.2'))}℃，心率{rng.randint(55, 140)}次/分，"
        f"呼吸{rng.randint(12, 32)}次/分，血压{rng.randint(85, 190)}/{rng.randint(50, 110)}mmHg，"
        f"血氧饱和度{rng.randint(86, 100)}%。"
    )


def zh_note(fk: Any, rng: random.Random, sentences: list[str]) -> Document:
    """Return one labelled Chinese note built around `sentences`."""
    d = Document("zh")
    name, sex, age = fk.name(), rng.choice("男女"), _age(rng)
    form = rng.randrange(4)
    if form == 0:
        d.add("姓名：")
        d.add(name, T.NAME)
        d.add(f"  性别：{sex}  年龄：")
        d.add(str(age), T.AGE if age >= 90 else None)
        d.add("岁  住院号：")
        d.add(_mrn(rng, fk), T.MRN)
        d.add("\n")
    elif form == 1:
        d.add("患者")
        d.add(name, T.NAME)
        d.add(f"，{sex}，")
        d.add(str(age), T.AGE if age >= 90 else None)
        d.add("岁，因")
        d.add(rng.choice(("发热", "胸闷", "腹痛", "头晕")) + f"{rng.randint(1, 10)}天来诊。门诊号")
        d.add(_mrn(rng, fk), T.MRN)
        d.add("。")
    elif form == 2:
        d.add(name, T.NAME)
        d.add(f"，{sex}，")
        d.add(str(age), T.AGE if age >= 90 else None)
        d.add("岁，于")
        d.add(fk.date_between("-3y", "today").strftime(rng.choice(_ZH_DATE)), T.DATE)
        d.add("就诊，病案号：")
        d.add(_mrn(rng, fk), T.MRN)
        d.add("。")
    else:
        d.add(name[0], T.NAME)
        d.add(
            rng.choice(("先生", "女士")) + f"，{age if age < 90 else 65}岁，主诉咳嗽{rng.randint(2, 14)}天。"
        )
    d.add("身份证号：")
    d.add(fk.ssn(), T.ID)
    d.add("，联系电话：")
    d.add(_zh_phone(fk, rng), T.PHONE)
    d.add("。家庭住址：")
    d.add(fk.address(), T.ADDRESS)
    d.add("。\n")
    for s in sentences[:2]:
        d.add(s)
    _zh_vitals(d, rng)
    extras = rng.sample(range(7), 3)
    for e in extras:
        if e == 0:
            d.add("家属")
            d.add(fk.name(), T.NAME)
            d.add(f"（{rng.choice(_ZH_REL)}），电话")
            d.add(fk.phone_number(), T.PHONE)
            d.add("。")
        elif e == 1:
            d.add("医保卡号：")
            d.add(fk.bothify("##########??").upper(), T.INSURANCE)
            d.add("。")
        elif e == 2:
            d.add("微信号：")
            d.add(fk.user_name() + str(rng.randint(100, 999)), T.SOCIAL)
            d.add("。")
        elif e == 3:
            d.add("曾于")
            d.add(fk.city() + "人民医院", T.HOSPITAL)
            d.add(f"住院{rng.randint(3, 14)}天。")
        elif e == 4:
            d.add(f"予阿莫西林{rng.choice(('0.5', '0.25'))}g 口服 tid，{rng.randint(3, 7)}天后复查。")
        elif e == 5:
            d.add("车牌号")
            d.add(fk.license_plate(), T.PLATE)
            d.add("。")
        else:
            d.add("邮箱：")
            d.add(fk.free_email(), T.EMAIL)
            d.add("。")
    _zh_cueless(d, fk, rng)
    for s in sentences[2:]:
        d.add(s)
    d.add("\n" + rng.choice(_ZH_TITLES))
    d.add(fk.name(), T.NAME)
    d.add("  ")
    d.add(fk.date_between("-3y", "today").strftime(rng.choice(_ZH_DATE)), T.DATE)
    return d


def _zh_cueless(d: Document, fk: Any, rng: random.Random) -> None:
    """Add a name with no cue word (speaker or clause subject) and a name-less reported speech."""
    n = rng.randint(2, 12)
    if rng.random() < 0.5:
        before, after = rng.choice(_ZH_SPEAKER)
        d.add(before)
        d.add(fk.name(), T.NAME)
        d.add(after.format(n=n))
    else:
        d.add(fk.name(), T.NAME)
        d.add(rng.choice(_ZH_SUBJECT).format(n=n))
    word, rest = rng.choice(_ZH_NOT_NAMES)
    d.add(word, term=True)
    d.add(rest.format(n=n))


def en_note(fk: Any, rng: random.Random, sentences: list[str]) -> Document:
    """Return one labelled English note built around `sentences`."""
    d = Document("en")
    first, last, age = fk.first_name(), fk.last_name(), _age(rng)
    sex = rng.choice(("male", "female"))
    if rng.random() < 0.5:
        d.add("Patient: ")
        d.add(f"{first} {last}", T.NAME)
        d.add("   MRN: ")
        d.add(_mrn(rng, fk), T.MRN)
        d.add("   DOB: ")
        d.add(fk.date_of_birth().strftime(rng.choice(_EN_DATE)), T.DATE)
        d.add("\n")
    else:
        d.add(f"{first} {last}", T.NAME)
        d.add(" is a ")
        d.add(str(age), T.AGE if age >= 90 else None)
        d.add(f"-year-old {sex} seen on ")
        d.add(fk.date_between("-3y", "today").strftime(rng.choice(_EN_DATE)), T.DATE)
        d.add(". Medical record number ")
        d.add(_mrn(rng, fk), T.MRN)
        d.add(".\n")
    d.add("Address: ")
    d.add(f"{fk.street_address()}, {fk.city()}, {rng.choice(_EN_STATES)} {fk.zipcode()}", T.ADDRESS)
    d.add(". Phone: ")
    d.add(fk.phone_number(), T.PHONE)
    d.add(".\n")
    d.add(" ".join(sentences[:2]) + " ")
    d.add(
        f"Vitals: BP {rng.randint(85, 190)}/{rng.randint(50, 110)}, HR {rng.randint(50, 140)}, "
        f"temperature {rng.choice(('98.6', '101.2', '37.9'))}, O2 saturation {rng.randint(86, 100)}%. "
    )
    for e in rng.sample(range(5), 3):
        if e == 0:
            d.add(f"{rng.choice(('Mr.', 'Ms.', 'Mrs.'))} ")
            d.add(last, T.NAME)
            d.add(
                f" was given acetaminophen {rng.choice((500, 650, 1000))} mg"
                f" every {rng.choice((4, 6))} hours. "
            )
        elif e == 1:
            d.add("SSN ")
            d.add(fk.ssn(), T.ID)
            d.add(". ")
        elif e == 2:
            d.add("Her daughter, ")
            d.add(fk.name_nonbinary() if False else f"{fk.first_name()} {fk.last_name()}", T.NAME)
            d.add(", can be reached at ")
            d.add(fk.email(), T.EMAIL)
            d.add(". ")
        elif e == 3:
            d.add(f"Symptoms for {rng.randint(2, 48)} hours; follow up in {rng.randint(1, 6)} weeks. ")
        else:
            d.add("Insurance member ID ")
            d.add(fk.bothify("???#########").upper(), T.INSURANCE)
            d.add(". ")
    d.add(" ".join(sentences[2:]))
    d.add("\nElectronically signed by ")
    d.add(f"{fk.first_name()} {fk.last_name()}", T.NAME)
    d.add(", MD on ")
    d.add(fk.date_between("-3y", "today").strftime(rng.choice(_EN_DATE)), T.DATE)
    return d
