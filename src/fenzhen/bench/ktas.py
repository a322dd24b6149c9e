"""The KTAS benchmark: Fenzhen's levels against the experts', the nurses' beside them.

On the model's own training file the learned part is reported out-of-fold (cross-validation),
so the figure is honest; on any other file the packaged model is used as shipped.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fenzhen.bench.ktas_data import KtasRow, file_sha256, read_ktas
from fenzhen.bench.metrics import LevelMetrics, confusion_matrix, level_metrics

__all__ = ["KtasReport", "run_ktas_benchmark"]

LEVELS = (1, 2, 3, 4, 5)


@dataclass
class KtasReport:
    path: str
    rows: list[KtasRow]
    acuity: list[int]
    china: list[int]
    method: str
    rules_acuity: list[int] = field(default_factory=list)
    subgroups: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def truth(self) -> list[int]:
        return [r.expert for r in self.rows]

    def fenzhen(self) -> LevelMetrics:
        return level_metrics(self.truth, self.acuity)

    def rules_only(self) -> LevelMetrics | None:
        """The rule floors alone (no learned model): what the model adds is the difference."""
        return level_metrics(self.truth, self.rules_acuity) if self.rules_acuity else None

    def nurses(self) -> LevelMetrics | None:
        pairs = [(r.expert, r.nurse) for r in self.rows if r.nurse is not None]
        if not pairs:
            return None
        return level_metrics([t for t, _ in pairs], [p for _, p in pairs])

    def _subgroup_rows(self) -> dict[str, list[int]]:
        groups: dict[str, list[int]] = {}
        for i, r in enumerate(self.rows):
            age = r.intake.age_years
            keys = ["age<65" if age is not None and age < 65 else "age>=65",
                    f"sex={r.intake.sex.value if r.intake.sex else 'unknown'}",
                    "arrival=ambulance" if r.intake.arrival_mode and r.intake.arrival_mode.value == "ambulance"
                    else "arrival=other"]
            for k in keys:
                groups.setdefault(k, []).append(i)
        return groups

    def as_dict(self) -> dict[str, Any]:
        nurses = self.nurses()
        subgroups = {}
        for name, idx in sorted(self._subgroup_rows().items()):
            truth = [self.rows[i].expert for i in idx]
            entry: dict[str, Any] = {"fenzhen": level_metrics(truth, [self.acuity[i] for i in idx]).as_dict()}
            known = [self.rows[i] for i in idx if self.rows[i].nurse is not None]
            if known:
                entry["nurses"] = level_metrics([r.expert for r in known], [int(r.nurse or 0) for r in known]).as_dict()
            subgroups[name] = entry
        return {
            "file": self.path, "method": self.method, "n": len(self.rows),
            "fenzhen": self.fenzhen().as_dict(), "nurses_ktas_rn": nurses.as_dict() if nurses else None,
            "rules_only": rules.as_dict() if (rules := self.rules_only()) else None,
            "confusion_fenzhen": confusion_matrix(self.truth, self.acuity, LEVELS),
            "confusion_nurses": confusion_matrix(
                [r.expert for r in self.rows if r.nurse is not None],
                [r.nurse for r in self.rows if r.nurse is not None], LEVELS)
            if nurses else None,
            "subgroups": subgroups,
            "rows_with_dropped_values": sum(bool(r.dropped) for r in self.rows),
        }

    def summary(self) -> str:
        d = self.as_dict()
        f, n, r = d["fenzhen"], d["nurses_ktas_rn"], d["rules_only"]
        names = [("accuracy", "accuracy"), ("quadratic_weighted_kappa", "quadratic weighted kappa"),
                 ("under_triage_rate", "under-triage rate"), ("over_triage_rate", "over-triage rate"),
                 ("within_one_accuracy", "within-one accuracy"), ("critical_recall", "recall of true 1-2")]
        out = [f"KTAS benchmark: {self.path} ({len(self.rows)} rows; {self.method})",
               f"{'metric':<28}{'fenzhen':>10}{'nurses':>10}{'rules only':>12}"]
        for key, label in names:
            out.append(f"{label:<28}{f[key]:>10.3f}{(n[key] if n else float('nan')):>10.3f}"
                       f"{(r[key] if r else float('nan')):>12.3f}")
        out.append("confusion (rows: expert level 1-5, columns: Fenzhen 1-5):")
        out += ["  " + " ".join(f"{v:>4}" for v in row) for row in d["confusion_fenzhen"]]
        out.append(f"{'subgroup':<20}{'n':>5}{'kappa':>8}{'under':>8}{'crit.rec':>9}   nurses: kappa under")
        for name, entry in d["subgroups"].items():
            m, nm = entry["fenzhen"], entry.get("nurses")
            nurse_text = f"{nm['quadratic_weighted_kappa']:>6.3f} {nm['under_triage_rate']:>6.3f}" if nm else ""
            out.append(f"{name:<20}{m['n']:>5}{m['quadratic_weighted_kappa']:>8.3f}{m['under_triage_rate']:>8.3f}"
                       f"{m['critical_recall']:>9.3f}   {nurse_text}")
        return "\n".join(out)

    def write_predictions(self, path: Path) -> None:
        tmp = path.with_suffix(path.suffix + ".tmp")
        with tmp.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(["row", "acuity", "china_level"])
            for r, a, c in zip(self.rows, self.acuity, self.china, strict=True):
                writer.writerow([r.index, a, c])
        tmp.replace(path)


def run_ktas_benchmark(path: Path, *, cv: bool | None = None, progress: bool = False) -> KtasReport:
    """Assess every row of `path`; use out-of-fold model predictions on the training file."""
    from tqdm import tqdm

    from fenzhen.triage.engine import assess
    from fenzhen.triage.levels import acuity_to_china
    from fenzhen.triage.model import default_model

    rows = read_ktas(path)
    model = default_model()
    own_file = model is not None and model.meta.get("training_data_sha256") == file_sha256(path)
    use_cv = own_file if cv is None else cv
    assessments = [assess(r.intake) for r in tqdm(rows, desc="assessing", disable=not progress, leave=False)]
    if use_cv:
        from fenzhen.triage.train import TrainConfig, cross_val_levels

        cfg = TrainConfig()
        with tqdm(total=cfg.folds, desc="cross-validating", disable=not progress, leave=False) as bar:
            acuity = cross_val_levels(rows, cfg, progress=bar.update)
        china = [min(acuity_to_china(a), _china_floor(x)) for a, x in zip(acuity, assessments, strict=True)]
        method = f"learned part out-of-fold ({cfg.folds}-fold cross-validation), rule floors applied"
    else:
        acuity = [a.acuity for a in assessments]
        china = [a.china_level for a in assessments]
        method = "packaged model as shipped" if model else "rules only (no model packaged)"
    return KtasReport(path=str(path), rows=rows, acuity=acuity, china=china, method=method,
                      rules_acuity=[a.rule_floor_acuity for a in assessments])


def _china_floor(a: Any) -> int:
    levels = [e.china_level for e in a.evidence if e.china_level is not None]
    return min(levels) if levels else 4
