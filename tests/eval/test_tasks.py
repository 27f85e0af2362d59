"""The task registry is the one source of the harness's tasks and of `tfkg evaluate --task`."""

from __future__ import annotations

from tfkg.cli.evaluate import evaluate_cmd
from tfkg.eval.tasks import ALIASES, TASKS, Task
from tfkg.models.base import ExpressionPredictor, LinkPredictor, PerturbationPredictor


def test_every_task_is_a_task_with_modalities_and_a_model_task():
    model_tasks = {c.task for c in (LinkPredictor, ExpressionPredictor, PerturbationPredictor)}
    for name in TASKS:
        cls = TASKS.get(name)
        assert issubclass(cls, Task) and cls.name == name and cls.modalities and cls.model_task in model_tasks
    assert TASKS.get("double-knockout").model_task == "perturbation"


def test_the_cli_offers_exactly_the_registered_tasks():
    option = next(p for p in evaluate_cmd.params if p.name == "task")
    assert set(option.type.choices) == set(TASKS.names()) | set(ALIASES)
