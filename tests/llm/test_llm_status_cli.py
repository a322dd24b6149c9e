"""`fenzhen llm status` against a real HTTP endpoint, an unreachable one, and no configuration."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from fake_openai import FakeOpenAI, Reply, completion

from fenzhen.cli import main
from fenzhen.llm import LLMClient, OpenAICompatibleProvider, ResponseCache


def test_not_configured_is_fine() -> None:
    result = CliRunner().invoke(main, ["llm", "status", "--json"])
    assert result.exit_code == 0 and json.loads(result.output)["state"] == "not configured"


def test_reachable_with_cache_stats(fake: FakeOpenAI, tmp_path: Path) -> None:
    fake.replies = [Reply(body=completion("hi"))]
    provider = OpenAICompatibleProvider(fake.base_url, "fake-model", local=True)
    client = LLMClient(provider, cache=ResponseCache(tmp_path / "llm.sqlite3"))
    variables = {
        "language": "English",
        "level_name": "Urgent",
        "response_minutes": 30,
        "reasons": "r",
        "warning_signs": "w",
    }
    client.text("explain_patient", variables)
    client.text("explain_patient", variables)
    args = [
        "llm",
        "status",
        "--base-url",
        fake.base_url,
        "--model",
        "fake-model",
        "--api-key",
        "sk-secret",
        "--data-dir",
        str(tmp_path),
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert (
        "reachable" in result.output and "hit rate 50%" in result.output and "sk-secret" not in result.output
    )
    assert "de-identified first" in result.output  # not marked local


def test_unreachable_exits_5() -> None:
    args = [
        "llm",
        "status",
        "--base-url",
        "http://127.0.0.1:9/v1",
        "--model",
        "m",
        "--timeout",
        "1",
        "--json",
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 5 and json.loads(result.output)["state"] == "unreachable"


def test_bad_config_exits_2_naming_the_key() -> None:
    result = CliRunner().invoke(main, ["llm", "status", "--base-url", "ftp://x", "--model", "m"])
    assert result.exit_code == 2 and "llm.base_url" in result.output
