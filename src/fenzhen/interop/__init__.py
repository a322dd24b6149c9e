"""Interoperability: FHIR R4 export and import, Fenzhen's CodeSystems, and CDS Hooks services.

Pure mapping code (`fhir_export`, `fhir_import`, `codesystems`, `units`, `cds_hooks`) plus two
FastAPI routers in `routes` that the service mounts; their dependencies (caller, audit, encounter
loader, settings) are stubs in `deps` that the service overrides.
"""

from fenzhen.interop.cds_hooks import REGISTRY, CdsService, register
from fenzhen.interop.fhir_export import export_bundle
from fenzhen.interop.fhir_import import ImportResult, import_fhir
from fenzhen.interop.outcome import FhirInputError, operation_outcome
from fenzhen.interop.record import (
    AssessmentRecord,
    EncounterRecord,
    PatientRecord,
    ReviewRecord,
    RoutingRecord,
)

__all__ = [
    "REGISTRY",
    "AssessmentRecord",
    "CdsService",
    "EncounterRecord",
    "FhirInputError",
    "ImportResult",
    "PatientRecord",
    "ReviewRecord",
    "RoutingRecord",
    "export_bundle",
    "import_fhir",
    "operation_outcome",
    "register",
]
