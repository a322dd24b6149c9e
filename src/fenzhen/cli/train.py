"""`fenzhen train`: rebuild the packaged acuity model from KTAS-format data, reproducibly."""

from __future__ import annotations

import json
from pathlib import Path

import click

from fenzhen.cli import main

__all__ = ["train"]

DEFAULT_DATA = Path("../shared/data/ktas/ktas_dev.csv")


@main.command()
@click.option("--data", type=click.Path(path_type=Path), default=DEFAULT_DATA, show_default=True,
              help="KTAS-format CSV (only triage-time columns are used).")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Model file to write (default: the packaged fenzhen/models/acuity_ktas.json).")
def train(data: Path, out: Path | None) -> None:
    """Train the learned acuity model (scikit-learn; fixed seed, so reruns give the same file)."""
    from tqdm import tqdm

    from fenzhen.bench.ktas_data import file_sha256, read_ktas
    from fenzhen.triage import model as model_module
    from fenzhen.triage.train import TrainConfig, fit

    rows = read_ktas(data)
    cfg = TrainConfig()
    target = out or Path(model_module.__file__).parent.parent / "models" / model_module.MODEL_FILE
    with tqdm(total=cfg.folds * cfg.inner_repeats + 1, desc="training acuity model", unit="fit") as bar:
        fitted = fit(rows, file_sha256(data), cfg, progress=bar.update)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(fitted.to_spec(), ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(target)
    click.echo(f"model {fitted.version}: {len(fitted.weights)} features, urgency threshold "
               f"{fitted.urgency_threshold}, written to {target}")
