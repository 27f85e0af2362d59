"""``hetnet-lr`` and ``hetnet-gbm``: a classifier on the hetnet features of a pair (``features.py``).

Rephetio (Himmelstein et al., "Systematic integration of biomedical knowledge prioritizes drugs for
repurposing", eLife 6:e26726, 2017): elastic-net logistic regression on DWPC features, one coefficient per
meta-path. ``hetnet-gbm`` puts gradient-boosted trees (scikit-learn's histogram GBM) on the same features.
Both train on the snapshot's positives against the training negatives the harness gives (as ENS does), and
score any pair by the same function.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

import numpy as np

from tfkg.data.snapshot import CLAIM_LINKS, REG, Snapshot, drop_claims
from tfkg.models.base import Explains, LinkPredictor, ParamError, Signed
from tfkg.models.hetnet.features import METAPATHS, SOURCES, feature_tensor
from tfkg.models.hetnet.sign import EVIDENCE as SIGN_EVIDENCE
from tfkg.models.hetnet.sign import SignHead

HETIONET = (
    "Himmelstein DS, Lizee A, Hessler C, et al. Systematic integration of biomedical knowledge prioritizes "
    "drugs for repurposing. eLife 6:e26726 (2017)"
)


def _check_sources(sources: tuple[str, ...]) -> None:
    bad = sorted(set(sources) - set(SOURCES))
    if bad or not sources:
        raise ParamError(f"sources must be a non-empty subset of {', '.join(SOURCES)}; got {', '.join(bad) or 'none'}")


@dataclass(frozen=True)
class HetnetLRParams:
    """hetnet-lr parameters.

    sources: the evidence sources whose meta-paths become features (a non-empty subset of SOURCES;
        "degree" adds the TF's and target's training degrees)
    damping: DWPC degree-damping exponent, >= 0 (0 = plain path counts; Himmelstein et al. use 0.4)
    C: inverse regularisation strength of the elastic-net logistic regression, > 0
    l1_ratio: elastic-net mix in [0, 1] (0 = ridge, 1 = lasso)
    cold_tfs: share of TFs, in [0, 1), whose training rows are computed as if all their edges were unknown
        (teaches the model what a new TF without training edges looks like)
    """

    sources: tuple[str, ...] = SOURCES
    damping: float = 0.4
    C: float = 1.0  # inverse regularisation strength
    l1_ratio: float = 0.5  # elastic-net mix (0 = ridge, 1 = lasso)
    cold_tfs: float = 0.0  # share of TFs whose training rows are computed as if all their edges were unknown

    def check(self) -> None:
        _check_sources(self.sources)
        if not 0 <= self.cold_tfs < 1:
            raise ParamError("cold_tfs must be in [0, 1)")
        if not (0 <= self.l1_ratio <= 1) or self.C <= 0 or self.damping < 0:
            raise ParamError("need C > 0, 0 <= l1_ratio <= 1 and damping >= 0")


@dataclass(frozen=True)
class HetnetGBMParams:
    """hetnet-gbm parameters.

    sources: the evidence sources whose meta-paths become features (a non-empty subset of SOURCES;
        "degree" adds the TF's and target's training degrees)
    damping: DWPC degree-damping exponent, >= 0 (0 = plain path counts; Himmelstein et al. use 0.4)
    max_iter: number of boosting iterations (trees), >= 1
    learning_rate: shrinkage of each tree's contribution, > 0
    max_leaf_nodes: most leaves per tree, >= 2
    l2_regularization: L2 penalty on the leaf values (scikit-learn HistGradientBoostingClassifier)
    cold_tfs: share of TFs, in [0, 1), whose training rows are computed as if all their edges were unknown
        (teaches the model what a new TF without training edges looks like)
    """

    sources: tuple[str, ...] = SOURCES
    damping: float = 0.4
    max_iter: int = 200
    learning_rate: float = 0.05
    max_leaf_nodes: int = 15
    l2_regularization: float = 1.0
    cold_tfs: float = 0.0  # share of TFs whose training rows are computed as if all their edges were unknown

    def check(self) -> None:
        _check_sources(self.sources)
        if not 0 <= self.cold_tfs < 1:
            raise ParamError("cold_tfs must be in [0, 1)")
        if self.max_iter < 1 or self.learning_rate <= 0 or self.max_leaf_nodes < 2:
            raise ParamError("need max_iter >= 1, learning_rate > 0 and max_leaf_nodes >= 2")


class _Hetnet(LinkPredictor, Explains, Signed):
    """Shared: features of every pair from the training snapshot, training rows, scoring and evidence."""

    def _fit_classifier(self) -> None:
        """Fit the subclass's classifier on the saved training rows (``self.train_x``, ``self.train_y``)."""
        raise NotImplementedError

    def _decision(self, x: np.ndarray) -> np.ndarray:
        """The classifier's score of feature rows ``x``."""
        raise NotImplementedError

    def fit(self, snapshot: Snapshot, train_negatives: np.ndarray | None = None, seed: int = 0) -> "_Hetnet":
        self.X, self.feature_names = feature_tensor(snapshot, self.params.sources, self.params.damping)
        pos = snapshot.positives
        if train_negatives is None or len(train_negatives) == 0:  # none given: random unobserved pairs
            from tfkg.data.negatives import training_negatives

            train_negatives = training_negatives(snapshot, "random", seed)
        neg = np.asarray(train_negatives, dtype=np.int64)
        pairs = np.vstack([pos, neg])
        self.train_x = self._rows(pairs)
        # A positive's own edge counts in its TF's and target's degree; a held-out edge never does. Leave it out
        # (leave-one-out degrees), or the model learns "degree 0 = never an edge" from a bias of the training rows.
        for j, n in enumerate(self.feature_names):
            if n in ("deg_T", "deg_G"):
                self.train_x[: len(pos), j] = np.log1p(np.maximum(np.expm1(self.train_x[: len(pos), j]) - 1, 0))
        if self.params.cold_tfs > 0:
            self._cold_rows(snapshot, pairs, seed)
        self.train_y = np.r_[np.ones(len(pos)), np.zeros(len(neg))].astype(np.float32)
        self.seed = int(seed)
        self._fit_classifier()
        signs = snapshot.edge_signs.get(REG)
        self.sign_pairs = pos if signs is not None else np.zeros((0, 2), np.int64)
        self.sign_y = signs.astype(np.int8) if signs is not None else np.zeros(0, np.int8)
        self._fit_sign()
        # where each feature's value sits among all pairs (for evidence in words)
        self.feature_top = np.array([np.quantile(f, 0.95) for f in self.X], dtype=np.float32)
        return self

    def _sign_evidence(self, pairs: np.ndarray) -> np.ndarray | None:
        cols = [i for i, n in enumerate(self.feature_names) if n in SIGN_EVIDENCE]
        # index features and pairs together: no copy of the whole (features, TFs, targets) slice per call
        return self.X[np.asarray(cols)[:, None], pairs[:, 0], pairs[:, 1]].T if cols else None

    def _fit_sign(self) -> None:
        """The sign head (``sign.py``) on the signed training edges; none when the source has no signs."""
        self._sign = None
        if (self.sign_y != 0).any():
            n_tf, n_tg = self.X.shape[1], self.X.shape[2]
            self._sign = SignHead(seed=self.seed).fit(
                self.sign_pairs, self.sign_y, n_tf, n_tg, self._sign_evidence(self.sign_pairs)
            )

    def sign_calibration(self) -> dict[str, float]:
        return dict(getattr(self._sign, "calibration", None) or {})

    def signs(self, pairs: np.ndarray) -> np.ndarray | None:
        """+1 (activates) / -1 (represses) per pair from the sign head, or None without signed training edges."""
        if self._sign is None:
            return None
        pairs = np.asarray(pairs, dtype=np.int64)
        return self._sign.sign(pairs, self._sign_evidence(pairs))

    def _cold_rows(self, snapshot: Snapshot, pairs: np.ndarray, seed: int) -> None:
        """A new TF has no training edge, so every feature built on its edges is 0, a region where the training
        rows hold no positive. Recompute the rows of a random ``cold_tfs`` share of the TFs as if all their edges
        were unknown, and without any of their claim links, as the export drops them for a held-out TF."""
        reg = snapshot.edges[REG]
        tfs = np.unique(reg[0])
        rng = np.random.default_rng(seed)
        cold = rng.choice(tfs, max(1, int(round(self.params.cold_tfs * len(tfs)))), replace=False)
        hidden = np.isin(reg[0], cold)
        n_tg = snapshot.num_nodes("target")
        links = {
            name: drop_claims(link, np.zeros(0, np.int64), cold, n_tg) if name.startswith(CLAIM_LINKS) else link
            for name, link in snapshot.links.items()
        }
        cold_snap = replace(snapshot, edges={**snapshot.edges, REG: reg[:, ~hidden]}, links=links)
        xc, _ = feature_tensor(cold_snap, self.params.sources, self.params.damping)
        rows = np.isin(pairs[:, 0], cold)
        self.train_x[rows] = xc[:, pairs[rows, 0], pairs[rows, 1]].T

    def _rows(self, pairs: np.ndarray) -> np.ndarray:
        pairs = np.asarray(pairs, dtype=np.int64)
        return self.X[:, pairs[:, 0], pairs[:, 1]].T

    def score(self, pairs: np.ndarray) -> np.ndarray:
        return self._decision(self._rows(pairs))

    def score_matrix(self, tf_rows: np.ndarray, n_target: int) -> np.ndarray:
        """Scores of every target for ``tf_rows``, exactly as :meth:`score` gives them, faster: a pair with no
        evidence (every meta-path 0) has only its TF's and target's degrees, so those pairs — 60% of a genome-wide
        snapshot — are scored once per distinct (TF degree, target degree) and looked up; the rest row by row."""
        tf_rows = np.asarray(tf_rows, dtype=np.int64)
        x = self.X[:, tf_rows, :]
        names = self.feature_names
        ev = [i for i, n in enumerate(names) if n not in ("deg_T", "deg_G")]
        has = (x[ev] != 0).any(0) if ev else np.zeros(x.shape[1:], dtype=bool)
        out = np.empty(x.shape[1:], dtype=np.float64)
        out[has] = self._decision(x[:, has].T)
        if (~has).any():
            # deg_T is constant along a TF's row and deg_G down a target's column (features.dwpc_matrices)
            row_v = [x[i, :, 0] if n == "deg_T" else np.zeros(x.shape[1], np.float32) for i, n in enumerate(names)]
            col_v = [x[i, 0, :] if n == "deg_G" else np.zeros(x.shape[2], np.float32) for i, n in enumerate(names)]
            ur, rc = np.unique(np.stack(row_v, 1), axis=0, return_inverse=True)
            uc, cc = np.unique(np.stack(col_v, 1), axis=0, return_inverse=True)
            table = self._decision((ur[:, None, :] + uc[None, :, :]).reshape(-1, len(names))).reshape(len(ur), len(uc))
            r, c = np.nonzero(~has)
            out[r, c] = table[rc.ravel()[r], cc.ravel()[c]]
        return out

    def importance(self) -> dict[str, float]:
        """Each meta-path's weight in the model (see subclasses), for the report."""
        raise NotImplementedError

    def evidence(self, pairs: np.ndarray, top: int = 3) -> list[list[str]]:
        """For each pair, up to ``top`` meta-paths in words, the model's most important first, among those on
        which the pair stands out (value above the 95th percentile of all pairs, and above 0)."""
        x = self._rows(pairs)
        imp = self.importance()
        names = self.feature_names
        words = np.array([f"{METAPATHS[n][1]} ({n})" for n in names], dtype=object)
        weight = np.array([abs(imp[n]) for n in names]) + 1e-12  # the model's most important first
        stands_out = (x > 0) & (x >= self.feature_top) & ~np.array([n.startswith("deg_") for n in names])
        key = np.where(stands_out, weight, -1.0)
        best = np.argsort(-key, axis=1, kind="stable")[:, :top]
        keep = np.take_along_axis(key, best, 1) > 0
        return [list(words[b[k]]) for b, k in zip(best, keep)]

    def load_state(self, state) -> None:
        super().load_state(state)
        self.feature_names = list(self.feature_names)
        self._fit_classifier()  # deterministic refit from the saved training rows (no pickles)
        if not hasattr(self, "sign_y"):  # saved before the sign head existed
            self.sign_pairs, self.sign_y = np.zeros((0, 2), np.int64), np.zeros(0, np.int8)
        self._fit_sign()

    def state(self):
        s = super().state()
        s.pop("clf", None)
        s.pop("_sign", None)
        return s


class HetnetLR(_Hetnet):
    """Rephetio's model: elastic-net logistic regression on standardised hetnet features; the coefficients
    (on standardised features) are the meta-paths' weights."""

    name = "hetnet-lr"
    citation = HETIONET
    Params: ClassVar[type] = HetnetLRParams
    requires = frozenset({"edges"})
    uses = frozenset({"features", "priors", "hetnet"})  # meta-paths over whichever of them the dataset has

    def _fit_classifier(self) -> None:
        from sklearn.linear_model import LogisticRegression

        self.mean = self.train_x.mean(0)
        self.scale = np.where(self.train_x.std(0) > 0, self.train_x.std(0), 1.0)
        self.clf = LogisticRegression(
            solver="saga",
            C=self.params.C,  # 0 < l1_ratio < 1: elastic net
            l1_ratio=self.params.l1_ratio,
            max_iter=3000,
            tol=1e-5,
            random_state=self.seed,
        ).fit((self.train_x - self.mean) / self.scale, self.train_y)

    def _decision(self, x: np.ndarray) -> np.ndarray:
        return ((x - self.mean) / self.scale) @ self.clf.coef_[0] + self.clf.intercept_[0]

    def importance(self) -> dict[str, float]:
        return dict(zip(self.feature_names, self.clf.coef_[0].tolist()))


class HetnetGBM(_Hetnet):
    """Gradient-boosted trees (scikit-learn ``HistGradientBoostingClassifier``) on the hetnet features;
    importance = permutation importance (AUROC drop) on the training rows."""

    name = "hetnet-gbm"
    citation = HETIONET + "; trees: Friedman, Ann Stat 29:1189 (2001), as in scikit-learn"
    Params: ClassVar[type] = HetnetGBMParams
    # genome: half the trees at twice the step (the same learning_rate x max_iter): scoring ~31M pairs costs time per
    # tree (HistGradientBoosting predicts ~150k rows/s at 200 trees on 2 cores)
    PRESETS: ClassVar[dict] = {"genome": {"learning_rate": 0.1, "max_iter": 100}}
    requires = frozenset({"edges"})
    uses = frozenset({"features", "priors", "hetnet"})  # meta-paths over whichever of them the dataset has

    def _fit_classifier(self) -> None:
        from sklearn.ensemble import HistGradientBoostingClassifier

        p = self.params
        self.clf = HistGradientBoostingClassifier(
            max_iter=p.max_iter,
            learning_rate=p.learning_rate,
            max_leaf_nodes=p.max_leaf_nodes,
            l2_regularization=p.l2_regularization,
            early_stopping=False,
            random_state=self.seed,
        ).fit(self.train_x, self.train_y)

    def _decision(self, x: np.ndarray) -> np.ndarray:
        return self.clf.decision_function(x)

    def importance(self) -> dict[str, float]:
        if getattr(self, "_importance", None) is None:
            from sklearn.inspection import permutation_importance

            r = permutation_importance(
                self.clf, self.train_x, self.train_y, scoring="roc_auc", n_repeats=3, random_state=self.seed
            )
            self._importance = dict(zip(self.feature_names, r.importances_mean.tolist()))
        return self._importance
