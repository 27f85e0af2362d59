"""Generated result tables follow their CSVs. (ruff, mypy, the generated-docs check and the strict docs build run in
``scripts/lint.sh``, which ``scripts/test.sh`` and so CI run before the tests.)"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

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


def test_a_row_with_no_label_fails_the_table(tmp_path):
    """With labels, every row of the CSV is labelled or listed in 'omit': a new row is never dropped unseen."""
    import json

    import pytest

    sys.path.insert(0, str(ROOT))
    from benchmarks.results import render

    pd.DataFrame({"model": ["a", "b"], "auroc": [0.6, 0.5]}).to_csv(tmp_path / "t.csv", index=False)
    (tmp_path / "t.json").write_text(json.dumps({"command": "x", "code": "y", "labels": {"a": "model A"}}))
    with pytest.raises(ValueError, match="rows with no label .*: b"):
        render("t", tmp_path)
    (tmp_path / "t.json").write_text(json.dumps({"command": "x", "code": "y", "labels": {"a": "model A"}, "omit": ["b"]}))
    assert "model A" in render("t", tmp_path) and "| b |" not in render("t", tmp_path)


def test_publish_takes_the_runs_recorded_code_and_refuses_a_dirty_one(tmp_path, monkeypatch):
    import json

    import pytest

    sys.path.insert(0, str(ROOT))
    from benchmarks import results
    from tfkg import provenance

    monkeypatch.setattr(results, "RESULTS", tmp_path / "results")
    csv = tmp_path / "run" / "table.csv"
    csv.parent.mkdir()
    df = pd.DataFrame({"what": ["x"], "seconds": [1.5]})
    df.to_csv(csv, index=False)
    with pytest.raises(SystemExit, match="no recorded code version"):
        results.publish(csv, "t", "cmd")
    monkeypatch.setattr(provenance, "code_version", lambda: "0.1.0+abc1234.dirty")
    provenance.write_csv(df, csv)
    with pytest.raises(SystemExit, match="uncommitted changes"):
        results.publish(csv, "t", "cmd")
    monkeypatch.setattr(provenance, "code_version", lambda: "0.1.0+abc1234")
    provenance.write_csv(df, csv)
    results.publish(csv, "t", "cmd")
    meta = json.loads((tmp_path / "results" / "t.json").read_text())
    assert meta["code"].startswith("0.1.0+abc1234 ") and "abc1234" in (tmp_path / "results" / "t.md").read_text()
