"""The evaluation harness every model goes through: splits, protocol negatives, leakage checks, metrics,
baselines, report files and a ``ModelRun`` provenance node.

For every fold the TRAINING snapshot is exported by Cypher with that fold's held-out positives excluded
(``export_snapshot(graph, dataset, exclude=[...])``), never sliced from the full snapshot, and the harness
checks that it holds exactly the fold's training positives and none of the held-out ones before any model
sees it. The same code path evaluates every model in ``tfkg.models.MODELS``; the baselines run beside it
on the same folds, pairs and training snapshots.
"""
from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from tfkg import config, models
from tfkg.eval import metrics as M
from tfkg.eval import protocols as P
from tfkg.eval import splits as S
from tfkg.eval.splits import pair_codes, split_validation
from tfkg.graph.export import REG, Snapshot, dataset_spec, export_snapshot, reachable_mask

HEADLINE = ("auroc", "auprc", "auprc_trapezoid", "auprc_ratio", "epr", "precision_at_k", "f1")
Progress = Callable[[str, int, int], None]


class LeakageError(AssertionError):
    """A training snapshot contains an edge that the split holds out (or misses a training edge)."""


@dataclass
class EvalResult:
    run_id: str
    model: str
    protocol: str
    dataset: str
    per_fold: pd.DataFrame          # model, protocol, fold, metric, value
    summary: pd.DataFrame           # model, protocol, metric, mean, sd, folds
    out_dir: Path
    paths: dict[str, Path] = field(default_factory=dict)
    info: dict = field(default_factory=dict)

    def value(self, metric: str, model: str | None = None) -> tuple[float, float]:
        row = self.summary[(self.summary.model == (model or self.model)) & (self.summary.metric == metric)]
        return float(row["mean"].iloc[0]), float(row["sd"].iloc[0])


# ------------------------------------------------------------------------------------------ helpers


def snapshot_digest(snap: Snapshot) -> str:
    """sha256 of a snapshot's content (id maps and edge arrays), independent of when it was exported."""
    h = hashlib.sha256(json.dumps(snap.nodes, sort_keys=True).encode())
    for et in sorted(snap.edges):
        h.update("__".join(et).encode())
        h.update(np.ascontiguousarray(snap.edges[et], dtype=np.int64).tobytes())
    return h.hexdigest()


def cached_reachable(graph, dataset: str, digest: str) -> np.ndarray:
    """``reachable_mask`` (a ~70 s Cypher query on HGETGI), cached as .npy keyed by the snapshot sha256."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", dataset)
    path = config.cache_dir() / "cache" / f"reachable-{safe}-{digest[:16]}.npy"
    if path.exists():
        return np.load(path)
    mask = reachable_mask(graph, dataset)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npy")
    np.save(tmp, mask)
    tmp.replace(path)
    return mask


def build_universe(graph, dataset: str, full: Snapshot, digest: str, split_dir: Path | None = None) -> P.Universe:
    spec = dataset_spec(dataset)
    reach = (lambda: cached_reachable(graph, dataset, digest)) if spec.association_source else None
    gene_symbols = None
    if dataset.startswith("beeline:"):
        split_dir = split_dir or P.genelink_split_dir(dataset, config.data_root())
        rows = graph.run("snapshot_members", dataset=spec.key)
        gene_symbols = {int(r["index"]): r["key"] for r in rows if r["index"] is not None}
    return P.Universe(dataset, full.nodes["tf"], full.nodes["target"], full.positives, reachable=reach,
                      split_dir=split_dir, gene_symbols=gene_symbols)


def check_training_snapshot(snap: Snapshot, full: Snapshot, u: P.Universe, fold: P.Fold) -> None:
    """Raise :class:`LeakageError` unless ``snap`` holds exactly the fold's training positives."""
    if snap.nodes["tf"] != full.nodes["tf"] or snap.nodes["target"] != full.nodes["target"]:
        raise LeakageError("training snapshot members differ from the full snapshot (graph changed mid-run?)")
    got = pair_codes(snap.positives, u.n_target)
    held = pair_codes(fold.split.held_out, u.n_target)
    leaked = np.intersect1d(got, held)
    if leaked.size:
        raise LeakageError(f"{fold.name}: {leaked.size} held-out edge(s) reached the training snapshot, "
                           f"e.g. {u.keys(P.from_codes(leaked[:3], u.n_target))}")
    want = np.unique(pair_codes(fold.split.train, u.n_target))
    if not np.array_equal(np.unique(got), want):
        raise LeakageError(f"{fold.name}: training snapshot has {got.size} edges, the split {want.size}")


def _curve(x: np.ndarray, y: np.ndarray, n: int = 1500) -> tuple[np.ndarray, np.ndarray]:
    if len(x) <= n:
        return x, y
    idx = np.unique(np.r_[np.linspace(0, len(x) - 1, n).astype(int), len(x) - 1])
    return x[idx], y[idx]


def _expression_baselines(graph, dataset: str) -> tuple[list[str], str | None]:
    rows = graph.run("dataset_info", dataset=dataset_spec(dataset).key)
    info = rows[0]["dataset"] if rows else {}
    path = info.get("expression_path")
    if path and Path(path).exists():
        return ["pearson", "mi"], path
    return [], None


# ------------------------------------------------------------------------------------------ harness


def evaluate(graph, model: str, protocol: str = "all-unobserved", folds: int = 5, seed: int = 0,
             model_params: dict | None = None, train_negatives: str = "random", dataset: str = "hgetgi",
             baselines=("random", "degree"), out_dir: Path | str | None = None, progress: Progress | None = None,
             val_fraction: float = 0.0, k: int = 10, record: bool = True, split_dir: Path | None = None,
             run_id: str | None = None, holdout_tfs: list[str] | None = None) -> EvalResult:
    """Evaluate ``model`` (a name in ``tfkg.models.MODELS``) and the baselines under one protocol.

    ``baselines`` run beside the model on the same folds; on BEELINE datasets the training-only ``prior``
    is added, and Pearson |r| / mutual information where the dataset has an expression matrix.
    ``record=False`` writes no ``ModelRun`` node (for read-only measurements). ``holdout_tfs`` (TF symbols)
    replaces the k folds by one split that holds out every edge of those TFs (case studies)."""
    from tfkg.graph import runs

    t_start = time.perf_counter()
    model_params = dict(model_params or {})
    proto = P.get(protocol)
    models.get(model)  # fail early on an unknown name
    if train_negatives not in P.TRAIN_NEGATIVES:
        raise KeyError(f"unknown training negatives {train_negatives!r}; known: {', '.join(P.TRAIN_NEGATIVES)}")
    run_id = run_id or runs.new_run_id(model)
    out = Path(out_dir) if out_dir else Path("runs") / run_id
    say = progress or (lambda msg, done, total: None)

    full = export_snapshot(graph, dataset)
    digest = snapshot_digest(full)
    u = build_universe(graph, dataset, full, digest, split_dir)
    splits = None
    if holdout_tfs:
        index = {s: i for i, s in enumerate(u.tfs)}
        unknown = [s for s in holdout_tfs if s not in index]
        if unknown:
            raise KeyError(f"not TFs of {dataset!r}: {', '.join(unknown)}")
        splits = [split_validation(S.holdout_tfs(u.positives, [index[s] for s in holdout_tfs]), val_fraction, seed)]
    plan = proto.folds(u, folds, seed, val_fraction, splits)
    extra_baselines, expr_path = ([], None)
    if dataset.startswith("beeline:"):
        extra_baselines = ["prior"]
        eb, expr_path = _expression_baselines(graph, dataset)
        extra_baselines += eb
    names = [model] + [b for b in (*baselines, *extra_baselines) if b != model]
    names = list(dict.fromkeys(names))
    total = len(plan) * (1 + len(names))
    done = 0

    rows, curves, fold_info, checksums = [], {}, [], [f"dataset:{dataset}", f"snapshot:{digest}"]
    ds_rows = graph.run("dataset_info", dataset=dataset_spec(dataset).key)
    for c in (ds_rows[0]["dataset"].get("checksums") or []) if ds_rows else []:
        checksums.append(f"file:{c}")
    for fi, fold in enumerate(plan):
        say(f"{fold.name}: exporting training snapshot", done, total)
        excluded = u.keys(fold.split.held_out)
        snap = export_snapshot(graph, dataset, exclude=excluded)
        check_training_snapshot(snap, full, u, fold)
        snap_sha = snapshot_digest(snap)
        checksums += [f"{fold.name}:excluded:{snap.meta['excluded_sha256']}", f"{fold.name}:train_snapshot:{snap_sha}"]
        train_neg = P.training_negatives(train_negatives, u, fold, proto, seed + fi)
        done += 1
        # Score the union of every pair this fold needs once per model.
        thr_set = fold.val if fold.val is not None else fold.heldin
        all_codes = np.unique(np.r_[pair_codes(fold.test.pairs, u.n_target), pair_codes(thr_set.pairs, u.n_target)])
        all_pairs = P.from_codes(all_codes, u.n_target)
        pos_test = fold.test.labels
        fold_info.append({"fold": fold.name, "train_pos": len(fold.split.train), "test_pos": int(pos_test.sum()),
                          "test_neg": int((~pos_test).sum()), "val_pos": 0 if fold.val is None else int(fold.val.labels.sum()),
                          "val_neg": 0 if fold.val is None else int((~fold.val.labels).sum()),
                          "train_neg": 0 if train_neg is None else len(train_neg),
                          "threshold_on": fold.threshold_on, "train_snapshot_sha256": snap_sha,
                          "excluded": len(excluded)})
        for name in names:
            say(f"{fold.name}: {name} (fit + score {len(all_pairs):,} pairs)", done, total)
            params = model_params if name == model else {}
            if name in ("pearson", "mi"):
                params = {"expression_path": expr_path}
            t0 = time.perf_counter()
            m = _create(name, params)
            m.fit(snap, train_neg, seed=seed + fi)
            t1 = time.perf_counter()
            scores = np.asarray(m.score(all_pairs), dtype=float).ravel()
            t2 = time.perf_counter()
            if scores.shape != (len(all_pairs),):
                raise ValueError(f"{name}.score returned {scores.shape} scores for {len(all_pairs)} pairs")
            s_test = scores[np.searchsorted(all_codes, pair_codes(fold.test.pairs, u.n_target))]
            s_thr = scores[np.searchsorted(all_codes, pair_codes(thr_set.pairs, u.n_target))]
            thr = M.best_f1_threshold(thr_set.labels, s_thr)
            vals = M.all_metrics(fold.test.pairs[:, 0], pos_test, s_test, thr, k)
            vals.update(fit_s=t1 - t0, score_s=t2 - t1)
            rows += [{"model": name, "protocol": protocol, "fold": fold.name, "metric": mk, "value": float(v)}
                     for mk, v in vals.items()]
            curves[(name, fold.name)] = (_curve(*M.roc_points(pos_test, s_test)), _curve(*M.pr_points(pos_test, s_test)))
            done += 1
    say("writing report", done, total)

    per_fold = pd.DataFrame(rows)
    summary = M.summarize(per_fold)
    info = {"run_id": run_id, "model": model, "model_params": model_params, "protocol": protocol,
            "protocol_summary": proto.summary, "eval_negatives": proto.summary,
            "train_negatives": train_negatives, "train_negatives_summary": P.TRAIN_NEGATIVES[train_negatives],
            "dataset": dataset, "folds": len(plan), "folds_requested": folds, "seed": seed,
            "val_fraction": val_fraction, "k": k, "holdout_tfs": list(holdout_tfs or []), "models": names, "baselines": names[1:],
            "candidate_pairs": int(u.candidates.sum()), "positives": int(len(u.positives)),
            "n_tf": u.n_tf, "n_target": u.n_target, "threshold_on": plan[0].threshold_on,
            "snapshot_sha256": digest, "fold_info": fold_info, "seconds": round(time.perf_counter() - t_start, 1),
            "expression_path": expr_path, "code_version": runs.code_version(), "data_checksums": checksums}
    paths = write_report(out, per_fold, summary, curves, info)
    if record:
        means = {f"{r.model}:{r.metric}": r.mean for r in summary.itertuples() if r.metric in HEADLINE}
        sds = {f"{r.model}:{r.metric}:sd": r.sd for r in summary.itertuples() if r.metric in HEADLINE}
        params = {k_: v for k_, v in info.items() if k_ not in ("fold_info", "data_checksums", "code_version")}
        runs.save_run(graph, run_id, model, "evaluate", params, {**means, **sds}, checksums, protocol=protocol,
                      dataset=dataset, train_negatives=train_negatives, eval_negatives=proto.summary,
                      report_path=str(paths["report"].resolve()), status="done")
    return EvalResult(run_id, model, protocol, dataset, per_fold, summary, out, paths, info)


def _create(name: str, params: dict):
    if name in ("pearson", "mi"):
        from tfkg.eval.expression import EXPRESSION_BASELINES

        return EXPRESSION_BASELINES[name](**params)
    return models.create(name, **params)


# ------------------------------------------------------------------------------------------ report


def _fmt(mean: float, sd: float) -> str:
    if np.isnan(mean):
        return "n/a"
    return f"{mean:.3f} ± {sd:.3f}" if not np.isnan(sd) else f"{mean:.3f}"


def write_report(out: Path, per_fold: pd.DataFrame, summary: pd.DataFrame, curves: dict, info: dict) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = {"report": out / "report.md", "metrics": out / "metrics.csv", "per_fold": out / "metrics_per_fold.csv",
             "roc": out / "roc.png", "pr": out / "pr.png", "run": out / "run.json"}
    summary.to_csv(paths["metrics"], index=False)
    per_fold.to_csv(paths["per_fold"], index=False)
    paths["run"].write_text(json.dumps(info, indent=2, default=str))
    _plot(curves, summary, info, paths["roc"], paths["pr"])

    models_ = info["models"]
    head = ["model"] + list(HEADLINE) + ["accuracy", "precision", "recall"]
    lines = [f"# Evaluation `{info['run_id']}`", "",
             f"- model: **{info['model']}** {json.dumps(info['model_params']) if info['model_params'] else ''}",
             f"- dataset: `{info['dataset']}` ({info['n_tf']} TFs × {info['n_target']} targets, "
             f"{info['candidate_pairs']:,} candidate pairs, {info['positives']:,} positives)",
             f"- protocol: **{info['protocol']}**: evaluation negatives = {info['eval_negatives']}",
             f"- training negatives: **{info['train_negatives']}**: {info['train_negatives_summary']}",
             f"- folds: {info['folds']} (seed {info['seed']}); mean ± sample sd (ddof=1) over folds",
             f"- thresholded metrics (accuracy, precision, recall, F1): threshold maximising F1 on "
             f"**{info['threshold_on']}**",
             f"- AUPRC = average precision; `auprc_trapezoid` = BEELINE's trapezoid AUPRC (optimistic); "
             f"`auprc_ratio` = AUPRC / positive fraction; `epr` = BEELINE early-precision ratio; "
             f"`precision_at_k` = mean over TFs of precision@{info['k']}",
             f"- held-out edges excluded from every training snapshot by the export query and checked",
             f"- code {info['code_version']}; snapshot sha256 {info['snapshot_sha256'][:16]}…; "
             f"{info['seconds']} s", "",
             "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for m in models_:
        cells = [m + (" (model)" if m == info["model"] else "")]
        for metric in head[1:]:
            r = summary[(summary.model == m) & (summary.metric == metric)]
            cells.append(_fmt(float(r["mean"].iloc[0]), float(r["sd"].iloc[0])) if len(r) else "")
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "## Folds", "", "| fold | train pos | train neg | test pos | test neg | val pos | val neg | threshold on |",
              "|---|---|---|---|---|---|---|---|"]
    for f in info["fold_info"]:
        lines.append(f"| {f['fold']} | {f['train_pos']:,} | {f['train_neg']:,} | {f['test_pos']:,} | {f['test_neg']:,} | "
                     f"{f['val_pos']:,} | {f['val_neg']:,} | {f['threshold_on']} |")
    lines += ["", "Files: `metrics.csv` (model × protocol × metric, mean and sd), `metrics_per_fold.csv`, "
              "`roc.png`, `pr.png`, `run.json`.", ""]
    paths["report"].write_text("\n".join(lines))
    return paths


def _plot(curves: dict, summary: pd.DataFrame, info: dict, roc_path: Path, pr_path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    def mean_of(m, metric):
        r = summary[(summary.model == m) & (summary.metric == metric)]
        return float(r["mean"].iloc[0]) if len(r) else float("nan")

    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    title = f"{info['dataset']} · {info['protocol']} · {info['folds']} fold(s)"
    for path, idx, metric, xl, yl in ((roc_path, 0, "auroc", "false positive rate", "true positive rate"),
                                      (pr_path, 1, "auprc", "recall", "precision")):
        fig, ax = plt.subplots(figsize=(5.5, 5), dpi=110)
        for ci, m in enumerate(info["models"]):
            first = True
            for (name, _fold), c in curves.items():
                if name != m:
                    continue
                x, y = c[idx]
                ax.plot(x, y, color=colors[ci % len(colors)], lw=1, alpha=0.7,
                        label=f"{m} ({metric.upper()} {mean_of(m, metric):.3f})" if first else None)
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
