"""Every task's leakage guard, shown to fire: a training snapshot that holds a held-out sample or experiment on
purpose is refused, the correctly exported one is accepted (link guards: tests/eval/test_harness.py)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from tests.models.cases import planted_snapshot
from tfkg.eval.expression import ExpressionTask
from tfkg.eval.harness import EvalConfig
from tfkg.eval.link import LeakageError
from tfkg.eval.perturbation import PerturbationTask


def _without(snap, kw: str, ids: list[str]):
    """What the export gives for ``exclude_samples`` / ``exclude_experiments``: the same snapshot minus ``ids``."""
    if kw == "exclude_samples":
        keep = ~np.isin(snap.expression.sample_ids, ids)
        return replace(snap, expression=snap.expression.select(keep))
    keep = ~np.isin(snap.perturbations.experiments, ids)
    return replace(snap, perturbations=snap.perturbations.select(keep))


@pytest.mark.parametrize("task_cls", [ExpressionTask, PerturbationTask])
def test_a_planted_held_out_id_is_caught(task_cls):
    full = planted_snapshot()
    task = task_cls(None, full, EvalConfig(model="x", dataset="planted", folds=3))
    fold = task.folds()[0]
    kw, ids = next(iter(task.export_kwargs(fold).items()))
    good = _without(full, kw, ids)
    task.check(good, fold, 0)  # the right export passes
    one = fold.test_ids[:1]  # plant one held-out id back in
    planted = _without(full, kw, [i for i in ids if i not in one])
    with pytest.raises(LeakageError, match=f"1 held-out {task.what} reached the training snapshot"):
        task.check(planted, fold, 0)
    short = _without(full, kw, ids + fold.train_ids[:1])  # and a missing training id is refused too
    with pytest.raises(LeakageError, match="training snapshot has"):
        task.check(short, fold, 0)


def test_a_model_sees_only_the_modalities_it_declares():
    full = planted_snapshot()
    v = full.view({"perturbations"})
    assert v.perturbations is full.perturbations and v.expression is None and not v.features and not v.priors
    assert v.edges is full.edges and v.nodes is full.nodes
    w = full.view({"expression", "priors"})
    assert w.expression is full.expression and w.priors is full.priors and w.perturbations is None
