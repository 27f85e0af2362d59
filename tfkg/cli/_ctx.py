"""The click context object: how commands reach Neo4j, and how library errors become CLI errors."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

import click

from tfkg import config
from tfkg.graph.db import Graph


class Ctx:
    def __init__(self, **conn):
        self.conn = conn

    def graph(self) -> Graph:
        return Graph(config.resolve_connection(**self.conn))


@contextlib.contextmanager
def friendly() -> Iterator[None]:
    """A missing file becomes a one-line CLI error (exit 1) like tfkg's own errors (``TfkgError``, which the
    ``tfkg`` group turns into one line for every command); anything else is a bug and keeps its traceback.
    ``tfkg --debug``: always the traceback."""
    try:
        yield
    except FileNotFoundError as e:
        if os.environ.get("TFKG_DEBUG"):
            raise
        raise click.ClickException(str(e)) from e


def kv_pairs(items: tuple[str, ...]) -> dict:
    from tfkg.console import parse_kv

    try:
        return dict(parse_kv(p) for p in items)
    except ValueError as e:
        raise click.BadParameter(str(e)) from e


def method_option(help: str):
    """``--method``: the decoupler method that infers TF activity (``tfkg activity``, ``tfkg benchmark knockouts``)."""
    return click.option(
        "--method",
        type=click.Choice(["ulm", "mlm", "viper", "waggr", "zscore", "aucell"]),
        default="ulm",
        show_default=True,
        help=help,
    )


def with_options(options):
    """Apply a list of click options (first listed, first in the help) to a command."""

    def wrap(f):
        for opt in reversed(options):
            f = opt(f)
        return f

    return wrap


def dataset_help(lead: str = "Dataset key") -> str:
    """``--dataset``'s help: every key form of the dataset registry (``tfkg.data.datasets.KEY_FORMS``)."""
    from tfkg.data.datasets import key_forms

    return f"{lead}: {', '.join(key_forms())}."


# the options every model command shares (evaluate, evaluate-edges, predict, case-study)
MODEL_OPTIONS = [
    click.option(
        "--param",
        "-p",
        "params",
        multiple=True,
        metavar="KEY=VALUE",
        help="Model parameter (JSON or text); `tfkg models NAME` lists them.",
    ),
    click.option("--preset", help="Named parameter preset of the model (e.g. ens: demo, paper)."),
    click.option("--seed", default=0, show_default=True, help="Seed of splits, negatives and models."),
    click.option("--dataset", "-d", default="hgetgi", show_default=True, help=dataset_help()),
    click.option("--device", default="cpu", show_default=True, help="cpu, cuda[:N] or auto."),
]

model_options = with_options(MODEL_OPTIONS)


def train_negatives_option(kinds, help: str):
    """``--train-negatives`` (alias ``--negatives``): the training negatives of ``tfkg evaluate``, ``predict`` and
    ``case-study``, one of ``kinds`` (``tfkg.data.negatives.TRAINING_NEGATIVES``, or its whole-snapshot subset)."""
    return click.option(
        "--train-negatives",
        "--negatives",
        "train_negatives",
        default="random",
        show_default=True,
        type=click.Choice(list(kinds)),
        help=help,
    )
