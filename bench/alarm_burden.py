"""Alarm burden: how often the rule floors call an emergency in text that is mostly not one.

The Toyhom internal-medicine questions (../shared/data/zh_internal_medicine) are people asking online
about chronic illness — epilepsy they have had for years, blood pressure that came down on treatment,
allergic asthma. A triage floor of 1–2 on such text is nearly always a word read out of context
("癫痫多年 来复查" as a seizure today, "过敏性哮喘" as anaphylaxis). No label says which questions are
true emergencies, so this is a proxy to watch, not an accuracy: fewer level 1–2 floors at the same
tested recall of the emergencies in tests/triage is better. Every question is assessed as one
complaint (title and question, first 300 characters) of an adult of 45 with no vitals, rules only.

Usage: python bench/alarm_burden.py [PATH] [--out bench/results/alarm_burden.json]
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
from pathlib import Path

from fenzhen import Intake, assess

DEFAULT = Path("../shared/data/zh_internal_medicine/toyhom_internal_medicine_sample.csv")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, nargs="?", default=DEFAULT)
    parser.add_argument("--out", type=Path, default=Path("bench/results/alarm_burden.json"))
    args = parser.parse_args()
    with args.path.open(encoding="utf-8", newline="") as fh:
        texts = [(r["title"] + "。" + r["ask"])[:300] for r in csv.DictReader(fh)]
    levels: collections.Counter[int] = collections.Counter()
    flags: collections.Counter[str] = collections.Counter()
    for text in texts:
        a = assess(Intake(complaint=text, age_years=45), model=None)
        levels[a.rule_floor_acuity] += 1
        flags.update(f.id for f in a.red_flags if f.acuity <= 2)
    n = len(texts)
    result = {"file": str(args.path), "questions": n, "floors": {str(k): levels[k] for k in sorted(levels)},
              "share_level_1_2": round((levels[1] + levels[2]) / n, 4), "top_flags_1_2": flags.most_common(15)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"{n} questions; rule floors by level: " + ", ".join(f"{k}: {levels[k]}" for k in sorted(levels)))
    print(f"level 1-2: {result['share_level_1_2']:.1%}; most frequent level 1-2 flags: "
          + ", ".join(f"{k} {v}" for k, v in flags.most_common(8)) + f" -> {args.out}")


if __name__ == "__main__":
    main()
