"""The click context object: how commands reach Neo4j, and how library errors become CLI errors."""
from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

import click

from tfkg import config
from tfkg.errors import TfkgError
from tfkg.graph.db import Graph


class Ctx:
    def __init__(self, **conn):
        self.conn = conn

    def graph(self) -> Graph:
        return Graph(config.resolve_connection(**self.conn))


@contextlib.contextmanager
def friendly(*kinds: type[BaseException]) -> Iterator[None]:
    """Turn tfkg's own errors (``TfkgError``: bad input, unknown names, data not in the graph) and a missing file
    into a one-line CLI error (exit 1); anything else is a bug and keeps its traceback. ``tfkg --debug``: always."""
    try:
        yield
    except (TfkgError, FileNotFoundError, *kinds) as e:
        if os.environ.get("TFKG_DEBUG"):
            raise
        msg = e.args[0] if isinstance(e, KeyError) and e.args else str(e)
        raise click.ClickException(str(msg)) from e


def kv_pairs(items: tuple[str, ...]) -> dict:
    from tfkg.console import parse_kv

    try:
        return dict(parse_kv(p) for p in items)
    except ValueError as e:
        raise click.BadParameter(str(e)) from e
