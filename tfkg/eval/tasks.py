"""The evaluation tasks: a :class:`Task` base and one registry, from which the harness, ``tfkg evaluate --task``
and ``tfkg ls tasks`` all read.

A task says which snapshot modalities it needs (``modalities``), which model task a model must implement to be
evaluated on it (``model_task``: ``double-knockout`` is judged on perturbation models), how it splits and what it
holds out. A new task is a subclass plus a line in :data:`TASKS`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar

from tfkg.registry import Registry

if TYPE_CHECKING:  # annotations only: ``tfkg evaluate --help`` reads the registry without neo4j or torch
    import pandas as pd

    from tfkg.data.snapshot import Snapshot
    from tfkg.graph.db import Graph
    from tfkg.models.base import Model


class Fold(Protocol):
    """What the harness needs of a task's fold: a name (the rest is the task's own)."""

    @property
    def name(self) -> str: ...


F = TypeVar("F", bound=Fold)


class Task(Generic[F]):
    """One held-out evaluation: folds, the training snapshot without the fold, the leakage check, the metrics.

    The harness calls, in order: ``Task(graph, full_snapshot, cfg)``, :meth:`default_baselines` (when the user named
    none), :meth:`folds`; per fold :meth:`export_kwargs` (what ``export_snapshot`` leaves out), :meth:`check` (the
    leakage guard on the exported training snapshot), :meth:`fold_info`, then per model :meth:`score`; at the end
    :meth:`summary_info`, :meth:`describe` and :meth:`plot`. ``F``: the task's fold type."""

    name: ClassVar[str]
    modalities: ClassVar[frozenset[str]]  # what the dataset must have
    model_task: ClassVar[str]  # the Model task (``Model.tasks()``) a model needs for it
    headline: ClassVar[tuple[str, ...]]  # the metrics the summary leads with
    protocol: str  # how the held-out part is chosen, in words (a link protocol's name for the link task)

    def __init__(self, graph: Graph, full: Snapshot, cfg: Any) -> None:  # cfg: tfkg.eval.harness.EvalConfig
        raise NotImplementedError

    def default_baselines(self) -> list[str]:
        raise NotImplementedError

    def folds(self) -> list[F]:
        raise NotImplementedError

    def export_kwargs(self, fold: F) -> dict[str, Any]:
        raise NotImplementedError

    def check(self, snap: Snapshot, fold: F, index: int) -> None:
        raise NotImplementedError

    def fold_info(self, fold: F) -> dict[str, Any]:
        raise NotImplementedError

    def score(self, model: Model, fold: F) -> tuple[dict[str, float], Any]:
        """The fold's metrics (name -> value) and a curve for the plots (None: none)."""
        raise NotImplementedError

    def summary_info(self) -> dict[str, Any]:
        raise NotImplementedError

    def describe(self, info: dict[str, Any]) -> list[str]:
        raise NotImplementedError

    def plot(self, curves: dict[tuple[str, str], Any], summary: pd.DataFrame, info: dict[str, Any], out: Path) -> dict[str, Path]:
        raise NotImplementedError


TASKS: Registry[type[Task[Any]]] = Registry(
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
