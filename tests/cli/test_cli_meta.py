"""Meta-tests: every command module imports, every exit code has help text."""

import importlib

from fenzhen.cli import COMMAND_MODULES
from fenzhen.errors import EXIT_CODES, FenzhenError


def test_every_command_module_imports() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(name)


def test_every_exit_code_has_help_text() -> None:
    codes = {cls.exit_code for cls in _subclasses(FenzhenError)} | {FenzhenError.exit_code}
    assert codes <= set(EXIT_CODES)
    assert all(text.strip() for text in EXIT_CODES.values())


def _subclasses(cls: type) -> set[type]:
    out = set()
    for sub in cls.__subclasses__():
        out |= {sub} | _subclasses(sub)
    return out
