"""Generated result tables follow their CSVs. (ruff, mypy, the generated-docs check and the strict docs build run in
``scripts/lint.sh``, which ``scripts/test.sh`` and so CI run before the tests.)"""

from __future__ import annotations

import sys
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
        csv = (RESULTS / f"{name}.csv").read_text().splitlines()
        first = csv[1].split(",")
        i = next(k for k, v in enumerate(first) if v.replace(".", "", 1).isdigit() and "." in v)
        first[i] = "0.123456"
        (tmp_path / f"{name}.csv").write_text("\n".join([csv[0], ",".join(first), *csv[2:]]) + "\n")
        assert render(name, tmp_path) != render(name)
