"""The harness's steps (plan, run_folds, the record) without a database: the export is a planted snapshot whose
training copies drop the fold's held-out edges, as the export query does. (The harness against Neo4j:
tests/eval/test_harness.py.)"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from tests.models.cases import planted_snapshot
from tfkg.data.snapshot import REG
from tfkg.eval import harness


@pytest.fixture
def planted_export(monkeypatch):
    full = planted_snapshot()
    full.meta["file_checksums"] = ["abc"]
    calls = []

    def export(graph, dataset, modalities=None, exclude=None, **kw):
        calls.append(len(exclude or []))
        if not exclude:
            return full
        drop = set(exclude)
        ei = full.edges[REG]
        keep = np.array([f"{full.nodes['tf'][a]}|{full.nodes['target'][b]}" not in drop for a, b in ei.T])
        return dataclasses.replace(full, edges={**full.edges, REG: ei[:, keep]})

    monkeypatch.setattr(harness, "export_snapshot", export)
    monkeypatch.setattr(harness.runs, "code_version", lambda: "test")
    return calls


def test_evaluate_runs_its_steps_in_order(planted_export, tmp_path):
    said = []
    cfg = harness.EvalConfig(
        model="degree", dataset="trrust:mouse", folds=3, baselines=("random",), record=False, out_dir=tmp_path
    )
    res = harness.evaluate(None, cfg, lambda msg, done, total: said.append((msg, done, total)))
    assert said[0] == ("exporting trrust:mouse", 0, 1) and said[-1] == ("writing report", 9, 9)
    first_fold = ["fold-0: exporting training snapshot", "fold-0: degree (fit + score)", "fold-0: random (fit + score)"]
    assert [m for m, _, _ in said[1:4]] == first_fold
    assert planted_export[0] == 0 and all(n > 0 for n in planted_export[1:]) and len(planted_export) == 4
    assert res.info["models"] == ["degree", "random"] and len(res.info["fold_info"]) == 3
    assert len(res.info["data_checksums"]) == 3 + 3  # dataset, snapshot, one file; one training snapshot per fold
    assert set(res.per_fold["fold"]) == {"fold-0", "fold-1", "fold-2"}
    assert all(0.0 <= res.value("auroc", m)[0] <= 1.0 for m in ("degree", "random"))
    assert {"report", "metrics", "per_fold", "run"} <= set(res.paths) and res.paths["report"].exists()


def test_a_baseline_without_the_task_is_refused_before_any_fold(planted_export, tmp_path):
    cfg = harness.EvalConfig(model="degree", dataset="trrust:mouse", baselines=("ridge",), record=False, out_dir=tmp_path)
    with pytest.raises(harness.InputError, match="baseline 'ridge' does not do the link task"):
        harness.evaluate(None, cfg)
    assert planted_export == []
