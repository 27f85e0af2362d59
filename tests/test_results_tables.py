"""Generated result tables follow their CSVs. (ruff, mypy, the generated-docs check and the strict docs build run in
``scripts/lint.sh``, which ``scripts/test.sh`` and so CI run before the tests.)"""

from __future__ import annotations

import sys

import pandas as pd
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_result_table_follows_its_csv(tmp_path):
    """docs/results/NAME.md is what NAME.csv renders to: change a number in the CSV and the table changes (so the
    committed-table check above fails until the page is regenerated)."""
    import shutil

    sys.path.insert(0, str(ROOT))
    from benchmarks.results import RESULTS, render

    names = sorted(p.stem for p in RESULTS.glob("*.json"))
    assert names, "no published result in docs/results"
    for name in names:
        assert (RESULTS / f"{name}.md").read_text() == render(name)
        shutil.copy(RESULTS / f"{name}.json", tmp_path)
        df = pd.read_csv(RESULTS / f"{name}.csv")
        floats = [c for c in df.columns if df[c].dtype.kind == "f"]
        df[floats] = df[floats] * 0.5 + 0.0123  # every measured number moves
        df.to_csv(tmp_path / f"{name}.csv", index=False)
        assert render(name, tmp_path) != render(name)
