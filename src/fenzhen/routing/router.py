"""`route()`: complaint → first- and second-level department, with the rules applied first.

Order of decisions (the non-negotiable rules before the model):

1. A triage level 1–2 (given as an `Assessment` or acuity, or found by `fenzhen.assess` on the
   text) routes to 急诊科.
2. Sex constraints: no 男科 for a woman, no 妇产科 for a man.
3. Pregnancy-related complaints (or a pregnant patient with a complaint that is not clearly
   another specialty's) go to 妇产科.
4. Children under 14 (configurable) go to 儿科 unless the model is clear (p ≥ 0.5) that the
   complaint belongs to a surgical or specialist department that treats children.
5. Departments the clinic has hidden are removed; adults are not sent to 儿科.
The model's probabilities are renormalised over what is left.
"""

from __future__ import annotations

import numpy as np

from fenzhen.domain import Assessment
from fenzhen.errors import InputError
from fenzhen.routing.catalogue import FIRST_LEVEL, ClinicConfig, catalogue
from fenzhen.routing.model import default_model, softmax
from fenzhen.routing.result import Alternative, RouteResult
from fenzhen.routing.scoring import combined_logits
from fenzhen.routing.subdepartment import choose_subdepartment
from fenzhen.routing.text_facts import read_facts

__all__ = ["route"]

_CLEAR_SPECIALIST_P = 0.5
_EMERGENCY_ACUITY_MAX = 2


def route(text: str, age_years: float | None = None, sex: str | None = None, pregnant: bool | None = None,
          assessment: Assessment | None = None, acuity: int | None = None,
          clinic: ClinicConfig | None = None, check_red_flags: bool = True) -> RouteResult:
    """Suggest the department for a complaint (a recommendation: a clinician decides).

    Args:
        text: the complaint or question, Chinese, English or mixed (1–5000 characters).
        age_years: age in years (0–125); read from the text when not given.
        sex: "female" or "male"; read from the text when not given.
        pregnant: whether the patient is pregnant.
        assessment: a triage result; level 1–2 routes to 急诊科.
        acuity: a 5-level acuity (1–5) when no assessment is at hand.
        clinic: the clinic's renamed and hidden departments.
        check_red_flags: with neither assessment nor acuity, run `fenzhen.assess` on the text.

    Returns:
        The department, sub-department, calibrated probability, top-3 alternatives and reasons.

    Raises:
        InputError: for empty text or an out-of-range age, sex or acuity.
    """
    _check(text, age_years, sex, acuity)
    clinic = clinic or ClinicConfig()
    facts = read_facts(text)
    age = age_years if age_years is not None else facts.age_years
    sex = sex or facts.sex
    preg = pregnant if pregnant is not None else facts.pregnant
    model = default_model("level1")
    logits, hits = combined_logits(model, text)
    probs = softmax(logits / model.temperature)
    model_top = FIRST_LEVEL[int(np.argmax(probs))]
    rules: list[str] = []
    allowed = _allowed(age, sex, clinic, rules)
    probs = _renormalise(probs, allowed)
    chosen = FIRST_LEVEL[int(np.argmax(probs))]
    chosen = _paediatric_rule(chosen, probs, age, clinic, rules)
    chosen = _pregnancy_rule(chosen, probs, preg, sex, text, rules)
    level, flag_words = _acuity(text, age, sex, preg, assessment, acuity, check_red_flags, rules)
    emergency = level is not None and level <= _EMERGENCY_ACUITY_MAX
    if emergency:
        rules.append(f"triage level {level} (1–2) → 急诊科")
        chosen = "急诊科"
    return _result(text, chosen, probs, model_top, hits, rules, clinic, level, flag_words if emergency else [])


def _check(text: str, age_years: float | None, sex: str | None, acuity: int | None) -> None:
    if not isinstance(text, str) or not text.strip():
        raise InputError.for_field("text", text, "must not be empty", "1 to 5000 characters")
    if len(text) > 5000:
        raise InputError.for_field("text", f"{len(text)} characters", "is too long", "at most 5000 characters")
    if age_years is not None and not 0 <= age_years <= 125:
        raise InputError.for_field("age_years", age_years, "outside the possible range", "0–125 years")
    if sex is not None and sex not in ("female", "male"):
        raise InputError.for_field("sex", sex, "is not a recognised sex", "female or male")
    if acuity is not None and acuity not in (1, 2, 3, 4, 5):
        raise InputError.for_field("acuity", acuity, "is not a triage level", "1–5")


def _allowed(age: float | None, sex: str | None, clinic: ClinicConfig, rules: list[str]) -> np.ndarray:
    allowed = np.ones(len(FIRST_LEVEL), dtype=bool)
    if sex == "female":
        allowed[FIRST_LEVEL.index("男科")] = False
        rules.append("female: 男科 excluded")
    elif sex == "male":
        allowed[FIRST_LEVEL.index("妇产科")] = False
        rules.append("male: 妇产科 excluded")
    paeds_max = clinic.paediatric_age_max_years or catalogue().paediatric_age_max_years
    if age is not None and age >= max(paeds_max, 18):
        allowed[FIRST_LEVEL.index("儿科")] = False
    for name in clinic.hidden:
        allowed[FIRST_LEVEL.index(name)] = False
    return allowed


def _renormalise(probs: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    out = np.where(allowed, probs, 0.0)
    return out / out.sum()


def _paediatric_rule(chosen: str, probs: np.ndarray, age: float | None, clinic: ClinicConfig,
                     rules: list[str]) -> str:
    paeds_max = clinic.paediatric_age_max_years or catalogue().paediatric_age_max_years
    if age is None or age >= paeds_max or chosen == "儿科" or "儿科" in clinic.hidden:
        return chosen
    dept = catalogue().get(chosen)
    if dept.treats_children and chosen != "内科" and probs[FIRST_LEVEL.index(chosen)] >= _CLEAR_SPECIALIST_P:
        rules.append(f"child under {paeds_max:g}: kept at {chosen}, which treats children (clear specialist complaint)")
        return chosen
    rules.append(f"child under {paeds_max:g} → 儿科")
    return "儿科"


def _pregnancy_rule(chosen: str, probs: np.ndarray, pregnant: bool | None, sex: str | None, text: str,
                    rules: list[str]) -> str:
    if not pregnant or sex == "male" or chosen == "妇产科":
        return chosen
    specialist = chosen in ("五官科", "皮肤性病科", "精神心理科", "骨科")
    if specialist and probs[FIRST_LEVEL.index(chosen)] >= _CLEAR_SPECIALIST_P:
        rules.append(f"pregnant: kept at {chosen} (clear specialist complaint); tell them she is pregnant")
        return chosen
    rules.append("pregnancy-related → 妇产科")
    return "妇产科"


def _acuity(text: str, age: float | None, sex: str | None, pregnant: bool | None, assessment: Assessment | None,
            acuity: int | None, check: bool, rules: list[str]) -> tuple[int | None, list[str]]:
    """The triage level, and the words of the red flags that set it (what sent the patient to 急诊科)."""
    if assessment is None:
        if acuity is not None or not check:
            return acuity, []
        from fenzhen import Intake, assess

        intake = Intake(complaint=text[:5000], age_years=age, sex=sex, pregnant=pregnant if sex != "male" else None)
        assessment = assess(intake)
        if assessment.red_flags:
            rules.append("red flags: " + ", ".join(f.name_zh for f in assessment.red_flags))
    return assessment.acuity, [f.matched for f in assessment.red_flags if f.acuity <= _EMERGENCY_ACUITY_MAX]


def _result(text: str, chosen: str, probs: np.ndarray, model_top: str, hits: list, rules: list[str],
            clinic: ClinicConfig, level: int | None, flag_words: list[str]) -> RouteResult:
    order = [FIRST_LEVEL[i] for i in np.argsort(-probs) if probs[i] > 0]
    top3 = [chosen] + [d for d in order if d != chosen][:2]
    sub, sub_p, sub_words = choose_subdepartment(chosen, text)
    model = default_model("level1")
    # Sent to 急诊科 by a red flag: its words are the reason, not the classifier's tokens for the department.
    words = list(flag_words) or [h.term for h in hits if h.department == chosen]
    if chosen in model.classes and not flag_words:
        words += [w for w, _ in model.token_contributions(text, chosen) if w not in words]
    return RouteResult(
        department=chosen, department_display=clinic.display(chosen), department_en=catalogue().get(chosen).name_en,
        subdepartment=sub, subdepartment_probability=sub_p,
        probability=1.0 if chosen == "急诊科" and level is not None and level <= 2
        else round(float(probs[FIRST_LEVEL.index(chosen)]), 4),
        alternatives=[Alternative(department=d, department_display=clinic.display(d),
                                  probability=round(float(probs[FIRST_LEVEL.index(d)]), 4)) for d in top3[1:]],
        top3=top3, model_department=model_top, drivers=list(dict.fromkeys(words + sub_words))[:8], rules_applied=rules,
        triage_acuity=level)
