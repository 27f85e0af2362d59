"""Prediction services: train (or load) a link predictor, rank unobserved pairs, write them to Neo4j.

* :func:`predict_top_k`  train on every edge of a fresh export (or reuse a model saved with
  ``Model.save``), score every unobserved TF x target pair, write the top K as
  ``(:Gene)-[:PREDICTED_REGULATES {score, rank, model, run_id}]->(:Gene)`` tied to a ``ModelRun``;
* :func:`case_study`     hold out every edge of one TF (``tfkg.eval.splits.holdout_tfs``), retrain, rank
  all targets for it, marking the held-out true ones;
* :func:`browser_snippet` the Browser parameters plus the ``tf_predictions`` query.

Plain exceptions only (``LookupError`` for unknown TFs, ``ValueError`` for bad options).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from tfkg import models
from tfkg.data.datasets import dataset_spec
from tfkg.data.negatives import training_negatives
from tfkg.data.snapshot import REG, Snapshot
from tfkg.errors import InputError, LeakageError, NotFoundError
from tfkg.eval.splits import holdout_tfs
from tfkg.graph import runs
from tfkg.graph.db import Graph
from tfkg.graph.export import export_snapshot
from tfkg.models.base import Explains, LearnsEdges, ShowsTraining, Signed


@dataclass
class Prediction:
    run_id: str
    frame: pd.DataFrame  # tf, target, score, rank (+ held_out for case studies)
    written: int
    seconds: dict = field(default_factory=dict)
    model: models.Model | None = None


def _unobserved(snapshot: Snapshot, scores: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Scores with training edges and self pairs (a TF with itself) set to -inf."""
    s = scores.astype(float).copy()
    ei = snapshot.edges[REG]
    pos = np.full(snapshot.num_nodes("tf"), -1)
    pos[rows] = np.arange(len(rows))
    keep = pos[ei[0]] >= 0
    s[pos[ei[0][keep]], ei[1][keep]] = -np.inf
    own = snapshot.rows_in("target", "tf")[rows]
    s[np.flatnonzero(own >= 0), own[own >= 0]] = -np.inf
    return s


def per_tf_frame(snapshot: Snapshot, scores: np.ndarray, k: int) -> pd.DataFrame:
    """Every TF's ``k`` best unobserved targets: tf, target, score, ``tf_rank`` (1 = the TF's best),
    ``percentile`` (share of the TF's unobserved candidates scored lower, 0-100) and ``rank`` (global, by
    score, over the rows written)."""
    rows = np.arange(scores.shape[0])
    s = _unobserved(snapshot, scores, rows)
    n_ok = np.isfinite(s).sum(1)
    k = int(min(k, s.shape[1]))
    top = np.argpartition(-s, k - 1, axis=1)[:, :k] if k else np.zeros((len(rows), 0), dtype=np.int64)
    val = np.take_along_axis(s, top, 1)
    order = np.lexsort((top, -val), axis=1)  # score descending, ties by target index
    top, val = np.take_along_axis(top, order, 1), np.take_along_axis(val, order, 1)
    srt = np.sort(np.where(np.isfinite(s), s, np.inf), axis=1)  # the finite scores first, ascending
    below = np.stack([np.searchsorted(srt[i], val[i], side="left") for i in rows]) if len(rows) else val
    ok = np.isfinite(val) & (np.arange(k)[None, :] < n_ok[:, None])
    r, j = np.nonzero(ok)
    tf, tg = np.asarray(snapshot.nodes["tf"], dtype=object), np.asarray(snapshot.nodes["target"], dtype=object)
    frame = pd.DataFrame(
        {
            "tf": tf[r],
            "target": tg[top[r, j]],
            "score": val[r, j],
            "tf_rank": j + 1,
            "percentile": 100.0 * below[r, j] / np.maximum(n_ok[r] - 1, 1),
        }
    )
    frame = frame.iloc[np.lexsort((frame["tf_rank"].to_numpy(), -frame["score"].to_numpy()))].reset_index(drop=True)
    frame["rank"] = np.arange(1, len(frame) + 1)
    return frame


def top_k_frame(snapshot: Snapshot, scores: np.ndarray, k: int, tf_rows: np.ndarray | None = None) -> pd.DataFrame:
    """Top ``k`` unobserved pairs (training edges and self pairs masked out) as tf, target, score, rank (1 = best)."""
    rows = np.arange(scores.shape[0]) if tf_rows is None else np.asarray(tf_rows)
    s = _unobserved(snapshot, scores, rows)
    flat = s.ravel()
    k = int(min(k, np.isfinite(flat).sum()))
    idx = np.argpartition(-flat, k - 1)[:k] if k else np.zeros(0, dtype=np.int64)
    idx = idx[np.lexsort((idx, -flat[idx]))]  # score descending, ties by index: deterministic
    r, c = np.divmod(idx, s.shape[1])
    tf, tg = np.asarray(snapshot.nodes["tf"], dtype=object), np.asarray(snapshot.nodes["target"], dtype=object)
    return pd.DataFrame({"tf": tf[rows[r]], "target": tg[c], "score": flat[idx], "rank": np.arange(1, k + 1)})


# the services (what the CLI, notebooks and benchmarks call): keyword-only beyond three parameters
__all__ = ["Prediction", "RANK_BY", "predict_top_k", "predict_learned_edges", "case_study", "browser_snippet"]

RANK_BY = ("score", "specificity")


def specificity(snapshot: Snapshot, scores: np.ndarray) -> np.ndarray:
    """Each score minus its target's mean score over the TFs (self pairs left out of the mean): how much more
    this TF is predicted to regulate the gene than a TF at large. Column-constant hub signal cancels."""
    s = scores.astype(np.float64)
    own = snapshot.rows_in("target", "tf")
    ok = np.flatnonzero(own >= 0)
    total, n = s.sum(0), np.full(s.shape[1], s.shape[0], dtype=np.float64)
    np.subtract.at(total, own[ok], s[ok, own[ok]])
    np.subtract.at(n, own[ok], 1)
    return (s - total / np.maximum(n, 1)).astype(np.float32)


def describe_run(
    model: str, dataset: str, params: dict, per_tf: int | None, top_k: int | None, rank_by: str, calibration: dict
) -> str:
    """What a run is, in one line for `tfkg runs list` and the Browser: model, features, dataset, ranking, signs."""
    sources = params.get("sources")
    features = (
        "all features"
        if not sources
        else ("without the explicit degree features" if "degree" not in sources else "features: " + ", ".join(sources))
    )
    size = f"the {per_tf} best per TF" if per_tf else f"the top {top_k:,}"
    ranking = "by specificity (score minus the target's mean over all TFs: hubs drop)" if rank_by == "specificity" else "by score"
    text = f"{model}, {features}, trained on {dataset}; {size}, ranked {ranking}"
    if "sign_precision_goal" in calibration:
        c = calibration
        text += (
            f"; signs stated only where the sign head beat the prior out of fold ({c['sign_activating_share']:.0%} of "
            f"training edges activate): 'activates' right {c['sign_activate_precision']:.2f} (goal "
            f"{c['sign_activate_goal']:.2f}), 'represses' right {c['sign_repress_precision']:.2f} (goal "
            f"{c['sign_repress_goal']:.2f}); {c['sign_coverage']:.0%} of training edges get a sign"
        )
    return text


def _train(
    name: str, params: dict, preset: str | None, snap: Snapshot, negatives: str, seed: int, device: str
) -> models.LinkPredictor:
    model = models.create(name, **params, **({"preset": preset} if preset else {}), device=device)
    if not isinstance(model, models.LinkPredictor):
        raise InputError(f"model {name!r} does not predict links (tasks: {', '.join(model.tasks())})")
    model.fit(snap, training_negatives(snap, negatives, seed), seed=seed)
    return model


def predict_top_k(
    graph: Graph,
    model: str = "ens",
    params: dict | None = None,
    *,
    top_k: int | None = 1000,
    dataset: str = "hgetgi",
    negatives: str = "random",
    seed: int = 0,
    run_id: str | None = None,
    species: str | None = None,
    preset: str | None = None,
    device: str = "cpu",
    load_dir: Path | None = None,
    save_dir: Path | None = None,
    log: Callable[[str], None] | None = None,
    per_tf: int | None = None,
    rank_by: str = "score",
    description: str | None = None,
) -> Prediction:
    """Train ``model`` on every edge of a fresh export (or load it from ``load_dir``) and write its top-K
    unobserved pairs to Neo4j — or, with ``per_tf``, every TF's ``per_tf`` best (with per-TF rank and percentile).
    The model is saved (``save_dir``, default ``runs/<run_id>/model``) and its path
    recorded on the run, so ``tfkg simulate knockout`` can reuse it.

    ``rank_by="specificity"`` ranks by :func:`specificity` (the score minus the target's mean score over every
    TF) instead of the score: a hub that every TF is predicted to regulate drops, a target predicted for this
    TF alone rises."""
    say = log or (lambda m: None)
    if rank_by not in RANK_BY:
        raise InputError(f"rank_by must be one of {', '.join(RANK_BY)}, not {rank_by!r}")
    params = dict(params or {})
    t = {"start": time.perf_counter()}
    cls = models.get(model)
    if not issubclass(cls, models.LinkPredictor):
        raise InputError(f"model {model!r} does not predict links (tasks: {', '.join(cls.tasks())})")
    snap = export_snapshot(graph, dataset, modalities={"edges"} | (cls.requires | cls.uses if not load_dir else set()))
    t["export"] = time.perf_counter()
    if not load_dir:
        snap.check_has(cls.requires, f"model {model!r}")
    if load_dir:
        m = models.load(load_dir, device=device)
        if m.name != model:
            raise InputError(f"{load_dir} holds a {m.name!r} model, not {model!r}")
        if not isinstance(m, models.LinkPredictor):
            raise InputError(f"{load_dir} holds a {m.name!r} model, which does not predict links")
        say(f"loaded {model} from {load_dir}")
    else:
        say(f"exported {dataset}: {snap.edges[REG].shape[1]:,} positives; training {model} with {negatives} negatives")
        m = _train(model, params, preset, snap, negatives, seed, device)
    t["fit"] = time.perf_counter()
    run_id = run_id or runs.new_run_id(model)
    species = species or dataset_spec(dataset).species
    model_dir = Path(load_dir) if load_dir and not save_dir else Path(save_dir or Path("runs") / run_id / "model")
    if model_dir != load_dir:
        m.save(model_dir)
    matrix = m.score_matrix(np.arange(snap.num_nodes("tf")), snap.num_nodes("target"))
    if rank_by == "specificity":
        matrix = specificity(snap, matrix)
    if per_tf:
        frame = per_tf_frame(snap, matrix, per_tf)
    elif top_k:
        frame = top_k_frame(snap, matrix, top_k)
    else:
        raise InputError("give top_k or per_tf: how many predictions to write")
    pairs = np.stack([pd.Index(snap.nodes[nt]).get_indexer(frame[nt]) for nt in ("tf", "target")], 1)
    if isinstance(m, Explains):  # models that can say why (hetnet: the meta-paths a pair stands out on)
        frame["evidence"] = m.evidence(pairs)
    calibration: dict[str, float] = {}
    if isinstance(m, Signed):  # models with a sign head (hetnet on signed training edges): activates / represses
        sign = m.signs(pairs)  # 0 where the head is not confident: written as no sign
        if sign is not None:
            frame["sign"] = sign
            calibration = m.sign_calibration()
    t["score"] = time.perf_counter()
    runs.save_run(
        graph,
        run_id,
        model,
        "predict",
        {
            **params,
            "preset": preset,
            "negatives": negatives,
            "seed": seed,
            "top_k": top_k,
            "per_tf": per_tf,
            "rank_by": rank_by,
            "loaded_from": str(load_dir) if load_dir else None,
        },
        metrics=calibration,
        data_checksums=[f"dataset:{dataset}", f"snapshot:{snap.digest()}"],
        dataset=dataset,
        status="running",
        description=description or describe_run(model, dataset, params, per_tf, top_k, rank_by, calibration),
        top_k=int(len(frame)),
        per_tf=per_tf,
        model_path=str(model_dir.resolve()),
        species=species,
    )
    n = runs.write_predictions(graph, run_id, model, frame, species=species)
    t["write"] = time.perf_counter()
    secs = {
        "export_s": t["export"] - t["start"],
        "fit_s": t["fit"] - t["export"],
        "score_s": t["score"] - t["fit"],
        "write_s": t["write"] - t["score"],
    }
    return Prediction(run_id, frame, n, secs, m)


def predict_learned_edges(
    graph: Graph,
    model: str = "motif-rnn",
    params: dict | None = None,
    *,
    dataset: str = "bulk:flu",
    seed: int = 0,
    run_id: str | None = None,
    preset: str | None = None,
    device: str = "cpu",
    out_dir: Path | None = None,
    log: Callable[[str], None] | None = None,
) -> Prediction:
    """Train an expression model whose weights are edges (``learned_edges``) on every sample of ``dataset``
    and write every prior edge as ``PREDICTED_REGULATES {score: |w|, weight: w, sign, rank}``; the trained
    model is saved beside the run (``runs/<run_id>/model``) for ``tfkg simulate``."""
    say = log or (lambda m: None)
    params = dict(params or {})
    cls = models.get(model)
    if not issubclass(cls, LearnsEdges):
        raise InputError(f"model {model!r} has no learned edges")
    t0 = time.perf_counter()
    snap = export_snapshot(graph, dataset, modalities=cls.requires | cls.uses | {"expression"})
    snap.check_has(cls.requires | {"expression"}, f"model {model!r}")
    say(f"exported {dataset}: {snap.expr.values.shape[0]:,} genes x {snap.expr.values.shape[1]:,} samples; training {model}")
    t1 = time.perf_counter()
    m = models.create(model, **params, **({"preset": preset} if preset else {}), device=device)
    m.fit(snap, None, seed=seed)
    t2 = time.perf_counter()
    if not isinstance(m, LearnsEdges):  # its class was checked above; a preset or parameter cannot change it
        raise InputError(f"model {model!r} built with these parameters has no learned edges")
    tf_i, tg_i, w = m.learned_edges()
    order = np.lexsort((tg_i, tf_i, -np.abs(w)))
    tf, tg = np.asarray(snap.nodes["tf"], dtype=object), np.asarray(snap.nodes["target"], dtype=object)
    frame = pd.DataFrame(
        {
            "tf": tf[tf_i[order]],
            "target": tg[tg_i[order]],
            "score": np.abs(w[order]),
            "weight": w[order],
            "sign": np.sign(w[order]).astype(int),
            "rank": np.arange(1, len(w) + 1),
        }
    )
    run_id = run_id or runs.new_run_id(model)
    run_dir = Path(out_dir) if out_dir else Path("runs") / run_id
    model_dir = run_dir / "model"
    m.save(model_dir)
    species = dataset_spec(dataset).species
    # did training do anything (loss, weights moved, training per-gene R²): on the run (`tfkg runs show`) and as a PNG
    diagnostics = dict(getattr(m, "diagnostics", None) or {})
    if diagnostics and isinstance(m, ShowsTraining):
        m.plot_training(run_dir / "training.png")
        say(
            f"training: weights moved > 0.05: {diagnostics['moved_share']:.0%}, training per-gene R² median "
            f"{diagnostics['train_r2_gene_median']:.3f} (genes with a prior regulator: "
            f"{diagnostics.get('train_r2_regulated_median', float('nan')):.3f}); curves in {run_dir / 'training.png'}"
        )
    runs.save_run(
        graph,
        run_id,
        model,
        "predict",
        {**params, "preset": preset, "seed": seed, "edges": len(frame)},
        metrics=diagnostics,
        data_checksums=[f"dataset:{dataset}", f"snapshot:{snap.digest()}"],
        dataset=dataset,
        status="running",
        description=f"{model} learned prior-edge weights on {dataset} (every prior edge, ranked by |weight|)",
        model_path=str(model_dir.resolve()),
        species=species,
    )
    n = runs.write_predictions(graph, run_id, model, frame, species=species)
    secs = {"export_s": t1 - t0, "fit_s": t2 - t1, "write_s": time.perf_counter() - t2}
    return Prediction(run_id, frame, n, secs, m)


def case_study(
    graph: Graph,
    model: str = "ens",
    tf: str = "STAT3",
    *,
    top: int = 40,
    params: dict | None = None,
    dataset: str = "hgetgi",
    negatives: str = "random",
    seed: int = 0,
    run_id: str | None = None,
    species: str | None = None,
    write: bool = True,
    preset: str | None = None,
    device: str = "cpu",
) -> Prediction:
    """Hold out every edge of ``tf``, retrain, and rank all targets for it; ``held_out`` marks true targets."""
    params = dict(params or {})
    species = species or dataset_spec(dataset).species
    t0 = time.perf_counter()
    cls = models.get(model)
    want = {"edges"} | cls.requires | cls.uses
    full = export_snapshot(graph, dataset, modalities=want)
    full.check_has(cls.requires, f"model {model!r}")
    tfs = full.index("tf")
    if tf not in tfs:
        raise NotFoundError(f"{tf} is not a TF of {dataset!r}")
    z = tfs[tf]
    split = holdout_tfs(full.positives, [z], name=f"holdout-{tf}")
    tg = np.asarray(full.nodes["target"], dtype=object)
    exclude = [f"{tf}|{t}" for t in tg[split.test[:, 1]]]
    # every pair of the held-out TF is scored: none keeps a claim link
    snap = export_snapshot(graph, dataset, exclude=exclude, modalities=want, exclude_claim_tfs=[tf])
    if (snap.edges[REG][0] == z).any():
        raise LeakageError(f"training snapshot still holds edges of {tf}")
    t1 = time.perf_counter()
    m = _train(model, params, preset, snap, negatives, seed, device)
    t2 = time.perf_counter()
    frame = top_k_frame(snap, m.score_matrix(np.array([z]), snap.num_nodes("target")), top, np.array([z]))
    frame["held_out"] = frame["target"].isin(set(tg[split.test[:, 1]]))
    frame["tf_rank"] = frame["rank"]  # one TF: its ranking is the run's
    secs = {"export_s": t1 - t0, "fit_s": t2 - t1}
    n = 0
    run_id = run_id or runs.new_run_id(model)
    if write:
        hits = int(frame["held_out"].sum())
        runs.save_run(
            graph,
            run_id,
            model,
            "case-study",
            {**params, "preset": preset, "negatives": negatives, "seed": seed, "top": top},
            {"held_out_in_top": hits, "held_out_total": int(len(split.test)), "top": int(len(frame))},
            [f"dataset:{dataset}", f"excluded:{snap.meta['excluded_sha256']}"],
            dataset=dataset,
            holdout_tfs=[tf],
            status="running",
            species=species,
        )
        n = runs.write_predictions(graph, run_id, model, frame, species=species)
        secs["write_s"] = time.perf_counter() - t2
    return Prediction(run_id, frame, n, secs, m)


def browser_snippet(tf: str, run_id: str, *, species: str = "human", limit: int = 20) -> str:
    """The named query ``tf_predictions`` for one TF and run with its values written in: one statement that
    Browser runs and shows as a table when pasted (a `:param` line before it would put Browser in its
    multi-statement mode, which shows only ticks). Display text; tfkg's own queries always send parameters."""
    from tfkg.browser.guide import with_values

    return with_values("tf_predictions", {"tf": tf, "run_id": run_id, "species": species, "limit": limit})
