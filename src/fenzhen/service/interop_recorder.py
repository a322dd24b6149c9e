"""Store what an HIS posts: a FHIR Patient becomes a registered patient with an encounter.

`fenzhen.interop.deps.EncounterRecorder` is called by two routes, told apart by the context:

- ``POST /fhir`` passes ``{"fhirPatient": <Patient resource or None>}``. A Patient with a name is
  registered (or found again by its identifiers: Fenzhen's own exported id, the resident identity
  card number, the HIS's identifiers and its logical id) and gets a new waiting encounter holding
  the intake and the assessment, all audited in one transaction. Without a named Patient nothing
  is stored and the route answers as a stateless assessment.
- A CDS Hooks call passes the hook context. Nothing is written: the recorder returns the newest
  open encounter of the EHR patient (``context.patientId`` matched against the logical ids of
  Patients posted earlier), so the card can link to it.

Identifier values are identity data: errors name the element, never the value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import Depends, Request

from fenzhen.domain import Assessment, Intake
from fenzhen.errors import InputError
from fenzhen.interop.terminology import CANONICAL_BASE
from fenzhen.service.auth import PERMISSIONS, current_principal
from fenzhen.store import clinical, identifiers
from fenzhen.store.accounts import Principal
from fenzhen.store.db import Database

__all__ = ["EHR_PATIENT_ID_SYSTEM", "FhirPatient", "read_patient", "recorder"]

FENZHEN_PATIENT_SYSTEM = f"{CANONICAL_BASE}/sid/patient"
#: Systems of the resident identity card number (居民身份证号): Fenzhen's and the national OID.
RESIDENT_ID_SYSTEMS = frozenset({f"{CANONICAL_BASE}/sid/cn-resident-id", "urn:oid:2.16.156.10011.1.3"})
#: The system under which a posted Patient's logical id (``Patient.id``) is kept (CDS lookups).
EHR_PATIENT_ID_SYSTEM = f"{CANONICAL_BASE}/sid/ehr-patient-id"
_SKIPPED_SYSTEMS = frozenset({f"{CANONICAL_BASE}/sid/pseudonym"})


@dataclass
class FhirPatient:
    """The identity parts of a FHIR Patient, checked for length and format."""

    details: clinical.PatientDetails | None
    fenzhen_id: str | None = None
    outside_ids: list[tuple[str, str]] = field(default_factory=list)


def _text(value: Any, where: str, limit: int) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InputError.for_field(where, None, "must be a non-empty string")
    if len(value) > limit:
        raise InputError.for_field(where, None, f"must be at most {limit} characters")
    return value.strip()


def _name(resource: dict[str, Any]) -> str | None:
    names = resource.get("name") or []
    if not isinstance(names, list) or not names or not isinstance(names[0], dict):
        return None
    first = names[0]
    if isinstance(first.get("text"), str) and first["text"].strip():
        return _text(first["text"], "Patient.name[0].text", 100)
    given = [g for g in first.get("given") or [] if isinstance(g, str)]
    family: str = first["family"] if isinstance(first.get("family"), str) else ""
    # Chinese names are written family name first, without a space (孙 + 建国 → 孙建国).
    joined = (family + "".join(given)) if family and not family.isascii() else " ".join([*given, family])
    return _text(joined.strip() or None, "Patient.name[0]", 100)


def _phone(resource: dict[str, Any]) -> str | None:
    for i, telecom in enumerate(resource.get("telecom") or []):
        if isinstance(telecom, dict) and telecom.get("system") == "phone":
            return _text(telecom.get("value"), f"Patient.telecom[{i}].value", 30)
    return None


def read_patient(resource: dict[str, Any]) -> FhirPatient:
    """Read name, resident id, phone, birth date and identifiers from a FHIR Patient.

    Raises:
        InputError: an identifier, name or phone that is not a string or too long (element named).
    """
    fenzhen_id, id_number, outside = None, None, []
    for i, ident in enumerate(resource.get("identifier") or []):
        if not isinstance(ident, dict):
            continue
        system = _text(ident.get("system"), f"Patient.identifier[{i}].system", 200)
        value = _text(ident.get("value"), f"Patient.identifier[{i}].value", 100)
        if system is None or value is None or system in _SKIPPED_SYSTEMS:
            continue
        if system == FENZHEN_PATIENT_SYSTEM:
            fenzhen_id = value
        elif system in RESIDENT_ID_SYSTEMS:
            id_number = _text(value, f"Patient.identifier[{i}].value", 40)
        else:
            outside.append((system, value))
    if isinstance(resource.get("id"), str):
        outside.append((EHR_PATIENT_ID_SYSTEM, _text(resource["id"], "Patient.id", 64) or ""))
    name = _name(resource)
    birth = resource.get("birthDate")
    details = None
    if name is not None:
        details = clinical.PatientDetails(
            name=name,
            id_number=id_number,
            phone=_phone(resource),
            birth_date=birth if isinstance(birth, str) and len(birth) == 10 else None,
        )
        details.validate()
    return FhirPatient(details=details, fenzhen_id=fenzhen_id, outside_ids=outside)


def _store(
    database: Database, principal: Principal, intake: Intake, assessment: Assessment, resource: dict[str, Any]
) -> str | None:
    patient = read_patient(resource)
    if patient.details is None or principal.role not in PERMISSIONS["register"]:
        return None
    with database.transaction() as session:
        patient_id = identifiers.find_patient(
            session,
            patient_id=patient.fenzhen_id,
            id_number=patient.details.id_number,
            identifiers=patient.outside_ids,
        )
        if patient_id is None:
            patient_id = clinical.create_patient(
                session, details=patient.details, actor_id=principal.user_id, actor=principal.name
            ).id
        identifiers.add_identifiers(session, patient_id, patient.outside_ids)
        encounter, _ = clinical.open_encounter(
            session,
            patient_id=patient_id,
            intake=intake,
            assessment=assessment,
            actor_id=principal.user_id,
            actor=principal.name,
        )
    return encounter.id


def _open_encounter_of(database: Database, context: dict[str, object]) -> str | None:
    ehr_id = context.get("patientId")
    if not isinstance(ehr_id, str) or not ehr_id or len(ehr_id) > 64:
        return None
    with database.transaction() as session:
        return identifiers.latest_open_encounter(session, (EHR_PATIENT_ID_SYSTEM, ehr_id))


def recorder(
    request: Request,
    principal: Principal = Depends(current_principal),  # noqa: B008
) -> Callable[[Intake, Assessment, dict[str, object]], str | None]:
    """Return the store-backed `deps.EncounterRecorder` for this request's caller."""
    database: Database = request.app.state.database

    def record(intake: Intake, assessment: Assessment, context: dict[str, object]) -> str | None:
        if "fhirPatient" in context:
            resource = context["fhirPatient"]
            if not isinstance(resource, dict):
                return None
            return _store(database, principal, intake, assessment, resource)
        return _open_encounter_of(database, context)

    return record
