"""Helpers for the service integration tests: a real `fenzhen serve` process on 127.0.0.1.

The PostgreSQL URL comes from ``FENZHEN_TEST_DATABASE_URL`` (CI sets it), defaulting to the
local server at 127.0.0.1:5432 with trust auth; a missing server makes the tests fail, never skip.
Each server gets a fresh database (created and dropped here), so runs never share rows.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from fenzhen.store.db import normalise_url

__all__ = ["FENZHEN", "Server", "add_user", "fresh_pg_database", "free_port", "running_server"]

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
FENZHEN = str(Path(sys.executable).with_name("fenzhen"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def fresh_pg_database() -> Iterator[str]:
    """Yield the URL of a new, empty PostgreSQL database; drop it afterwards."""
    base = make_url(normalise_url(os.environ.get("FENZHEN_TEST_DATABASE_URL", DEFAULT_PG)))
    name = f"fz_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def add_user(
    data_dir: Path, name: str, role: str, database: str | None = None, password: str | None = None
) -> str:
    """Run `fenzhen user add` and return the token it prints on its last line."""
    cmd = [FENZHEN, "user", "add", name, "--role", role, "--data-dir", str(data_dir)]
    if database:
        cmd += ["--database", database]
    if password:
        cmd.append("--password-stdin")
    out = subprocess.run(
        cmd,
        input=(password + "\n") if password else None,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return out.stdout.strip().splitlines()[-1]


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str
    data_dir: Path
    database: str | None
    log: Path

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30)

    def kill(self, sig: int = signal.SIGKILL) -> None:
        self.process.send_signal(sig)
        self.process.wait(timeout=30)


def _wait_ready(url: str, process: subprocess.Popen[bytes], log: Path, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"fenzhen serve exited early:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(url + "/api/v1/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"fenzhen serve did not start:\n{log.read_text()[-3000:]}")


def start_server(
    data_dir: Path, database: str | None = None, workers: int = 1, port: int | None = None
) -> Server:
    port = port or free_port()
    cmd = [
        FENZHEN,
        "serve",
        "--data-dir",
        str(data_dir),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    if database:
        cmd += ["--database", database]
    log = data_dir / f"serve-{port}.log"
    data_dir.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FENZHEN_") or k == "FENZHEN_CI"}
    with log.open("ab") as out:
        process = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    _wait_ready(url, process, log)
    return Server(process, url, data_dir, database, log)


@contextmanager
def running_server(data_dir: Path, database: str | None = None, workers: int = 1) -> Iterator[Server]:
    """Start `fenzhen serve`, yield it, and stop its whole process group afterwards."""
    server = start_server(data_dir, database, workers)
    try:
        yield server
    finally:
        stop(server)


def stop(server: Server) -> None:
    if server.process.poll() is None:
        os.killpg(server.process.pid, signal.SIGTERM)
        try:
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.process.pid, signal.SIGKILL)
            server.process.wait(timeout=15)


BACKENDS: dict[str, Callable[[], object]] = {}
