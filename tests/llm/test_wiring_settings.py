"""The ``llm_*`` settings: layers, validation naming the key, `LLMConfig` from them, the key never shown."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pydantic import SecretStr

from fenzhen.errors import InputError
from fenzhen.settings import SETTINGS, Settings, llm_config, load_settings, worker_environment

KEY = "sk-do-not-print-4242"


def test_default_is_no_model() -> None:
    s = load_settings(environ={})
    assert s.llm_kind == "none" and llm_config(s) is None
    assert {n for n in SETTINGS if n.startswith("llm_")} == {
        "llm_kind",
        "llm_base_url",
        "llm_model",
        "llm_api_key",
        "llm_local",
        "llm_model_path",
        "llm_timeout_s",
        "llm_structured_via",
    }


def test_file_environment_and_flags_build_the_config(tmp_path: Path) -> None:
    (tmp_path / "fenzhen.toml").write_text(
        "[fenzhen]\nllm_kind = 'openai'\nllm_base_url = 'http://10.0.0.5:8000/v1'\nllm_model = 'qwen'\n"
        "llm_timeout_s = 7.5\nllm_structured_via = 'tool'\n"
    )
    env = {"FENZHEN_DATA_DIR": str(tmp_path), "FENZHEN_LLM_API_KEY": KEY, "FENZHEN_LLM_LOCAL": "yes"}
    s = load_settings({"llm_model": "qwen2.5-7b"}, environ=env)
    config = llm_config(s)
    assert config is not None
    assert (config.kind, config.base_url, config.model, config.local) == (
        "openai",
        "http://10.0.0.5:8000/v1",
        "qwen2.5-7b",
        True,
    )
    assert (config.timeout_s, config.structured_via) == (7.5, "tool")
    assert isinstance(config.api_key, SecretStr) and config.api_key.get_secret_value() == KEY


def test_local_kind_is_the_in_process_provider_and_always_local(tmp_path: Path) -> None:
    s = replace(Settings(), llm_kind="local", llm_model_path=str(tmp_path / "m.gguf"), llm_local=False)
    config = llm_config(s)
    assert config is not None and config.kind == "llama-cpp" and config.local
    assert config.model_path == tmp_path / "m.gguf"


@pytest.mark.parametrize(
    ("env", "field"),
    [
        ({"FENZHEN_LLM_KIND": "gpt"}, "llm_kind (environment)"),
        ({"FENZHEN_LLM_TIMEOUT_S": "soon"}, "llm_timeout_s (environment)"),
        ({"FENZHEN_LLM_TIMEOUT_S": "nan"}, "llm_timeout_s (environment)"),
        ({"FENZHEN_LLM_TIMEOUT_S": "0.1"}, "llm_timeout_s (environment)"),
        ({"FENZHEN_LLM_LOCAL": "perhaps"}, "llm_local (environment)"),
        ({"FENZHEN_LLM_STRUCTURED_VIA": "xml"}, "llm_structured_via (environment)"),
        ({"FENZHEN_LLM_KIND": "openai", "FENZHEN_LLM_MODEL": "m"}, "llm_base_url"),
        (
            {"FENZHEN_LLM_KIND": "openai", "FENZHEN_LLM_BASE_URL": "ftp://x/v1", "FENZHEN_LLM_MODEL": "m"},
            "llm_base_url",
        ),
        ({"FENZHEN_LLM_KIND": "openai", "FENZHEN_LLM_BASE_URL": "http://x/v1"}, "llm_model"),
        ({"FENZHEN_LLM_KIND": "local"}, "llm_model_path"),
    ],
)
def test_bad_or_incomplete_llm_settings_name_the_key_at_start_up(env: dict[str, str], field: str) -> None:
    with pytest.raises(InputError) as info:
        load_settings(environ={**env, "FENZHEN_LLM_API_KEY": KEY})
    assert info.value.fields[0]["field"] == field
    assert KEY not in info.value.message


def test_the_key_is_never_shown() -> None:
    s = replace(
        Settings(), llm_kind="openai", llm_base_url="http://user:pw123@gpu.local/v1", llm_model="m", llm_api_key=KEY
    )
    public = s.public()
    assert "llm_api_key" not in public and public["llm_api_key_set"] is True
    assert public["llm_base_url"] == "http://user:***@gpu.local/v1"
    for text in (str(public), repr(s), str(s)):
        assert KEY not in text and "pw123" not in text
    assert KEY not in repr(llm_config(s))
    assert replace(Settings()).public()["llm_api_key_set"] is False


def test_worker_environment_carries_every_setting_with_its_real_value(tmp_path: Path) -> None:
    s = replace(
        Settings(),
        data_dir=tmp_path,
        llm_kind="openai",
        llm_base_url="http://u:pw@h/v1",
        llm_model="m",
        llm_api_key=KEY,
        llm_local=True,
        llm_timeout_s=3.5,
    )
    env = worker_environment(s)
    assert env["FENZHEN_LLM_API_KEY"] == KEY and env["FENZHEN_LLM_BASE_URL"] == "http://u:pw@h/v1"
    again = load_settings(environ=env)
    assert again == replace(s, data_dir=tmp_path.resolve(), database_url=s.effective_database_url)
