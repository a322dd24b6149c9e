"""Outside identifiers of patients: find the patient an HIS or EHR means, and remember its ids.

An HIS that posts a FHIR Bundle names its patient by identifiers (its record number, the
resident identity card number, an id Fenzhen exported earlier). `find_patient` turns those into
the one registered patient they name, or none; identifiers that point at two different patients
are refused rather than guessed. Values are identity data: they are never logged or echoed.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from fenzhen.errors import ConflictError
from fenzhen.store.models import EncounterRow, PatientIdentifier, PatientIdentity, PatientRow

__all__ = ["add_identifiers", "find_patient", "latest_open_encounter"]

Identifier = tuple[str, str]


def find_patient(
    session: Session,
    *,
    patient_id: str | None = None,
    id_number: str | None = None,
    identifiers: Iterable[Identifier] = (),
) -> str | None:
    """Return the registered patient these identifiers name, or None when none does.

    Args:
        session: an open transaction.
        patient_id: Fenzhen's own patient id (as exported in a Bundle); ignored when unknown.
        id_number: a resident identity card number (matched against `PatientIdentity`).
        identifiers: (system, value) pairs of outside systems.

    Raises:
        ConflictError: when the identifiers belong to two different registered patients.
    """
    found: set[str] = set()
    if patient_id and len(patient_id) == 32 and session.get(PatientRow, patient_id) is not None:
        found.add(patient_id)
    if id_number:
        found.update(
            session.execute(select(PatientIdentity.patient_id).where(PatientIdentity.id_number == id_number))
            .scalars()
            .all()
        )
    for system, value in identifiers:
        match = session.execute(
            select(PatientIdentifier.patient_id).where(
                PatientIdentifier.system == system, PatientIdentifier.value == value
            )
        ).scalar_one_or_none()
        if match is not None:
            found.add(match)
    if len(found) > 1:
        raise ConflictError("the Patient's identifiers belong to two different registered patients")
    return found.pop() if found else None


def add_identifiers(session: Session, patient_id: str, identifiers: Iterable[Identifier]) -> int:
    """Link outside identifiers to a patient; ones already linked to it are skipped.

    Returns:
        How many new identifiers were stored.

    Raises:
        ConflictError: an identifier is already linked to another patient.
    """
    added = 0
    for system, value in dict.fromkeys(identifiers):
        owner = session.execute(
            select(PatientIdentifier.patient_id).where(
                PatientIdentifier.system == system, PatientIdentifier.value == value
            )
        ).scalar_one_or_none()
        if owner == patient_id:
            continue
        if owner is not None:
            raise ConflictError("an identifier of the Patient already names another registered patient")
        session.add(PatientIdentifier(patient_id=patient_id, system=system, value=value))
        added += 1
    session.flush()
    return added


def latest_open_encounter(session: Session, identifier: Identifier) -> str | None:
    """Return the newest encounter not yet closed of the patient an outside identifier names."""
    system, value = identifier
    return session.execute(
        select(EncounterRow.id)
        .join(PatientIdentifier, PatientIdentifier.patient_id == EncounterRow.patient_id)
        .where(
            PatientIdentifier.system == system,
            PatientIdentifier.value == value,
            EncounterRow.status != "closed",
        )
        .order_by(EncounterRow.arrived_at.desc())
        .limit(1)
    ).scalar_one_or_none()
