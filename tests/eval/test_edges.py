"""Edge recovery: learned weights and simple scores judged against a reference on the same candidates."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from sklearn.metrics import roc_auc_score

from tfkg.cli import main
from tfkg.eval.edges import edge_recovery
from tfkg.graph.export import export_snapshot

pytestmark = pytest.mark.neo4j


def test_edge_recovery_on_dream4(template_graph, tmp_path):
    res = edge_recovery(
        template_graph,
        "dream4:10-1",
        "DREAM4",
        truth_species="insilico",
        model="motif-rnn",
        params={"prior": "all", "steps": 20, "max_iter": 60, "tol": 1e-4},
    )
    assert list(res.table.score) == ["motif-rnn", "|pearson|", "prior-ridge", "trees", "degree"]
    n_tf = len(set(res.candidates.tf))
    assert len(res.candidates) == n_tf * 10 - n_tf and res.positives == int(res.candidates.label.sum()) == 15
    # the scores and the metrics against computations that share no code with edge_recovery
    snap = export_snapshot(template_graph, "dream4:10-1", modalities={"edges", "expression"})
    genes = pd.Index(snap.nodes[snap.expression.ntype])
    x = snap.expression.values.astype(float)
    r = [np.corrcoef(x[genes.get_loc(a)], x[genes.get_loc(b)])[0, 1] for a, b in zip(res.candidates.tf, res.candidates.target)]
    assert np.allclose(res.candidates["|pearson|"], np.abs(r))
    truth = {
        (row["t"], row["g"])
        for row in template_graph.cypher(
            "MATCH (t:Gene)-[r:REGULATES {source: 'DREAM4'}]->(g:Gene) WHERE t.species = 'insilico' "
            "RETURN t.symbol AS t, g.symbol AS g"
        )
    }
    assert list(res.candidates.label) == [(t, g) in truth for t, g in zip(res.candidates.tf, res.candidates.target)]
    for _, row in res.table.iterrows():
        assert row.auroc == pytest.approx(roc_auc_score(res.candidates.label, res.candidates[row.score]))
    out = tmp_path / "edges"
    r = CliRunner().invoke(
        main,
        [
            "evaluate-edges",
            "motif-rnn",
            "--dataset",
            "dream4:10-1",
            "--truth",
            "DREAM4",
            "-p",
            "prior=all",
            "-p",
            "steps=20",
            "--out",
            str(out),
        ],
    )
    assert r.exit_code == 0, r.output
    assert set(pd.read_csv(out / "edges.csv").score) == set(res.table.score)
    r = CliRunner().invoke(main, ["evaluate-edges", "degree", "--dataset", "dream4:10-1"])
    assert r.exit_code == 1 and "no learned edges" in r.output
