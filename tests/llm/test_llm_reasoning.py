"""Reasoning models: `<think>` blocks and separate reasoning fields never reach the answer."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fenzhen.llm.reasoning import ThinkStreamSplitter, split_reasoning


@pytest.mark.parametrize(
    ("raw", "field", "answer", "reasoning"),
    [
        ("plain", None, "plain", None),
        ("<think>a</think>b", None, "b", "a"),
        ("<THINK>a</THINK> b ", None, "b", "a"),
        ("<think>a</think>b<think>c</think>d", None, "bd", "a\n\nc"),
        ("<think>cut off mid-thought", None, "", "cut off mid-thought"),
        (
            "opening tag stripped by template</think>answer",
            None,
            "answer",
            "opening tag stripped by template",
        ),
        ("b", "from field", "b", "from field"),
        ("<think>x</think>b", "f", "b", "f\n\nx"),
        ("<think>  </think>b", "  ", "b", None),
    ],
)
def test_split_reasoning(raw: str, field: str | None, answer: str, reasoning: str | None) -> None:
    assert split_reasoning(raw, field) == (answer, reasoning)


@given(
    st.lists(
        st.sampled_from(["<think>", "</think>", "<", "th", "ink>", "a", "b", "</", "{", "}"]), max_size=30
    ),
    st.lists(st.integers(min_value=0, max_value=200), max_size=8),
)
def test_stream_splitting_matches_whole_text(pieces: list[str], cuts: list[int]) -> None:
    """However the stream is cut into chunks, the splitter routes the same text to each side."""
    text = "".join(pieces)
    bounds = sorted({min(c, len(text)) for c in cuts} | {0, len(text)})
    chunked = ThinkStreamSplitter()
    got: list[tuple[str, str]] = []
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        got += chunked.feed(text[lo:hi])
    got += chunked.flush()
    whole = ThinkStreamSplitter()
    expected = whole.feed(text) + whole.flush()
    for kind in ("content", "reasoning"):
        assert "".join(t for k, t in got if k == kind) == "".join(t for k, t in expected if k == kind)
