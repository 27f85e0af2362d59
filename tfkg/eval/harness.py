"""The evaluation harness every model goes through, whatever its task: plan folds, run each, record.

1. **plan**: export the full snapshot (the modalities the model and baselines need) and let the task
   (``link``, ``expression`` or ``perturbation``) make seeded folds.
2. **run** each fold: export the TRAINING snapshot with the fold's held-out edges, samples or experiments
   excluded *by the export query* (never sliced from the full snapshot), check that it holds exactly the
   fold's training data (``LeakageError`` otherwise), then fit and score the model and every baseline on
   the same fold.
3. **record**: ``metrics.csv`` (``model,protocol,metric,mean,sd,folds``), ``metrics_per_fold.csv``,
   ``report.md``, PNGs, ``run.json`` and a ``ModelRun`` node with parameters, metrics, data checksums and
   code version.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from tfkg import models
from tfkg.data.datasets import dataset_spec
from tfkg.eval import metrics as M
from tfkg.eval.link import LeakageError  # noqa: F401  (re-exported)
from tfkg.eval.tasks import ALIASES, TASKS
from tfkg.graph import runs
from tfkg.graph.db import Graph
from tfkg.graph.export import export_snapshot
from tfkg.models.base import ShowsTraining
from tfkg.errors import InputError

Progress = Callable[[str, int, int], None]


@dataclass
class EvalConfig:
    model: str
    dataset: str = "hgetgi"
    task: str | None = None  # None: the one task the model and the dataset share
    protocol: str = "all-unobserved"  # link task: evaluation negatives
    folds: int = 5
    seed: int = 0
    params: dict = field(default_factory=dict)
    preset: str | None = None
    device: str = "cpu"
    train_negatives: str = "random"  # link task: training negatives
    baselines: tuple[str, ...] | None = None  # None: the task's defaults
    val_fraction: float = 0.0
    k: int = 10
    holdout_tfs: tuple[str, ...] = ()
    split: str = "kfold"  # link task: "kfold", or "811" = one seeded 8:1:1 train/val/test split
    keep_scores: bool = False  # link task: keep each model's score matrix (EvalResult.scores)
    record: bool = True
    out_dir: Path | str | None = None
    run_id: str | None = None
    split_dir: Path | None = None


@dataclass
class EvalResult:
    run_id: str
    model: str
    protocol: str
    dataset: str
    task: str
    per_fold: pd.DataFrame  # model, protocol, fold, metric, value
    summary: pd.DataFrame  # model, protocol, metric, mean, sd, folds
    out_dir: Path
    paths: dict[str, Path] = field(default_factory=dict)
    info: dict = field(default_factory=dict)
    scores: dict = field(default_factory=dict)  # (model, fold) -> score matrix, with keep_scores

    def value(self, metric: str, model: str | None = None) -> tuple[float, float]:
        """(mean, sd) of a metric over folds; NaN where the task did not compute it (e.g. ``full_pcc`` without
        a control profile)."""
        row = self.summary[(self.summary.model == (model or self.model)) & (self.summary.metric == metric)]
        if row.empty:
            return float("nan"), float("nan")
        return float(row["mean"].iloc[0]), float(row["sd"].iloc[0])


def choose_task(model_cls, dataset: str, task: str | None) -> str:
    spec = dataset_spec(dataset)
    available = [t for t in TASKS if TASKS.get(t).modalities <= spec.modalities and (t != "link" or spec.regulates_source)]
    tasks = [t for t in model_cls.tasks() if t in available]
    if task:
        task = ALIASES.get(task, task)
        if task in available and TASKS.get(task).model_task in model_cls.tasks():
            return task
        if task not in tasks:
            raise InputError(
                f"model {model_cls.name!r} cannot be evaluated on task {task!r} of {dataset!r} "
                f"(model tasks: {', '.join(model_cls.tasks())}; dataset tasks: {', '.join(available)})"
            )
        return task
    if not tasks:
        raise InputError(
            f"model {model_cls.name!r} ({', '.join(model_cls.tasks())}) has no task on dataset "
            f"{dataset!r} (it offers: {', '.join(available) or 'nothing'})"
        )
    if len(tasks) > 1 and getattr(model_cls, "primary_task", None) in tasks:
        return model_cls.primary_task
    if len(tasks) > 1:
        raise InputError(f"model {model_cls.name!r} can do {', '.join(tasks)} on {dataset!r}: choose one with --task")
    return tasks[0]


def evaluate(graph: Graph, model: str | EvalConfig, progress: Progress | None = None, **options) -> EvalResult:
    """Evaluate a model (a name in ``tfkg.models.MODELS``) and its baselines on one dataset and task.

    ``evaluate(g, "degree", protocol="tf-matched")`` or ``evaluate(g, EvalConfig(...))``."""
    cfg = model if isinstance(model, EvalConfig) else EvalConfig(model=model, **options)
    t_start = time.perf_counter()
    model_cls = models.get(cfg.model)
    task_name = choose_task(model_cls, cfg.dataset, cfg.task)
    run_id = cfg.run_id or runs.new_run_id(cfg.model)
    out = Path(cfg.out_dir) if cfg.out_dir else Path("runs") / run_id
    say = progress or (lambda msg, done, total: None)
    task_cls = TASKS.get(task_name)

    # -- plan
    spec = dataset_spec(cfg.dataset)
    say(f"exporting {cfg.dataset}", 0, 1)
    baselines = cfg.baselines
    own = task_cls.modalities | ((model_cls.requires | model_cls.uses) & spec.modalities)
    probe = export_snapshot(graph, cfg.dataset, modalities=own) if baselines is None else None
    if baselines is None:
        baselines = tuple(task_cls(graph, probe, cfg).default_baselines())
    names = list(dict.fromkeys([cfg.model, *baselines]))
    classes = {n: models.get(n) for n in names}
    for n, c in classes.items():
        if task_cls.model_task not in c.tasks():
            raise InputError(f"baseline {n!r} does not do the {task_name} task")
    # every model's required and optional modalities, so each sees the same inputs whatever it is compared with
    need = set(task_cls.modalities).union(*(c.requires | c.uses for c in classes.values())) & spec.modalities
    full = probe if probe is not None and need <= own else export_snapshot(graph, cfg.dataset, modalities=need)
    for n, c in classes.items():
        full.check_has(c.requires, f"model {n!r}")
    task = task_cls(graph, full, cfg)
    plan = task.folds()
    digest = full.digest()
    total = len(plan) * (1 + len(names))
    done = 0
    checksums = [f"dataset:{cfg.dataset}", f"snapshot:{digest}"]
    checksums += [f"file:{c}" for c in full.meta["file_checksums"]]

    # -- run
    rows, curves, fold_info, searches = [], {}, [], []
    out.mkdir(parents=True, exist_ok=True)
    for fi, fold in enumerate(plan):
        say(f"{fold.name}: exporting training snapshot", done, total)
        snap = export_snapshot(graph, cfg.dataset, modalities=need, **task.export_kwargs(fold))
        task.check(snap, fold, fi)
        snap_sha = snap.digest()
        checksums.append(f"{fold.name}:train_snapshot:{snap_sha}")
        fold_info.append({**task.fold_info(fold), "train_snapshot_sha256": snap_sha})
        done += 1
        train_neg = getattr(fold, "train_negatives", None)
        for name in names:
            say(f"{fold.name}: {name} (fit + score)", done, total)
            is_own = name == cfg.model
            t0 = time.perf_counter()
            m = models.create(
                name,
                **(cfg.params if is_own else {}),
                **({"preset": cfg.preset} if is_own and cfg.preset else {}),
                device=cfg.device,
            )
            m.fit(snap.view(task_cls.modalities | classes[name].requires | classes[name].uses), train_neg, seed=cfg.seed + fi)
            t1 = time.perf_counter()
            vals, curve = task.score(m, fold)
            vals.update(fit_s=t1 - t0, score_s=time.perf_counter() - t1)
            if isinstance(m, ShowsTraining):  # how well it fitted its training data, beside the held-out numbers
                vals.update({f"fit_{k}": v for k, v in m.diagnostics.items()})
                m.plot_training(out / f"training-{name}-{fold.name}.png")
                searches += [{"model": name, "fold": fold.name, **r} for r in m.search_results or []]
            rows += [
                {"model": name, "protocol": task.protocol, "fold": fold.name, "metric": mk, "value": float(v)}
                for mk, v in vals.items()
            ]
            if curve is not None:
                curves[(name, fold.name)] = curve
            done += 1
    say("writing report", done, total)

    # -- record
    per_fold = pd.DataFrame(rows)
    summary = M.summarize(per_fold)
    info = {
        "run_id": run_id,
        "task": task_name,
        "model": cfg.model,
        "model_params": cfg.params,
        "preset": cfg.preset,
        "protocol": task.protocol,
        "train_negatives": cfg.train_negatives if task_name == "link" else None,
        "dataset": cfg.dataset,
        "folds": len(plan),
        "folds_requested": cfg.folds,
        "seed": cfg.seed,
        "val_fraction": cfg.val_fraction,
        "k": cfg.k,
        "split": cfg.split,
        "holdout_tfs": list(cfg.holdout_tfs),
        "models": names,
        "baselines": names[1:],
        "headline": list(task.headline),
        **task.summary_info(),
        "snapshot_sha256": digest,
        "fold_info": fold_info,
        "seconds": round(time.perf_counter() - t_start, 1),
        "code_version": runs.code_version(),
        "data_checksums": checksums,
    }
    paths = write_report(out, per_fold, summary, curves, info, task)
    if searches:  # settings chosen on inner folds of each fold's training data: the evidence, beside the report
        paths["inner_search"] = out / "inner_search.csv"
        table = pd.DataFrame(searches)
        table.to_csv(paths["inner_search"], index=False)
        chosen = table[table["chosen"]].drop_duplicates(["model", "fold"])
        bookkeeping = {"model", "fold", "config", "inner_fold", "best_step", "val_loss", "train_samples", "val_samples", "chosen"}
        keys = [c for c in chosen.columns if c not in bookkeeping]  # the grid entry's own parameters
        chosen_rows = [
            f"| {r['model']} | {r['fold']} | " + ", ".join(f"{k}={r[k]}" for k in keys if pd.notna(r[k])) + " |"
            for r in chosen.to_dict("records")
        ]
        with paths["report"].open("a") as f:
            f.write(
                "\n## Settings chosen on inner folds of the training data\n\nEach fold's model chose among "
                f"{table['config'].nunique()} settings by its mean inner validation loss, never seeing the fold's test "
                "samples (every setting and inner fold: `inner_search.csv`; the chosen steps: `fit_search_steps`).\n\n"
                "| model | fold | chosen |\n|---|---|---|\n" + "\n".join(chosen_rows) + "\n"
            )
    if cfg.record:
        head = set(task.headline)
        means = {f"{r.model}:{r.metric}": r.mean for r in summary.itertuples() if r.metric in head}
        sds = {f"{r.model}:{r.metric}:sd": r.sd for r in summary.itertuples() if r.metric in head}
        params = {k_: v for k_, v in info.items() if k_ not in ("fold_info", "data_checksums", "code_version")}
        runs.save_run(
            graph,
            run_id,
            cfg.model,
            "evaluate",
            params,
            {**means, **sds},
            checksums,
            protocol=task.protocol,
            dataset=cfg.dataset,
            task=task_name,
            train_negatives=info["train_negatives"],
            eval_negatives=info.get("protocol_summary"),
            report_path=str(paths["report"].resolve()),
            status="done",
        )
    return EvalResult(
        run_id, cfg.model, task.protocol, cfg.dataset, task_name, per_fold, summary, out, paths, info, getattr(task, "kept", {})
    )


# ------------------------------------------------------------------------------------------ report


def fmt(mean: float, sd: float) -> str:
    if np.isnan(mean):
        return "n/a"
    return f"{mean:.3f} ± {sd:.3f}" if not np.isnan(sd) else f"{mean:.3f}"


def write_report(out: Path, per_fold: pd.DataFrame, summary: pd.DataFrame, curves: dict, info: dict, task) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = {
        "report": out / "report.md",
        "metrics": out / "metrics.csv",
        "per_fold": out / "metrics_per_fold.csv",
        "run": out / "run.json",
    }
    summary.to_csv(paths["metrics"], index=False)
    per_fold.to_csv(paths["per_fold"], index=False)
    paths["run"].write_text(json.dumps(info, indent=2, default=str))
    paths.update(task.plot(curves, summary, info, out))

    extra = ["accuracy", "precision", "recall"] if info["task"] == "link" else []
    head = ["model"] + list(task.headline) + extra
    params = json.dumps(info["model_params"]) if info["model_params"] else ""
    lines = [
        f"# Evaluation `{info['run_id']}` ({info['task']} task)",
        "",
        f"- model: **{info['model']}** {params}{' preset ' + info['preset'] if info['preset'] else ''}",
        *task.describe(info),
        f"- folds: {info['folds']} (seed {info['seed']}); mean ± sample sd (ddof=1) over folds",
        f"- code {info['code_version']}; snapshot sha256 {info['snapshot_sha256'][:16]}…; {info['seconds']} s",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for m in info["models"]:
        cells = [m + (" (model)" if m == info["model"] else "")]
        for metric in head[1:]:
            r = summary[(summary.model == m) & (summary.metric == metric)]
            cells.append(fmt(float(r["mean"].iloc[0]), float(r["sd"].iloc[0])) if len(r) else "")
        lines.append("| " + " | ".join(cells) + " |")
    keys = list(info["fold_info"][0]) if info["fold_info"] else []
    keys = [k for k in keys if k != "train_snapshot_sha256"]
    lines += ["", "## Folds", "", "| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    for f in info["fold_info"]:
        lines.append("| " + " | ".join(f"{f[k]:,}" if isinstance(f[k], int) else str(f[k]) for k in keys) + " |")
    pngs = ", ".join(f"`{p.name}`" for k, p in paths.items() if p.suffix == ".png")
    lines += [
        "",
        f"Files: `metrics.csv` (model × protocol × metric, mean and sd), `metrics_per_fold.csv`, {pngs}, `run.json`.",
        "",
    ]
    paths["report"].write_text("\n".join(lines))
    return paths


def config_dict(cfg: EvalConfig) -> dict:
    return {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(cfg).items()}
