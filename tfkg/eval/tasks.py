"""The evaluation tasks: a :class:`Task` base and one registry, from which the harness, ``tfkg evaluate --task``
and ``tfkg ls tasks`` all read.

A task says which snapshot modalities it needs (``modalities``), which model task a model must implement to be
evaluated on it (``model_task``: ``double-knockout`` is judged on perturbation models), how it splits and what it
holds out. A new task is a subclass plus a line in :data:`TASKS`.
"""
from __future__ import annotations

from typing import ClassVar

from tfkg.registry import Registry


class Task:
    """One held-out evaluation: folds, the training snapshot without the fold, the leakage check, the metrics."""

    name: ClassVar[str]
    modalities: ClassVar[frozenset[str]]       # what the dataset must have
    model_task: ClassVar[str]                  # the Model task (``Model.tasks()``) a model needs for it


TASKS: Registry[type[Task]] = Registry("task", {
    "link": "tfkg.eval.link:LinkTask",
    "expression": "tfkg.eval.expression:ExpressionTask",
    "perturbation": "tfkg.eval.perturbation:PerturbationTask",
    "double-knockout": "tfkg.eval.perturbation:DoubleKnockoutTask",
})
ALIASES = {"knockout": "perturbation"}


def choices() -> list[str]:
    """The names ``--task`` accepts (aliases included)."""
    return TASKS.names() + list(ALIASES)
