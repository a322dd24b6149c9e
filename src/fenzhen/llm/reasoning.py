"""Separate a reasoning model's "slow thinking" from its answer.

DeepSeek-R1 and its distillations (and Qwen3 in thinking mode) either put the reasoning in a
separate response field or write it inline as ``<think>…</think>`` before the answer. Features
must never parse the reasoning as the answer (it often contains draft levels the model later
rejects), so every provider passes its text through `split_reasoning`.
"""

from __future__ import annotations

import re

__all__ = ["ThinkStreamSplitter", "split_reasoning"]

_THINK = re.compile(r"<think>(.*?)(?:</think>|$)", re.DOTALL | re.IGNORECASE)
_CLOSE_ONLY = re.compile(r"^(.*?)</think>", re.DOTALL | re.IGNORECASE)


def split_reasoning(text: str, reasoning_field: str | None = None) -> tuple[str, str | None]:
    """Return ``(answer, reasoning)`` from a raw completion.

    Args:
        text: the completion's content, possibly with ``<think>`` blocks (an unclosed block runs
            to the end, as when generation stopped mid-thought).
        reasoning_field: the provider's separate reasoning field, if any.

    Returns:
        The answer without think blocks (stripped) and the joined reasoning, or None if none.
    """
    parts = [reasoning_field.strip()] if reasoning_field and reasoning_field.strip() else []
    # Some servers strip the opening tag from the chat template, leaving only "</think>".
    if "</think>" in text.lower() and "<think>" not in text.lower():
        m = _CLOSE_ONLY.match(text)
        if m:
            parts.append(m.group(1).strip())
            text = text[m.end() :]
    parts.extend(m.group(1).strip() for m in _THINK.finditer(text) if m.group(1).strip())
    answer = _THINK.sub("", text).strip()
    return answer, ("\n\n".join(parts) if parts else None)


class ThinkStreamSplitter:
    """Route streamed text into answer or reasoning as ``<think>`` tags open and close.

    Tags may be split across chunks, so a short tail that could be the start of a tag is held
    back until the next chunk decides it.
    """

    _OPEN, _CLOSE = "<think>", "</think>"

    def __init__(self) -> None:
        self._buffer = ""
        self._thinking = False

    def feed(self, text: str) -> list[tuple[str, str]]:
        """Add streamed text; return ``[(kind, text)]`` with kind "content" or "reasoning"."""
        self._buffer += text
        out: list[tuple[str, str]] = []
        while True:
            tag = self._CLOSE if self._thinking else self._OPEN
            idx = self._buffer.lower().find(tag)
            if idx >= 0:
                self._emit(out, self._buffer[:idx])
                self._buffer = self._buffer[idx + len(tag) :]
                self._thinking = not self._thinking
                continue
            keep = _partial_tag_len(self._buffer, tag)
            self._emit(out, self._buffer[: len(self._buffer) - keep])
            self._buffer = self._buffer[len(self._buffer) - keep :]
            return out

    def flush(self) -> list[tuple[str, str]]:
        """Return whatever is still held back at the end of the stream."""
        out: list[tuple[str, str]] = []
        self._emit(out, self._buffer)
        self._buffer = ""
        return out

    def _emit(self, out: list[tuple[str, str]], text: str) -> None:
        if text:
            out.append(("reasoning" if self._thinking else "content", text))


def _partial_tag_len(text: str, tag: str) -> int:
    lowered = text.lower()
    for n in range(min(len(tag) - 1, len(text)), 0, -1):
        if lowered.endswith(tag[:n]):
            return n
    return 0
