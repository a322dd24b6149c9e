"""Where the external datasets are: ../shared/data beside the repository (as in CI), or FENZHEN_SHARED_DATA."""

import os
from pathlib import Path

SHARED_DATA = Path(os.environ.get("FENZHEN_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
KTAS_DEV = SHARED_DATA / "ktas" / "ktas_dev.csv"
