"""Test fixtures. Tests marked ``neo4j`` talk to a real Neo4j: the managed ``test`` profile server that
``scripts/test.sh`` starts (or any server named by NEO4J_URI with TFKG_TEST_ALLOW_WIPE=1). They wipe it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tfkg.config import data_root

# scripts/test.sh runs two pytest-xdist workers, each against its own managed server: gw0 the "test" profile,
# gw1 "test2" (the server tests kill, stop and wipe it; tfkg subprocesses inherit the profile)
if os.environ.get("PYTEST_XDIST_WORKER", "gw0") != "gw0":
    os.environ["TFKG_PROFILE"] = f"test{int(os.environ['PYTEST_XDIST_WORKER'].removeprefix('gw')) + 1}"
else:
    os.environ.setdefault("TFKG_PROFILE", "test")

# Under CI a missing data folder, browser or server fails the run (with the reason) instead of quietly skipping;
# the only skip CI accepts is a test that needs a CUDA device.
IN_CI = bool(os.environ.get("CI"))
ALLOWED_CI_SKIPS = ("CUDA",)


def _skip_or_fail(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


def pytest_sessionfinish(session, exitstatus):
    """Under CI, fail a run that skipped anything but the CUDA-only tests: a suite must not stop testing quietly."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if not IN_CI or reporter is None:
        return
    skipped = [
        r for r in reporter.stats.get("skipped", []) if not any(a in str(getattr(r, "longrepr", "")) for a in ALLOWED_CI_SKIPS)
    ]
    if skipped:
        reporter.write_line(
            f"CI=true: {len(skipped)} test(s) skipped for a reason other than CUDA: "
            + "; ".join(str(getattr(r, "longrepr", r))[:200] for r in skipped[:5]),
            red=True,
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_collection_modifyitems(config, items):
    """Tests marked ``slow`` (a minute or more each) run first: the two xdist workers of scripts/test.sh
    (``--no-loadscope-reorder``) then start on them, and the many short files even out the end."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def _graph_or_skip():
    from tfkg.config import resolve_connection
    from tfkg.graph.db import Graph

    if os.environ.get("NEO4J_URI") and not os.environ.get("TFKG_TEST_ALLOW_WIPE"):
        if os.environ.get("TFKG_REQUIRE_NEO4J"):
            pytest.fail(
                "TFKG_REQUIRE_NEO4J is set but NEO4J_URI points at a server the tests may not wipe (set TFKG_TEST_ALLOW_WIPE=1)",
                pytrace=False,
            )
        _skip_or_fail("NEO4J_URI points at a server the tests may not wipe; set TFKG_TEST_ALLOW_WIPE=1")
    try:
        g = Graph(resolve_connection())
        g.driver.verify_connectivity()
    except BaseException as e:  # noqa: BLE001 - SystemExit from resolve_connection included
        if os.environ.get("TFKG_REQUIRE_NEO4J"):
            raise
        _skip_or_fail(f"no Neo4j for tests ({e}); run scripts/test.sh")
    return g


@pytest.fixture(scope="session")
def graph():
    g = _graph_or_skip()
    g.apply_schema()
    yield g
    g.close()


@pytest.fixture()
def empty_graph(graph):
    """The real test database, wiped before the test."""
    graph.wipe()
    return graph


@pytest.fixture(scope="session")
def data() -> Path:
    root = data_root()
    if not (root / "MANIFEST.md").exists():
        _skip_or_fail(f"shared data not found at {root} (set TFKG_DATA)")
    return root


@pytest.fixture()
def template_graph(graph, data, tmp_path_factory):
    """The test database holding a tiny HGETGI-format graph (key ``hgetgi``) and DREAM4 ``10-1`` (edges,
    expression, knockouts): what the model template runs the harness on. Re-ingested only when missing."""
    from tests.planted import write_hgetgi_like
    from tfkg.ingest import dream4, hgetgi
    from tfkg.ingest.base import execute

    have = {
        r["key"]
        for r in graph.cypher("MATCH (d:Dataset) WHERE d.key IN ['hgetgi', 'dream4:10-1'] AND d.template = 2 RETURN d.key AS key")
    }
    if have != {"hgetgi", "dream4:10-1"}:
        graph.wipe()
        tmp = tmp_path_factory.mktemp("template")
        execute(graph, hgetgi.plan([write_hgetgi_like(tmp / "hgetgi")]), False, tmp / "q")
        execute(graph, dream4.plan([data / "dream4_insilico"], networks="10-1"), False, tmp / "q")
        # the template's version: bump it when an ingest it uses changes (2: DREAM4 double knockouts)
        graph.cypher("MATCH (d:Dataset) WHERE d.key IN ['hgetgi', 'dream4:10-1'] SET d.template = 2")
    return graph
