"""In-process speed of `assess`: assessments per second on one core, p50/p99 latency.

Usage: python bench/speed.py [--n 20000] [--out bench/results/speed.json]
Writes JSON and prints a readable summary. A benchmark, not a test: machines here are shared.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from fenzhen import Intake, assess

CASES = [
    Intake(complaint="胸痛两小时，伴大汗", age_years=58, sex="male", heart_rate_bpm=118, sbp_mmhg=86, spo2_pct=93),
    Intake(complaint="孩子发烧三天，呼吸急促", age_years=2, temp_c=39.4, resp_rate_bpm=48),
    Intake(complaint="abd pain since morning, no vomiting", age_years=35, sex="female", heart_rate_bpm=88,
           sbp_mmhg=124, resp_rate_bpm=18, temp_c=37.2, spo2_pct=98, pain_nrs=5, avpu="A"),
    Intake(complaint="sore throat", age_years=25, heart_rate_bpm=76, sbp_mmhg=118, temp_c=37.6),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--out", type=Path, default=Path("bench/results/speed.json"))
    args = parser.parse_args()
    for case in CASES:
        assess(case)  # warm caches (knowledge, lexicon, model)
    latencies = []
    cpu_start = time.process_time()
    start = time.perf_counter()
    for i in range(args.n):
        t0 = time.perf_counter()
        assess(CASES[i % len(CASES)])
        latencies.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    latencies.sort()
    result = {
        "assessments": args.n, "seconds": round(elapsed, 3), "per_second": round(args.n / elapsed, 1),
        # CPU time is reported beside wall time: on a shared machine other processes stretch
        # wall time, not the CPU time this process needs.
        "cpu_seconds": round(cpu, 3), "per_cpu_second": round(args.n / cpu, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 4),
        "p99_ms": round(latencies[int(0.99 * len(latencies)) - 1] * 1000, 4),
        "target_per_second": 5000,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"assess(): {result['per_second']:.0f}/s wall, {result['per_cpu_second']:.0f}/s per CPU-second; "
          f"p50 {result['p50_ms']:.3f} ms, p99 {result['p99_ms']:.3f} ms (target ≥ 5000/s) → {args.out}")


if __name__ == "__main__":
    main()
