"""The KTAS benchmark through the LLM-assisted path, beside the rules-and-model path.

A clinic measures its own model against the rules before trusting it. Every row is first
triaged as `run_ktas_benchmark` does (rule floors and the learned model, out-of-fold on the
model's own training file); then the LLM gives its second opinion on the same intake, and the
LLM-assisted level is ``min(rules-and-model level, LLM level)`` through
`fenzhen.llm.combine_levels`: the LLM can raise a level, never lower one. An opinion is not
applied when the complaint addresses the model (prompt injection), and a row whose model call
fails keeps the rules' level and counts as a fallback, so a sick model makes the figures equal
to the rules', never worse.
"""

from __future__ import annotations

import os
import re
import statistics
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fenzhen.bench.ktas import KtasReport, run_ktas_benchmark
from fenzhen.bench.metrics import confusion_matrix, level_metrics
from fenzhen.errors import InputError

if TYPE_CHECKING:
    from fenzhen.llm import LLMClient, SecondOpinion

__all__ = ["KtasLlmReport", "LlmRunStats", "llm_client_from_settings", "run_ktas_llm_benchmark"]

LEVELS = (1, 2, 3, 4, 5)
NOT_CONFIGURED = (
    "no LLM provider configured: set llm_kind=openai, llm_base_url and llm_model (or llm_kind=local "
    "and llm_model_path) in <data-dir>/fenzhen.toml, --config FILE or FENZHEN_LLM_* variables"
)
_METRICS = (
    ("accuracy", "accuracy"),
    ("quadratic_weighted_kappa", "quadratic weighted kappa"),
    ("under_triage_rate", "under-triage rate"),
    ("over_triage_rate", "over-triage rate"),
    ("within_one_accuracy", "within-one accuracy"),
    ("critical_recall", "recall of true 1-2"),
)


@dataclass
class LlmRunStats:
    """What the model did over the run: answers, fallbacks, raises, latency and cache hits."""

    endpoint: str
    n: int = 0
    answered: int = 0
    fallbacks: int = 0
    not_applied: int = 0
    raised: int = 0
    cache_hits: int = 0
    live_latency_ms: list[float] = field(default_factory=list)
    wall_s: float = 0.0
    fallback_reasons: Counter[str] = field(default_factory=Counter)

    def add(self, opinion: SecondOpinion, raised: bool) -> None:
        """Count one row's opinion (`raised`: whether it made the final level more urgent)."""
        self.n += 1
        if not opinion.available:
            self.fallbacks += 1
            # Numbers (seconds to the next trial, failure counts) would split one reason into many.
            self.fallback_reasons[re.sub(r"\d+(\.\d+)?", "#", opinion.note)] += 1
            return
        self.answered += 1
        self.not_applied += not opinion.applied
        self.raised += raised
        if opinion.cached:
            self.cache_hits += 1
        else:
            self.live_latency_ms.append(opinion.latency_ms)

    def as_dict(self) -> dict[str, Any]:
        """Return the figures as JSON-ready values (latency in milliseconds)."""
        lat = sorted(self.live_latency_ms)
        return {
            "endpoint": self.endpoint,
            "rows": self.n,
            "answered": self.answered,
            "availability": round(self.answered / self.n, 4) if self.n else 0.0,
            "fallbacks": self.fallbacks,
            "fallback_reasons": dict(self.fallback_reasons.most_common(5)),
            "not_applied_injection": self.not_applied,
            "raised": self.raised,
            "cache_hits": self.cache_hits,
            "live_calls": len(lat),
            "latency_ms_mean": round(statistics.fmean(lat), 1) if lat else None,
            "latency_ms_median": round(statistics.median(lat), 1) if lat else None,
            "latency_ms_p95": round(lat[min(len(lat) - 1, int(0.95 * len(lat)))], 1) if lat else None,
            "wall_s": round(self.wall_s, 2),
        }


@dataclass
class KtasLlmReport:
    """The rules-and-model report and the LLM-assisted one, on the same rows."""

    rules: KtasReport
    assisted: KtasReport
    stats: LlmRunStats

    def as_dict(self) -> dict[str, Any]:
        """All figures: both paths (with subgroups and confusion matrices) and the model's run."""
        return {
            "file": self.rules.path,
            "n": len(self.rules.rows),
            "rules": self.rules.as_dict(),
            "llm_assisted": self.assisted.as_dict(),
            "llm": self.stats.as_dict(),
        }

    def summary(self) -> str:
        """Return the side-by-side table people read."""
        truth = self.rules.truth
        rules = level_metrics(truth, self.rules.acuity).as_dict()
        assisted = level_metrics(truth, self.assisted.acuity).as_dict()
        nurses_m = self.rules.nurses()
        nurses = nurses_m.as_dict() if nurses_m else None
        s = self.stats.as_dict()
        out = [
            f"KTAS benchmark with LLM second opinion: {self.rules.path} "
            f"({len(self.rules.rows)} rows; {self.rules.method})",
            f"LLM: {s['endpoint']}",
            f"{'metric':<28}{'rules':>10}{'+LLM':>10}{'nurses':>10}",
        ]
        for key, label in _METRICS:
            nurse = nurses[key] if nurses else float("nan")
            out.append(f"{label:<28}{rules[key]:>10.3f}{assisted[key]:>10.3f}{nurse:>10.3f}")
        out.append(
            f"LLM answered {s['answered']}/{s['rows']} rows (availability {s['availability']:.1%}); "
            f"{s['fallbacks']} fell back to the rules; raised {s['raised']} levels; "
            f"{s['not_applied_injection']} opinions not applied (complaint addressed the model); "
            f"cache hits {s['cache_hits']}"
        )
        for reason, count in s["fallback_reasons"].items():
            out.append(f"  fallback x{count}: {reason}")
        if s["live_calls"]:
            out.append(
                f"latency per live call: mean {s['latency_ms_mean']:.0f} ms, median "
                f"{s['latency_ms_median']:.0f} ms, p95 {s['latency_ms_p95']:.0f} ms; "
                f"LLM pass {s['wall_s']:.1f} s"
            )
        else:
            out.append(f"no live model call (LLM pass {s['wall_s']:.1f} s)")
        if s["answered"] == 0:
            out.append("the model answered no row: the LLM-assisted figures are the rules' figures")
        out.append("confusion, LLM-assisted (rows: expert level 1-5, columns: Fenzhen+LLM 1-5):")
        out += [
            "  " + " ".join(f"{v:>4}" for v in row) for row in confusion_matrix(truth, self.assisted.acuity, LEVELS)
        ]
        return "\n".join(out)

    def write_predictions(self, path: Path) -> None:
        """Write the LLM-assisted levels (header ``row,acuity,china_level``)."""
        self.assisted.write_predictions(path)


def llm_client_from_settings(data_dir: Path | None, config_file: Path | None) -> tuple[LLMClient, str]:
    """Build the guarded client from the settings, loaded as `fenzhen serve` loads them.

    Returns:
        The client and its endpoint's label (kind, model, URL; never the key).

    The cache and call records live in the data directory, so a second run is answered from the
    cache (以存代算) when model, prompt and case are unchanged.

    Raises:
        InputError: no provider is configured (exit 2, saying how to configure one), or a
            ``llm_*`` setting is invalid (naming it).
    """
    from fenzhen.llm import build_client
    from fenzhen.settings import llm_config, load_settings

    settings = load_settings({"data_dir": data_dir}, environ=os.environ, config_file=config_file)
    config = llm_config(settings)
    if config is None:
        raise InputError(NOT_CONFIGURED)
    from fenzhen.settings import _hide_password

    name, _, where = config.label.partition(" @ ")
    local = "local" if config.local or config.kind == "llama-cpp" else "not local: de-identified text only"
    return build_client(config, settings.data_dir), f"{name} @ {_hide_password(where)} ({local})"


def run_ktas_llm_benchmark(
    path: Path,
    client: LLMClient,
    *,
    endpoint: str = "",
    cv: bool | None = None,
    progress: bool = False,
    workers: int = 1,
) -> KtasLlmReport:
    """Triage every row by rules and model, then with the LLM's second opinion.

    Args:
        path: a KTAS-format CSV.
        client: the guarded LLM client (its breaker makes a dead model cost little time).
        endpoint: the endpoint's label for the report.
        cv: as for `run_ktas_benchmark`.
        progress: show progress bars.
        workers: concurrent model calls (1–32); the endpoint must serve that many at once.

    Returns:
        Both reports and the model's run statistics.
    """
    from tqdm import tqdm

    from fenzhen.llm import combine_levels, second_opinion
    from fenzhen.triage.engine import assess

    if not 1 <= workers <= 32:
        raise InputError.for_field("llm_workers", workers, "is out of range", "1–32")
    rules = run_ktas_benchmark(path, cv=cv, progress=progress)
    stats = LlmRunStats(endpoint=endpoint or f"{client.provider.name}:{client.provider.model}")

    def ask(i: int) -> SecondOpinion:
        intake = rules.rows[i].intake
        return second_opinion(intake, assess(intake), client)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        opinions = list(
            tqdm(
                pool.map(ask, range(len(rules.rows))),
                total=len(rules.rows),
                desc="LLM second opinion",
                disable=not progress,
                leave=False,
            )
        )
    stats.wall_s = time.perf_counter() - started
    acuity, china = [], []
    for base_acuity, base_china, opinion in zip(rules.acuity, rules.china, opinions, strict=True):
        level = (base_acuity, base_china)
        if opinion.applied and opinion.llm_acuity is not None:
            level = combine_levels(base_acuity, base_china, opinion.llm_acuity)
        acuity.append(level[0])
        china.append(level[1])
        stats.add(opinion, raised=level[0] < base_acuity)
    assisted = KtasReport(
        path=rules.path,
        rows=rules.rows,
        acuity=acuity,
        china=china,
        method=f"{rules.method}; LLM second opinion applied by min() (raise only)",
        rules_acuity=rules.rules_acuity,
    )
    return KtasLlmReport(rules=rules, assisted=assisted, stats=stats)
