"""The perturbation task: predict held-out experiments' change from control, gene by gene.

``perturbation`` (alias ``knockout``): folds hold out whole perturbed genes (a gene's knockout and
knockdown, or its knockouts in several contexts, are always on the same side), seeded; double knockouts
never reach training here (they would carry the held-out gene's effect). ``double-knockout``: one split
that trains on every single perturbation and tests the double knockouts. Training snapshots are exported
without the held-out experiments (``snapshot_knockout_effects`` filters them) and checked. Metrics are on the
change from control with the perturbed genes' own columns left out (``tfkg.eval.metrics.perturbation_metrics``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tfkg.data.snapshot import Snapshot
from tfkg.errors import InputError
from tfkg.eval import metrics as M
from tfkg.eval.expression import GroupFold, GroupTask, group_kfold

HEADLINE = ("delta_pcc", "delta_mse", "top20_sign_acc", "delta_spearman_de", "changed_auroc", "full_pcc")


class PerturbationTask(GroupTask):
    """Held-out knockout experiments: k folds over perturbed genes, scored as change from control."""

    name = "perturbation"
    model_task = "perturbation"  # double-knockout inherits it: judged on perturbation models
    headline = HEADLINE
    modalities = frozenset({"perturbations"})
    exclude_kw, what = "exclude_experiments", "experiments"

    def __init__(self, graph, full: Snapshot, cfg):
        if full.perturbations is None:
            raise InputError(f"dataset {cfg.dataset!r} has no perturbation experiments in the graph")
        self.full, self.cfg = full, cfg
        pt = full.pert
        self.groups = np.array([str(g) if g >= 0 else e for g, e in zip(pt.perturbed, pt.experiments)], dtype=object)
        self.ids_ = np.array(pt.experiments, dtype=object)
        self.doubles = list(self.ids_[~pt.single])
        self.protocol = "held-out perturbed genes"

    def default_baselines(self) -> list[str]:
        return ["no-change", "mean-ko", "linear"]

    def ids(self, snap: Snapshot) -> list[str]:
        return snap.perturbations.experiments if snap.perturbations is not None else []

    def folds(self) -> list[GroupFold]:
        single = self.full.pert.single
        out = []
        for i, m in enumerate(group_kfold(self.groups[single], self.cfg.folds, self.cfg.seed)):
            test = np.zeros(len(single), dtype=bool)
            test[np.flatnonzero(single)[m]] = True
            out.append(GroupFold(f"fold-{i}", test, list(self.ids_[single & ~test]), list(self.ids_[test])))
        return out

    def export_kwargs(self, fold: GroupFold) -> dict:
        return {self.exclude_kw: fold.test_ids + self.doubles}  # a singles fold never tests a double

    def fold_info(self, fold: GroupFold) -> dict:
        return {"fold": fold.name, "train_experiments": len(fold.train_ids), "test_experiments": len(fold.test_ids)}

    def score(self, model, fold: GroupFold) -> tuple[dict[str, float], object]:
        pt = self.full.pert
        genes = pt.genes[fold.test]
        pred = np.asarray(
            model.predict_combinations(genes) if genes.shape[1] > 1 else model.predict_effects(genes[:, 0]), dtype=np.float64
        )
        return M.perturbation_metrics(pt.effect[fold.test], pred, genes, pt.changed_threshold, control=pt.control), None

    def describe(self, info: dict) -> list[str]:
        pt = self.full.pert
        kinds = ", ".join(f"{k} {pt.kind.count(k)}" for k in sorted(set(pt.kind)))
        return [
            f"- dataset: `{info['dataset']}`: {len(pt.experiments)} experiments ({kinds}) × "
            f"{pt.effect.shape[1]} genes; effects are {'simulated' if pt.simulated else 'measured'} changes "
            "from control",
            f"- split: {self.split_text()}",
            "- metrics on the change from control (Δ), the perturbed genes' own columns left out: `delta_pcc` "
            "(Pearson of Δ; a constant prediction counts as r = 0), `delta_mse`, `top20_sign_acc` (sign "
            "agreement on the 20 most changed genes), `delta_spearman_de` (Spearman of Δ over genes with "
            f"|Δ| > {pt.changed_threshold}), `changed_auroc` (|predicted Δ| ranks those genes); "
            "**`full_pcc` is the full-profile Pearson after the perturbation, not a change metric** (near 1 for "
            "any prediction close to the control), shown only because papers report it",
        ]

    def split_text(self) -> str:
        return (
            f"**{self.cfg.folds}-fold by perturbed gene** (seed {self.cfg.seed}) over the single perturbations; "
            "held-out experiments and every double knockout are excluded from each training snapshot (checked)"
        )

    def summary_info(self) -> dict:
        pt = self.full.pert
        return {
            "n_experiments": len(pt.experiments),
            "n_genes": int(pt.effect.shape[1]),
            "changed_threshold": pt.changed_threshold,
        }

    def plot(self, curves: dict, summary, info: dict, out: Path) -> dict[str, Path]:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        path = out / "delta_pcc.png"
        rows = summary[summary.metric == "delta_pcc"]
        fig, ax = plt.subplots(figsize=(6, 3.5), dpi=110)
        ax.bar(rows["model"], rows["mean"], yerr=rows["sd"].fillna(0), color="tab:blue", alpha=0.8)
        ax.set_ylabel("Δ-Pearson (held-out experiments)")
        ax.set_title(f"{info['dataset']} · {self.protocol}", fontsize=9)
        fig.tight_layout()
        fig.savefig(path)
        plt.close(fig)
        return {"delta_pcc": path}


class DoubleKnockoutTask(PerturbationTask):
    """Train on every single perturbation, test every double knockout (one split)."""

    name = "double-knockout"

    def __init__(self, graph, full: Snapshot, cfg):
        super().__init__(graph, full, cfg)
        if not self.doubles:
            raise InputError(f"dataset {cfg.dataset!r} has no double knockouts in the graph (DREAM4 bonus round)")
        self.protocol = "held-out double knockouts"

    def default_baselines(self) -> list[str]:
        return ["no-change", "mean-ko", "additive", "linear"]

    def folds(self) -> list[GroupFold]:
        test = ~self.full.pert.single
        return [GroupFold("doubles", test, list(self.ids_[~test]), list(self.ids_[test]))]

    def export_kwargs(self, fold: GroupFold) -> dict:
        return {self.exclude_kw: fold.test_ids}

    def split_text(self) -> str:
        return (
            "**one split**: every single knockout and knockdown trains, every double knockout (noise-free "
            "bonus-round states minus the measured wild type) is held out of the training snapshot (checked); "
            "a model without a notion of combination predicts the sum of its two single-gene predictions"
        )
