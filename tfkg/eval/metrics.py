"""Link-prediction metrics, vectorized numpy, checked against scikit-learn and BEELINE's definitions.

Every metric takes ``y`` (1 = positive, 0 = negative) and ``s`` (real scores, higher = more likely).

* ``auroc``           area under the ROC curve; ties count one half (Mann-Whitney), as scikit-learn.
* ``auprc``           **average precision** (step-wise sum of precision × recall increments), as
                      ``sklearn.metrics.average_precision_score``. This is the AUPRC reported by tfkg.
* ``auprc_trapezoid`` BEELINE's AUPRC: the trapezoid rule over the precision-recall points
                      (``sklearn.metrics.auc(recall, precision)`` of ``precision_recall_curve``), which
                      interpolates linearly and is optimistic beside average precision. Labelled as such.
* ``auprc_ratio``     average precision over chance (the positive fraction of the evaluated pairs).
* ``epr``             BEELINE's early-precision ratio: precision among the top-k pairs, k = number of
                      positives (pairs tied with the k-th score are all included, BEELINE's ``>=`` rule),
                      divided by the density (positives / evaluated pairs).
* ``precision_at_k_per_tf`` for each TF with at least one positive, the precision of its k best-scored
                      pairs (expected value over random tie-breaking), averaged over those TFs.
* ``threshold_metrics`` accuracy / precision / recall / F1 at a threshold chosen elsewhere (see
                      ``best_f1_threshold``: the threshold with the highest F1 on validation pairs).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import rankdata

SUMMARY_METRICS = ("auroc", "auprc", "auprc_trapezoid", "auprc_ratio", "epr", "precision_at_k",
                   "accuracy", "precision", "recall", "f1")


def _check(y, s) -> tuple[np.ndarray, np.ndarray]:
    y = np.asarray(y).astype(bool).ravel()
    s = np.asarray(s, dtype=float).ravel()
    if y.shape != s.shape:
        raise ValueError(f"labels {y.shape} and scores {s.shape} differ in length")
    if not np.isfinite(s).all():
        raise ValueError("scores contain NaN or infinity")
    return y, s


def clf_curve(y, s) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cumulative (false positives, true positives, threshold) at each distinct score, highest first."""
    y, s = _check(y, s)
    order = np.argsort(-s, kind="mergesort")
    s, y = s[order], y[order]
    last = np.r_[np.flatnonzero(np.diff(s)), len(s) - 1]  # last index of each run of equal scores
    tps = np.cumsum(y)[last].astype(float)
    fps = (last + 1) - tps
    return fps, tps, s[last]


def auroc(y, s) -> float:
    y, s = _check(y, s)
    n_pos = int(y.sum())
    n_neg = len(y) - n_pos
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    ranks = rankdata(s)  # average ranks: ties count one half
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def roc_points(y, s) -> tuple[np.ndarray, np.ndarray]:
    fps, tps, _ = clf_curve(y, s)
    return np.r_[0.0, fps / max(fps[-1], 1)], np.r_[0.0, tps / max(tps[-1], 1)]


def pr_points(y, s) -> tuple[np.ndarray, np.ndarray]:
    """(recall, precision) at each distinct threshold, highest threshold first, starting at (0, 1)."""
    fps, tps, _ = clf_curve(y, s)
    precision = tps / (tps + fps)
    recall = tps / tps[-1] if tps[-1] else np.ones_like(tps)
    return np.r_[0.0, recall], np.r_[1.0, precision]


def auprc(y, s) -> float:
    """Average precision: sum over thresholds of (recall increment) × precision."""
    y, s = _check(y, s)
    if not y.any():
        return float("nan")
    recall, precision = pr_points(y, s)
    return float(np.sum(np.diff(recall) * precision[1:]))


def auprc_trapezoid(y, s) -> float:
    """BEELINE's AUPRC: trapezoid rule over (recall, precision) points (optimistic interpolation)."""
    y, s = _check(y, s)
    if not y.any():
        return float("nan")
    recall, precision = pr_points(y, s)
    return float(np.sum(np.diff(recall) * (precision[1:] + precision[:-1]) / 2))


def auprc_ratio(y, s) -> float:
    y, _ = _check(y, s)
    return auprc(y, s) / float(y.mean()) if y.any() else float("nan")


def early_precision(y, s) -> float:
    """BEELINE early precision: precision among pairs scored >= the k-th best score, k = #positives."""
    y, s = _check(y, s)
    k = int(y.sum())
    if k == 0:
        return float("nan")
    kth = np.partition(s, len(s) - k)[len(s) - k]
    top = s >= kth
    return float(y[top].sum() / top.sum())


def epr(y, s) -> float:
    """Early-precision ratio: early precision over the density (positives / evaluated pairs)."""
    y, _ = _check(y, s)
    return early_precision(y, s) / float(y.mean()) if y.any() else float("nan")


def precision_at_k_per_tf(tf, y, s, k: int = 10) -> float:
    """Mean over TFs with >= 1 positive of the precision of that TF's top-k pairs.

    A TF with fewer than k pairs uses all of them. Ties at the k-th score are broken at random in
    expectation (the tied pairs contribute their positive fraction), so the value does not depend on
    the order of the input."""
    y, s = _check(y, s)
    tf = np.asarray(tf).ravel()
    if not y.any():
        return float("nan")
    codes, tf_i = np.unique(tf, return_inverse=True)
    n_groups = len(codes)
    order = np.lexsort((-s, tf_i))
    ss = s[order]
    size = np.bincount(tf_i, minlength=n_groups)
    start = np.r_[0, np.cumsum(size)[:-1]]
    take = np.minimum(size, k)
    kth = ss[start + take - 1]                     # the k-th best score of each TF
    ref = kth[tf_i]
    above = s > ref
    tie = s == ref
    n_above = np.bincount(tf_i, weights=above, minlength=n_groups)
    p_above = np.bincount(tf_i, weights=above & y, minlength=n_groups)
    n_tie = np.bincount(tf_i, weights=tie, minlength=n_groups)
    p_tie = np.bincount(tf_i, weights=tie & y, minlength=n_groups)
    tp = p_above + (take - n_above) * p_tie / n_tie
    has_pos = np.bincount(tf_i, weights=y, minlength=n_groups) > 0
    return float(np.mean(tp[has_pos] / take[has_pos]))


def best_f1_threshold(y, s) -> float:
    """The score threshold (predict positive when score >= threshold) with the highest F1 on (y, s)."""
    fps, tps, thr = clf_curve(y, s)
    p = tps[-1]
    f1 = 2 * tps / (2 * tps + fps + (p - tps))
    return float(thr[int(np.argmax(f1))])


def threshold_metrics(y, s, threshold: float) -> dict[str, float]:
    y, s = _check(y, s)
    pred = s >= threshold
    tp = float((pred & y).sum())
    fp = float((pred & ~y).sum())
    fn = float((~pred & y).sum())
    tn = float(len(y) - tp - fp - fn)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    return {"accuracy": (tp + tn) / len(y), "precision": precision, "recall": recall, "f1": f1}


def all_metrics(tf, y, s, threshold: float | None = None, k: int = 10) -> dict[str, float]:
    """Every ranking metric, plus the thresholded ones when a threshold (chosen elsewhere) is given."""
    y, s = _check(y, s)
    out = {"auroc": auroc(y, s), "auprc": auprc(y, s), "auprc_trapezoid": auprc_trapezoid(y, s),
           "auprc_ratio": auprc_ratio(y, s), "epr": epr(y, s), "precision_at_k": precision_at_k_per_tf(tf, y, s, k),
           "n_pos": float(y.sum()), "n_neg": float((~y).sum()), "density": float(y.mean()) if len(y) else float("nan")}
    if threshold is not None:
        out.update(threshold_metrics(y, s, threshold), threshold=float(threshold))
    return out


def summarize(per_fold: pd.DataFrame, by: tuple[str, ...] = ("model", "protocol", "metric")) -> pd.DataFrame:
    """Mean and sample standard deviation (ddof=1) over folds of a long frame (…, metric, value)."""
    g = per_fold.groupby(list(by), sort=False)["value"]
    out = g.agg(mean="mean", sd=lambda v: float(np.std(v, ddof=1)) if len(v) > 1 else float("nan"),
                folds="count").reset_index()
    return out
