"""Patients, encounters, re-triage, reviews and the worklist order, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from fenzhen import Intake, assess
from fenzhen.errors import ConflictError, InputError, NotFoundError
from fenzhen.store import clinical
from fenzhen.store.accounts import create_user
from fenzhen.store.audit import verify_chain
from fenzhen.store.db import Database
from fenzhen.store.models import AuditEvent, PatientIdentity
from fenzhen.store.worklist import build_worklist

STABLE = {
    "complaint": "咳嗽三天",
    "age_years": 30,
    "heart_rate_bpm": 78,
    "resp_rate_bpm": 16,
    "sbp_mmhg": 122,
    "temp_c": 36.8,
    "spo2_pct": 98,
    "avpu": "A",
}
SHOCK = {
    "complaint": "胸痛两小时，伴大汗",
    "age_years": 58,
    "heart_rate_bpm": 118,
    "sbp_mmhg": 86,
    "spo2_pct": 93,
}


def _open(db: Database, name: str, intake: dict) -> tuple[str, str]:  # type: ignore[type-arg]
    parsed = Intake.parse(intake)
    with db.transaction() as s:
        user = s.execute(select(clinical.PatientRow)).first()
        nurse = _nurse(s)
        patient = clinical.create_patient(
            s, details=clinical.PatientDetails(name=name), actor_id=nurse, actor="n"
        )
        enc, row = clinical.open_encounter(
            s, patient_id=patient.id, intake=parsed, assessment=assess(parsed), actor_id=nurse, actor="n"
        )
        del user
        return enc.id, row.id


def _nurse(s) -> str:  # type: ignore[no-untyped-def]
    from fenzhen.store.models import User

    existing = s.execute(select(User).where(User.name == "n")).scalar_one_or_none()
    return existing.id if existing else create_user(s, name="n", role="nurse", password=None, actor="t").id


def test_identifiers_stay_in_their_table_and_out_of_the_audit(database: Database) -> None:
    enc_id, _ = _open(database, "王小明", STABLE)
    with database.transaction() as s:
        assert s.execute(select(PatientIdentity.name)).scalar_one() == "王小明"
        details = " ".join(e.detail + e.object_id + e.actor for e in s.execute(select(AuditEvent)).scalars())
        assert "王小明" not in details
        enc = clinical.get_encounter(s, enc_id, actor="d")
    assert enc["patient"]["name"] == "王小明"
    assert enc["assessments"][0]["assessment"]["engine_version"]


def test_retriage_keeps_history_and_review_sits_beside(database: Database) -> None:
    enc_id, first = _open(database, "A", STABLE)
    retriaged = Intake.parse(SHOCK)
    with database.transaction() as s:
        nurse = _nurse(s)
        second = clinical.add_assessment(
            s, encounter_id=enc_id, intake=retriaged, assessment=assess(retriaged), actor_id=nurse, actor="n"
        )
        clinical.record_review(
            s,
            assessment_id=second.id,
            actor_id=nurse,
            actor="d",
            review=clinical.ReviewInput("override", china_level=1, reason="airway at risk"),
        )
    with database.transaction() as s:
        enc = clinical.get_encounter(s, enc_id, actor="d")
        assert verify_chain(s).ok
    assert [a["seq"] for a in enc["assessments"]] == [1, 2]
    assert enc["assessments"][0]["id"] == first
    latest = enc["assessments"][1]
    assert latest["assessment"]["china_level"] == assess(retriaged).china_level  # original kept
    assert latest["reviews"][0]["china_level"] == 1 and latest["reviews"][0]["reason"] == "airway at risk"


@pytest.mark.parametrize(
    "review,field",
    [
        (clinical.ReviewInput("override", china_level=2), "reason"),
        (clinical.ReviewInput("override", reason="because"), "decision"),
        (clinical.ReviewInput("maybe"), "decision"),
        (clinical.ReviewInput("accept", acuity=6), "acuity"),
    ],
)
def test_bad_reviews_are_refused_naming_the_field(review: clinical.ReviewInput, field: str) -> None:
    with pytest.raises(InputError) as info:
        review.validate()
    assert info.value.fields[0]["field"] == field


def test_unknown_and_closed_encounters(database: Database) -> None:
    enc_id, _ = _open(database, "B", STABLE)
    intake = Intake.parse(STABLE)
    with database.transaction() as s:
        clinical.set_status(s, encounter_id=enc_id, status="closed", actor="n")
    with pytest.raises(ConflictError), database.transaction() as s:
        clinical.add_assessment(
            s, encounter_id=enc_id, intake=intake, assessment=assess(intake), actor_id="x", actor="n"
        )
    with pytest.raises(NotFoundError), database.transaction() as s:
        clinical.get_encounter(s, "0" * 32, actor="n")


def test_worklist_orders_by_level_then_overdue_and_escalates(database: Database) -> None:
    stable_old, _ = _open(database, "stable-old", STABLE)
    stable_new, _ = _open(database, "stable-new", STABLE)
    shock, _ = _open(database, "shock", SHOCK)
    levels = {
        stable_old: assess(Intake.parse(STABLE)).china_level,
        shock: assess(Intake.parse(SHOCK)).china_level,
    }
    assert levels[shock] < levels[stable_old]
    with database.transaction() as s:
        from fenzhen.store.models import EncounterRow

        # The older stable patient arrived five hours ago: past any level's target.
        old = s.get(EncounterRow, stable_old)
        old.arrived_at = (datetime.now(UTC) - timedelta(hours=5)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    with database.transaction() as s:
        entries = build_worklist(s, actor="d")
    order = [e.encounter_id for e in entries]
    assert order == [shock, stable_old, stable_new]
    by_id = {e.encounter_id: e for e in entries}
    assert by_id[stable_old].overdue and by_id[stable_old].escalated
    assert not by_id[stable_new].overdue
    with database.transaction() as s:
        escalations = s.execute(select(AuditEvent).where(AuditEvent.action == "escalate")).scalars().all()
        assert [e.object_id for e in escalations if e.object_id == stable_old] == [stable_old]
        build_worklist(s, actor="d")  # a second read does not escalate again
    with database.transaction() as s:
        again = (
            s.execute(
                select(AuditEvent).where(AuditEvent.action == "escalate", AuditEvent.object_id == stable_old)
            )
            .scalars()
            .all()
        )
        assert len(again) == 1
        target = assess(Intake.parse(STABLE)).china.response_minutes
        assert json.loads(again[0].detail)["target_minutes"] == target


def test_override_moves_a_patient_up_the_worklist(database: Database) -> None:
    first, _ = _open(database, "first", STABLE)
    second, second_assessment = _open(database, "second", STABLE)
    with database.transaction() as s:
        assert [e.encounter_id for e in build_worklist(s, actor="d")] == [first, second]
        clinical.record_review(
            s,
            assessment_id=second_assessment,
            actor_id=_nurse(s),
            actor="d",
            review=clinical.ReviewInput("override", china_level=2, reason="pale, clammy"),
        )
    with database.transaction() as s:
        entries = build_worklist(s, actor="d")
    assert [e.encounter_id for e in entries] == [second, first]
    assert entries[0].overridden and entries[0].china_level == 2 and entries[0].target_minutes == 10
