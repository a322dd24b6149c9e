"""MCP resources: the triage level definitions, the versions of the loaded knowledge files, the
department catalogue (导诊 targets) and the formulary's drug list (what `dose` accepts)."""

from __future__ import annotations

import json

from mcp.server.fastmcp import FastMCP

from fenzhen.knowledge import KNOWLEDGE_FILES, load, loaded_versions

__all__ = [
    "DEPARTMENTS_URI",
    "DRUGS_URI",
    "LEVELS_URI",
    "VERSIONS_URI",
    "add_resources",
    "departments_json",
    "drugs_json",
    "levels_json",
    "versions_json",
]

LEVELS_URI = "fenzhen://knowledge/triage_levels"
VERSIONS_URI = "fenzhen://knowledge/versions"
DEPARTMENTS_URI = "fenzhen://knowledge/departments"
DRUGS_URI = "fenzhen://knowledge/formulary/drugs"


def levels_json() -> str:
    """The 5-level and China 4-level definitions, with colours, response times and sources."""
    return json.dumps(load("triage_levels").model_dump(mode="json"), ensure_ascii=False)


def versions_json() -> str:
    """``{knowledge file: version}`` for every packaged knowledge file (each loaded and validated)."""
    for name in list(KNOWLEDGE_FILES):
        load(name)
    return json.dumps(loaded_versions(), ensure_ascii=False)


def departments_json() -> str:
    """The first-level departments with their second-level ones, descriptions and sources.

    The phrase lists the model learnt from are left out: they are training material, not
    something an agent needs to choose or explain a department.
    """
    from fenzhen.routing import catalogue

    cat = catalogue()
    departments = [
        {
            **d.model_dump(mode="json", exclude={"phrases", "subdepartments"}),
            "subdepartments": [
                s.model_dump(mode="json", include={"name_zh", "name_en", "aliases", "source"}) for s in d.subdepartments
            ],
        }
        for d in cat.departments
    ]
    return json.dumps(
        {"name": cat.name, "version": cat.version, "sources": cat.sources, "departments": departments},
        ensure_ascii=False,
    )


def drugs_json() -> str:
    """Every formulary drug: id, names, synonyms, ATC code, dose unit, forms and indications."""
    from fenzhen.dosing import formulary

    f = formulary()
    drugs = [
        {
            "id": drug_id,
            "name_en": d.name_en,
            "name_zh": d.name_zh,
            "synonyms": d.synonyms,
            "atc": d.atc,
            "dose_unit": d.dose_unit,
            "therapeutic_class": d.therapeutic_class,
            "forms": [{"id": x.id, "label_en": x.label_en, "label_zh": x.label_zh, "route": x.route} for x in d.forms],
            "indications": {k: {"name_en": v.name_en, "name_zh": v.name_zh} for k, v in d.indications.items()},
        }
        for drug_id, d in f.drugs.items()
    ]
    return json.dumps({"name": f.name, "version": f.version, "drugs": drugs}, ensure_ascii=False)


def add_resources(server: FastMCP) -> None:
    """Register the resources on `server`."""
    server.resource(
        LEVELS_URI,
        name="triage_levels",
        mime_type="application/json",
        description="Triage level definitions (5-level acuity and China 4-level), with sources.",
    )(levels_json)
    server.resource(
        VERSIONS_URI,
        name="knowledge_versions",
        mime_type="application/json",
        description="Versions of Fenzhen's knowledge files.",
    )(versions_json)
    server.resource(
        DEPARTMENTS_URI,
        name="departments",
        mime_type="application/json",
        description="The department catalogue (first and second level) that route_department chooses from.",
    )(departments_json)
    server.resource(
        DRUGS_URI,
        name="formulary_drugs",
        mime_type="application/json",
        description="The formulary's drugs with forms and indications: the names dose and dose_check accept.",
    )(drugs_json)
