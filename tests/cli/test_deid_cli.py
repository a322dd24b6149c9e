"""`fenzhen deid text` and `fenzhen deid dicom`, through click and as a real subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pydicom
import pytest
from click.testing import CliRunner
from pydicom.data import get_testdata_file

from fenzhen.cli import main

CONTRACT = "患者李明，电话13800138000，血压150/95mmHg。"


def test_text_from_stdin_default_tags() -> None:
    result = CliRunner().invoke(main, ["deid", "text", "-"], input=CONTRACT)
    assert result.exit_code == 0
    assert "13800138000" not in result.output and "150/95" in result.output and "[电话]" in result.output


@pytest.mark.parametrize(
    ("operator", "absent"), [("mask", "李明"), ("tag", "李明"), ("pseudonym", "13800138000")]
)
def test_text_operators(tmp_path: Path, operator: str, absent: str) -> None:
    key = tmp_path / "key"
    key.write_text("clinic-secret-key-0123456789")
    note = tmp_path / "note.txt"
    note.write_text(CONTRACT, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["deid", "text", str(note), "--operator", operator, "--key-file", str(key)]
    )
    assert result.exit_code == 0, result.output
    assert absent not in result.output and "150/95mmHg" in result.output


def test_text_json_has_spans() -> None:
    result = CliRunner().invoke(main, ["deid", "text", "-", "--json"], input=CONTRACT)
    data = json.loads(result.output)
    assert data["counts"] == {"NAME": 1, "PHONE": 1} and all("explanation" in s for s in data["spans"])


def test_pseudonym_without_key_is_a_privacy_error() -> None:
    result = CliRunner(env={"FENZHEN_DEID_KEY": ""}).invoke(
        main, ["deid", "text", "-", "--operator", "pseudonym"], input=CONTRACT
    )
    assert result.exit_code == 6 and "key" in result.output


@pytest.mark.parametrize("payload", [b"\x00\x01binary\x00", b"\xff\xfe\xfa not utf-8"])
def test_binary_or_undecodable_text_is_rejected(tmp_path: Path, payload: bytes) -> None:
    path = tmp_path / "blob.bin"
    path.write_bytes(payload)
    result = CliRunner().invoke(main, ["deid", "text", str(path)])
    assert result.exit_code == 2 and result.output.startswith("error: FILE")


def test_dicom_folder(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(str(get_testdata_file("CT_small.dcm")), src / "ct.dcm")
    result = CliRunner().invoke(main, ["deid", "dicom", str(src), str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert pydicom.dcmread(tmp_path / "out" / "ct.dcm").PatientIdentityRemoved == "YES"


def test_dicom_bad_file_exit_2_and_nothing_written(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(str(get_testdata_file("CT_small.dcm")), src / "ct.dcm")
    (src / "readme.txt").write_text("not dicom")
    result = CliRunner().invoke(main, ["deid", "dicom", str(src), str(tmp_path / "out")])
    assert result.exit_code == 2 and "readme.txt" in result.output
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.integration
def test_contract_as_subprocess() -> None:
    exe = Path(sys.executable).parent / "fenzhen"
    proc = subprocess.run(
        [str(exe), "deid", "text", "-"],
        input=CONTRACT.encode(),
        capture_output=True,
        timeout=60,
        env={**os.environ},
        check=False,
    )
    out = proc.stdout.decode()
    assert proc.returncode == 0 and out and "13800138000" not in out and "150/95" in out
