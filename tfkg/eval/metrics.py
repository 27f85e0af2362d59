"""Metrics of the three tasks. Link metrics first (numpy, checked against scikit-learn and BEELINE's
definitions; AUROC and average precision are scikit-learn's own), then expression and perturbation metrics.

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

from collections.abc import Callable
from typing import Any, Literal, overload

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from tfkg.errors import InputError

Curves = tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]  # (ROC points, PR points)

SUMMARY_METRICS = (
    "auroc",
    "auprc",
    "auprc_trapezoid",
    "auprc_ratio",
    "epr",
    "precision_at_k",
    "accuracy",
    "precision",
    "recall",
    "f1",
)


def _check(y: ArrayLike, s: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    y = np.asarray(y).astype(bool).ravel()
    s = np.asarray(s, dtype=float).ravel()
    if y.shape != s.shape:
        raise InputError(f"labels {y.shape} and scores {s.shape} differ in length")
    if not np.isfinite(s).all():
        raise InputError("scores contain NaN or infinity")
    return y, s


def clf_curve(y: ArrayLike, s: ArrayLike) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cumulative (false positives, true positives, threshold) at each distinct score, highest first."""
    y, s = _check(y, s)
    order = np.argsort(-s, kind="mergesort")
    s, y = s[order], y[order]
    last = np.r_[np.flatnonzero(np.diff(s)), len(s) - 1]  # last index of each run of equal scores
    tps = np.cumsum(y)[last].astype(float)
    fps = (last + 1) - tps
    return fps, tps, s[last]


def auroc(y: ArrayLike, s: ArrayLike) -> float:
    """scikit-learn's ROC AUC (ties count one half); NaN when only one class is present."""
    from sklearn.metrics import roc_auc_score

    y, s = _check(y, s)
    if y.all() or not y.any():
        return float("nan")
    return float(roc_auc_score(y, s))


def roc_points(y: ArrayLike, s: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    fps, tps, _ = clf_curve(y, s)
    return np.r_[0.0, fps / max(fps[-1], 1)], np.r_[0.0, tps / max(tps[-1], 1)]


def pr_points(y: ArrayLike, s: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """(recall, precision) at each distinct threshold, highest threshold first, starting at (0, 1)."""
    fps, tps, _ = clf_curve(y, s)
    precision = tps / (tps + fps)
    recall = tps / tps[-1] if tps[-1] else np.ones_like(tps)
    return np.r_[0.0, recall], np.r_[1.0, precision]


def auprc(y: ArrayLike, s: ArrayLike) -> float:
    """Average precision, scikit-learn's ``average_precision_score``; NaN without positives."""
    from sklearn.metrics import average_precision_score

    y, s = _check(y, s)
    if not y.any():
        return float("nan")
    return float(average_precision_score(y, s))


def auprc_trapezoid(y: ArrayLike, s: ArrayLike) -> float:
    """BEELINE's AUPRC: trapezoid rule over (recall, precision) points (optimistic interpolation)."""
    y, s = _check(y, s)
    if not y.any():
        return float("nan")
    recall, precision = pr_points(y, s)
    return float(np.sum(np.diff(recall) * (precision[1:] + precision[:-1]) / 2))


def auprc_ratio(y: ArrayLike, s: ArrayLike) -> float:
    y, _ = _check(y, s)
    return auprc(y, s) / float(y.mean()) if y.any() else float("nan")


def early_precision(y: ArrayLike, s: ArrayLike) -> float:
    """BEELINE early precision: precision among pairs scored >= the k-th best score, k = #positives."""
    y, s = _check(y, s)
    k = int(y.sum())
    if k == 0:
        return float("nan")
    kth = np.partition(s, len(s) - k)[len(s) - k]
    top = s >= kth
    return float(y[top].sum() / top.sum())


def epr(y: ArrayLike, s: ArrayLike) -> float:
    """Early-precision ratio: early precision over the density (positives / evaluated pairs)."""
    y, _ = _check(y, s)
    return early_precision(y, s) / float(y.mean()) if y.any() else float("nan")


def precision_at_k_per_tf(tf: ArrayLike, y: ArrayLike, s: ArrayLike, k: int = 10) -> float:
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
    kth = ss[start + take - 1]  # the k-th best score of each TF
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


def best_f1_threshold(y: ArrayLike, s: ArrayLike) -> float:
    """The score threshold (predict positive when score >= threshold) with the highest F1 on (y, s)."""
    fps, tps, thr = clf_curve(y, s)
    p = tps[-1]
    f1 = 2 * tps / (2 * tps + fps + (p - tps))
    return float(thr[int(np.argmax(f1))])


def threshold_metrics(y: ArrayLike, s: ArrayLike, threshold: float) -> dict[str, float]:
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


@overload
def all_metrics(
    tf: ArrayLike, y: ArrayLike, s: ArrayLike, threshold: float | None = None, k: int = 10, curves: Literal[False] = False
) -> dict[str, float]: ...


@overload
def all_metrics(
    tf: ArrayLike, y: ArrayLike, s: ArrayLike, threshold: float | None = None, k: int = 10, *, curves: Literal[True]
) -> tuple[dict[str, float], Curves]: ...


def all_metrics(
    tf: ArrayLike, y: ArrayLike, s: ArrayLike, threshold: float | None = None, k: int = 10, curves: bool = False
) -> dict[str, float] | tuple[dict[str, float], Curves]:
    """Every ranking metric, plus the thresholded ones when a threshold (chosen elsewhere) is given.

    One sort serves AUROC, average precision, the trapezoid AUPRC and the ROC/PR points (equal to
    ``auroc``/``auprc``, i.e. scikit-learn, to 1e-12: tested); with ``curves`` the (ROC, PR) points too."""
    y, s = _check(y, s)
    out = {"n_pos": float(y.sum()), "n_neg": float((~y).sum()), "density": float(y.mean()) if len(y) else float("nan")}
    fps, tps, _ = clf_curve(y, s)
    n_pos, n_neg = tps[-1], fps[-1]
    roc = (np.r_[0.0, fps / max(n_neg, 1)], np.r_[0.0, tps / max(n_pos, 1)])
    recall = np.r_[0.0, tps / n_pos] if n_pos else np.r_[0.0, np.ones_like(tps)]
    precision = np.r_[1.0, tps / (tps + fps)]
    pr = (recall, precision)
    ok = n_pos > 0 and n_neg > 0
    out["auroc"] = float(np.sum(np.diff(roc[0]) * (roc[1][1:] + roc[1][:-1]) / 2)) if ok else float("nan")
    out["auprc"] = float(np.sum(np.diff(recall) * precision[1:])) if n_pos else float("nan")
    out["auprc_trapezoid"] = float(np.sum(np.diff(recall) * (precision[1:] + precision[:-1]) / 2)) if n_pos else float("nan")
    out["auprc_ratio"] = out["auprc"] / out["density"] if n_pos else float("nan")
    out["epr"] = epr(y, s)
    out["precision_at_k"] = precision_at_k_per_tf(tf, y, s, k)
    if threshold is not None:
        out.update(threshold_metrics(y, s, threshold), threshold=float(threshold))
    return (out, (roc, pr)) if curves else out


def summarize(per_fold: pd.DataFrame, by: tuple[str, ...] = ("model", "protocol", "metric")) -> pd.DataFrame:
    """Mean and sample standard deviation (ddof=1) over folds of a long frame (…, metric, value)."""
    g = per_fold.groupby(list(by), sort=False)["value"]
    out = g.agg(mean="mean", sd=lambda v: float(np.std(v, ddof=1)) if len(v) > 1 else float("nan"), folds="count").reset_index()
    return out


# ------------------------------------------------------------------------------------------ expression


def _per_row_pcc(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Pearson r of each row of ``a`` with the same row of ``b``; NaN where either row is constant."""
    const = (np.ptp(a, axis=1) == 0) | (np.ptp(b, axis=1) == 0)
    a = a - a.mean(axis=1, keepdims=True)
    b = b - b.mean(axis=1, keepdims=True)
    den = np.sqrt((a * a).sum(1) * (b * b).sum(1))
    ok = ~const & (den > 0)
    return np.where(ok, (a * b).sum(1) / np.where(ok, den, 1), np.nan)


def _quiet(f: Callable[[np.ndarray], Any]) -> Callable[[ArrayLike], float]:
    """``f`` (nanmean/nanmedian) returning NaN silently on all-NaN input (e.g. PCC of a constant prediction)."""

    def g(v: ArrayLike) -> float:
        v = np.asarray(v)
        return f(v) if np.isfinite(v).any() else float("nan")

    return g


def expression_metrics(y: np.ndarray, pred: np.ndarray, train_mean: np.ndarray) -> tuple[dict[str, float], np.ndarray]:
    """Per-gene and flattened metrics of ``pred`` vs ``y`` (genes × held-out samples).

    Per gene: R² = 1 - SSE / SS around the held-out mean (sklearn's ``r2_score`` per output) and Pearson r — a
    gene the model predicts as constant scores r = 0, not NaN, so every model is scored on the same genes (those
    whose held-out values vary); ``constant_genes`` counts them.
    ``beats_mean_share``: genes whose MSE is below that of predicting the gene's training mean.
    ``*_flat``: one number over every gene × sample value (labelled: inflated by between-gene variance).
    Returns the metrics and the per-gene R² (for plots)."""
    y, pred = np.asarray(y, dtype=np.float64), np.asarray(pred, dtype=np.float64)
    if y.shape != pred.shape:
        raise InputError(f"predicted {pred.shape} but observed {y.shape}")
    if not np.isfinite(pred).all():
        raise InputError("predictions contain NaN or infinity")
    sse = ((y - pred) ** 2).sum(1)
    sst = ((y - y.mean(1, keepdims=True)) ** 2).sum(1)
    with np.errstate(invalid="ignore", divide="ignore"):
        r2 = np.where(sst > 1e-12, 1 - sse / np.where(sst > 1e-12, sst, 1), np.nan)
    pcc = _per_row_pcc(y, pred)
    flat_pred = (np.ptp(pred, axis=1) == 0) & (np.ptp(y, axis=1) > 0)
    pcc[flat_pred] = 0.0
    mse_mean = ((y - np.asarray(train_mean)[:, None]) ** 2).mean(1)
    flat_y, flat_p = y.ravel(), pred.ravel()
    nanmedian, nanmean = _quiet(np.nanmedian), _quiet(np.nanmean)
    out = {
        "r2_gene_median": float(nanmedian(r2)),
        "r2_gene_mean": float(nanmean(r2)),
        "pcc_gene_median": float(nanmedian(pcc)),
        "pcc_gene_mean": float(nanmean(pcc)),
        "beats_mean_share": float((sse / y.shape[1] < mse_mean - 1e-12).mean()),
        "pcc_flat": float(np.corrcoef(flat_y, flat_p)[0, 1]) if flat_p.std() > 0 else float("nan"),
        "r2_flat": float(1 - ((flat_y - flat_p) ** 2).sum() / ((flat_y - flat_y.mean()) ** 2).sum()),
        "mse": float(((y - pred) ** 2).mean()),
        "n_genes": float(y.shape[0]),
        "n_samples": float(y.shape[1]),
        "constant_genes": float(flat_pred.sum()),
    }
    return out, r2


# ------------------------------------------------------------------------------------------ perturbation


def perturbation_metrics(
    obs: np.ndarray,
    pred: np.ndarray,
    perturbed: np.ndarray,
    changed_threshold: float,
    top: int = 20,
    control: np.ndarray | None = None,
) -> dict[str, float]:
    """Change-from-control metrics over held-out experiments (rows), the perturbed genes' own columns left out.

    ``perturbed`` is (n,) for single perturbations or (n, k) for combinations (-1 pads fewer genes).

    ``delta_pcc``          Pearson r of predicted vs observed change per experiment, averaged (a constant
                           prediction, e.g. no change, has no correlation: counted as 0);
    ``delta_mse``          mean squared error of the change;
    ``top20_sign_acc``     share of the ``top`` most-changed genes (by observed |change|) whose predicted change
                           has the observed sign (a zero prediction has no sign: wrong);
    ``delta_spearman_de``  Spearman rho of predicted vs observed change over the changed genes
                           (|observed| > threshold; experiments with fewer than 3 are skipped; constant = 0);
    ``changed_auroc``      AUROC of |predicted change| for the changed genes;
    ``full_pcc``           (with ``control``) Pearson r of the full predicted vs observed profile after the
                           perturbation: **not a change metric**; high for any prediction near the control.
    """
    obs, pred = np.asarray(obs, dtype=np.float64), np.asarray(pred, dtype=np.float64)
    if obs.shape != pred.shape:
        raise InputError(f"predicted {pred.shape} but observed {obs.shape}")
    if not np.isfinite(pred).all():
        raise InputError("predictions contain NaN or infinity")
    genes = np.asarray(perturbed, dtype=np.int64).reshape(len(obs), -1)
    mask = np.ones_like(obs, dtype=bool)
    rows, cols = np.nonzero(genes >= 0)
    mask[rows, genes[rows, cols]] = False
    r, mse, sign, auc, rho, full = [], [], [], [], [], []
    for i in range(len(obs)):
        o, p = obs[i, mask[i]], pred[i, mask[i]]
        rr = _per_row_pcc(o[None], p[None])[0]
        r.append(0.0 if np.isnan(rr) else rr)
        mse.append(((o - p) ** 2).mean())
        idx = np.argsort(-np.abs(o), kind="stable")[:top]
        sign.append(float((np.sign(p[idx]) == np.sign(o[idx])).mean()))
        changed = np.abs(o) > changed_threshold
        auc.append(auroc(changed, np.abs(p)) if 0 < changed.sum() < len(changed) else np.nan)
        if changed.sum() >= 3:
            rs = _per_row_pcc(_ranks(o[changed])[None], _ranks(p[changed])[None])[0]
            rho.append(0.0 if np.isnan(rs) else rs)
        if control is not None:
            c = np.asarray(control, dtype=np.float64)[mask[i]]
            full.append(_per_row_pcc((c + o)[None], (c + p)[None])[0])
    out = {
        "delta_pcc": float(np.mean(r)),
        "delta_mse": float(np.mean(mse)),
        "top20_sign_acc": float(np.mean(sign)),
        "delta_spearman_de": float(np.mean(rho)) if rho else float("nan"),
        "changed_auroc": float(_quiet(np.nanmean)(auc)),
        "n_experiments": float(len(obs)),
    }
    if control is not None:
        out["full_pcc"] = float(_quiet(np.nanmean)(full))
    return out


def _ranks(v: np.ndarray) -> np.ndarray:
    """Average ranks (ties share their mean rank), for Spearman's rho."""
    return pd.Series(v).rank().to_numpy()
