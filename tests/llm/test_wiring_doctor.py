"""`fenzhen doctor`'s LLM line: settings loaded as `fenzhen serve` loads them, the key never printed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from fake_openai import FakeOpenAI, Reply, completion

from fenzhen.llm import ChatResponse, ResponseCache

FENZHEN = str(Path(sys.executable).parent / "fenzhen")
KEY = "sk-doctor-secret-777"


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FENZHEN_")}
    return {**env, **extra}


def doctor(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([FENZHEN, "doctor", *args], capture_output=True, text=True, timeout=120, env=env)


def llm_lines(out: str) -> list[str]:
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("llm:"))
    return lines[start:]


def closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def test_not_configured_says_rules_only_and_how_to_configure(tmp_path: Path) -> None:
    r = doctor("--data-dir", str(tmp_path), env=clean_env())
    assert r.returncode == 0, r.stderr
    first, hint = llm_lines(r.stdout)[:2]
    assert first.strip() == "llm: not configured: every feature uses the rules path"
    assert "FENZHEN_LLM_" in hint and "llm_kind" in hint
    assert "acuity:" in r.stdout  # the rest of doctor still runs


def test_reachable_from_the_config_file_with_cache_figures(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path / "llm.sqlite3")
    cache.put("k", ChatResponse(content="y", model="fake-model", latency_ms=1500.0))
    cache.get("k"), cache.get("k"), cache.get("other")  # two hits, one miss
    with FakeOpenAI([Reply(body=completion("unused"))]) as fake:
        config = tmp_path / "clinic.toml"
        config.write_text(
            f"[fenzhen]\nllm_kind = 'openai'\nllm_base_url = '{fake.base_url}'\nllm_model = 'qwen-7b'\n"
            f"llm_local = true\nllm_api_key = '{KEY}'\n"
        )
        r = doctor("--data-dir", str(tmp_path), "--config", str(config), env=clean_env())
        assert fake.requests == []  # a status check sends no case text, no chat at all
    assert r.returncode == 0, r.stderr
    lines = llm_lines(r.stdout)
    assert lines[0].strip().startswith(f"llm: reachable (openai:qwen-7b @ {fake.base_url})")
    assert "local: case text is sent as written" in lines[0]
    assert "circuit breaker" in lines[1] and "3 consecutive failures" in lines[1]
    assert "cache: 1 entries, hit rate 67% (2 hits, 1 misses), model time saved 3.0 s" in lines[2]
    assert KEY not in r.stdout + r.stderr


def test_unreachable_from_the_environment_is_reported_not_an_error(tmp_path: Path) -> None:
    env = clean_env(
        FENZHEN_DATA_DIR=str(tmp_path),
        FENZHEN_LLM_KIND="openai",
        FENZHEN_LLM_BASE_URL=closed_port_url(),
        FENZHEN_LLM_MODEL="deepseek-r1",
        FENZHEN_LLM_API_KEY=KEY,
    )
    r = doctor(env=env)
    assert r.returncode == 0, r.stderr
    lines = llm_lines(r.stdout)
    assert lines[0].strip().startswith("llm: unreachable (openai:deepseek-r1 @ http://127.0.0.1:")
    assert "unreachable (ConnectError); features fall back to the rules path" in lines[0]
    assert "circuit breaker" in lines[1] and f"cache: none yet in {tmp_path}" in lines[2]
    assert KEY not in r.stdout + r.stderr


def test_a_bad_llm_setting_exits_2_naming_it(tmp_path: Path) -> None:
    r = doctor("--data-dir", str(tmp_path), env=clean_env(FENZHEN_LLM_KIND="openai", FENZHEN_LLM_MODEL="m"))
    assert r.returncode == 2 and "llm_base_url" in r.stderr and len(r.stderr.strip().splitlines()) == 1
