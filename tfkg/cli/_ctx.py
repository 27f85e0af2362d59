"""The click context object: how commands reach Neo4j, and how library errors become CLI errors."""
from __future__ import annotations

import contextlib
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
def friendly(*kinds: type[BaseException]) -> Iterator[None]:
    """Turn the library's plain exceptions into a one-line CLI error (exit 1)."""
    try:
        yield
    except kinds or (KeyError, ValueError, LookupError, TypeError, FileNotFoundError) as e:
        msg = e.args[0] if isinstance(e, KeyError) and e.args else str(e)
        raise click.ClickException(str(msg)) from e


def kv_pairs(items: tuple[str, ...]) -> dict:
    from tfkg.console import parse_kv

    try:
        return dict(parse_kv(p) for p in items)
    except ValueError as e:
        raise click.BadParameter(str(e)) from e
