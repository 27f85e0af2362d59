"""The import graph of the package: no circles, and the CLI on the top floor (nothing imports it)."""

from __future__ import annotations

import ast
from pathlib import Path

import tfkg

ROOT = Path(tfkg.__file__).parent


def _module(path: Path) -> str:
    rel = path.relative_to(ROOT.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def import_graph() -> dict[str, set[str]]:
    """module -> the tfkg modules it imports (anywhere in the file, function-local imports included)."""
    modules = {_module(p): p for p in ROOT.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for mod, path in modules.items():
        package = mod if path.name == "__init__.py" else mod.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
                names = [base] + [f"{base}.{a.name}" for a in node.names]
            for n in names:
                while n and n not in modules:
                    n = n.rsplit(".", 1)[0] if "." in n else ""
                if n and n != mod and n.startswith("tfkg"):
                    graph[mod].add(n)
    return graph


def _parents(mod: str) -> set[str]:
    """A package's __init__ runs before its submodules: importing a.b.c imports a and a.b."""
    parts = mod.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts))}


def test_no_import_circles():
    graph = import_graph()
    # an edge from a submodule to its own package's __init__ is how Python works, not a circle
    edges = {m: {d for d in deps if d not in _parents(m)} for m, deps in graph.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for d in sorted(edges[m]):
            if state.get(d) == 1:
                raise AssertionError("import circle: " + " -> ".join(stack[stack.index(d) :] + [d]))
            if d not in state:
                visit(d)
        stack.pop()
        state[m] = 2

    for m in sorted(edges):
        if m not in state:
            visit(m)


def test_cli_is_the_top_floor():
    graph = import_graph()
    upward = sorted(
        m for m, deps in graph.items() if not m.startswith("tfkg.cli") and any(d.startswith("tfkg.cli") for d in deps)
    )
    assert not upward, f"modules importing the CLI: {upward}"


def test_no_dynamic_wiring():
    """Commands and registries are wired statically: no import_module outside the one Registry."""
    offenders = [
        str(p.relative_to(ROOT)) for p in ROOT.rglob("*.py") if "import_module(" in p.read_text() and p.name != "registry.py"
    ]
    assert not offenders, offenders


def test_models_cannot_reach_around_the_snapshot():
    """A model sees only the snapshot the harness gives it: nothing under tfkg/models imports the database layer,
    the configuration (data paths, credentials), the ingest sources or the neo4j driver."""
    graph = import_graph()
    banned = ("tfkg.graph", "tfkg.config", "tfkg.ingest")
    reach = sorted(
        f"{m} -> {d}" for m, deps in graph.items() if m.startswith("tfkg.models") for d in deps if d.startswith(banned)
    )
    assert not reach, reach
    driver = []
    for p in (ROOT / "models").rglob("*.py"):
        for node in ast.walk(ast.parse(p.read_text())):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            driver += [f"{p.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] in ("neo4j", "graphdatascience")]
    assert not driver, driver


def test_the_graph_layer_does_not_import_the_browser():
    """The managed server gets the Browser guide from the CLI (``tfkg.graph.server.Guide``), not by importing it."""
    graph = import_graph()
    up = sorted(m for m, deps in graph.items() if m.startswith("tfkg.graph") and any(d.startswith("tfkg.browser") for d in deps))
    assert not up, f"tfkg.graph modules importing tfkg.browser: {up}"


def test_models_do_not_import_eval():
    """Models train on snapshots (``tfkg.data``); the evaluation harness imports them, not the other way round."""
    graph = import_graph()
    up = sorted(m for m, deps in graph.items() if m.startswith("tfkg.models") and any(d.startswith("tfkg.eval") for d in deps))
    assert not up, f"tfkg.models modules importing tfkg.eval: {up}"
