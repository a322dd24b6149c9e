"""A clinic network for the dose-request tests: a county hospital supervising a village clinic and
a township centre, staff placed by the admin API, and one registered patient."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ELDERLY = {"age_years": 76, "sex": "male", "weight_kg": 61, "creatinine_umol_l": 120}
PROPOSAL = {
    "order": {"drug": "二甲双胍", "dose": "500 mg", "frequency": "q12h", "indication": "type2_diabetes"},
    "current_order": {"drug": "metformin", "dose": "1000 mg", "frequency": "q12h"},
    "patient": ELDERLY,
    "measured_at": "2026-03-01",
    "reason": "肌酐升高，eGFR 约40，建议减量",
}


@dataclass
class DoseWorld:
    service: Any
    tokens: dict[str, str]
    patient_id: str

    def h(self, who: str) -> dict[str, str]:
        return {"authorization": f"Bearer {self.tokens[who]}"}

    def propose(self, who: str = "nurse", **over: Any) -> Any:
        body = {**PROPOSAL, "patient_id": self.patient_id, **over}
        return self.service.client.post("/api/v1/dose-requests", json=body, headers=self.h(who))


def build(service: Any) -> DoseWorld:
    c, admin = service.client, service.headers("admin")
    for site in (
        {"code": "county", "name": "县人民医院", "level": "county"},
        {"code": "xc-01", "name": "村卫生室", "level": "village", "supervising_site": "county"},
        {"code": "tz", "name": "乡镇卫生院", "level": "township", "supervising_site": "county"},
    ):
        assert c.post("/api/v1/sites", json=site, headers=admin).status_code == 201
    tokens = {
        "nurse": service.tokens["nurse"],
        "doctor": service.tokens["doctor"],
        "admin": service.tokens["admin"],
    }
    for name, role in (("vdoc", "doctor"), ("tdoc", "doctor")):
        tokens[name] = c.post("/api/v1/users", json={"name": name, "role": role}, headers=admin).json()[
            "token"
        ]
    for name, site, rx in (
        ("nurse1", "xc-01", False),
        ("vdoc", "xc-01", False),
        ("doctor1", "county", True),
        ("tdoc", "tz", True),
    ):
        r = c.put(f"/api/v1/staff/{name}", json={"site": site, "can_prescribe": rx}, headers=admin)
        assert r.status_code == 200, r.text
    patient = c.post("/api/v1/patients", json={"name": "张三"}, headers=service.headers("nurse")).json()["id"]
    return DoseWorld(service, tokens, patient)
