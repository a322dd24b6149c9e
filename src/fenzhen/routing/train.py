"""Rebuild the shipped routing models: ``python -m fenzhen.routing.train [--data DIR]``.

Level 1 (14 first-level departments) learns from knowledge and real text together: the
catalogue's typical complaints and every keyword-table term, each also set in a few question
templates so that the way a patient asks ("医生你好，…，该挂什么科") carries no department;
the internal-medicine questions' train split (see `fenzhen.routing.data`); and the mapped
mtsamples descriptions' train split (English). Classes are weighted to balance.
Level 2 (internal medicine, 11 sub-departments) learns from the Toyhom train split plus the
catalogue's 内科 sub-department phrases in the same templates.
Temperatures are fitted on the calibration splits (level 1: internal-medicine and mtsamples
calibration rows plus bench/data/route_dev_zh.jsonl when present; level 2: its calibration split).
Deterministic: same data, same model.
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from fenzhen.routing.catalogue import FIRST_LEVEL, catalogue, keywords
from fenzhen.routing.data import Example, internal_medicine, mtsamples, read_jsonl
from fenzhen.routing.features import TfidfVocabulary, tokens
from fenzhen.routing.model import MODEL_DIR, LinearRouter

__all__ = ["fit_temperature", "knowledge_examples", "main", "train_linear"]

_ZH_TEMPLATES = ("{p}", "医生你好，{p}，请问怎么办？", "我最近{p}，该挂什么科", "{p}好几天了，需要去医院看吗",
                 "请问{p}是怎么回事，谢谢")
_EN_TEMPLATES = ("{p}", "I have {p}, what should I do?", "{p} for a few days")
_IM_LEVEL1_MAX = 2500


def knowledge_examples() -> list[Example]:
    """Return the catalogue phrases and keyword terms, each in every question template."""
    base: list[tuple[str, str]] = []
    for dept in catalogue().departments:
        base += [(p, dept.name_zh) for p in dept.phrases]
        base += [(p, dept.name_zh) for sub in dept.subdepartments for p in sub.phrases]
    for entry in keywords().entries:
        base += [(t, entry.department) for t in (*entry.zh, *entry.en)]
    out = []
    for phrase, label in base:
        templates = _EN_TEMPLATES if phrase.isascii() else _ZH_TEMPLATES
        out += [Example(t.format(p=phrase), label) for t in templates]
    return out


def train_linear(texts: Sequence[str], labels: Sequence[str], classes: list[str], c_reg: float,
                 meta: dict[str, object]) -> LinearRouter:
    """Fit a class-balanced multinomial logistic regression on tf-idf tokens."""
    from sklearn.linear_model import LogisticRegression

    docs = [tokens(t) for t in texts]
    vocab = TfidfVocabulary.fit(docs, min_df=2)
    x = vocab.transform(docs)
    y = np.array([classes.index(label) for label in labels])
    clf = LogisticRegression(C=c_reg, max_iter=2000, class_weight="balanced")
    clf.fit(x, y)
    return LinearRouter(classes=classes, vocab=vocab, weights=clf.coef_.T.astype(np.float32),
                        bias=clf.intercept_.astype(np.float32), embed_weights=None, temperature=1.0, meta=meta)


def fit_temperature(logits: np.ndarray, y: np.ndarray) -> float:
    """Return the temperature minimising negative log-likelihood (grid search, 0.25–5)."""
    best_t, best_nll = 1.0, np.inf
    for t in np.arange(0.25, 5.01, 0.05):
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        nll = -logp[np.arange(len(y)), y].mean()
        if nll < best_nll:
            best_t, best_nll = float(t), nll
    return round(best_t, 2)


def _level1(data: Path, dev: Path | None) -> LinearRouter:
    from fenzhen.routing.scoring import combined_logits

    im = list(internal_medicine(data / "zh_internal_medicine/toyhom_internal_medicine_sample.csv", "train", 1))
    im = [e for e in im if e.department != "内科"] + [e for e in im if e.department == "内科"][:_IM_LEVEL1_MAX]
    en = list(mtsamples(data / "en_mtsamples/mtsamples.csv", "train"))
    train = knowledge_examples() + im + en
    model = train_linear([e.text for e in train], [e.department for e in train], list(FIRST_LEVEL), 4.0,
                         {"level": 1, "train_rows": len(train), "knowledge_rows": len(train) - len(im) - len(en),
                          "internal_medicine_rows": len(im), "mtsamples_rows": len(en)})
    calib = list(internal_medicine(data / "zh_internal_medicine/toyhom_internal_medicine_sample.csv",
                                   "calibration", 1))[:300]
    calib += list(mtsamples(data / "en_mtsamples/mtsamples.csv", "calibration"))
    if dev is not None and dev.exists():
        calib += [Example(str(r["text"]), str(r["department"])) for r in read_jsonl(dev, ("text", "department"))]
    logits = np.stack([combined_logits(model, e.text)[0] for e in calib])
    model.temperature = fit_temperature(logits, np.array([FIRST_LEVEL.index(e.department) for e in calib]))
    model.meta["calibration_rows"] = len(calib)
    return model


def _level2(data: Path) -> LinearRouter:
    path = data / "zh_internal_medicine/toyhom_internal_medicine_sample.csv"
    train = list(internal_medicine(path, "train", 2))
    classes = sorted({str(e.subdepartment) for e in train})
    for sub in catalogue().get("内科").subdepartments:
        train += [Example(t.format(p=p), "内科", sub.name_zh) for p in sub.phrases if not p.isascii()
                  for t in _ZH_TEMPLATES]
    model = train_linear([e.text for e in train], [str(e.subdepartment) for e in train], classes, 8.0,
                         {"level": 2, "parent": "内科", "train_rows": len(train)})
    model.meta["class_weight"] = "balanced"
    calib = list(internal_medicine(path, "calibration", 2))
    logits = np.stack([model.logits(e.text) for e in calib])
    model.temperature = fit_temperature(logits, np.array([classes.index(str(e.subdepartment)) for e in calib]))
    return model


def main(argv: Sequence[str] | None = None) -> None:
    """Train both models and write them to ``src/fenzhen/models/``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"), help="the shared data folder")
    parser.add_argument("--dev", type=Path, default=Path("bench/data/route_dev_zh.jsonl"))
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, model in itertools.chain([("level2_internal", _level2(args.data))],
                                       [("level1", _level1(args.data, args.dev))]):
        model.save(args.out / f"routing_{name}.npz")
        print(f"routing_{name}: {len(model.classes)} classes, {len(model.vocab.vocab)} features, "
              f"T={model.temperature}, {model.meta}")


if __name__ == "__main__":
    main()
