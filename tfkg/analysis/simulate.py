"""In-silico knockouts with a trained model of a run (``tfkg predict`` saved it beside the run).

The knocked-out TF's input and state are held at zero, the network runs to steady state from the TF
inputs at their training means, and the predicted change of every gene from the unperturbed steady state
is written as a simulated ``Knockout`` (``simulated: true``, ``-[:SIMULATED_BY]->`` the run) with
``AFFECTS {effect}`` edges, so it can be compared with measured knockouts in Cypher.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from tfkg import models
from tfkg.graph.db import Graph
from tfkg.graph.export import export_snapshot
from tfkg.models.base import expression_io


@dataclass
class SimulatedKnockout:
    experiment_id: str
    tf: str
    effects: pd.DataFrame     # symbol, effect (sorted by |effect|, largest first)
    written: int


def simulate_knockout(graph: Graph, run_id: str, tf: str, model: str | None = None, write: bool = True,
                      min_effect: float = 1e-6) -> SimulatedKnockout:
    rows = graph.run("get_run", run_id=run_id)
    if not rows:
        raise LookupError(f"no run {run_id!r} (tfkg runs list)")
    run = dict(rows[0]["run"])
    if not run.get("model_path"):
        raise LookupError(f"run {run_id!r} saved no model; simulate from a `tfkg predict motif-rnn` run")
    m = models.load(run["model_path"])
    if model and m.name != model:
        raise ValueError(f"run {run_id!r} trained {m.name!r}, not {model!r}")
    if not hasattr(m, "predict_effects"):
        raise ValueError(f"model {m.name!r} cannot simulate knockouts")
    snap = export_snapshot(graph, run["dataset"], modalities={"expression"})
    genes = snap.nodes[snap.expression.ntype]
    index = {g: i for i, g in enumerate(genes)}
    if tf not in index or tf not in set(snap.nodes["tf"]):
        raise LookupError(f"{tf} is not a TF of {run['dataset']!r}")
    inp, _ = expression_io(snap)
    base = snap.expression.values[inp].astype(np.float64).mean(1)
    effect = m.predict_effects(np.array([index[tf]]), base=base)[0]
    frame = pd.DataFrame({"symbol": genes, "effect": effect})
    frame = frame[(frame["effect"].abs() > min_effect) & (frame["symbol"] != tf)]
    frame = frame.reindex(frame["effect"].abs().sort_values(ascending=False).index).reset_index(drop=True)
    exp_id = f"simulated:{run_id}:{tf}"
    n = 0
    if write:
        graph.run("merge_simulated_knockout", experiment_id=exp_id, gene=tf, species=run.get("species") or "human",
                  run_id=run_id, dataset=run["dataset"],
                  c={"symbol": frame["symbol"].tolist(), "effect": frame["effect"].astype(float).tolist()})
        n = len(frame)
    return SimulatedKnockout(exp_id, tf, frame, n)
