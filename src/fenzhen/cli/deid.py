"""`fenzhen deid text FILE|-` and `fenzhen deid dicom IN_DIR OUT_DIR`.

The key for pseudonyms is read from a file (`--key-file`) or the FENZHEN_DEID_KEY environment
variable, never from a flag: a flag would leave the clinic's key in the shell history.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import cast

import click

from fenzhen.cli import main
from fenzhen.errors import InputError

__all__ = ["deid"]

#: Largest text input accepted by the CLI (bytes).
MAX_TEXT_BYTES = 20 * 1024 * 1024
KEY_ENV = "FENZHEN_DEID_KEY"


def _read_text(source: str) -> str:
    if source == "-":
        raw = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
    else:
        path = Path(source)
        if not path.is_file():
            raise InputError.for_field("FILE", path.name, "does not exist or is not a file")
        with path.open("rb") as fh:
            raw = fh.read(MAX_TEXT_BYTES + 1)
    if len(raw) > MAX_TEXT_BYTES:
        raise InputError.for_field(
            "FILE", f">{MAX_TEXT_BYTES} bytes", "is too large", f"≤ {MAX_TEXT_BYTES} bytes"
        )
    if b"\x00" in raw:
        raise InputError.for_field("FILE", "binary data", "is not text (contains NUL bytes)", "UTF-8 text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError.for_field("FILE", "undecodable bytes", "is not valid UTF-8", "UTF-8 text") from None


def _read_key(key_file: Path | None) -> bytes | None:
    if key_file is not None:
        try:
            return key_file.read_bytes().strip()
        except OSError:
            raise InputError.for_field("--key-file", key_file.name, "cannot be read") from None
    env = os.environ.get(KEY_ENV)
    return env.encode("utf-8") if env else None


@main.group()
def deid() -> None:
    """De-identify clinical text or DICOM files (reduces, does not remove, re-identification risk)."""


@deid.command("text")
@click.argument("source", metavar="FILE|-")
@click.option(
    "--operator",
    type=click.Choice(["tag", "mask", "pseudonym"]),
    default="tag",
    show_default=True,
    help="tag: [姓名]/[NAME]; mask: ***; pseudonym: consistent keyed surrogates, dates shifted.",
)
@click.option(
    "--key-file",
    type=click.Path(path_type=Path, dir_okay=False),
    help=f"file holding the clinic's pseudonym key (≥16 bytes); default: ${KEY_ENV}.",
)
@click.option(
    "--date-shift-days", type=int, default=None, help="date offset for pseudonyms (default: from the key)."
)
@click.option(
    "--lang",
    "language",
    type=click.Choice(["zh", "en"]),
    default=None,
    help="language of tags and surrogates (default: detected).",
)
@click.option("--json", "as_json", is_flag=True, help="print the result with its spans as JSON.")
def deid_text(
    source: str,
    operator: str,
    key_file: Path | None,
    date_shift_days: int | None,
    language: str | None,
    as_json: bool,
) -> None:
    """De-identify FILE (or standard input with -) and print the text to standard output."""
    from fenzhen.privacy import deidentify
    from fenzhen.privacy.operators import Operator
    from fenzhen.privacy.types import Language

    text = _read_text(source)
    key = _read_key(key_file) if operator == "pseudonym" else None
    result = deidentify(
        text,
        cast("Operator", operator),
        key,
        language=cast("Language | None", language),
        date_shift_days=date_shift_days,
    )
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(result.text, nl=not result.text.endswith("\n"))


@deid.command("dicom")
@click.argument("in_dir", type=click.Path(path_type=Path))
@click.argument("out_dir", type=click.Path(path_type=Path))
@click.option(
    "--key-file",
    type=click.Path(path_type=Path, dir_okay=False),
    help=f"clinic key for reproducible UIDs and date offset; default: ${KEY_ENV}.",
)
@click.option("--json", "as_json", is_flag=True, help="print the per-file result as JSON.")
def deid_dicom(in_dir: Path, out_dir: Path, key_file: Path | None, as_json: bool) -> None:
    """De-identify every DICOM file under IN_DIR into OUT_DIR (PS3.15 Annex E Basic Profile)."""
    from tqdm import tqdm

    from fenzhen.privacy import deidentify_dicom

    if in_dir.is_dir() and out_dir.exists() and not out_dir.is_dir():
        raise InputError.for_field("OUT_DIR", out_dir.name, "exists and is not a folder")
    if in_dir.is_dir():
        out_dir.mkdir(parents=True, exist_ok=True)
    bar = tqdm(total=None, unit="file", desc="deid dicom", file=sys.stderr, disable=as_json)

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.update(1)

    try:
        result = deidentify_dicom(in_dir, out_dir, key=_read_key(key_file), progress=progress)
    finally:
        bar.close()
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(f"{len(result.files)} file(s) de-identified into {out_dir}")
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
