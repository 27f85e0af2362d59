"""Edge recovery: learned weights and simple scores judged against a reference on the same candidates."""
from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from tfkg.cli import main
from tfkg.eval.edges import edge_recovery

pytestmark = pytest.mark.neo4j


def test_edge_recovery_on_dream4(template_graph, tmp_path):
    res = edge_recovery(template_graph, "dream4:10-1", "DREAM4", truth_species="insilico", model="motif-rnn",
                        params={"prior": "all", "steps": 20, "max_iter": 60, "tol": 1e-4})
    assert list(res.table.score) == ["motif-rnn", "|pearson|", "prior-ridge", "trees", "degree"]
    n_tf = len(set(res.candidates.tf))
    assert len(res.candidates) == n_tf * 10 - n_tf and res.positives == int(res.candidates.label.sum()) == 15
    assert res.table[["auroc", "auprc"]].apply(lambda c: c.between(0, 1)).all().all()
    out = tmp_path / "edges"
    r = CliRunner().invoke(main, ["evaluate-edges", "motif-rnn", "--dataset", "dream4:10-1", "--truth", "DREAM4",
                                  "-p", "prior=all", "-p", "steps=20", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert set(pd.read_csv(out / "edges.csv").score) == set(res.table.score)
    r = CliRunner().invoke(main, ["evaluate-edges", "degree", "--dataset", "dream4:10-1"])
    assert r.exit_code == 1 and "no learned edges" in r.output
