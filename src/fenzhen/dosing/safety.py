"""Patient-level safety findings for a drug: allergy, contraindication, pregnancy, lactation,
duplicate therapy and interactions with the patient's current medicines.

These do not depend on the dose, so both `calculate_dose` and `check_order` report them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fenzhen.dosing.findings import DoseFinding, finding
from fenzhen.dosing.formulary import drug_names, formulary, normalise_name
from fenzhen.dosing.schema import DrugEntry, Severity

if TYPE_CHECKING:
    from fenzhen.dosing.patient import DosePatient

__all__ = ["ALLERGY_CLASS_ALIASES", "allergy_classes_of", "patient_findings"]

#: Words people write for a drug-allergy class → the formulary's allergy classes.
ALLERGY_CLASS_ALIASES: dict[str, set[str]] = {
    "penicillin": {"penicillin"},
    "penicillins": {"penicillin"},
    "青霉素": {"penicillin"},
    "cephalosporin": {"cephalosporin"},
    "cephalosporins": {"cephalosporin"},
    "头孢": {"cephalosporin"},
    "头孢菌素": {"cephalosporin"},
    "betalactam": {"penicillin", "cephalosporin"},
    "β内酰胺": {"penicillin", "cephalosporin"},
    "sulfonamide": {"sulfonamide"},
    "sulfa": {"sulfonamide"},
    "sulpha": {"sulfonamide"},
    "磺胺": {"sulfonamide"},
    "nsaid": {"nsaid"},
    "nsaids": {"nsaid"},
    "非甾体抗炎药": {"nsaid"},
    "salicylate": {"salicylate"},
    "macrolide": {"macrolide"},
    "大环内酯": {"macrolide"},
    "tetracycline": {"tetracycline"},
    "benzodiazepine": {"benzodiazepine"},
    "aceinhibitor": {"ace_inhibitor"},
    "sulfonylurea": {"sulfonylurea"},
    "nitrofuran": {"nitrofuran"},
    "nitroimidazole": {"nitroimidazole"},
}


def allergy_classes_of(allergy: str) -> tuple[str | None, set[str]] | None:
    """Return ``(drug id or None, allergy classes)`` for an allergy as written, or None if unknown."""
    key = normalise_name(allergy)
    if key in ALLERGY_CLASS_ALIASES:
        return None, ALLERGY_CLASS_ALIASES[key]
    drug_id = drug_names().get(key)
    if drug_id is None:
        return None
    return drug_id, set(formulary().drugs[drug_id].allergy_classes)


def _allergy(drug_id: str, drug: DrugEntry, allergies: list[str]) -> list[DoseFinding]:
    out: list[DoseFinding] = []
    mine = set(drug.allergy_classes)
    for allergy in allergies:
        known = allergy_classes_of(allergy)
        if known is None:
            out.append(
                finding(
                    "allergy_unrecognised",
                    "info",
                    f"allergy {allergy!r} not recognised: check it by hand",
                    f"过敏史“{allergy}”无法识别，请人工核对",
                    allergy=allergy,
                )
            )
            continue
        other_id, classes = known
        if other_id == drug_id or classes & mine:
            out.append(
                finding(
                    "allergy",
                    "critical",
                    f"documented allergy to {allergy}: do not give {drug.name_en}",
                    f"有{allergy}过敏史：不应使用{drug.name_zh}",
                    allergy=allergy,
                    classes=sorted(classes & mine),
                )
            )
            continue
        for cs in drug.cross_sensitivity:
            if cs.allergy_class in classes:
                out.append(
                    finding(
                        "cross_sensitivity",
                        cs.severity,
                        f"allergy to {allergy}: {cs.text_en}",
                        cs.text_zh,
                        cs.source,
                        allergy=allergy,
                    )
                )
    return out


def _contraindications(drug: DrugEntry, p: DosePatient) -> list[DoseFinding]:
    out = []
    for ci in drug.contraindications:
        hit = (
            p.age_years < ci.age_max_years
            if ci.condition == "below_minimum_age" and ci.age_max_years
            else ci.condition in p.conditions
        )
        if hit:
            out.append(
                finding(
                    "contraindication",
                    ci.severity,
                    f"{ci.condition.replace('_', ' ')}: {ci.text_en}",
                    ci.text_zh,
                    ci.source,
                    condition=ci.condition,
                )
            )
    if p.hepatic_impairment != "none" and "hepatic_impairment" not in p.conditions:
        out.extend(f for f in _contraindications_for(drug, "hepatic_impairment"))
    return out


def _contraindications_for(drug: DrugEntry, condition: str) -> list[DoseFinding]:
    return [
        finding(
            "contraindication",
            ci.severity,
            f"{condition.replace('_', ' ')}: {ci.text_en}",
            ci.text_zh,
            ci.source,
            condition=condition,
        )
        for ci in drug.contraindications
        if ci.condition == condition
    ]


_REPRO_SEVERITY: dict[str, Severity] = {"avoid": "critical", "caution": "warning", "compatible": "info"}


def _reproductive(drug: DrugEntry, p: DosePatient) -> list[DoseFinding]:
    out = []
    if p.pregnant:
        n = drug.pregnancy
        out.append(
            finding(
                "pregnancy",
                _REPRO_SEVERITY[n.risk],
                f"pregnancy ({n.risk}): {n.text_en}",
                f"妊娠期：{n.text_zh}",
                n.source,
                risk=n.risk,
            )
        )
    if p.breastfeeding:
        n = drug.lactation
        out.append(
            finding(
                "lactation",
                _REPRO_SEVERITY[n.risk],
                f"breastfeeding ({n.risk}): {n.text_en}",  # type: ignore[arg-type]
                f"哺乳期：{n.text_zh}",
                n.source,
                risk=n.risk,
            )
        )
    return out


def _co_medication(drug_id: str, drug: DrugEntry, meds: list[str]) -> list[DoseFinding]:
    out: list[DoseFinding] = []
    names, drugs = drug_names(), formulary().drugs
    for med in meds:
        other_id = names.get(normalise_name(med))
        if other_id is None:
            out.append(
                finding(
                    "medication_unrecognised",
                    "info",
                    f"current medicine {med!r} is not in the formulary: interactions not checked",
                    f"在用药物“{med}”不在处方集中，未检查相互作用",
                    medication=med,
                )
            )
            continue
        other = drugs[other_id]
        if other_id == drug_id or other.therapeutic_class == drug.therapeutic_class:
            out.append(
                finding(
                    "duplicate_therapy",
                    "warning",
                    f"duplicate therapy: already taking {other.name_en} ({other.therapeutic_class.replace('_', ' ')})",
                    f"重复用药：已在使用{other.name_zh}",
                    medication=other_id,
                )
            )
        for ix in [
            *(i for i in drug.interactions if i.with_drug == other_id),
            *(i for i in other.interactions if i.with_drug == drug_id),
        ]:
            out.append(
                finding(
                    "interaction",
                    ix.severity,
                    f"interaction with {other.name_en}: {ix.effect_en}",
                    f"与{other.name_zh}相互作用：{ix.effect_zh}",
                    ix.source,
                    medication=other_id,
                )
            )
    return out


def patient_findings(drug_id: str, drug: DrugEntry, p: DosePatient) -> list[DoseFinding]:
    """Return allergy, contraindication, pregnancy/lactation, duplicate and interaction findings."""
    return [
        *_allergy(drug_id, drug, p.allergies),
        *_contraindications(drug, p),
        *_reproductive(drug, p),
        *_co_medication(drug_id, drug, p.current_medications),
    ]
