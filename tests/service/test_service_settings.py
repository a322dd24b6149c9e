"""Settings: defaults → file → environment → flags, every setting documented, bad keys named."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from fenzhen.errors import InputError
from fenzhen.settings import SETTINGS, Settings, load_settings


def test_every_setting_is_documented_and_a_field() -> None:
    assert {f.name for f in fields(Settings)} == set(SETTINGS)
    for name, spec in SETTINGS.items():
        assert spec.help and len(spec.help) > 15, name
        assert getattr(Settings(), name) == spec.default


def test_layers_override_in_order(tmp_path: Path) -> None:
    (tmp_path / "fenzhen.toml").write_text("[fenzhen]\nport = 9000\nworkers = 2\nlog_level = 'warning'\n")
    env = {"FENZHEN_DATA_DIR": str(tmp_path), "FENZHEN_WORKERS": "3", "FENZHEN_CI": "1"}
    s = load_settings({"log_level": "debug", "host": None}, environ=env)
    assert (s.port, s.workers, s.log_level, s.host) == (9000, 3, "debug", "127.0.0.1")
    assert s.effective_database_url == f"sqlite:///{(tmp_path / 'fenzhen.sqlite3').resolve()}"


@pytest.mark.parametrize(
    "layer,key",
    [
        ({"flags": {"port": 70000}}, "port (flag)"),
        ({"environ": {"FENZHEN_WORKERS": "many"}}, "workers (environment)"),
        ({"file": "prot = 80\n"}, "prot (file fenzhen.toml)"),
        ({"file": "default_language = 'fr'\n"}, "default_language (file fenzhen.toml)"),
        ({"file": "port = = 1"}, "config"),
    ],
)
def test_bad_values_name_the_key(tmp_path: Path, layer: dict, key: str) -> None:  # type: ignore[type-arg]
    if "file" in layer:
        (tmp_path / "fenzhen.toml").write_text(layer["file"])
    with pytest.raises(InputError) as info:
        load_settings({"data_dir": tmp_path, **layer.get("flags", {})}, environ=layer.get("environ", {}))
    assert info.value.fields[0]["field"] == key


def test_public_settings_hide_the_database_password() -> None:
    s = Settings(database_url="postgresql://fz:s3cret@db.local/fz")
    assert "s3cret" not in str(s.public()) and "fz:***@db.local" in s.public()["database_url"]
