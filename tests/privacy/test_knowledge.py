"""The privacy knowledge files load through the shared loader and cite their sources."""

from __future__ import annotations

import pytest

from fenzhen.knowledge.loader import KNOWLEDGE_FILES, load
from fenzhen.privacy.knowledge import en_lexicon, zh_lexicon


@pytest.mark.parametrize("name", ["privacy_zh", "privacy_en", "privacy_en_names"])
def test_file_registered_and_sourced(name: str) -> None:
    assert name in KNOWLEDGE_FILES
    data = load(name)
    assert data.sources and data.cited_sources() <= set(data.sources)


def test_lexicons_are_plausible() -> None:
    zh, en = zh_lexicon(), en_lexicon()
    assert {"王", "李", "张", "刘", "陈"} <= zh.common_surnames <= zh.surnames
    assert "欧阳" in zh.compound_surnames and "mg" in zh.clinical_units
    assert {"Mary", "John"} <= en.first_names and "Smith" in en.surnames and "Street" in en.street_suffixes
