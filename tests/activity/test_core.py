"""Activity per layer, the consensus and the drivers, on planted data: no database."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tfkg.activity import core
from tfkg.activity.inputs import Contrasts


def planted(seed=0, n_tf=20, n_genes=400, k=15):
    """Two layers over the same TFs: ``signed`` (TF i's true targets, signed) and ``bound`` (an unsigned half of them
    plus noise targets). Contrast c0 activates TF3 (its activated targets up, repressed down); c1 is noise."""
    rng = np.random.default_rng(seed)
    genes = [f"G{i}" for i in range(n_genes)]
    rows = []
    for t in range(n_tf):
        for g in rng.choice(n_genes, k, replace=False):
            rows.append((f"TF{t}", genes[g], float(rng.choice([1, -1], p=[0.7, 0.3]))))
    signed = pd.DataFrame(rows, columns=["source", "target", "weight"])
    bound = signed.groupby("source").head(8).assign(weight=1.0)
    noise = pd.DataFrame(
        [(f"TF{t}", genes[g], 1.0) for t in range(n_tf) for g in rng.choice(n_genes, 6, replace=False)],
        columns=["source", "target", "weight"],
    )
    bound = pd.concat([bound, noise]).drop_duplicates(["source", "target"]).reset_index(drop=True)
    stat = pd.DataFrame(rng.normal(0, 1, (2, n_genes)), index=["c0", "c1"], columns=genes)
    tf3 = signed[signed["source"] == "TF3"]
    stat.loc["c0", tf3["target"]] += 4 * tf3["weight"].to_numpy()
    stat.iloc[1, :20] = np.nan  # unmeasured in c1
    design = pd.DataFrame({"perturbed": [[], []], "perturbation": ["", ""]}, index=stat.index)
    return Contrasts(stat, design, "planted.tsv", "statistic"), {"signed": signed, "bound": bound}


def test_ulm_scores_match_decoupler_and_p_values_are_consistent():
    import decoupler as dc

    con, nets = planted()
    rows = core.layer_scores(con, "signed", nets["signed"])
    es, padj = dc.mt.ulm(con.stat.fillna(0.0), nets["signed"], tmin=5)
    got = rows.pivot(index="contrast", columns="tf", values="score").loc[es.index, es.columns]
    np.testing.assert_allclose(got.to_numpy(), es.to_numpy(), rtol=1e-6, atol=1e-9)
    # the raw p-value's Benjamini-Hochberg adjustment is decoupler's FDR
    from scipy.stats import false_discovery_control

    for _c, part in rows.groupby("contrast"):
        np.testing.assert_allclose(
            false_discovery_control(part["pvalue"].to_numpy()), part["padj"].to_numpy(), rtol=1e-6, atol=1e-12
        )
    top = rows[rows["contrast"] == "c0"].nsmallest(1, "rank")
    assert top["tf"].item() == "TF3" and top["padj"].item() < 1e-6
    # n_targets counts the measured targets: fewer in c1, where 20 genes are missing
    n = rows.pivot(index="contrast", columns="tf", values="n_targets")
    assert (n.loc["c1"] <= n.loc["c0"]).all() and (n.loc["c0"] == 15).all()


def test_mean_rank_is_the_mean_percentile_over_the_layers_that_score_a_tf():
    con, nets = planted()
    acts = core.activities(con, nets, rule="mean-rank")
    assert list(acts.columns) == core.COLUMNS
    assert set(acts["layer"]) == {"consensus", "signed", "bound"}
    c0 = acts[acts["contrast"] == "c0"]
    cons = c0[c0["layer"] == "consensus"].set_index("tf")
    assert cons["rank"].idxmin() == "TF3"
    # by hand: each layer's percentile (rank from the bottom - 0.5) / n, averaged
    want = []
    for lay in ("signed", "bound"):
        part = c0[c0["layer"] == lay].set_index("tf")["score"]
        want.append((part.rank() - 0.5) / len(part))
    mean = pd.concat(want, axis=1).mean(axis=1)
    np.testing.assert_allclose(cons.loc[mean.index, "score"].to_numpy(), mean.to_numpy(), rtol=1e-9)
    assert cons["pvalue"].isna().all()
    # rows come sorted: contrast, then consensus first, then layers, by rank
    assert list(dict.fromkeys(c0["layer"])) == ["consensus", "signed", "bound"]


def test_drivers_are_the_targets_that_moved_with_their_edge_sign():
    con, nets = planted()
    d = core.drivers(con.stat.loc["c0"], core.tf_edges(nets, ["TF3"])["TF3"], top=10)
    assert list(d.columns) == ["gene", "stat", "sign", "contribution", "agrees", "layers"]
    assert len(d) == 10 and d["agrees"].all()  # the planted effect: every top target moved as its sign says
    assert (d["contribution"].abs().diff().dropna() <= 1e-12).all()  # by |contribution|, largest first
    tf3 = nets["signed"][nets["signed"]["source"] == "TF3"].set_index("target")["weight"]
    assert (d["sign"].to_numpy() == tf3.loc[d["gene"]].to_numpy()).all()
    both = set(nets["bound"].loc[nets["bound"]["source"] == "TF3", "target"])
    assert all(("bound" in lay) == (g in both) for g, lay in zip(d["gene"], d["layers"]))


def test_a_gene_list_is_scored_by_over_representation():
    con, nets = planted()
    tf3 = nets["signed"].loc[nets["signed"]["source"] == "TF3", "target"].tolist()
    genes = tf3[:10] + ["G399", "G398"]
    lst = Contrasts(
        pd.DataFrame([np.ones(len(genes))], index=["list"], columns=genes),
        pd.DataFrame({"perturbed": [[]], "perturbation": [""]}, index=["list"]),
        "list.txt",
        "gene list",
    )
    rows = core.layer_scores(lst, "signed", nets["signed"], method="ulm", tmin=1)  # a list always uses ORA
    assert rows.nsmallest(1, "rank")["tf"].item() == "TF3"
    assert rows.set_index("tf").at["TF3", "padj"] < 0.01


def test_no_scorable_tf_is_an_error():
    from tfkg.errors import NotFoundError

    con, nets = planted()
    with pytest.raises(NotFoundError, match="no TF has 50 measured targets"):
        core.activities(con, nets, tmin=50)


def test_imputed_rank_counts_a_layer_that_cannot_score_a_tf_as_its_median():
    """One layer puts ONLY first and scores nothing else of it; the other layer cannot score ONLY at all. mean-rank
    puts ONLY first; imputed-rank puts a TF that leads in both layers above it."""
    import pandas as pd

    from tfkg.eval.consensus import combine

    a = pd.DataFrame({"ONLY": [9.0], "BOTH": [8.0], "X": [1.0], "Y": [0.0]}, index=["c"])
    b = pd.DataFrame({"BOTH": [5.0], "X": [1.0], "Y": [0.0], "Z": [2.0]}, index=["c"])
    mean, imputed = combine([a, b], "mean-rank").loc["c"], combine([a, b], "imputed-rank").loc["c"]
    assert mean.idxmax() == "ONLY" and imputed.idxmax() == "BOTH"
    assert mean["ONLY"] == pytest.approx(7 / 8) and imputed["ONLY"] == pytest.approx((7 / 8 + 0.5) / 2)
    assert mean["BOTH"] == pytest.approx((5 / 8 + 7 / 8) / 2) == imputed["BOTH"]


def test_every_method_offered_is_a_decoupler_method_and_runs():
    import decoupler as dc

    from tfkg.eval.knockouts import METHODS

    con, nets = planted()
    for m in METHODS:
        assert hasattr(dc.mt, m), m  # a renamed decoupler method (wsum -> waggr) fails here, not in a user's run
    for m in ("waggr", "zscore"):
        assert core.layer_scores(con, "signed", nets["signed"], method=m).nsmallest(1, "rank")["tf"].item() == "TF3"


def test_a_singular_mlm_is_one_line_not_a_traceback():
    from tfkg.errors import InputError

    con, nets = planted(n_genes=12, n_tf=15, k=6)  # more TFs than genes: mlm's joint fit has no unique solution
    with pytest.raises(InputError, match="cannot fit these regulons|collinear"):
        core.layer_scores(con, "signed", nets["signed"], method="mlm")
