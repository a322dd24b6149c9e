"""The CapabilityStatement served at `GET /fhir/metadata`: what this FHIR endpoint can do.

Why: FHIR clients read `metadata` first to learn the version, formats and operations; it must
describe exactly the routes in `fenzhen.interop.routes`, no more.
"""

from __future__ import annotations

from typing import Any

from fenzhen import __version__
from fenzhen.interop.codesystems import CODESYSTEM_IDS

__all__ = ["FHIR_VERSION", "capability_statement"]

FHIR_VERSION = "4.0.1"


def capability_statement(base_url: str = "/fhir") -> dict[str, Any]:
    """Build the CapabilityStatement of Fenzhen's FHIR R4 endpoint.

    Args:
        base_url: the endpoint's base URL as clients see it.
    """
    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": "2026-11-01",
        "publisher": "Fenzhen",
        "kind": "instance",
        "software": {"name": "Fenzhen", "version": __version__},
        "implementation": {
            "description": "Fenzhen triage decision support (a clinician decides)",
            "url": base_url,
        },
        "fhirVersion": FHIR_VERSION,
        "format": ["application/fhir+json", "json"],
        "rest": [
            {
                "mode": "server",
                "documentation": "Requires a Fenzhen API token (Authorization: Bearer …) except metadata and "
                "CodeSystem reads. Patient identifiers are exported only to nurse and doctor roles.",
                "resource": [
                    {
                        "type": "Encounter",
                        "interaction": [{"code": "read"}],
                        "operation": [
                            {
                                "name": "everything",
                                "definition": "http://hl7.org/fhir/OperationDefinition/Encounter-everything",
                            }
                        ],
                    },
                    {
                        "type": "CodeSystem",
                        "interaction": [{"code": "read"}, {"code": "search-type"}],
                        "documentation": "Published: " + ", ".join(CODESYSTEM_IDS),
                    },
                ],
                "interaction": [
                    {
                        "code": "batch",
                        "documentation": "POST a Bundle (Patient, vital-sign Observations, chief complaint) "
                        "to assess it; "
                        "the answer is a collection Bundle with the triage Observation, RiskAssessments, "
                        "Flags and an OperationOutcome listing conversions and ignored elements.",
                    }
                ],
            }
        ],
    }
