"""A provider that runs a GGUF model inside this process through llama-cpp-python.

For a clinic without a separate model server: the model file sits on the triage machine and no
text leaves it, so this provider is always local. llama-cpp-python is an optional extra
(``fenzhen[local-llm]``); it is imported only when this provider is built.

Timeouts: a generation in-process cannot be abandoned the way an HTTP request can. It runs in a
worker thread and the caller waits at most `timeout_s`; past that the caller gets a timeout at
once (and falls back to rules) while the worker is told to stop: for free text it is forced to
end-of-stream at the next token; under a JSON grammar that is not possible (llama.cpp aborts when
the grammar allows no token), so it finishes within its `max_tokens` in the background.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from fenzhen.errors import ProviderUnavailable
from fenzhen.llm.errors import ProviderCallError
from fenzhen.llm.reasoning import ThinkStreamSplitter, split_reasoning
from fenzhen.llm.types import ChatRequest, ChatResponse, StreamChunk, Usage

__all__ = ["INSTALL_HINT", "LlamaCppProvider"]

INSTALL_HINT = "the in-process LLM needs llama-cpp-python: install fenzhen[local-llm]"
_TIMEOUT = "in-process LLM exceeded its time limit"
_END = object()


def _import_llama() -> Any:
    try:
        import llama_cpp
    except ImportError:
        raise ProviderUnavailable(INSTALL_HINT) from None
    return llama_cpp


class _StopAtDeadline:
    """A logits processor that leaves only end-of-stream once `expired` is set (free text only)."""

    def __init__(self, eos_token: int) -> None:
        self.eos_token = eos_token
        self.expired = False

    def __call__(self, _input_ids: Any, logits: Any) -> Any:
        if self.expired:
            logits[:] = -np.inf
            logits[self.eos_token] = 0.0
        return logits


class LlamaCppProvider:
    """Chat with a GGUF model loaded in this process.

    Args:
        model_path: the GGUF file.
        model: a label for call records (defaults to the file name).
        timeout_s: the longest a caller waits for one answer.
        context_tokens: the context window to allocate.
        threads: CPU threads for inference (None lets llama.cpp decide).

    Raises:
        ProviderUnavailable: llama-cpp-python is not installed, or the file cannot be loaded.
    """

    name = "llama-cpp"
    is_local = True

    def __init__(
        self,
        model_path: Path,
        *,
        model: str | None = None,
        timeout_s: float = 20.0,
        context_tokens: int = 2048,
        threads: int | None = None,
    ) -> None:
        self._llama_cpp = _import_llama()
        self.model = model or Path(model_path).name
        self.timeout_s = timeout_s
        if not Path(model_path).is_file():
            raise ProviderUnavailable(f"GGUF model file not found: {Path(model_path).name}")
        try:
            self._llm = self._llama_cpp.Llama(
                model_path=str(model_path), n_ctx=context_tokens, n_threads=threads, verbose=False, seed=0
            )
        except (ValueError, RuntimeError) as exc:
            raise ProviderUnavailable(f"GGUF model could not be loaded ({type(exc).__name__})") from None
        # One generation at a time: the model's context is not shareable between threads.
        self._busy = threading.Lock()

    def chat(self, request: ChatRequest) -> ChatResponse:
        """Answer one request (see `Provider.chat`)."""
        started = time.perf_counter()
        events = self._start(request, stream=False, deadline=started + self.timeout_s)
        out = self._next(events, started + self.timeout_s)
        choice = out["choices"][0]
        answer, reasoning = split_reasoning(choice["message"].get("content") or "")
        usage = out.get("usage") or {}
        return ChatResponse(
            content=answer,
            reasoning=reasoning,
            model=self.model,
            usage=Usage(
                prompt_tokens=usage.get("prompt_tokens"), completion_tokens=usage.get("completion_tokens")
            ),
            finish_reason=choice.get("finish_reason"),
            latency_ms=(time.perf_counter() - started) * 1000,
        )

    def stream(self, request: ChatRequest) -> Iterator[StreamChunk]:
        """Stream one answer token by token (see `Provider.stream`)."""
        deadline = time.perf_counter() + self.timeout_s
        events = self._start(request, stream=True, deadline=deadline)
        splitter = ThinkStreamSplitter()
        while (event := self._next(events, deadline)) is not _END:
            delta = event["choices"][0].get("delta") or {}
            for kind, text in splitter.feed(delta.get("content") or ""):
                yield StreamChunk(**{kind: text})
        for kind, text in splitter.flush():
            yield StreamChunk(**{kind: text})

    def ping(self) -> None:
        """The model is loaded in memory, so it is reachable once constructed."""

    def _start(self, request: ChatRequest, *, stream: bool, deadline: float) -> queue.Queue[Any]:
        if not self._busy.acquire(timeout=max(0.0, deadline - time.perf_counter())):
            raise ProviderCallError("in-process LLM is busy with another request", retryable=False)
        stopper = _StopAtDeadline(self._llm.token_eos())
        events: queue.Queue[Any] = queue.Queue()
        events.stopper = stopper  # type: ignore[attr-defined]
        kwargs = self._kwargs(request, stopper)

        def run() -> None:
            try:
                result = self._llm.create_chat_completion(**kwargs, stream=stream)
                for event in result if stream else [result]:
                    events.put(event)
                events.put(_END)
            except Exception as exc:  # noqa: BLE001 - handed to the caller's thread
                events.put(exc)
            finally:
                self._busy.release()

        threading.Thread(target=run, name="fenzhen-llama", daemon=True).start()
        return events

    @staticmethod
    def _next(events: queue.Queue[Any], deadline: float) -> Any:
        try:
            item = events.get(timeout=max(0.0, deadline - time.perf_counter()))
        except queue.Empty:
            events.stopper.expired = True  # type: ignore[attr-defined]
            raise ProviderCallError(_TIMEOUT, retryable=False) from None
        if isinstance(item, Exception):
            raise ProviderCallError(f"in-process LLM failed ({type(item).__name__})", retryable=False)
        return item

    def _kwargs(self, request: ChatRequest, stopper: _StopAtDeadline) -> dict[str, Any]:
        kwargs: dict[str, Any] = {
            "messages": [m.model_dump() for m in request.messages],
            "temperature": request.temperature,
            "max_tokens": request.max_tokens,
        }
        if request.seed is not None:
            kwargs["seed"] = request.seed
        if request.json_schema is not None:
            # llama.cpp compiles the schema to a grammar: the output is held to it token by token.
            kwargs["response_format"] = {"type": "json_object", "schema": request.json_schema}
        else:
            kwargs["logits_processor"] = self._llama_cpp.LogitsProcessorList([stopper])
        return kwargs
