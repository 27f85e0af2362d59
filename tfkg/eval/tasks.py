"""The evaluation tasks: a :class:`Task` base and one registry, from which the harness, ``tfkg evaluate --task``
and ``tfkg ls tasks`` all read.

A task says which snapshot modalities it needs (``modalities``), which model task a model must implement to be
evaluated on it (``model_task``: ``double-knockout`` is judged on perturbation models), how it splits and what it
holds out. A new task is a subclass plus a line in :data:`TASKS`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from tfkg.registry import Registry


class Task:
    """One held-out evaluation: folds, the training snapshot without the fold, the leakage check, the metrics.

    The harness calls, in order: ``Task(graph, full_snapshot, cfg)``, :meth:`default_baselines` (when the user named
    none), :meth:`folds`; per fold :meth:`export_kwargs` (what ``export_snapshot`` leaves out), :meth:`check` (the
    leakage guard on the exported training snapshot), :meth:`fold_info`, then per model :meth:`score`; at the end
    :meth:`summary_info`, :meth:`describe` and :meth:`plot`."""

    name: ClassVar[str]
    modalities: ClassVar[frozenset[str]]  # what the dataset must have
    model_task: ClassVar[str]  # the Model task (``Model.tasks()``) a model needs for it
    headline: ClassVar[tuple[str, ...]]  # the metrics the summary leads with
    protocol: str  # how the held-out part is chosen, in words (a link protocol's name for the link task)

    def __init__(self, graph, full, cfg) -> None:
        raise NotImplementedError

    def default_baselines(self) -> list[str]:
        raise NotImplementedError

    def folds(self) -> list[Any]:
        raise NotImplementedError

    def export_kwargs(self, fold) -> dict:
        raise NotImplementedError

    def check(self, snap, fold, index: int) -> None:
        raise NotImplementedError

    def fold_info(self, fold) -> dict:
        raise NotImplementedError

    def score(self, model, fold) -> tuple[dict[str, float], object]:
        raise NotImplementedError

    def summary_info(self) -> dict:
        raise NotImplementedError

    def describe(self, info: dict) -> list[str]:
        raise NotImplementedError

    def plot(self, curves: dict, summary, info: dict, out: Path) -> dict[str, Path]:
        raise NotImplementedError


TASKS: Registry[type[Task]] = Registry(
    "task",
    {
        "link": "tfkg.eval.link:LinkTask",
        "expression": "tfkg.eval.expression:ExpressionTask",
        "perturbation": "tfkg.eval.perturbation:PerturbationTask",
        "double-knockout": "tfkg.eval.perturbation:DoubleKnockoutTask",
    },
)
ALIASES = {"knockout": "perturbation"}


def choices() -> list[str]:
    """The names ``--task`` accepts (aliases included)."""
    return TASKS.names() + list(ALIASES)
