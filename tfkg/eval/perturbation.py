"""The perturbation task: predict held-out experiments' change from control, gene by gene.

Folds hold out whole perturbed genes (a gene's knockout and knockdown, or its knockouts in several
contexts, are always on the same side), seeded. The training snapshot is exported without the held-out
experiments (``snapshot_knockout_effects`` filters them) and checked. Metrics are computed on the change
from control with the perturbed gene's own column left out (``tfkg.eval.metrics.perturbation_metrics``).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from tfkg.data.snapshot import Snapshot
from tfkg.eval import metrics as M
from tfkg.eval.expression import GroupFold, GroupTask

HEADLINE = ("delta_pearson", "mse", "sign_acc_top20", "changed_auroc")


class PerturbationTask(GroupTask):
    name = "perturbation"
    headline = HEADLINE
    modalities = frozenset({"perturbations"})
    exclude_kw, what = "exclude_experiments", "experiments"

    def __init__(self, graph, full: Snapshot, cfg):
        if full.perturbations is None:
            raise ValueError(f"dataset {cfg.dataset!r} has no perturbation experiments in the graph")
        self.full, self.cfg = full, cfg
        pt = full.perturbations
        self.groups = np.array([str(g) if g >= 0 else e for g, e in zip(pt.perturbed, pt.experiments)], dtype=object)
        self.protocol = "held-out perturbed genes"

    def default_baselines(self) -> list[str]:
        return ["no-change", "mean-effect", "linear"]

    def ids(self, snap: Snapshot) -> list[str]:
        return snap.perturbations.experiments if snap.perturbations is not None else []

    def fold_info(self, fold: GroupFold) -> dict:
        return {"fold": fold.name, "train_experiments": len(fold.train_ids), "test_experiments": len(fold.test_ids)}

    def score(self, model, fold: GroupFold) -> tuple[dict[str, float], object]:
        pt = self.full.perturbations
        perturbed = pt.perturbed[fold.test]
        pred = np.asarray(model.predict_effects(perturbed), dtype=np.float64)
        return M.perturbation_metrics(pt.effect[fold.test], pred, perturbed, pt.changed_threshold), None

    def describe(self, info: dict) -> list[str]:
        pt = self.full.perturbations
        kinds = ", ".join(f"{k} {pt.kind.count(k)}" for k in sorted(set(pt.kind)))
        return [f"- dataset: `{info['dataset']}`: {len(pt.experiments)} experiments ({kinds}) × "
                f"{pt.effect.shape[1]} genes; effects are {'simulated' if pt.simulated else 'measured'} changes "
                "from control",
                f"- split: **{self.cfg.folds}-fold by perturbed gene** (seed {self.cfg.seed}); held-out experiments "
                "are excluded from every training snapshot and checked",
                "- metrics on the change from control, the perturbed gene's own column left out: `delta_pearson` "
                "(a constant prediction counts as r = 0), `mse`, `sign_acc_top20` (sign agreement on the 20 most "
                f"changed genes), `changed_auroc` (|predicted Δ| ranks genes with |Δ| > {pt.changed_threshold})"]

    def summary_info(self) -> dict:
        pt = self.full.perturbations
        return {"n_experiments": len(pt.experiments), "n_genes": int(pt.effect.shape[1]),
                "changed_threshold": pt.changed_threshold}

    def plot(self, curves: dict, summary, info: dict, out: Path) -> dict[str, Path]:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        path = out / "delta_pearson.png"
        rows = summary[summary.metric == "delta_pearson"]
        fig, ax = plt.subplots(figsize=(6, 3.5), dpi=110)
        ax.bar(rows["model"], rows["mean"], yerr=rows["sd"].fillna(0), color="tab:blue", alpha=0.8)
        ax.set_ylabel("Δ-Pearson (held-out experiments)")
        ax.set_title(f"{info['dataset']} · {info['folds']} folds by perturbed gene", fontsize=9)
        fig.tight_layout()
        fig.savefig(path)
        plt.close(fig)
        return {"delta_pearson": path}
