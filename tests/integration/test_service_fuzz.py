"""Schema-driven fuzz of the JSON API (schemathesis over our own OpenAPI): no input gives a 500.

Bounded to a fixed number of examples per operation so it runs in well under a minute; each
error answer must also be the one envelope.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from service_kit import add_user, running_server

pytestmark = pytest.mark.integration

EXAMPLES_PER_OPERATION = 30


def test_no_input_makes_a_server_error(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    token = add_user(data_dir, "fuzz-admin", "admin")
    auth = {"authorization": f"Bearer {token}"}
    with running_server(data_dir) as server:
        with server.client(token) as client:
            document = client.get("/api/v1/openapi.json").json()
        schema = schemathesis.openapi.from_dict(document)
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 14
        failures: list[str] = []
        for operation in operations:

            @settings(
                max_examples=EXAMPLES_PER_OPERATION,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy())
            def call(case: schemathesis.Case) -> None:
                response = case.call(base_url=server.url, headers=auth)
                if response.status_code >= 500:
                    failures.append(f"{case.method} {case.formatted_path} -> {response.status_code}")
                elif response.status_code >= 400:
                    assert set(response.json()) == {"error"}, response.text[:200]

            call()
        assert not failures, failures[:10]
        log = server.log.read_text()
        assert "Traceback" not in log
        assert log.count("POST /api/v1/assess ") >= 10  # the fuzz really reached the server
