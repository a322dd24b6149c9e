"""Text → sparse features for the routing model: jieba words, Chinese character bigrams, English words.

Why both words and bigrams: jieba with the medical user dictionary keeps terms such as
"腰椎间盘突出" or "气血不足" whole, while character bigrams still catch words the dictionary
does not know ("右下腹" → "右下", "下腹"). Features are hashed into a fixed vocabulary learned at
training time and weighted by tf-idf, so inference needs only numpy and jieba.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache

import numpy as np

from fenzhen.extract.language import is_cjk

__all__ = ["TfidfVocabulary", "tokens"]

_EN_WORD = re.compile(r"[a-z][a-z'\-]+|\d+")
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_jieba_lock = threading.Lock()


@cache
def _segmenter() -> object:
    """Build jieba once, with every Chinese keyword and catalogue term as a user word."""
    import jieba

    from fenzhen.routing.catalogue import catalogue, keywords

    jieba.setLogLevel(logging.WARNING)
    seg = jieba.Tokenizer()
    words: set[str] = set()
    for entry in keywords().entries:
        words.update(w for w in entry.zh if len(w) > 1)
    for dept in catalogue().departments:
        for sub in dept.subdepartments:
            words.update(p for p in sub.phrases if len(p) > 1 and all(is_cjk(c) for c in p))
    for word in sorted(words):
        seg.add_word(word, freq=20000)
    return seg


def tokens(text: str) -> list[str]:
    """Return the feature tokens of `text`: ``w:`` words, ``b:`` CJK bigrams, ``e:`` English words.

    Args:
        text: a complaint or question, Chinese, English or mixed.
    """
    lowered = text.lower()
    out: list[str] = []
    with _jieba_lock:
        words = _segmenter().lcut(lowered)  # type: ignore[attr-defined]
    out.extend(f"w:{w}" for w in words if any(is_cjk(c) for c in w))
    for run in _CJK_RUN.findall(lowered):
        out.extend(f"b:{run[i:i + 2]}" for i in range(len(run) - 1))
        if len(run) == 1:
            out.append(f"b:{run}")
    out.extend(f"e:{w}" for w in _EN_WORD.findall(lowered))
    return out


class TfidfVocabulary:
    """A fixed token vocabulary with inverse document frequencies (l2-normalised tf-idf rows)."""

    def __init__(self, vocab: Sequence[str], idf: np.ndarray) -> None:
        self.vocab = list(vocab)
        self.index = {t: i for i, t in enumerate(self.vocab)}
        self.idf = np.asarray(idf, dtype=np.float32)

    @classmethod
    def fit(cls, docs: Iterable[list[str]], min_df: int = 2, max_features: int = 40000) -> TfidfVocabulary:
        """Learn the vocabulary and idf from tokenised training documents."""
        df: Counter[str] = Counter()
        n = 0
        for toks in docs:
            df.update(set(toks))
            n += 1
        kept = [t for t, c in df.most_common(max_features) if c >= min_df]
        idf = np.array([np.log((1 + n) / (1 + df[t])) + 1.0 for t in kept], dtype=np.float32)
        return cls(kept, idf)

    def transform_one(self, toks: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(indices, values)`` of one document's sublinear tf-idf row, l2-normalised."""
        counts = Counter(self.index[t] for t in toks if t in self.index)
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        idx = np.fromiter(counts.keys(), dtype=np.int64)
        tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float32))
        val = tf * self.idf[idx]
        return idx, (val / np.linalg.norm(val)).astype(np.float32)

    def transform(self, docs: Sequence[list[str]]) -> object:
        """Return a scipy CSR matrix of the documents (training time only)."""
        from scipy.sparse import csr_matrix

        rows, cols, vals = [], [], []
        for r, toks in enumerate(docs):
            idx, val = self.transform_one(toks)
            rows.extend([r] * len(idx))
            cols.extend(idx.tolist())
            vals.extend(val.tolist())
        return csr_matrix((vals, (rows, cols)), shape=(len(docs), len(self.vocab)), dtype=np.float32)
