"""The link task: k folds over positive TF->target edges, protocol negatives, ranking metrics, ROC/PR curves."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tfkg import config
from tfkg.data.datasets import dataset_spec
from tfkg.data.negatives import reachable_mask
from tfkg.data.snapshot import CLAIM_LINKS, Snapshot
from tfkg.errors import InputError, LeakageError, UnknownNameError
from tfkg.eval import metrics as M
from tfkg.eval import protocols as P
from tfkg.eval import splits as S
from tfkg.eval.splits import pair_codes
from tfkg.eval.tasks import Task

DENSE_LIMIT = 50_000_000  # score every pair at once below this many TF x target pairs
HEADLINE = ("auroc", "auprc", "auprc_trapezoid", "auprc_ratio", "epr", "precision_at_k", "f1")


def check_training_snapshot(snap: Snapshot, full: Snapshot, u: P.Universe, fold: P.Fold) -> None:
    """Raise :class:`LeakageError` unless ``snap`` holds exactly the fold's training positives."""
    if snap.nodes["tf"] != full.nodes["tf"] or snap.nodes["target"] != full.nodes["target"]:
        raise LeakageError("training snapshot members differ from the full snapshot (graph changed mid-run?)")
    got = pair_codes(snap.positives, u.n_target)
    held = pair_codes(fold.split.held_out, u.n_target)
    leaked = np.intersect1d(got, held)
    if leaked.size:
        raise LeakageError(
            f"{fold.name}: {leaked.size} held-out edge(s) reached the training snapshot, "
            f"e.g. {u.keys(S.from_codes(leaked[:3], u.n_target))}"
        )
    evaluated = np.unique(pair_codes(fold.eval_pairs(), u.n_target))
    cold = cold_tfs(fold)
    for name, link in snap.links.items():  # hetnet: another source's claim on an evaluated pair (orthologs, …)
        if name.startswith(CLAIM_LINKS):
            ei = link.edge_index
            copied = np.unique(
                np.r_[
                    np.intersect1d(pair_codes(ei.T, u.n_target), evaluated), pair_codes(ei[:, np.isin(ei[0], cold)].T, u.n_target)
                ]
            )
            if copied.size:
                raise LeakageError(
                    f"{fold.name}: {name} claims on {copied.size} evaluated pair(s) (test or validation, positive "
                    f"or negative, or of a held-out TF) reached the training snapshot, "
                    f"e.g. {u.keys(S.from_codes(copied[:3], u.n_target))}"
                )
    want = np.unique(pair_codes(fold.split.train, u.n_target))
    if not np.array_equal(np.unique(got), want):
        raise LeakageError(f"{fold.name}: training snapshot has {got.size} edges, the split {want.size}")


def cold_tfs(fold: P.Fold) -> np.ndarray:
    """The fold's TFs with held-out edges and no training edge (a held-out TF): every claim of theirs is dropped."""
    held = np.unique(np.asarray(fold.split.held_out).reshape(-1, 2)[:, 0])
    return np.setdiff1d(held, np.asarray(fold.split.train).reshape(-1, 2)[:, 0])


def claim_exclusions(u: P.Universe, fold: P.Fold) -> dict:
    """``export_snapshot`` arguments that drop claim links on every pair the fold evaluates, by pair and not by
    label: test and validation pairs, positives and negatives, and every pair of a held-out TF."""
    return {"exclude_claims": fold.eval_pairs(), "exclude_claim_tfs": [u.tfs[i] for i in cold_tfs(fold)]}


def _curve(x: np.ndarray, y: np.ndarray, n: int = 1500) -> tuple[np.ndarray, np.ndarray]:
    if len(x) <= n:
        return x, y
    idx = np.unique(np.r_[np.linspace(0, len(x) - 1, n).astype(int), len(x) - 1])
    return x[idx], y[idx]


@dataclass
class LinkFold:
    fold: P.Fold
    train_negatives: np.ndarray | None = None

    @property
    def name(self) -> str:
        return self.fold.name


class LinkTask(Task[LinkFold]):
    """Held-out TF->target edges: k folds over edges (or TFs), negatives from the chosen protocol, training
    snapshots re-exported without the held-out pairs and checked."""

    name = "link"
    model_task = "link"
    headline = HEADLINE
    modalities = frozenset({"edges"})

    def __init__(self, graph, full: Snapshot, cfg):
        self.graph, self.full, self.cfg = graph, full, cfg
        spec = dataset_spec(cfg.dataset)
        self.proto = P.get(cfg.protocol)
        self.protocol = cfg.protocol
        reach = (lambda: reachable_mask(full)) if spec.association_source else None
        split_dir = cfg.split_dir
        gene_symbols = None
        if spec.split_dir_hint or cfg.protocol == "file":
            split_dir = split_dir or P.genelink_split_dir(cfg.dataset, config.data_root())
            gene_symbols = dict(zip((int(i) for i in full.meta["member_indices"]["target"]), full.nodes["target"]))
        self.u = P.Universe(
            cfg.dataset,
            full.nodes["tf"],
            full.nodes["target"],
            full.positives,
            reachable=reach,
            split_dir=split_dir,
            gene_symbols=gene_symbols,
        )

    def default_baselines(self) -> list[str]:
        extra = ["prior"] if self.cfg.dataset.startswith("beeline:") else []
        if self.full.expression is not None:
            extra += ["pcc", "mi"]
        return ["random", "degree", "edge-prior", *extra]

    def folds(self) -> list[LinkFold]:
        cfg, u = self.cfg, self.u
        splits = None
        if cfg.holdout_tfs:
            index = {s: i for i, s in enumerate(u.tfs)}
            unknown = [s for s in cfg.holdout_tfs if s not in index]
            if unknown:
                raise UnknownNameError(f"not TFs of {cfg.dataset!r}: {', '.join(unknown)}")
            splits = [
                S.split_validation(S.holdout_tfs(u.positives, [index[s] for s in cfg.holdout_tfs]), cfg.val_fraction, cfg.seed)
            ]
        elif cfg.split == "811" and cfg.protocol != "file":
            # one seeded split: 80% train, 10% validation, 10% test (of the edges, or of the TFs for heldout-tf)
            splits = [S.split_811(u.positives, cfg.seed, by_tf=cfg.protocol == "heldout-tf")]
            return [LinkFold(f) for f in self.proto.folds(u, 1, cfg.seed, 0.0, splits)]
        elif cfg.split not in ("kfold", "811"):
            raise InputError(f"split must be kfold or 811, not {cfg.split!r}")
        return [LinkFold(f) for f in self.proto.folds(u, cfg.folds, cfg.seed, cfg.val_fraction, splits)]

    def export_kwargs(self, fold: LinkFold) -> dict:
        return {"exclude": self.u.keys(fold.fold.split.held_out), **claim_exclusions(self.u, fold.fold)}

    def check(self, snap: Snapshot, fold: LinkFold, index: int) -> None:
        check_training_snapshot(snap, self.full, self.u, fold.fold)
        fold.train_negatives = P.training_negatives(
            self.cfg.train_negatives, self.u, fold.fold, self.proto, self.cfg.seed + index
        )

    def fold_info(self, fold: LinkFold) -> dict:
        f = fold.fold
        return {
            "fold": f.name,
            "train_pos": len(f.split.train),
            "test_pos": int(f.test.labels.sum()),
            "test_neg": int((~f.test.labels).sum()),
            "val_pos": 0 if f.val is None else int(f.val.labels.sum()),
            "val_neg": 0 if f.val is None else int((~f.val.labels).sum()),
            "train_neg": 0 if fold.train_negatives is None else len(fold.train_negatives),
            "threshold_on": f.threshold_on,
        }

    def score(self, model, fold: LinkFold) -> tuple[dict[str, float], object]:
        """Score the fold's test and threshold pairs (from one score matrix when it fits in memory)."""
        f, u = fold.fold, self.u
        thr_set = f.threshold_set()
        if u.n_tf * u.n_target <= DENSE_LIMIT:
            matrix = np.asarray(model.score_matrix(np.arange(u.n_tf), u.n_target), dtype=float)
            if matrix.shape != (u.n_tf, u.n_target):
                raise InputError(f"{model.name}.score_matrix returned {matrix.shape}, not {(u.n_tf, u.n_target)}")
            if self.cfg.keep_scores:
                self.kept = getattr(self, "kept", {})
                self.kept[(model.name, f.name)] = matrix
            s_test = matrix[f.test.pairs[:, 0], f.test.pairs[:, 1]]
            s_thr = matrix[thr_set.pairs[:, 0], thr_set.pairs[:, 1]]
        else:
            all_codes = np.unique(np.r_[pair_codes(f.test.pairs, u.n_target), pair_codes(thr_set.pairs, u.n_target)])
            all_pairs = S.from_codes(all_codes, u.n_target)
            scores = np.asarray(model.score(all_pairs), dtype=float).ravel()
            if scores.shape != (len(all_pairs),):
                raise InputError(f"{model.name}.score returned {scores.shape} scores for {len(all_pairs)} pairs")
            s_test = scores[np.searchsorted(all_codes, pair_codes(f.test.pairs, u.n_target))]
            s_thr = scores[np.searchsorted(all_codes, pair_codes(thr_set.pairs, u.n_target))]
        thr = M.best_f1_threshold(thr_set.labels, s_thr)
        vals, (roc, pr) = M.all_metrics(f.test.pairs[:, 0], f.test.labels, s_test, thr, self.cfg.k, curves=True)
        return vals, (_curve(*roc), _curve(*pr))

    def describe(self, info: dict) -> list[str]:
        return [
            f"- dataset: `{info['dataset']}` ({self.u.n_tf} TFs × {self.u.n_target} targets, "
            f"{int(self.u.candidates.sum()):,} candidate pairs, {len(self.u.positives):,} positives)",
            f"- protocol: **{self.protocol}**: evaluation negatives = {self.proto.summary}",
            f"- training negatives: **{self.cfg.train_negatives}**: {P.TRAIN_NEGATIVES[self.cfg.train_negatives]}",
            f"- thresholded metrics (accuracy, precision, recall, F1): threshold maximising F1 on "
            f"**{info['fold_info'][0]['threshold_on'] if info['fold_info'] else ''}**",
            "- AUPRC = average precision; `auprc_trapezoid` = BEELINE's trapezoid AUPRC (optimistic); "
            "`auprc_ratio` = AUPRC / positive fraction; `epr` = BEELINE early-precision ratio; "
            f"`precision_at_k` = mean over TFs of precision@{self.cfg.k}",
            "- held-out edges excluded from every training snapshot by the export query and checked",
        ] + (
            [
                f"- no TF→Disease→Disease→Target path (enhanced negatives' pool): {info['unreachable_candidates']:.1%} "
                f"of candidate pairs, {info['unreachable_positives']:.1%} of the known edges"
            ]
            if "unreachable_candidates" in info
            else []
        )

    def summary_info(self) -> dict:
        return {
            "protocol_summary": self.proto.summary,
            "train_negatives_summary": P.TRAIN_NEGATIVES[self.cfg.train_negatives],
            "candidate_pairs": int(self.u.candidates.sum()),
            "positives": int(len(self.u.positives)),
            "n_tf": self.u.n_tf,
            "n_target": self.u.n_target,
            **(self.u.unreachable_shares() or {}),
        }

    def plot(self, curves: dict, summary, info: dict, out: Path) -> dict[str, Path]:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        def mean_of(m, metric):
            r = summary[(summary.model == m) & (summary.metric == metric)]
            return float(r["mean"].iloc[0]) if len(r) else float("nan")

        paths = {"roc": out / "roc.png", "pr": out / "pr.png"}
        colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
        title = f"{info['dataset']} · {info['protocol']} · {info['folds']} fold(s)"
        for path, idx, metric, xl, yl in (
            (paths["roc"], 0, "auroc", "false positive rate", "true positive rate"),
            (paths["pr"], 1, "auprc", "recall", "precision"),
        ):
            fig, ax = plt.subplots(figsize=(5.5, 5), dpi=110)
            for ci, m in enumerate(info["models"]):
                first = True
                for (name, _fold), c in curves.items():
                    if name != m:
                        continue
                    x, y = c[idx]
                    ax.plot(
                        x,
                        y,
                        color=colors[ci % len(colors)],
                        lw=1,
                        alpha=0.7,
                        label=f"{m} ({metric.upper()} {mean_of(m, metric):.3f})" if first else None,
                    )
                    first = False
            if idx == 0:
                ax.plot([0, 1], [0, 1], ls=":", color="grey", lw=0.8)
            else:
                dens = summary[(summary.model == info["model"]) & (summary.metric == "density")]["mean"]
                if len(dens):
                    ax.axhline(float(dens.iloc[0]), ls=":", color="grey", lw=0.8, label="chance")
            ax.set_xlabel(xl)
            ax.set_ylabel(yl)
            ax.set_title(title, fontsize=9)
            ax.legend(fontsize=7, loc="lower right" if idx == 0 else "upper right")
            fig.tight_layout()
            fig.savefig(path)
            plt.close(fig)
        return paths
