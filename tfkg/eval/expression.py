"""The expression task: predict held-out samples' target-gene expression from their TF expression.

Folds hold out whole *groups* of samples (subjects for the flu time course, cells for BEELINE, single
samples where samples are independent), seeded; the training snapshot is exported without the held-out
samples and checked. Metrics are per gene first (``tfkg.eval.metrics.expression_metrics``); flattened
numbers are reported beside them and labelled as flattened.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from tfkg.data.folds import group_kfold
from tfkg.data.snapshot import SIGNED_PRIORS, Snapshot
from tfkg.errors import InputError
from tfkg.eval import metrics as M
from tfkg.eval.link import LeakageError
from tfkg.eval.tasks import Task
from tfkg.models.base import expression_io

HEADLINE = (
    "r2_gene_median",
    "r2_gene_mean",
    "pcc_gene_median",
    "beats_mean_share",
    "pcc_flat",
    "r2_flat",
    "mse",
    "constant_genes",
)


@dataclass
class GroupFold:
    """One fold of a task that holds out whole groups of samples or experiments."""

    name: str
    test: np.ndarray  # bool over the full snapshot's samples / experiments
    train_ids: list[str]
    test_ids: list[str]


def group_folds(ids: list[str], groups: np.ndarray, k: int, seed: int) -> list[GroupFold]:
    ids_ = np.array(ids, dtype=object)
    return [GroupFold(f"fold-{i}", m, list(ids_[~m]), list(ids_[m])) for i, m in enumerate(group_kfold(groups, k, seed))]


def check_held_out(got: list[str], fold: GroupFold, what: str) -> None:
    """Raise ``LeakageError`` unless the training snapshot's ``what`` are exactly the fold's training ones."""
    leaked = set(got) & set(fold.test_ids)
    if leaked:
        raise LeakageError(f"{fold.name}: {len(leaked)} held-out {what} reached the training snapshot, e.g. {sorted(leaked)[:3]}")
    if set(got) != set(fold.train_ids):
        raise LeakageError(f"{fold.name}: training snapshot has {len(set(got))} {what}, the split {len(fold.train_ids)}")


class GroupTask(Task[GroupFold]):
    """A task whose folds hold out whole groups of ids (samples, experiments): the split, the export
    exclusion and the leakage check are the same; subclasses say which ids, which groups and which
    ``export_snapshot`` argument excludes them."""

    exclude_kw: str = ""  # export_snapshot argument that leaves a fold's ids out
    what: str = ""  # the ids, in messages
    full: Snapshot
    groups: np.ndarray  # each id's group: a fold holds out whole groups
    cfg: Any  # the harness's EvalConfig

    def ids(self, snap: Snapshot) -> list[str]:
        raise NotImplementedError

    def folds(self) -> list[GroupFold]:
        return group_folds(self.ids(self.full), self.groups, self.cfg.folds, self.cfg.seed)

    def export_kwargs(self, fold: GroupFold) -> dict:
        return {self.exclude_kw: fold.test_ids}

    def check(self, snap: Snapshot, fold: GroupFold, index: int) -> None:
        check_held_out(self.ids(snap), fold, self.what)


class ExpressionTask(GroupTask):
    """Held-out expression samples: k folds over sample groups (subject, cell), per-gene metrics first."""

    name = "expression"
    model_task = "expression"
    headline = HEADLINE
    modalities = frozenset({"expression"})
    exclude_kw, what = "exclude_samples", "samples"

    def __init__(self, graph, full: Snapshot, cfg):
        if full.expression is None:
            raise InputError(f"dataset {cfg.dataset!r} has no expression matrix in the graph")
        self.full, self.cfg = full, cfg
        self.inputs, self.outputs = expression_io(full)
        self.groups = full.expression.samples["group"].astype(str).to_numpy()
        self.protocol = "held-out sample groups"

    def default_baselines(self) -> list[str]:
        motif = any(k not in SIGNED_PRIORS for k in self.full.priors)
        return ["mean", "ridge"] + (["prior-ridge", "svr"] if motif else [])

    def ids(self, snap: Snapshot) -> list[str]:
        return snap.expression.sample_ids if snap.expression is not None else []

    def check(self, snap: Snapshot, fold: GroupFold, index: int) -> None:
        super().check(snap, fold, index)
        inp, out = expression_io(snap)
        if not (np.array_equal(inp, self.inputs) and np.array_equal(out, self.outputs)):
            raise LeakageError(f"{fold.name}: training snapshot genes differ from the full snapshot")
        self._train_mean = snap.expr.values[self.outputs].astype(np.float64).mean(1)

    def fold_info(self, fold: GroupFold) -> dict:
        return {
            "fold": fold.name,
            "train_samples": len(fold.train_ids),
            "test_samples": len(fold.test_ids),
            "test_groups": int(len(np.unique(self.groups[fold.test]))),
        }

    def score(self, model, fold: GroupFold) -> tuple[dict[str, float], object]:
        x = self.full.expr.values[self.inputs][:, fold.test]
        y = self.full.expr.values[self.outputs][:, fold.test]
        pred = np.asarray(model.predict_expression(x), dtype=np.float64)
        vals, r2 = M.expression_metrics(y, pred, self._train_mean)
        return vals, r2

    def describe(self, info: dict) -> list[str]:
        e = self.full.expr
        return [
            f"- dataset: `{info['dataset']}`: {len(self.inputs)} TF genes (inputs) -> {len(self.outputs)} "
            f"genes (outputs), {e.values.shape[1]} samples in {len(np.unique(self.groups))} groups",
            f"- split: **{self.cfg.folds}-fold by sample group** (seed {self.cfg.seed}): no group has samples on "
            "both sides; held-out samples are excluded from every training snapshot and checked",
            "- per-gene metrics first: `r2_gene_*` = R² per gene around the held-out mean, `pcc_gene_*` = "
            "Pearson per gene, `beats_mean_share` = genes whose MSE beats the gene's training mean; "
            "**`pcc_flat`/`r2_flat` are flattened** over every gene × sample (inflated by between-gene "
            "differences: the gene mean alone scores high there)",
            "- `fit_*` (models that record fit diagnostics, e.g. motif-rnn): how training went on the training samples "
            "of the fold: `fit_train_r2_gene_median` = per-gene R² on them, `fit_moved_share` = prior weights that "
            "moved > 0.05; a model that does not fit its training data is a bug, not a result",
        ]

    def summary_info(self) -> dict:
        return {
            "n_inputs": int(len(self.inputs)),
            "n_outputs": int(len(self.outputs)),
            "n_samples": int(self.full.expr.values.shape[1]),
            "n_groups": int(len(np.unique(self.groups))),
        }

    def plot(self, curves: dict, summary, info: dict, out: Path) -> dict[str, Path]:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        path = out / "r2_per_gene.png"
        fig, ax = plt.subplots(figsize=(6, 4), dpi=110)
        data, labels = [], []
        for m in info["models"]:
            vals = np.concatenate([v for (name, _f), v in curves.items() if name == m])
            data.append(np.clip(vals[np.isfinite(vals)], -2, 1))
            labels.append(m)
        ax.boxplot(data, showfliers=False)
        ax.set_xticks(range(1, len(labels) + 1), labels)
        ax.axhline(0, ls=":", color="grey", lw=0.8)
        ax.set_ylabel("held-out R² per gene (clipped at -2)")
        ax.set_title(f"{info['dataset']} · {info['folds']} folds by sample group", fontsize=9)
        fig.tight_layout()
        fig.savefig(path)
        plt.close(fig)
        return {"r2_per_gene": path}
