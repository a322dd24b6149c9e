"""Remote dose adjustment against a real `fenzhen serve` on SQLite and PostgreSQL: sites and staff
from the CLI, then propose → worklist → approve → notification → FHIR MedicationRequest export."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from fhir.resources.R4B.medicationrequest import MedicationRequest
from service_kit import FENZHEN, fresh_pg_database, running_server

pytestmark = pytest.mark.integration


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path, str | None]]:
    with ExitStack() as stack:
        url = stack.enter_context(fresh_pg_database()) if request.param == "postgresql" else None
        yield tmp_path / "data", url


def _cli(data_dir: Path, url: str | None, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [FENZHEN, *args, "--data-dir", str(data_dir)] + (["--database", url] if url else [])
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60)


def test_propose_approve_notify_export(backend: tuple[Path, str | None]) -> None:
    data_dir, url = backend
    assert (
        _cli(data_dir, url, "site", "add", "county", "--name", "县人民医院", "--level", "county").returncode
        == 0
    )
    out = _cli(
        data_dir,
        url,
        "site",
        "add",
        "xc-01",
        "--name",
        "村卫生室",
        "--level",
        "village",
        "--supervised-by",
        "county",
    )
    assert out.returncode == 0, out.stderr
    bad = _cli(data_dir, url, "user", "add", "n2", "--role", "nurse", "--site", "xc-01", "--prescriber")
    assert bad.returncode == 2 and "prescriber" in bad.stderr
    nurse = _cli(data_dir, url, "user", "add", "village-nurse", "--role", "nurse", "--site", "xc-01")
    doctor = _cli(
        data_dir, url, "user", "add", "county-doctor", "--role", "doctor", "--site", "county", "--prescriber"
    )
    assert nurse.returncode == 0 and doctor.returncode == 0, nurse.stderr + doctor.stderr
    n_token, d_token = nurse.stdout.strip().splitlines()[-1], doctor.stdout.strip().splitlines()[-1]
    with running_server(data_dir, url) as server, server.client(n_token) as n, server.client(d_token) as d:
        patient = n.post("/api/v1/patients", json={"name": "王五"}).json()["id"]
        proposal = {
            "patient_id": patient,
            "order": {"drug": "amoxicillin", "dose": "250 mg", "frequency": "q8h", "indication": "pneumonia"},
            "patient": {"age_years": 3, "sex": "female", "weight_kg": 14},
            "reason": "体重增加后复核剂量",
        }
        r = n.post("/api/v1/dose-requests", json=proposal)
        assert r.status_code == 201, r.text
        rid = r.json()["id"]
        assert d.get("/api/v1/dose-requests/worklist").json()["requests"][0]["id"] == rid
        assert (
            n.post(f"/api/v1/dose-requests/{rid}/decisions", json={"decision": "approve"}).status_code == 403
        )
        approved = d.post(
            f"/api/v1/dose-requests/{rid}/decisions", json={"decision": "approve", "reason": "同意"}
        )
        assert approved.status_code == 201, approved.text
        assert n.get("/api/v1/dose-requests/notifications").json() == {"unread": 1}
        mine = n.get("/api/v1/dose-requests/mine").json()["requests"]
        assert mine[0]["status"] == "approved" and mine[0]["unread"] is True
        exported = n.get(f"/api/v1/dose-requests/{rid}/fhir")
        assert exported.headers["content-type"].startswith("application/fhir+json")
        request = MedicationRequest.model_validate(exported.json())
        assert (request.status, request.intent) == ("active", "proposal")
        assert request.dosageInstruction[0].doseAndRate[0].doseQuantity.value == 250
        with server.client() as anon:
            assert anon.get("/api/v1/dose-requests/mine").status_code == 401
            assert "fenzhen-dose-check" in {s["id"] for s in anon.get("/cds-services").json()["services"]}
    verify = _cli(data_dir, url, "audit", "verify")
    assert verify.returncode == 0 and "intact" in verify.stdout, verify.stdout + verify.stderr
