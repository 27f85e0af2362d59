"""Metric code vs scikit-learn on fixtures, and vs BEELINE's definitions (trapezoid AUPRC, EPR) by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn import metrics as skm

from tfkg.eval import metrics as M


def _fixtures():
    rng = np.random.default_rng(42)
    out = []
    for n, p, ties in ((50, 0.3, False), (400, 0.05, True), (1000, 0.5, True), (7, 0.5, False)):
        y = rng.random(n) < p
        y[0], y[1] = True, False
        s = rng.normal(size=n) + y * 0.8
        if ties:
            s = np.round(s, 1)  # many ties
        out.append((y.astype(int), s))
    return out


# abs=1e-9: the two sides sum in different orders (rounding ~1e-16); one mis-counted pair or tie moves an AUROC
# by 1 / (positives x negatives) >= 4e-6 on these fixtures, far above the tolerance.
@pytest.mark.parametrize("y,s", _fixtures())
def test_ranking_metrics_match_sklearn(y, s):
    assert M.auroc(y, s) == pytest.approx(skm.roc_auc_score(y, s), abs=1e-9)
    assert M.auprc(y, s) == pytest.approx(skm.average_precision_score(y, s), abs=1e-9)
    prec, rec, _ = skm.precision_recall_curve(y, s)
    assert M.auprc_trapezoid(y, s) == pytest.approx(skm.auc(rec, prec), abs=1e-9)
    assert M.auprc_ratio(y, s) == pytest.approx(skm.average_precision_score(y, s) / y.mean())
    fpr, tpr, _ = skm.roc_curve(y, s, drop_intermediate=False)
    x, t = M.roc_points(y, s)
    assert np.allclose(x, fpr) and np.allclose(t, tpr)


@pytest.mark.parametrize("y,s", _fixtures())
def test_threshold_metrics_match_sklearn(y, s):
    thr = M.best_f1_threshold(y, s)
    pred = s >= thr
    got = M.threshold_metrics(y, s, thr)
    assert got["accuracy"] == pytest.approx(skm.accuracy_score(y, pred))
    assert got["precision"] == pytest.approx(skm.precision_score(y, pred, zero_division=0))
    assert got["recall"] == pytest.approx(skm.recall_score(y, pred))
    assert got["f1"] == pytest.approx(skm.f1_score(y, pred))
    # the chosen threshold is the best F1 over every distinct score
    best = max(skm.f1_score(y, s >= t) for t in np.unique(s))
    assert got["f1"] == pytest.approx(best)


def test_hand_computed_beeline_definitions():
    y = np.array([1, 0, 1, 0])
    s = np.array([0.9, 0.8, 0.7, 0.1])
    # PR points (recall, precision): (0,1) (.5,1) (.5,.5) (1,2/3) (1,.5)
    assert M.auprc(y, s) == pytest.approx(0.5 * 1 + 0.5 * 2 / 3)  # average precision 0.8333
    assert M.auprc_trapezoid(y, s) == pytest.approx(0.5 + 0.5 * (0.5 + 2 / 3) / 2)  # trapezoid 0.7917
    assert M.auroc(y, s) == pytest.approx(0.75)
    # EPR: k = 2 positives, top-2 = {0.9, 0.8}: precision 1/2; density 2/4
    assert M.early_precision(y, s) == pytest.approx(0.5)
    assert M.epr(y, s) == pytest.approx(1.0)
    # ties at the k-th score are all included (BEELINE's >= rule): top = {0.9, 0.8, 0.8}
    s_tie = np.array([0.9, 0.8, 0.8, 0.1])
    assert M.early_precision(y, s_tie) == pytest.approx(2 / 3)
    assert M.epr(y, s_tie) == pytest.approx(4 / 3)


def test_precision_at_k_per_tf():
    tf = np.array([0, 0, 0, 0, 1, 1, 1, 2, 2])
    y = np.array([1, 0, 1, 0, 0, 1, 0, 0, 0])
    s = np.array([0.9, 0.8, 0.7, 0.1, 0.5, 0.4, 0.3, 0.9, 0.8])
    # TF0 top-2: .9(1) .8(0) -> .5; TF1 top-2: .5(0) .4(1) -> .5; TF2 has no positive: skipped
    assert M.precision_at_k_per_tf(tf, y, s, k=2) == pytest.approx(0.5)
    # k larger than a TF's pair count uses all its pairs: TF0 2/4, TF1 1/3
    assert M.precision_at_k_per_tf(tf, y, s, k=10) == pytest.approx((0.5 + 1 / 3) / 2)
    # ties at the k-th score count in expectation: TF0 all tied -> 2/4 whatever the order
    s_tied = np.where(tf == 0, 0.5, s)
    assert M.precision_at_k_per_tf(tf, y, s_tied, k=2) == pytest.approx((0.5 + 0.5) / 2)
    perm = np.random.default_rng(0).permutation(len(y))
    assert M.precision_at_k_per_tf(tf[perm], y[perm], s_tied[perm], k=2) == pytest.approx(0.5)


def test_edge_cases_and_summary():
    assert np.isnan(M.auroc([0, 0], [0.1, 0.2]))
    with pytest.raises(ValueError):
        M.auroc([0, 1], [0.1, np.nan])
    per_fold = pd.DataFrame({"model": ["m"] * 3, "protocol": ["p"] * 3, "metric": ["auroc"] * 3, "value": [0.8, 0.9, 1.0]})
    row = M.summarize(per_fold).iloc[0]
    assert row["mean"] == pytest.approx(0.9) and row["sd"] == pytest.approx(0.1) and row["folds"] == 3


@pytest.mark.parametrize("y,s", _fixtures())
def test_one_sort_fast_path_equals_sklearn(y, s):
    tf = np.arange(len(y)) % 3
    vals, (roc, pr) = M.all_metrics(tf, y, s, curves=True)
    assert vals["auroc"] == pytest.approx(skm.roc_auc_score(y, s), abs=1e-9)
    assert vals["auprc"] == pytest.approx(skm.average_precision_score(y, s), abs=1e-9)
    prec, rec, _ = skm.precision_recall_curve(y, s)
    assert vals["auprc_trapezoid"] == pytest.approx(skm.auc(rec, prec), abs=1e-9)
    assert np.allclose(roc[0], M.roc_points(y, s)[0]) and np.allclose(pr[1], M.pr_points(y, s)[1])


def test_expression_metrics_per_gene_and_flattened():
    rng = np.random.default_rng(0)
    means = rng.uniform(2, 12, size=(50, 1))
    y = means + rng.normal(size=(50, 30))  # genes differ a lot in level, little within
    gene_mean = np.repeat(means, 30, axis=1)
    vals, r2 = M.expression_metrics(y, gene_mean, means[:, 0])
    # the trap: predicting each gene's mean looks excellent flattened and is worthless per gene
    assert vals["pcc_flat"] > 0.9 and vals["r2_flat"] > 0.85
    assert vals["r2_gene_median"] < 0.1 and vals["pcc_gene_median"] == 0 and vals["constant_genes"] == 50
    # a model constant on some genes is scored on every gene (r = 0 there), not on the genes it happens to vary on
    half = np.where(np.arange(50)[:, None] < 25, y, gene_mean)
    vals, _ = M.expression_metrics(y, half, means[:, 0])
    assert vals["constant_genes"] == 25 and vals["pcc_gene_mean"] == pytest.approx(0.5)
    from sklearn.metrics import r2_score

    assert r2 == pytest.approx(r2_score(y.T, gene_mean.T, multioutput="raw_values"))
    vals, _ = M.expression_metrics(y, y, means[:, 0])
    assert vals["r2_gene_median"] == 1 and vals["beats_mean_share"] == 1 and vals["mse"] == 0
    with pytest.raises(ValueError, match="NaN"):
        M.expression_metrics(y, y * np.nan, means[:, 0])


def test_perturbation_metrics():
    obs = np.array([[-1.0, 0.5, -0.2, 0.05, 0.3], [0.4, -1.0, 0.02, -0.6, 0.1]])
    perturbed = np.array([0, 1])
    exact = M.perturbation_metrics(obs, obs.copy(), perturbed, 0.25)
    assert exact["delta_pcc"] == pytest.approx(1) and exact["delta_mse"] == 0
    flat = M.perturbation_metrics(obs, np.zeros_like(obs), perturbed, 0.25)
    assert flat["delta_pcc"] == 0 and flat["top20_sign_acc"] == 0 and flat["changed_auroc"] == 0.5
    # the perturbed gene's own column is left out: changing it changes nothing
    moved = obs.copy()
    moved[0, 0], moved[1, 1] = 9.0, -9.0
    same = M.perturbation_metrics(obs, moved, perturbed, 0.25)
    assert {k: v for k, v in same.items() if k != "delta_spearman_de"} == {
        k: v for k, v in exact.items() if k != "delta_spearman_de"
    }
    flipped = M.perturbation_metrics(obs, -obs, perturbed, 0.25)
    assert flipped["delta_pcc"] == pytest.approx(-1) and flipped["top20_sign_acc"] < 0.5
    assert np.isnan(exact["delta_spearman_de"])  # fewer than 3 changed genes per experiment


def test_perturbation_metrics_spearman_full_profile_and_combinations():
    rng = np.random.default_rng(0)
    obs = rng.normal(size=(3, 30))
    control = rng.uniform(0, 20, size=30)
    pairs = np.array([[0, 1], [2, -1], [3, 4]])
    monotone = np.sign(obs) * obs**2  # same order of the changes, not linear
    m = M.perturbation_metrics(obs, monotone, pairs, 0.5, control=control)
    assert m["delta_spearman_de"] == pytest.approx(1) and m["delta_pcc"] < 1
    # near the control, any prediction has a high full-profile Pearson; the change metric is 0
    none = M.perturbation_metrics(obs, np.zeros_like(obs), pairs, 0.5, control=control)
    assert none["full_pcc"] > 0.9 and none["delta_pcc"] == 0
    # both perturbed genes of a double are left out
    moved = monotone.copy()
    moved[0, [0, 1]] = 99.0
    assert M.perturbation_metrics(obs, moved, pairs, 0.5, control=control) == m
