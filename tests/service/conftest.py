"""In-process service fixtures: an app on a fresh SQLite file, one user and token per role."""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from fenzhen.service.app import create_app
from fenzhen.settings import Settings
from fenzhen.store.accounts import create_user, issue_token
from fenzhen.store.db import Database

with warnings.catch_warnings():
    # Starlette prefers the httpx2 fork; plain httpx works and is what the project installs.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PASSWORD = "correct horse battery"


@dataclass
class Service:
    client: TestClient
    tokens: dict[str, str]
    settings: Settings

    def headers(self, role: str) -> dict[str, str]:
        return {"authorization": f"Bearer {self.tokens[role]}"}


@pytest.fixture(scope="session")
def template_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """Migrate once and create the three users (argon2 is slow on purpose); tests copy the file."""
    directory = tmp_path_factory.mktemp("template")
    database = Database(f"sqlite:///{directory / 'fenzhen.sqlite3'}")
    database.migrate()
    tokens = {}
    with database.transaction() as s:
        for role in ("nurse", "doctor", "admin"):
            user = create_user(s, name=f"{role}1", role=role, password=PASSWORD, actor="test")
            tokens[role], _ = issue_token(s, user=user, actor="test")
    database.dispose()  # closing the last connection checkpoints the WAL into the file we copy
    return directory / "fenzhen.sqlite3", tokens


@pytest.fixture
def service(tmp_path: Path, template_store: tuple[Path, dict[str, str]]) -> Iterator[Service]:
    """A service on its own copy of the template database."""
    source, tokens = template_store
    shutil.copy(source, tmp_path / "fenzhen.sqlite3")
    settings = replace(Settings(), data_dir=tmp_path, token_cache_seconds=30)
    app = create_app(settings)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Service(client, tokens, settings)
    app.state.database.dispose()


@pytest.fixture
def web_login(service: Service) -> Callable[[str], str]:
    """Sign in through the login form as ``<role>1``; return the session's CSRF token from the page."""

    def sign_in(role: str) -> str:
        r = service.client.post(
            "/login", data={"username": f"{role}1", "password": PASSWORD}, follow_redirects=False
        )
        assert r.status_code == 303
        page = service.client.get("/intake").text
        return page.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]

    return sign_in
