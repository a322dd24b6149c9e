from __future__ import annotations

from collections.abc import Iterator

import pytest
from fake_openai import FakeOpenAI

from fenzhen.llm import OpenAICompatibleProvider


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


@pytest.fixture
def local_provider(fake: FakeOpenAI) -> Iterator[OpenAICompatibleProvider]:
    provider = OpenAICompatibleProvider(fake.base_url, "fake-model", local=True, timeout_s=2.0)
    yield provider
    provider.close()
