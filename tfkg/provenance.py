"""Which code wrote a result: a CSV is written with ``PATH.provenance.json`` beside it (the code version, with
``.dirty`` when the checkout had uncommitted changes), and ``benchmarks/results.py publish`` reads it from there."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from tfkg.graph.runs import code_version


def provenance_file(csv: Path) -> Path:
    return csv.with_name(csv.name + ".provenance.json")


def write_csv(df: pd.DataFrame, path: Path | str, index: bool = False) -> Path:
    """``df.to_csv(path)`` plus its provenance: the code version that wrote it and when."""
    path = Path(path)
    df.to_csv(path, index=index)
    when = datetime.now(timezone.utc).isoformat(timespec="seconds")
    provenance_file(path).write_text(json.dumps({"code_version": code_version(), "written_at": when}, indent=2) + "\n")
    return path
