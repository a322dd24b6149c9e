"""Find drugs and indications in the formulary by any of their names — exactly, never by guess.

An unknown drug name is refused with "did you mean …?" suggestions; the suggestion is never
used to compute a dose, because a near-miss name (hydroxyzine/hydralazine) can be a different
drug. The user must re-run with the exact name.
"""

from __future__ import annotations

import difflib
import unicodedata

from fenzhen.dosing.schema import DrugEntry, Formulary, Indication
from fenzhen.errors import InputError
from fenzhen.knowledge.loader import as_model, register

__all__ = ["drug_names", "formulary", "normalise_name", "resolve_drug", "resolve_indication"]

register("formulary", Formulary)


def formulary() -> Formulary:
    """Return the validated, cached formulary knowledge file."""
    return as_model("formulary", Formulary)


def normalise_name(text: str) -> str:
    """Fold case, width and punctuation so "Co-Amoxiclav" == "co_amoxiclav" == "co amoxiclav"."""
    folded = unicodedata.normalize("NFKC", text).strip().casefold()
    for ch in "-_/+·., ":
        folded = folded.replace(ch, "")
    return folded


def drug_names() -> dict[str, str]:
    """Return ``{normalised name: drug id}`` for every id, English, Chinese name and synonym."""
    names: dict[str, str] = {}
    for drug_id, drug in formulary().drugs.items():
        for name in (drug_id, drug.name_en, drug.name_zh, *drug.synonyms):
            names.setdefault(normalise_name(name), drug_id)
    return names


def resolve_drug(name: str) -> tuple[str, DrugEntry]:
    """Return ``(drug id, entry)`` for an exact (normalised) name or synonym.

    Raises:
        InputError: naming the field ``drug`` when no name matches; close names are
            suggested in the message but never used.
    """
    names = drug_names()
    key = normalise_name(name)
    if key in names:
        drug_id = names[key]
        return drug_id, formulary().drugs[drug_id]
    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.75)
    ids = list(dict.fromkeys(names[c] for c in close))
    hint = f"did you mean {' or '.join(repr(i) for i in ids)}? (not computed: re-run with the exact name)"
    raise InputError.for_field(
        "drug",
        name,
        "unknown drug" + (f"; {hint}" if ids else ""),
        None if ids else f"{len(formulary().drugs)} formulary drugs (see `fenzhen dose --list`)",
    )


def resolve_indication(drug_id: str, drug: DrugEntry, indication: str | None) -> tuple[str, Indication]:
    """Return ``(indication id, indication)``; a drug with one indication needs none named.

    Raises:
        InputError: naming ``indication`` when it is missing for a multi-indication drug or
            is not one of the drug's indications or aliases.
    """
    accepted = ", ".join(drug.indications)
    if indication is None:
        if len(drug.indications) == 1:
            return next(iter(drug.indications.items()))
        raise InputError.for_field("indication", None, f"required for {drug_id}", accepted)
    key = normalise_name(indication)
    for ind_id, ind in drug.indications.items():
        if key in {normalise_name(n) for n in (ind_id, ind.name_zh, *ind.aliases)}:
            return ind_id, ind
    raise InputError.for_field("indication", indication, f"not an indication of {drug_id} in the formulary", accepted)
