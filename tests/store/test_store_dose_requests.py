"""Remote dose adjustment in the store, on SQLite and the real PostgreSQL: the workflow rules,
who may see and decide, the dose check on each step, the audit trail, and the 0001 → 0002 upgrade."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from fenzhen.dosing import DoseOrder, DosePatient
from fenzhen.errors import ConflictError, ForbiddenError, InputError, NotFoundError
from fenzhen.store.accounts import create_user
from fenzhen.store.audit import verify_chain
from fenzhen.store.clinical import PatientDetails, create_patient
from fenzhen.store.db import Database, normalise_url
from fenzhen.store.dose_requests import (
    DoseDecision,
    DoseProposal,
    decide_dose_request,
    get_dose_request,
    list_my_requests,
    list_pending,
    propose_dose_change,
    unread_count,
)
from fenzhen.store.models import AuditEvent, DoseDecisionRow, DoseRequestRow
from fenzhen.store.sites import add_site, assign_staff

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
ELDERLY = {"age_years": 76, "sex": "male", "weight_kg": 61, "creatinine_umol_l": 120}
METFORMIN = DoseOrder(drug="二甲双胍", dose="500 mg", frequency="q12h", indication="type2_diabetes")


@dataclass
class World:
    village_nurse: str
    village_doctor: str
    county_doctor: str
    county_doctor2: str
    county_nonprescriber: str
    other_doctor: str
    patient: str


def _ids(db: Database) -> World:
    with db.transaction() as s:
        add_site(s, code="county", name="县医院", level="county", supervising_site=None, actor="t")
        add_site(s, code="tz", name="乡镇卫生院", level="township", supervising_site="county", actor="t")
        add_site(s, code="xc-01", name="村卫生室", level="village", supervising_site="county", actor="t")
        users = {}
        for name, role, site, rx in [
            ("vn", "nurse", "xc-01", False),
            ("vd", "doctor", "xc-01", False),
            ("cd", "doctor", "county", True),
            ("cd2", "doctor", "county", True),
            ("cdn", "doctor", "county", False),
            ("td", "doctor", "tz", True),
        ]:
            users[name] = create_user(s, name=name, role=role, password=None, actor="t").id
            assign_staff(s, user_name=name, site_code=site, can_prescribe=rx, actor="t")
        patient = create_patient(s, details=PatientDetails(name="张三"), actor_id=users["vn"], actor="vn").id
    return World(users["vn"], users["vd"], users["cd"], users["cd2"], users["cdn"], users["td"], patient)


def _propose(db: Database, w: World, **over: object) -> str:
    fields: dict[str, object] = {
        "patient_id": w.patient,
        "order": METFORMIN,
        "patient": DosePatient.parse(ELDERLY),
        "reason": "肌酐升高，建议减量",
        "current_order": DoseOrder(drug="metformin", dose="1000 mg", frequency="q12h"),
        **over,
    }
    with db.transaction() as s:
        return propose_dose_change(s, DoseProposal(**fields), actor_id=w.village_nurse, actor="vn").id  # type: ignore[arg-type]


def _actions(db: Database, object_id: str) -> list[tuple[str, str]]:
    with db.transaction() as s:
        rows = s.execute(select(AuditEvent).where(AuditEvent.object_id == object_id).order_by(AuditEvent.seq))
        return [(e.actor, e.action) for e in rows.scalars()]


def test_propose_approve_notify_with_audit(database: Database) -> None:
    w = _ids(database)
    rid = _propose(database, w)
    with database.transaction() as s:
        row = s.get(DoseRequestRow, rid)
        assert row is not None and row.status == "pending" and row.drug == "metformin"
        assert row.supervising_site == "county" and row.requesting_site == "xc-01"
        pending = list_pending(s, viewer_id=w.county_doctor, actor="cd")
        assert [p["id"] for p in pending] == [rid]
        assert unread_count(s, w.village_nurse) == 0
        decide_dose_request(s, rid, DoseDecision("approve"), actor_id=w.county_doctor, actor="cd")
    with database.transaction() as s:
        assert list_pending(s, viewer_id=w.county_doctor2, actor="cd2") == []
        mine = list_my_requests(s, viewer_id=w.village_nurse, actor="vn")
        assert mine[0]["status"] == "approved" and mine[0]["unread"] is True
        assert mine[0]["decision"]["decided_by"] == "cd"
        assert unread_count(s, w.village_nurse) == 1
        detail = get_dose_request(s, rid, viewer_id=w.village_nurse, actor="vn")
        assert detail["final_order"]["dose"] == "500 mg" and detail["patient_name"] == "张三"
    with database.transaction() as s:
        assert unread_count(s, w.village_nurse) == 0
        remote = get_dose_request(s, rid, viewer_id=w.county_doctor, actor="cd")
        assert remote["patient_name"] is None and remote["may_decide"] is False
        assert verify_chain(s).ok
    assert _actions(database, rid) == [("vn", "create"), ("cd", "review"), ("vn", "read"), ("cd", "read")]


def test_modify_reruns_the_check_and_critical_needs_acknowledgement(database: Database) -> None:
    w = _ids(database)
    rid = _propose(database, w)
    overdose = DoseOrder(drug="metformin", dose="3000 mg", frequency="q12h", indication="type2_diabetes")
    with database.transaction() as s, pytest.raises(InputError) as err:
        decide_dose_request(
            s, rid, DoseDecision("modify", "剂量调整", overdose), actor_id=w.county_doctor, actor="cd"
        )
    assert err.value.fields[0]["field"] == "acknowledge_critical"
    with database.transaction() as s:
        made = decide_dose_request(
            s,
            rid,
            DoseDecision("modify", "剂量调整", overdose, acknowledge_critical=True),
            actor_id=w.county_doctor,
            actor="cd",
        )
        assert made.max_severity == "critical" and made.acknowledged_critical
    with database.transaction() as s:
        detail = get_dose_request(s, rid, viewer_id=w.village_nurse, actor="vn")
        assert detail["status"] == "modified" and detail["final_order"]["dose"] == "3000 mg"
        assert any(f["severity"] == "critical" for f in detail["decisions"][0]["findings"])


@pytest.mark.parametrize(
    "decision,field",
    [
        (DoseDecision("reject"), "reason"),
        (DoseDecision("modify", "x"), "order"),
        (DoseDecision("modify", "x", METFORMIN.model_copy(update={"drug": "metformin"})), "order"),
        (
            DoseDecision("modify", "x", DoseOrder(drug="aspirin", dose="75 mg", frequency="q24h")),
            "order.drug",
        ),
        (
            DoseDecision("approve", order=DoseOrder(drug="metformin", dose="250 mg", frequency="q12h")),
            "order",
        ),
        (DoseDecision("sign"), "decision"),
    ],
)
def test_malformed_decisions_name_the_field(database: Database, decision: DoseDecision, field: str) -> None:
    w = _ids(database)
    rid = _propose(database, w)
    with database.transaction() as s, pytest.raises(InputError) as err:
        decide_dose_request(s, rid, decision, actor_id=w.county_doctor, actor="cd")
    assert err.value.fields[0]["field"] == field


def test_who_may_decide_and_see(database: Database) -> None:
    w = _ids(database)
    rid = _propose(database, w)
    for who in (w.village_doctor, w.county_nonprescriber, w.other_doctor, w.village_nurse):
        with database.transaction() as s, pytest.raises(ForbiddenError):
            decide_dose_request(s, rid, DoseDecision("approve"), actor_id=who, actor="x")
    with database.transaction() as s, pytest.raises(NotFoundError):
        get_dose_request(s, rid, viewer_id=w.other_doctor, actor="td")
    with database.transaction() as s:
        assert get_dose_request(s, rid, viewer_id=w.village_doctor, actor="vd")["may_decide"] is False
        assert get_dose_request(s, rid, viewer_id=w.county_doctor, actor="cd")["may_decide"] is True
    with database.transaction() as s, pytest.raises(ForbiddenError):
        list_pending(s, viewer_id=w.village_doctor, actor="vd")
    with database.transaction() as s:
        decide_dose_request(
            s, rid, DoseDecision("reject", "不需调整"), actor_id=w.county_doctor2, actor="cd2"
        )
    with database.transaction() as s, pytest.raises(ConflictError):
        decide_dose_request(s, rid, DoseDecision("approve"), actor_id=w.county_doctor, actor="cd")
    with database.transaction() as s:
        assert s.get(DoseRequestRow, rid).status == "rejected"  # type: ignore[union-attr]


def test_a_prescriber_never_decides_their_own_request(database: Database) -> None:
    w = _ids(database)
    with database.transaction() as s:
        own = propose_dose_change(
            s,
            DoseProposal(w.patient, METFORMIN, DosePatient.parse(ELDERLY), "复查", supervising_site="county"),
            actor_id=w.county_doctor,
            actor="cd",
        ).id
        assert list_pending(s, viewer_id=w.county_doctor, actor="cd") == []
    with database.transaction() as s, pytest.raises(ForbiddenError, match="made it"):
        decide_dose_request(s, own, DoseDecision("approve"), actor_id=w.county_doctor, actor="cd")


@pytest.mark.parametrize(
    "over,field",
    [
        ({"patient": DosePatient.parse({"age_years": 70})}, "patient.weight_kg"),
        ({"order": DoseOrder(drug="metformine", dose="500 mg", frequency="q12h")}, "order.drug"),
        ({"order": DoseOrder(drug="metformin", dose="500", frequency="q12h")}, "order.dose"),
        ({"supervising_site": "nowhere"}, "supervising_site"),
        ({"supervising_site": "xc-01"}, "supervising_site"),  # no prescriber there
        ({"reason": "  "}, "reason"),
        ({"measured_at": "yesterday"}, "measured_at"),
        ({"encounter_id": "0" * 32}, "encounter_id"),
        ({"current_order": DoseOrder(drug="aspirin", dose="75 mg", frequency="q24h")}, "current_order.drug"),
    ],
)
def test_bad_proposals_name_the_field(database: Database, over: dict[str, object], field: str) -> None:
    w = _ids(database)
    with pytest.raises(InputError) as err:
        _propose(database, w, **over)
    assert err.value.fields[0]["field"] == field
    with database.transaction() as s:
        assert s.execute(select(DoseRequestRow)).first() is None


def test_unknown_patient_is_not_found(database: Database) -> None:
    w = _ids(database)
    with pytest.raises(NotFoundError):
        _propose(database, w, patient_id="f" * 32)


def test_decisions_are_unique_per_sequence(database: Database) -> None:
    w = _ids(database)
    rid = _propose(database, w)
    with database.transaction() as s:
        decide_dose_request(s, rid, DoseDecision("approve"), actor_id=w.county_doctor, actor="cd")
    with pytest.raises(IntegrityError), database.transaction() as s:
        s.add(
            DoseDecisionRow(
                request_id=rid,
                seq=1,
                decision="reject",
                findings_json="[]",
                acknowledged_critical=False,
                created_at="x",
                created_by=w.county_doctor2,
            )
        )
        s.flush()


def test_upgrade_from_0001_keeps_data(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    db = Database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    _upgrade_old_then_head(db, command, Config)


def test_upgrade_from_0001_keeps_data_postgresql() -> None:
    from alembic import command
    from alembic.config import Config

    # Not `from conftest import ...`: with several test directories in one run, "conftest" may be
    # another directory's module.
    base = make_url(normalise_url(os.environ.get("FENZHEN_TEST_DATABASE_URL", DEFAULT_PG)))
    name = f"fz_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    db = Database(base.set(database=name).render_as_string(hide_password=False))
    try:
        _upgrade_old_then_head(db, command, Config)
    finally:
        db.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _upgrade_old_then_head(db: Database, command: object, config_cls: type) -> None:
    config = config_cls()
    config.set_main_option("script_location", str(resources.files("fenzhen.store").joinpath("migrations")))
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")  # type: ignore[attr-defined]
    assert "dose_requests" not in inspect(db.engine).get_table_names()
    with db.transaction() as s:
        create_user(s, name="old-doctor", role="doctor", password=None, actor="t")
    db.migrate()
    assert {"sites", "staff_sites", "dose_requests", "dose_decisions"} <= set(
        inspect(db.engine).get_table_names()
    )
    with db.transaction() as s:
        add_site(s, code="county", name="县医院", level="county", supervising_site=None, actor="t")
        assign_staff(s, user_name="old-doctor", site_code="county", can_prescribe=True, actor="t")
        assert verify_chain(s).ok
