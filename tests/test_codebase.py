"""Meta-tests that keep the codebase honest: lint-clean, public API complete."""

import subprocess
import sys
from pathlib import Path

import fenzhen

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_is_clean() -> None:
    ruff = Path(sys.executable).parent / "ruff"
    r = subprocess.run([str(ruff), "check", "src", "tests"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout[-3000:]


def test_public_api_is_listed_and_importable() -> None:
    assert set(fenzhen.__all__) >= {"assess", "Intake", "Assessment", "InputError", "FenzhenError", "__version__"}
    for name in fenzhen.__all__:
        assert hasattr(fenzhen, name), name


def test_mypy_is_clean() -> None:
    mypy = Path(sys.executable).parent / "mypy"
    r = subprocess.run([str(mypy), "src/fenzhen"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout[-3000:]
