"""`fenzhen bench deid`: measure de-identification on a labelled synthetic corpus."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from fenzhen.privacy.benchmark.corpus import Document, build_corpus
from fenzhen.privacy.benchmark.scoring import Scores, score_documents

__all__ = ["run_benchmark"]


def _fenzhen(docs: list[Document]) -> tuple[list[list[tuple[int, int, str]]], float]:
    from fenzhen.privacy import deidentify

    deidentify("预热 warm-up")  # load the knowledge files outside the timed loop
    preds: list[list[tuple[int, int, str]]] = []
    t0 = time.process_time()
    for doc in docs:
        result = deidentify(doc.text, "tag", language=doc.language)  # type: ignore[arg-type]
        preds.append([(s.start, s.end, str(s.type)) for s in result.spans])
    return preds, time.process_time() - t0


def run_benchmark(
    data_dir: Path, n_docs: int = 400, seed: int = 20261101, baseline: bool = True
) -> dict[str, Any]:
    """Build the corpus, run Fenzhen (and Presidio on the English part), return the report dict."""
    docs = build_corpus(data_dir, n_docs, seed)
    preds, cpu_s = _fenzhen(docs)
    n_bytes = sum(len(d.text.encode("utf-8")) for d in docs)
    report: dict[str, Any] = {
        "corpus": {
            "documents": len(docs),
            "seed": seed,
            "bytes": n_bytes,
            "sources": [
                "Faker zh_CN/en_US identifiers",
                "zh_internal_medicine (Toyhom, MIT)",
                "en_mtsamples (clinspacy, mtsamples.com)",
            ],
        },
        "fenzhen": {},
        "throughput_mb_per_s": round(n_bytes / 1e6 / cpu_s, 3) if cpu_s else None,
        "cpu_seconds": round(cpu_s, 3),
        # CPU time, not wall time: on a shared machine the wall clock also counts other processes.
        "throughput_basis": "UTF-8 bytes / CPU seconds (time.process_time) of one pass, one thread, after warm-up",
    }
    for lang in ("zh", "en", "all"):
        idx = [i for i, d in enumerate(docs) if lang in ("all", d.language)]
        sc = score_documents([docs[i] for i in idx], [preds[i] for i in idx], Scores())
        report["fenzhen"][lang] = sc.summary()
    if baseline:
        from fenzhen.privacy.benchmark.baseline import run_presidio

        en_docs = [d for d in docs if d.language == "en"]
        t0 = time.process_time()
        p_preds = run_presidio([d.text for d in en_docs])
        p_cpu = time.process_time() - t0
        report["presidio_pattern_only_en"] = score_documents(en_docs, p_preds, Scores()).summary()
        en_bytes = sum(len(d.text.encode("utf-8")) for d in en_docs)
        report["presidio_pattern_only_en"]["throughput_mb_per_s"] = (
            round(en_bytes / 1e6 / p_cpu, 3) if p_cpu else None
        )
    return report
