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
