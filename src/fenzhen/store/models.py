"""The database tables (SQLAlchemy 2 declarative models).

Identifiers (name, ID number, phone, date of birth) live only in `PatientIdentity`; everything
clinical (encounters, intakes, assessments, reviews) refers to a patient by an opaque random id,
so that a de-identified export or a federated training job can read clinical tables without ever
joining the identity table. Public ids are random UUID hex strings: they say nothing about order
or volume and are safe in logs and URLs.

Reviews are stored beside the assessment they review and never change it: an assessment row is
written once. Audit events carry a hash chain (see `fenzhen.store.audit`). Timestamps are
ISO 8601 UTC strings so that hashing and ordering are identical on SQLite and PostgreSQL.
"""

from __future__ import annotations

import uuid

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "AssessmentRow",
    "AuditEvent",
    "AuditHead",
    "Base",
    "Credential",
    "DoseDecisionRow",
    "DoseRequestRow",
    "EncounterRow",
    "IntakeRow",
    "PatientIdentifier",
    "PatientIdentity",
    "PatientRow",
    "ReviewRow",
    "Site",
    "StaffSite",
    "User",
    "new_id",
]


def new_id() -> str:
    """Return a new opaque public id (32 hex characters)."""
    return uuid.uuid4().hex


class Base(DeclarativeBase):
    pass


class User(Base):
    """A person who signs in: nurse, doctor or admin. Passwords are argon2 hashes."""

    __tablename__ = "users"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[str] = mapped_column(String(32))


class Credential(Base):
    """An API token or a web session; only the SHA-256 of the secret is stored."""

    __tablename__ = "credentials"
    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # "api" or "session"
    csrf: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[str] = mapped_column(String(32))
    expires_at: Mapped[str | None] = mapped_column(String(32), nullable=True)
    revoked: Mapped[bool] = mapped_column(default=False)


class PatientIdentity(Base):
    """Identifiers of one patient, kept apart from all clinical content."""

    __tablename__ = "patient_identities"
    patient_id: Mapped[str] = mapped_column(ForeignKey("patients.id"), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    id_number: Mapped[str | None] = mapped_column(String(40), nullable=True)
    phone: Mapped[str | None] = mapped_column(String(30), nullable=True)
    birth_date: Mapped[str | None] = mapped_column(String(10), nullable=True)


class PatientIdentifier(Base):
    """An outside system's identifier of a patient (an HIS record number, an EHR's Patient id).

    Identity data like `PatientIdentity`, in its own table: one (system, value) names one patient,
    so that a second Bundle from the same HIS finds the patient it registered before.
    """

    __tablename__ = "patient_identifiers"
    __table_args__ = (UniqueConstraint("system", "value", name="uq_patient_identifiers_system_value"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    patient_id: Mapped[str] = mapped_column(ForeignKey("patients.id"), index=True)
    system: Mapped[str] = mapped_column(String(200))
    value: Mapped[str] = mapped_column(String(100))


class PatientRow(Base):
    """A patient as the clinical tables see them: an opaque id and nothing identifying."""

    __tablename__ = "patients"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    created_at: Mapped[str] = mapped_column(String(32))
    created_by: Mapped[str] = mapped_column(ForeignKey("users.id"))


class EncounterRow(Base):
    """One visit: waiting until seen, then closed. `escalated_at` marks a missed response target."""

    __tablename__ = "encounters"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    patient_id: Mapped[str] = mapped_column(ForeignKey("patients.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="waiting")
    arrived_at: Mapped[str] = mapped_column(String(32))
    escalated_at: Mapped[str | None] = mapped_column(String(32), nullable=True)
    created_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    __table_args__ = (Index("ix_encounters_status_arrived", "status", "arrived_at"),)


class IntakeRow(Base):
    """The intake JSON as given (clinical content only)."""

    __tablename__ = "intakes"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    encounter_id: Mapped[str] = mapped_column(ForeignKey("encounters.id"), index=True)
    intake_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String(32))
    created_by: Mapped[str] = mapped_column(ForeignKey("users.id"))


class AssessmentRow(Base):
    """One triage result, written once: the full Assessment JSON and the versions that produced it."""

    __tablename__ = "assessments"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    encounter_id: Mapped[str] = mapped_column(ForeignKey("encounters.id"), index=True)
    intake_id: Mapped[str] = mapped_column(ForeignKey("intakes.id"))
    seq: Mapped[int] = mapped_column(Integer)  # 1 for the first triage, 2 for the first re-triage ...
    acuity: Mapped[int] = mapped_column(Integer)
    china_level: Mapped[int] = mapped_column(Integer)
    assessment_json: Mapped[str] = mapped_column(Text)
    engine_version: Mapped[str] = mapped_column(String(64))
    knowledge_versions: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String(32))
    created_by: Mapped[str] = mapped_column(ForeignKey("users.id"))


class ReviewRow(Base):
    """A clinician's accept or override of one assessment, stored beside it."""

    __tablename__ = "reviews"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    assessment_id: Mapped[str] = mapped_column(ForeignKey("assessments.id"), index=True)
    decision: Mapped[str] = mapped_column(String(16))  # "accept" or "override"
    acuity: Mapped[int | None] = mapped_column(Integer, nullable=True)
    china_level: Mapped[int | None] = mapped_column(Integer, nullable=True)
    department: Mapped[str | None] = mapped_column(String(100), nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[str] = mapped_column(String(32))
    created_by: Mapped[str] = mapped_column(ForeignKey("users.id"))


class AuditEvent(Base):
    """One append-only audit event; `hash` = SHA-256 over the previous hash and this event."""

    __tablename__ = "audit_events"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    object_type: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The single row holding the chain's last sequence number and hash.

    Every append locks this row, which serialises appends across worker processes on both
    SQLite and PostgreSQL; it also lets `verify` notice events deleted from the end of the chain.
    """

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


class Site(Base):
    """A care site (village clinic, township centre, county hospital) and the site supervising it.

    Remote dose-adjustment requests go from a site to its supervising site by default.
    """

    __tablename__ = "sites"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(16))  # village, township, county, other
    supervising_site: Mapped[str | None] = mapped_column(ForeignKey("sites.code"), nullable=True)
    created_at: Mapped[str] = mapped_column(String(32))


class StaffSite(Base):
    """Where a user works and whether they hold prescribing rights there (one site per user).

    Kept beside `User` rather than in it, so granting or withdrawing prescribing rights is its
    own audited change and the users table is never rebuilt by a migration.
    """

    __tablename__ = "staff_sites"
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True)
    site_code: Mapped[str] = mapped_column(ForeignKey("sites.code"), index=True)
    can_prescribe: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[str] = mapped_column(String(32))


class DoseRequestRow(Base):
    """A proposed dose change (远程调药申请). The proposal columns are written once.

    Only `status`, `decided_at` and `requester_seen_at` (the requester's notification) change;
    the decisions themselves are rows of `DoseDecisionRow`, never edited.
    """

    __tablename__ = "dose_requests"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    patient_id: Mapped[str] = mapped_column(ForeignKey("patients.id"), index=True)
    encounter_id: Mapped[str | None] = mapped_column(ForeignKey("encounters.id"), nullable=True)
    requesting_site: Mapped[str | None] = mapped_column(ForeignKey("sites.code"), nullable=True)
    supervising_site: Mapped[str] = mapped_column(ForeignKey("sites.code"))
    drug: Mapped[str] = mapped_column(String(64))
    order_json: Mapped[str] = mapped_column(Text)
    current_order_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    patient_json: Mapped[str] = mapped_column(Text)
    weight_kg: Mapped[float] = mapped_column(Float)
    creatinine_umol_l: Mapped[float | None] = mapped_column(Float, nullable=True)
    measured_at: Mapped[str | None] = mapped_column(String(32), nullable=True)
    reason: Mapped[str] = mapped_column(Text)
    findings_json: Mapped[str] = mapped_column(Text)
    max_severity: Mapped[str | None] = mapped_column(String(16), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    created_at: Mapped[str] = mapped_column(String(32))
    requested_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[str | None] = mapped_column(String(32), nullable=True)
    requester_seen_at: Mapped[str | None] = mapped_column(String(32), nullable=True)
    __table_args__ = (
        Index("ix_dose_requests_site_status", "supervising_site", "status", "created_at"),
        Index("ix_dose_requests_requester", "requested_by", "created_at"),
    )


class DoseDecisionRow(Base):
    """One decision on a dose request (approve, modify, reject), with the dose check it saw."""

    __tablename__ = "dose_decisions"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    request_id: Mapped[str] = mapped_column(ForeignKey("dose_requests.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    decision: Mapped[str] = mapped_column(String(16))
    order_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    findings_json: Mapped[str] = mapped_column(Text)
    max_severity: Mapped[str | None] = mapped_column(String(16), nullable=True)
    acknowledged_critical: Mapped[bool] = mapped_column(default=False)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[str] = mapped_column(String(32))
    created_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    # One decision per request and sequence number: two doctors deciding at once cannot both win.
    __table_args__ = (UniqueConstraint("request_id", "seq", name="uq_dose_decisions_request_seq"),)
