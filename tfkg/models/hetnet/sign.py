"""The sign head of the hetnet models: does the TF activate or repress the target?

Trained on the snapshot's signed training edges (``Snapshot.edge_signs``: CollecTRI consensus signs, TRRUST modes,
DoRothEA ``mor``), logistic regression on what a pair's sign depends on in curated data: the TF's share of
activating edges among its *other* signed edges (repressors such as REST or ZEB1 repress most of their targets),
the target's share among its other regulators' edges (both leave-one-out on training rows, smoothed towards the
overall share), and the pair's data-derived evidence (ARCHS4 co-expression, ChIP, bulk |r|) where the features
have it. ``p`` = P(activation). ``cv_balanced_accuracy`` is measured by 5 folds over the training edges (no
held-out edge involved).

A sign is *stated* only where the head knows more than the prior: the out-of-fold probabilities of those 5 folds set
two thresholds, the lowest ``p`` above which the training edges activate often enough and the highest below which
they repress often enough (each over at least ``MIN_SUPPORT`` edges). "Often enough" is at least ``PRECISION`` and
at least halfway from the sign's base rate to certainty: with 89% activating edges, "activates" must be right 94.5%
of the time (half the errors of always saying "activates"), "represses" 80%. (A first rule, ``PRECISION`` alone,
stated "activates" for 98% of the genome-wide run's training edges at 0.89 — the base rate, no information.)
Between them :meth:`SignHead.sign` says 0 (no sign): a biologist reads "activates" only where the head was right at
least that often on edges it did not train on. ``calibration`` records the thresholds, the
out-of-fold precision of each stated sign and the share of training edges that get one.
"""

from __future__ import annotations

from typing import Any

import numpy as np

EVIDENCE = ("TaG", "TbG", "TcG")
PRECISION = 0.8
MIN_SUPPORT = 20


def _group_ends(p: np.ndarray) -> np.ndarray:
    """True at the last of each run of equal values in sorted ``p``: a threshold keeps or drops a tie as a whole, so
    the precision measured at a cut is the precision of what the threshold states."""
    return np.r_[p[1:] != p[:-1], True]


class SignHead:
    def __init__(self, smoothing: float = 2.0, seed: int = 0):
        self.smoothing, self.seed = smoothing, seed
        self.clf: Any = None
        self.constant: float | None = None  # the one sign's share when training had a single sign
        self.cv_balanced_accuracy = float("nan")
        # p >= activate: +1; p <= repress: -1; between: no sign (no CV, e.g. few edges: no stated sign at all)
        self.activate, self.repress = np.inf, -np.inf
        self.calibration: dict[str, float] = {}

    def fit(
        self, pairs: np.ndarray, signs: np.ndarray, n_tf: int, n_target: int, evidence: np.ndarray | None = None
    ) -> "SignHead":
        """pairs (E, 2) TF/target indices of the signed training edges, signs (E,) +1/-1, evidence (E, k) or None."""
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import cross_val_predict
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler

        keep = signs != 0
        pairs, y, ev = pairs[keep], (signs[keep] > 0).astype(int), None if evidence is None else evidence[keep]
        if len(np.unique(y)) < 2:  # all one sign: nothing to learn
            self.constant = float(y.mean()) if len(y) else 1.0
            return self
        self.constant = None
        self.p0 = y.mean()
        self.tf_act = np.bincount(pairs[:, 0], y, n_tf)
        self.tf_n = np.bincount(pairs[:, 0], minlength=n_tf).astype(float)
        self.tg_act = np.bincount(pairs[:, 1], y, n_target)
        self.tg_n = np.bincount(pairs[:, 1], minlength=n_target).astype(float)
        x = self._x(pairs, ev, own=y)
        self.clf = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000, random_state=self.seed))
        if len(y) >= 50 and min(np.bincount(y)) >= 5:
            oof = cross_val_predict(self.clf, x, y, cv=5, method="predict_proba")[:, 1]
            pred = (oof >= 0.5).astype(int)
            self.cv_balanced_accuracy = float(np.mean([(pred[y == c] == c).mean() for c in (0, 1)]))
            self._calibrate(oof, y)
        self.clf.fit(x, y)
        return self

    def _calibrate(self, oof: np.ndarray, y: np.ndarray) -> None:
        """The two thresholds from out-of-fold P(activation) ``oof`` and the true signs ``y`` (1 = activation)."""
        base = float(y.mean())
        goal_act, goal_rep = max(PRECISION, 1 - (1 - base) / 2), max(PRECISION, 1 - base / 2)
        order = np.argsort(-oof, kind="stable")
        k = np.arange(1, len(y) + 1)
        act_prec = np.cumsum(y[order]) / k  # precision of "activates" for the top-k probabilities
        ok = (act_prec >= goal_act) & (k >= MIN_SUPPORT) & (oof[order] >= 0.5) & _group_ends(oof[order])
        # the largest k whose top-k set is precise enough: the lowest threshold that keeps the precision
        if ok.any():
            self.activate = float(oof[order][np.flatnonzero(ok)[-1]])
        order = np.argsort(oof, kind="stable")
        rep_prec = np.cumsum(1 - y[order]) / k
        ok = (rep_prec >= goal_rep) & (k >= MIN_SUPPORT) & (oof[order] < 0.5) & _group_ends(oof[order])
        if ok.any():
            self.repress = float(oof[order][np.flatnonzero(ok)[-1]])
        act, rep = oof >= self.activate, oof <= self.repress
        self.calibration = {
            "sign_precision_goal": PRECISION,
            "sign_activate_goal": goal_act,
            "sign_repress_goal": goal_rep,
            "sign_activating_share": base,
            "sign_activate_threshold": self.activate,
            "sign_repress_threshold": self.repress,
            "sign_activate_precision": float(y[act].mean()) if act.any() else float("nan"),
            "sign_repress_precision": float(1 - y[rep].mean()) if rep.any() else float("nan"),
            "sign_coverage": float((act | rep).mean()),
            "sign_cv_balanced_accuracy": self.cv_balanced_accuracy,
        }

    def _x(self, pairs: np.ndarray, ev: np.ndarray | None, own: np.ndarray | None = None) -> np.ndarray:
        a, s = self.smoothing, self.p0
        t_act, t_n = self.tf_act[pairs[:, 0]], self.tf_n[pairs[:, 0]]
        g_act, g_n = self.tg_act[pairs[:, 1]], self.tg_n[pairs[:, 1]]
        if own is not None:  # leave the edge's own sign out of its TF's and target's shares
            t_act, t_n, g_act, g_n = t_act - own, t_n - 1, g_act - own, g_n - 1
        cols = [(t_act + a * s) / (t_n + a), (g_act + a * s) / (g_n + a), np.log1p(t_n), np.log1p(g_n)]
        if ev is not None:
            cols += list(np.asarray(ev, dtype=float).T)
        return np.column_stack(cols)

    def proba(self, pairs: np.ndarray, evidence: np.ndarray | None = None) -> np.ndarray:
        """P(activation) of each pair."""
        if self.clf is None:
            return np.full(len(pairs), self.constant)
        return self.clf.predict_proba(self._x(np.asarray(pairs, dtype=np.int64), evidence))[:, 1]

    def sign(self, pairs: np.ndarray, evidence: np.ndarray | None = None) -> np.ndarray:
        """+1 / -1 where the head is confident (see the module), 0 where it is not."""
        if self.clf is None:
            return np.zeros(len(pairs), np.int8)
        p = self.proba(pairs, evidence)
        # a head saved before calibration existed states no sign
        act, rep = getattr(self, "activate", np.inf), getattr(self, "repress", -np.inf)
        return np.where(p >= act, 1, np.where(p <= rep, -1, 0)).astype(np.int8)
