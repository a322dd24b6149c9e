"""Training is reproducible and its model only ever raises a level."""

from tests.shared_data import KTAS_DEV

from fenzhen.bench.ktas_data import read_ktas
from fenzhen.triage.train import TrainConfig, fit


def test_training_twice_gives_the_same_model() -> None:
    rows = read_ktas(KTAS_DEV)[:240]
    cfg = TrainConfig(folds=2)
    first = fit(rows, "sha-test", cfg).to_spec()
    second = fit(rows, "sha-test", cfg).to_spec()
    assert first == second
    prefix, _, content = first["version"].rpartition("-")
    assert prefix == "ktas-lr-sha-test" and len(content) == 8  # data and weights both named
    assert first["urgency_threshold"] in cfg.thresholds
