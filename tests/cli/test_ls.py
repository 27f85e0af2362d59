"""`tfkg ls KIND` lists each registry from the registry itself (no database)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tfkg import cypher, models
from tfkg.cli import main
from tfkg.data.datasets import FAMILIES
from tfkg.eval.protocols import PROTOCOLS
from tfkg.ingest import SOURCES


@pytest.mark.parametrize(
    "kind, names",
    [
        ("models", lambda: models.MODELS.names()),
        ("datasets", lambda: FAMILIES.names()),
        ("sources", lambda: SOURCES.names()),
        ("protocols", lambda: PROTOCOLS.names()),
        ("tasks", lambda: ["link", "expression", "perturbation", "double-knockout"]),
        ("queries", lambda: cypher.names()),
    ],
)
def test_ls_lists_every_registered_name(kind, names):
    r = CliRunner().invoke(main, ["ls", kind], terminal_width=200, env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.output
    want = names()
    assert f"{len(want)} {kind}" in r.output
    first_col = {line.split()[0] for line in r.output.splitlines() if line.strip()}
    assert set(want) <= first_col, sorted(set(want) - first_col)[:5]


@pytest.mark.parametrize(
    "args, names, title",
    [
        (["models"], lambda: models.MODELS.names(), "models (tfkg evaluate NAME"),
        (["ingest", "list"], lambda: SOURCES.names(), "ingestion sources"),
        (["query", "--list"], lambda: [n for n in cypher.names() if not cypher.writes(n)], "named read queries"),
    ],
)
def test_the_other_listings_print_the_ls_builders(args, names, title):
    """`tfkg models`, `tfkg ingest list` and `tfkg query --list` print the `tfkg ls` builders' rows (no database)."""
    r = CliRunner().invoke(main, args, terminal_width=200, env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.output
    assert title in r.output
    first_col = {line.split()[0] for line in r.output.splitlines() if line.strip()}
    assert set(names()) <= first_col, sorted(set(names()) - first_col)[:5]
    if args == ["query", "--list"]:
        assert not {n for n in cypher.names() if cypher.writes(n)} & first_col
