"""`fenzhen llm status`: is the configured language model reachable, and what the cache saved."""

from __future__ import annotations

import json
from pathlib import Path

import click

from fenzhen.cli import main

__all__ = ["llm_group"]


@main.group("llm")
def llm_group() -> None:
    """Optional language model: status and configuration check."""


@llm_group.command("status")
@click.option("--kind", type=click.Choice(["openai", "llama-cpp"]), default="openai", show_default=True)
@click.option(
    "--base-url", default="", help="OpenAI-compatible endpoint root, e.g. http://127.0.0.1:8080/v1."
)
@click.option("--model", default="", help="Model name at the endpoint.")
@click.option(
    "--api-key", envvar="FENZHEN_LLM_API_KEY", default=None, help="Bearer key (or FENZHEN_LLM_API_KEY)."
)
@click.option(
    "--local/--not-local",
    default=False,
    show_default=True,
    help="Whether the endpoint runs inside the clinic (only then may text skip de-identification).",
)
@click.option(
    "--model-path", type=click.Path(path_type=Path), default=None, help="GGUF file for --kind llama-cpp."
)
@click.option("--timeout", "timeout_s", type=float, default=5.0, show_default=True, help="Seconds to wait.")
@click.option(
    "--data-dir", type=click.Path(path_type=Path), default=None, help="Where llm.sqlite3 (cache) lives."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def status_command(
    kind: str,
    base_url: str,
    model: str,
    api_key: str | None,
    local: bool,
    model_path: Path | None,
    timeout_s: float,
    data_dir: Path | None,
    as_json: bool,
) -> None:
    """Check the model without sending any case text; exit 5 if it is unreachable."""
    from fenzhen.llm import LLMConfig, llm_status

    config = None
    if base_url or model_path:
        config = LLMConfig.parse(
            {
                "kind": kind,
                "base_url": base_url,
                "model": model,
                "api_key": api_key,
                "local": local,
                "model_path": model_path,
                "timeout_s": timeout_s,
            }
        )
    status = llm_status(config, data_dir)
    if as_json:
        click.echo(json.dumps(status.model_dump(), ensure_ascii=False))
    else:
        click.echo(
            f"llm: {status.state}"
            + (f" ({status.endpoint})" if status.endpoint else "")
            + f": {status.detail}"
        )
        if status.cache:
            c = status.cache
            saved_s = c["saved_ms"] / 1000
            click.echo(f"cache: {c['entries']} entries, hit rate {c['hit_rate']:.0%}, saved {saved_s:.1f} s")
    if status.state == "unreachable":
        raise SystemExit(5)
