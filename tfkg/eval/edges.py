"""Judging learned edges: do a model's edge weights recover known regulation better than simpler scores?

Candidates are the model's own edges (the prior's TF -> gene pairs, or every TF -> gene pair with
``prior=all``); a candidate is positive when the reference (TRRUST, a DREAM4 gold standard, ...) has it.
Every score sees the same candidates and the same expression samples (all of them: no score is trained on
the reference, and the motif prior carries no TRRUST signs), and AUROC/AUPRC are computed over the
candidates:

* the model: |learned weight|;
* ``|pearson|``: |Pearson r| of TF and target expression;
* ``prior-ridge``: |coefficient| of the TF in a ridge of the target on its candidate TFs;
* ``trees``: GENIE3-style importance (extra trees of each target on its candidate TFs, scikit-learn);
* ``degree``: (candidate out-degree of the TF + 1) × (candidate in-degree of the target + 1).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from tfkg import models
from tfkg.data.snapshot import Snapshot
from tfkg.errors import InputError
from tfkg.eval import metrics as M
from tfkg.graph.db import Graph
from tfkg.graph.export import export_snapshot
from tfkg.models.base import LearnsEdges
from tfkg.models.coexpression import standardized_rows

# the services this module offers (keyword-only beyond three parameters: tests/test_service_signatures.py)
__all__ = ["EdgeRecovery", "edge_recovery"]


@dataclass
class EdgeRecovery:
    table: pd.DataFrame  # score, auroc, auprc, auprc_ratio
    candidates: pd.DataFrame  # tf, target, label, one column per score
    positives: int


def _pearson(snap: Snapshot, tf: np.ndarray, tg: np.ndarray) -> np.ndarray:
    z = standardized_rows(snap.expr.values.astype(np.float64))
    rows = snap.rows_in(snap.expr.ntype, "tf")
    return np.abs((z[rows[tf]] * z[tg]).sum(1))


def _per_target(snap: Snapshot, tf: np.ndarray, tg: np.ndarray, kind: str, seed: int) -> np.ndarray:
    """Ridge |coefficients| or extra-trees importances of each target's candidate TFs (one small fit each)."""
    from sklearn.ensemble import ExtraTreesRegressor

    x = snap.expr.values.astype(np.float64)
    rows = snap.rows_in(snap.expr.ntype, "tf")
    out = np.zeros(len(tf))
    order = np.argsort(tg, kind="stable")
    bounds = np.flatnonzero(np.r_[True, np.diff(tg[order]) != 0, True])
    for a, b in zip(bounds[:-1], bounds[1:]):
        idx = order[a:b]
        feats = x[rows[tf[idx]]].T
        feats = (feats - feats.mean(0)) / np.where(feats.std(0) > 0, feats.std(0), 1)
        y = x[tg[idx[0]]] - x[tg[idx[0]]].mean()
        if kind == "ridge":
            out[idx] = np.abs(np.linalg.solve(feats.T @ feats + 10.0 * np.eye(len(idx)), feats.T @ y))
        else:
            trees = ExtraTreesRegressor(n_estimators=50, max_features="sqrt", random_state=seed).fit(feats, y)
            out[idx] = trees.feature_importances_
    return out


def edge_recovery(
    graph: Graph,
    dataset: str,
    truth_source: str,
    *,
    truth_species: str,
    model: str = "motif-rnn",
    params: dict | None = None,
    seed: int = 0,
    fitted=None,
) -> EdgeRecovery:
    """AUROC/AUPRC of the model's |weights| and the simpler scores for the reference's edges among the
    model's candidate edges (a model already fitted on this dataset can be passed as ``fitted``)."""
    cls = models.get(model)
    if not issubclass(cls, LearnsEdges):
        raise InputError(f"model {model!r} has no learned edges to judge (motif-rnn has)")
    snap = export_snapshot(graph, dataset, modalities=cls.requires | cls.uses | {"expression"})
    m = fitted or models.create(model, **(params or {})).fit(snap, None, seed=seed)
    if not isinstance(m, LearnsEdges):
        raise InputError(f"the fitted model {m.name!r} has no learned edges")
    tf, tg, w = m.learned_edges()
    truth = set(graph.run("truth_pairs", source=truth_source, species=truth_species)[0]["pairs"])
    names_tf, names_tg = np.asarray(snap.nodes["tf"], dtype=object), np.asarray(snap.nodes["target"], dtype=object)
    keys = names_tf[tf] + "|" + names_tg[tg]
    label = np.array([k in truth for k in keys])
    if not label.any():
        raise InputError(f"none of the {len(keys):,} candidate edges is a {truth_source} ({truth_species}) edge")
    out_deg, in_deg = np.bincount(tf), np.bincount(tg, minlength=tg.max() + 1)
    scores = {
        model: np.abs(w),
        "|pearson|": _pearson(snap, tf, tg),
        "prior-ridge": _per_target(snap, tf, tg, "ridge", seed),
        "trees": _per_target(snap, tf, tg, "trees", seed),
        "degree": (out_deg[tf] + 1.0) * (in_deg[tg] + 1.0),
    }
    rows = []
    for name, s in scores.items():
        vals = M.all_metrics(tf, label, s)
        rows.append({"score": name, "auroc": vals["auroc"], "auprc": vals["auprc"], "auprc_ratio": vals["auprc_ratio"]})
    cand = pd.DataFrame({"tf": names_tf[tf], "target": names_tg[tg], "label": label, **scores})
    return EdgeRecovery(pd.DataFrame(rows), cand, int(label.sum()))
