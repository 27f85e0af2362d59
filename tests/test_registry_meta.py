"""Meta-tests of the registries (as ``tests/models/test_meta.py`` for the models): every ingest source, evaluation
task and link protocol a registry holds is named by some test — by its name in a string (``"tf-matched"``,
``["ingest", "go"]``) or, for a source, by importing its module (``from tfkg.ingest import go``). A new entry
without a test fails here."""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

import pytest

from tfkg.eval.protocols import PROTOCOLS
from tfkg.eval.tasks import TASKS
from tfkg.ingest import SOURCES

TESTS = Path(__file__).parent


@lru_cache(maxsize=1)
def _mentions() -> tuple[frozenset[str], frozenset[str]]:
    """(every string constant, every module or name imported from tfkg) across the test files, this one excepted."""
    strings, imported = set(), set()
    for path in TESTS.rglob("*.py"):
        if path.name == Path(__file__).name:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                strings.add(node.value)
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tfkg"):
                imported.add(node.module or "")
                imported.update(f"{node.module}.{a.name}" for a in node.names)
            elif isinstance(node, ast.Import):
                imported.update(a.name for a in node.names if a.name.startswith("tfkg"))
    return frozenset(strings), frozenset(imported)


def _untested(names: list[str], modules: dict[str, str] | None = None) -> list[str]:
    strings, imported = _mentions()
    modules = modules or {}
    return [n for n in names if n not in strings and modules.get(n) not in imported]


def test_every_ingest_source_has_a_test():
    modules = {n: f"tfkg.ingest.{SOURCES.get(n).__name__.rsplit('.', 1)[-1]}" for n in SOURCES.names()}
    missing = _untested(SOURCES.names(), modules)
    assert not missing, f"ingest sources that no test names (by name or module): {missing}"


@pytest.mark.parametrize("registry", [TASKS, PROTOCOLS], ids=["tasks", "protocols"])
def test_every_task_and_protocol_has_a_test(registry):
    missing = _untested(registry.names())
    assert not missing, f"{registry.kind}s that no test names: {missing}"
