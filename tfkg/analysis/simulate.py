"""In-silico knockouts with a trained model of a run (``tfkg predict`` saved it beside the run).

One code path for every model that predicts knockout effects (``PerturbationPredictor``: ``motif-rnn`` runs
its network to steady state with the TF held at zero, ``mtlgrn`` decodes the knockout from the TF's graph
embedding): the predicted change of every gene is written as a simulated ``Knockout`` (``simulated: true``,
``-[:SIMULATED_BY]->`` the run) with ``AFFECTS {effect}`` edges, and set beside the measured knockout of the
same gene where the graph has one (DREAM4, MorPhiC), with the agreement of the two changes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from tfkg import models
from tfkg.errors import InputError, NotFoundError
from tfkg.graph.db import Graph
from tfkg.graph.export import export_snapshot
from tfkg.models.base import PerturbationPredictor

# the services this module offers (keyword-only beyond three parameters: tests/test_service_signatures.py)
__all__ = ["SimulatedKnockout", "simulate_knockout"]


@dataclass
class SimulatedKnockout:
    experiment_id: str
    tf: str
    effects: pd.DataFrame  # symbol, effect[, measured] (sorted by |effect|, largest first)
    written: int
    measured_in: str | None = None  # the measured experiment set beside the simulation
    agreement: float | None = None  # Pearson r of simulated vs measured change (the TF itself left out)
    measured_seen: bool = False  # the measured experiment was in the run's training data


def simulate_knockout(
    graph: Graph, run_id: str, tf: str, *, model: str | None = None, write: bool = True, min_effect: float = 1e-6
) -> SimulatedKnockout:
    rows = graph.run("get_run", run_id=run_id)
    if not rows:
        raise NotFoundError(f"no run {run_id!r} (tfkg runs list)")
    run = dict(rows[0]["run"])
    if not run.get("model_path"):
        raise NotFoundError(f"run {run_id!r} saved no model; simulate from a `tfkg predict` run")
    m = models.load(run["model_path"])
    if model and m.name != model:
        raise InputError(f"run {run_id!r} trained {m.name!r}, not {model!r}")
    if not isinstance(m, PerturbationPredictor):
        raise InputError(f"model {m.name!r} cannot simulate knockouts")
    snap = export_snapshot(graph, run["dataset"], modalities=set())
    genes = snap.nodes["target"]
    index = {g: i for i, g in enumerate(genes)}
    if tf not in index or tf not in set(snap.nodes["tf"]):
        raise NotFoundError(f"{tf} is not a TF of {run['dataset']!r}")
    effect = np.asarray(m.predict_effects(np.array([index[tf]])), dtype=np.float64)[0]
    if len(effect) != len(genes):
        raise InputError(f"run {run_id!r}'s model knows {len(effect)} genes, the dataset now {len(genes)}: re-run predict")
    species = run.get("species") or "human"
    frame = pd.DataFrame({"symbol": genes, "effect": effect})
    measured_in, agreement = None, None
    real = graph.run("measured_knockout_effects", gene=tf, species=species, dataset=run["dataset"])
    if real:
        measured_in = real[0]["experiment"]
        got = pd.Series(real[0]["effects"], index=real[0]["genes"], dtype=float)
        frame["measured"] = frame["symbol"].map(got)
        both = frame[(frame["symbol"] != tf) & frame["measured"].notna()]
        if len(both) > 2 and both["effect"].std() > 0 and both["measured"].std() > 0:
            agreement = float(np.corrcoef(both["effect"], both["measured"])[0, 1])
    frame = frame[(frame["effect"].abs() > min_effect) & (frame["symbol"] != tf)]
    frame = frame.reindex(frame["effect"].abs().sort_values(ascending=False).index).reset_index(drop=True)
    exp_id = f"simulated:{run_id}:{tf}"
    n = 0
    if write:
        graph.run(
            "merge_simulated_knockout",
            experiment_id=exp_id,
            gene=tf,
            species=species,
            run_id=run_id,
            dataset=run["dataset"],
            c={"symbol": frame["symbol"].tolist(), "effect": frame["effect"].astype(float).tolist()},
        )
        n = len(frame)
    return SimulatedKnockout(exp_id, tf, frame, n, measured_in, agreement, bool(real and real[0]["in_dataset"]))
