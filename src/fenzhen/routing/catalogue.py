"""The department catalogue (two levels) and the keyword table, as validated knowledge files.

The first-level names are a contract (`FIRST_LEVEL`): every interface outputs exactly these.
A clinic that lacks a department, or calls it something else, says so in a `ClinicConfig`;
the catalogue file itself is never edited per clinic.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from fenzhen.errors import InputError
from fenzhen.knowledge import load
from fenzhen.knowledge.loader import register
from fenzhen.knowledge.schemas import KnowledgeFile

__all__ = [
    "FIRST_LEVEL",
    "ClinicConfig",
    "Department",
    "Departments",
    "KeywordEntry",
    "RoutingKeywords",
    "SubDepartment",
    "canonical_department",
    "catalogue",
    "keywords",
    "subdepartment_by_dataset_label",
]

#: First-level department names, in catalogue order (the output contract).
FIRST_LEVEL: tuple[str, ...] = (
    "内科", "外科", "妇产科", "儿科", "皮肤性病科", "五官科", "中医科", "肿瘤科", "传染科",
    "精神心理科", "男科", "骨科", "急诊科", "康复科",
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SubDepartment(_Strict):
    name_zh: str
    name_en: str
    aliases: list[str] = Field(default_factory=list)
    dataset_label: str | None = None
    phrases: list[str] = Field(min_length=1)
    source: str


class Department(_Strict):
    name_zh: str
    name_en: str
    aliases: list[str] = Field(default_factory=list)
    description_zh: str
    description_en: str
    treats_children: bool
    sex: Literal["female", "male"] | None = None
    age_min_years: float | None = None
    age_max_years: float | None = None
    source: str
    phrases: list[str] = Field(min_length=5)
    subdepartments: list[SubDepartment] = Field(min_length=1)


class Departments(KnowledgeFile):
    paediatric_age_max_years: float = Field(gt=0, le=18)
    departments: list[Department]

    @model_validator(mode="after")
    def _exactly_the_contract(self) -> Departments:
        names = tuple(d.name_zh for d in self.departments)
        if names != FIRST_LEVEL:
            raise ValueError(f"first-level departments must be exactly {FIRST_LEVEL}, got {names}")
        return self

    def cited_sources(self) -> set[str]:
        found = {d.source for d in self.departments}
        return found | {s.source for d in self.departments for s in d.subdepartments}

    def get(self, name_zh: str) -> Department:
        """Return the department called `name_zh` (a first-level name)."""
        for dept in self.departments:
            if dept.name_zh == name_zh:
                return dept
        raise KeyError(name_zh)


class KeywordEntry(_Strict):
    department: str
    weight: float = Field(gt=0, le=5)
    source: str
    zh: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)


class RoutingKeywords(KnowledgeFile):
    entries: list[KeywordEntry]

    @model_validator(mode="after")
    def _known_departments(self) -> RoutingKeywords:
        for entry in self.entries:
            if entry.department not in FIRST_LEVEL:
                raise ValueError(f"keyword entry names unknown department {entry.department!r}")
        return self

    def cited_sources(self) -> set[str]:
        return {e.source for e in self.entries}


register("departments", Departments)
register("routing_keywords", RoutingKeywords)


def catalogue() -> Departments:
    """Return the validated department catalogue (loaded once per process)."""
    value = load("departments")
    assert isinstance(value, Departments)
    return value


def keywords() -> RoutingKeywords:
    """Return the validated keyword table (loaded once per process)."""
    value = load("routing_keywords")
    assert isinstance(value, RoutingKeywords)
    return value


@cache
def _alias_map() -> dict[str, str]:
    out: dict[str, str] = {}
    for dept in catalogue().departments:
        for name in (dept.name_zh, dept.name_en, *dept.aliases):
            out.setdefault(name.lower(), dept.name_zh)
    return out


def canonical_department(name: str) -> str:
    """Map a department name or alias (感染科, 皮肤科, Dermatology) to its first-level name.

    Raises:
        InputError: when the name is neither a first-level department nor an alias of one.
    """
    found = _alias_map().get(name.strip().lower())
    if found is None:
        raise InputError.for_field("department", name, "is not a known department or alias",
                                   ", ".join(FIRST_LEVEL))
    return found


@cache
def subdepartment_by_dataset_label() -> dict[str, tuple[str, str]]:
    """Return ``{dataset label: (first level, second level)}`` for the labelled training data."""
    out: dict[str, tuple[str, str]] = {}
    for dept in catalogue().departments:
        for sub in dept.subdepartments:
            if sub.dataset_label:
                out[sub.dataset_label] = (dept.name_zh, sub.name_zh)
    return out


class ClinicConfig(BaseModel):
    """What a clinic calls its departments and which it does not have.

    Hidden departments are never suggested; their probability goes to the remaining ones, and
    the result says which department it would have been. 急诊科 cannot be hidden, because an
    emergency must always have somewhere to go (a clinic without one transfers: see care advice).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    rename: dict[str, str] = Field(default_factory=dict, description="first-level name → local name")
    hidden: list[str] = Field(default_factory=list, description="first-level names this clinic lacks")
    paediatric_age_max_years: float | None = Field(None, gt=0, le=18)

    @model_validator(mode="after")
    def _valid_names(self) -> ClinicConfig:
        for field, names in (("rename", list(self.rename)), ("hidden", self.hidden)):
            for name in names:
                if name not in FIRST_LEVEL:
                    raise InputError.for_field(f"clinic.{field}", name, "is not a first-level department",
                                               ", ".join(FIRST_LEVEL))
        if "急诊科" in self.hidden:
            raise InputError.for_field("clinic.hidden", "急诊科", "cannot be hidden",
                                       "any first-level department except 急诊科")
        return self

    def display(self, name: str) -> str:
        """Return the clinic's own name for first-level department `name`."""
        return self.rename.get(name, name)
