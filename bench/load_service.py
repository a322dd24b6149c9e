"""Load benchmark of the clinic service: a real `fenzhen serve` on 127.0.0.1, driven by wrk.

Measures throughput and p50/p99 latency of
  - GET  /api/v1/health       trivial, unauthenticated: the ceiling of this server and machine;
  - GET  /api/v1/me           trivial, authenticated (token check from the per-worker cache);
  - POST /api/v1/assess       stateless triage of one intake;
  - POST /api/v1/encounters   full encounter creation: patient, intake, assessment, audit events,
                              one durable transaction;
on SQLite (WAL, synchronous=FULL) and on PostgreSQL. Requires `wrk` (Debian package `wrk`).

    .venv/bin/python bench/load_service.py --backend both --workers 2 --duration 10

Writes bench/results/load_service.json (every figure, with the 1-minute load average before and
after each scenario, and the server's CPU time per request, which other load on a shared machine
barely moves) and a readable table beside it (load_service.txt), and prints the table.
The load generator runs on the same machine and takes CPU from the server: numbers are a floor
for a dedicated server. On a shared machine, read them with the load averages: other work on the
two cores lowers them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

FENZHEN = str(Path(sys.executable).with_name("fenzhen"))
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
INTAKE = {
    "complaint": "胸痛两小时，伴大汗",
    "age_years": 58,
    "sex": "male",
    "heart_rate_bpm": 118,
    "resp_rate_bpm": 22,
    "sbp_mmhg": 86,
    "temp_c": 36.9,
    "spo2_pct": 93,
    "avpu": "A",
}
LUA = """wrk.method = "{method}"
wrk.headers["Content-Type"] = "application/json"
{auth}
wrk.body = {body}
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pg_database(base_url: str) -> tuple[str, Any]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from fenzhen.store.db import normalise_url

    base = make_url(normalise_url(base_url))
    name = f"fz_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    return base.set(database=name).render_as_string(hide_password=False), drop


def _parse_wrk(text: str) -> dict[str, Any]:
    def latency_ms(label: str) -> float | None:
        m = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        if not m:
            return None
        return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]

    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    total = re.search(r"(\d+) requests in", text)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    errors = re.search(r"Socket errors:.*", text)
    return {
        "requests_per_s": float(rps.group(1)) if rps else None,
        "requests": int(total.group(1)) if total else 0,
        "p50_ms": latency_ms("50"),
        "p99_ms": latency_ms("99"),
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": errors.group(0) if errors else "",
    }


def _group_cpu_s(pgid: int) -> float:
    """Return the user+system CPU seconds used so far by the processes of one process group."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # fields after the command name: state, ppid, pgrp, ...
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def _run_wrk(
    url: str,
    method: str,
    body: dict[str, Any] | None,
    token: str | None,
    duration_s: int,
    connections: int,
    workdir: Path,
) -> dict[str, Any]:
    script = workdir / f"{uuid.uuid4().hex}.lua"
    auth = f'wrk.headers["Authorization"] = "Bearer {token}"' if token else ""
    script.write_text(
        LUA.format(
            method=method,
            auth=auth,
            body=json.dumps(json.dumps(body or {}, ensure_ascii=False), ensure_ascii=False),
        )
    )
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{duration_s}s", "--latency", "-s", str(script), url],
        capture_output=True,
        text=True,
        timeout=duration_s + 60,
    )
    return _parse_wrk(out.stdout)


def bench_backend(backend: str, workers: int, duration_s: int, connections: int) -> list[dict[str, Any]]:
    """Start a server on `backend`, run each scenario, stop it; return one row per scenario."""
    workdir = Path(tempfile.mkdtemp(prefix="fz-bench-"))
    drop = None
    database = None
    if backend == "postgresql":
        database, drop = _pg_database(os.environ.get("FENZHEN_TEST_DATABASE_URL", DEFAULT_PG))
    db_args = ["--database", database] if database else []
    env = {k: v for k, v in os.environ.items() if not k.startswith("FENZHEN_")}
    token = (
        subprocess.run(
            [FENZHEN, "user", "add", "bench", "--role", "nurse", "--data-dir", str(workdir), *db_args],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    port = _free_port()
    server = subprocess.Popen(
        [
            FENZHEN,
            "serve",
            "--data-dir",
            str(workdir),
            "--port",
            str(port),
            "--workers",
            str(workers),
            *db_args,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**env, "FENZHEN_LOG_LEVEL": "warning"},
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    rows = []
    try:
        for _ in range(200):
            try:
                if httpx.get(base + "/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        # Warm every worker (imports, knowledge files, token cache).
        with httpx.Client(base_url=base, headers={"authorization": f"Bearer {token}"}) as client:
            for _ in range(20 * workers):
                client.post("/api/v1/assess", json=INTAKE)
        scenarios = [
            ("health (trivial)", "GET", "/api/v1/health", None, None),
            ("me (trivial, token)", "GET", "/api/v1/me", None, token),
            ("assess (stateless)", "POST", "/api/v1/assess", INTAKE, token),
            (
                "encounter (full create)",
                "POST",
                "/api/v1/encounters",
                {"patient": {"name": "bench"}, "intake": INTAKE},
                token,
            ),
        ]
        for name, method, path, body, auth in scenarios:
            load_before, cpu_before = os.getloadavg()[0], _group_cpu_s(server.pid)
            result = _run_wrk(base + path, method, body, auth, duration_s, connections, workdir)
            cpu_s = _group_cpu_s(server.pid) - cpu_before
            row = {
                "backend": backend,
                "scenario": name,
                "workers": workers,
                "connections": connections,
                "duration_s": duration_s,
                **result,
                "load_1m_before": round(load_before, 2),
                "load_1m_after": round(os.getloadavg()[0], 2),
                # CPU the server spent per request: unlike throughput, barely moved by other load.
                "server_cpu_ms_per_request": round(1000 * cpu_s / result["requests"], 3)
                if result["requests"]
                else None,
            }
            rows.append(row)
            print(_line(row), flush=True)
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
        if drop:
            drop()
        shutil.rmtree(workdir, ignore_errors=True)
    return rows


def _line(row: dict[str, Any]) -> str:
    return (
        f"{row['backend']:10s} {row['scenario']:26s} {row['requests_per_s'] or 0:8.0f} req/s  "
        f"p50 {row['p50_ms'] or 0:6.1f} ms  p99 {row['p99_ms'] or 0:6.1f} ms  "
        f"cpu {row['server_cpu_ms_per_request'] or 0:5.2f} ms/req  "
        f"non-2xx {row['non_2xx']:<4d} load {row['load_1m_before']:.2f}→{row['load_1m_after']:.2f}"
    )


def summary(report: dict[str, Any]) -> str:
    """Render the JSON report as the readable table written beside it."""
    m = report["machine"]
    head = [
        "Fenzhen clinic service load benchmark (wrk against `fenzhen serve` on 127.0.0.1)",
        f"{report['started']}  {m['cpus']} CPUs  Python {m['python']}  {m['platform']}",
        f"workers {report['workers']}, {report['connections']} connections, {report['duration_s']} s per scenario;"
        " cpu = server CPU time per request (all workers);"
        " load = 1-minute load average before→after (the machine is shared)",
        "aim: stateless assess >= 1000 req/s with p99 < 50 ms",
        "",
    ]
    return "\n".join(head + [_line(r) for r in report["results"]]) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--duration", type=int, default=10, help="seconds per scenario")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--out", type=Path, default=Path("bench/results/load_service.json"))
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install -y wrk")
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    started = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    rows = [row for b in backends for row in bench_backend(b, args.workers, args.duration, args.connections)]
    report = {
        "started": started,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "workers": args.workers,
        "connections": args.connections,
        "duration_s": args.duration,
        "results": rows,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    text_out = args.out.with_suffix(".txt")
    text_out.write_text(summary(report))
    print(f"wrote {args.out} and {text_out}")


if __name__ == "__main__":
    main()
