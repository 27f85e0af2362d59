"""The Browser guide and its server: every step is a shipped named query that runs as Browser sends it."""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import pytest

from tfkg import cypher
from tfkg.browser import guide, serve


def test_every_step_is_a_named_query_whose_parameters_the_first_step_sets():
    html = guide.render()
    assert html.count("<slide>") == len(guide.STEPS) + 1
    for step in guide.STEPS:
        assert set(cypher.parameters(step.query)) <= set(guide.GUIDE_PARAMS), step.query
        assert guide.query_body(step.query).split("\n")[0] in html.replace("&#x27;", "'").replace("&gt;", ">").replace(
            "&lt;", "<"
        ).replace("&quot;", '"')
    assert guide.params_command().startswith(':params {tf: "STAT3", species: "human", run_id: null')


def test_stylesheet_styles_every_entity_and_captions_predictions_by_rank():
    grass = guide.stylesheet()
    for label in ("TF", "Gene", "Disease", "Motif", "Knockout", "Module"):
        assert f"node.{label} {{" in grass
    colours = {
        label: re.search(rf"node\.{label} {{\s*color: (#\w+)", grass).group(1)
        for label in ("TF", "Gene", "Disease", "Motif", "Knockout")
    }
    assert len(set(colours.values())) == len(colours)  # distinct colours
    assert "caption: '#{tf_rank}'" in grass.split("relationship.PREDICTED_REGULATES")[1].split("\n}")[0]


def test_guide_server_sends_cors_headers_to_browser_origins_only(tmp_path):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    pid = tmp_path / "guide.pid"
    serve.spawn(port, 7474, pid, tmp_path / "guide.log")
    try:
        req = urllib.request.Request(f"http://127.0.0.1:{port}/tfkg.html", headers={"Origin": "http://localhost:7474"})
        with urllib.request.urlopen(req) as r:
            assert r.headers["Access-Control-Allow-Origin"] == "http://localhost:7474"
            assert "<slide>" in r.read().decode()
        req = urllib.request.Request(f"http://127.0.0.1:{port}/tfkg.grass", headers={"Origin": "http://evil.example"})
        with urllib.request.urlopen(req) as r:
            assert r.headers["Access-Control-Allow-Origin"] is None
        with pytest.raises(urllib.error.HTTPError, match="404"):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/etc/passwd")
        serve.spawn(port, 7474, pid, tmp_path / "guide.log")  # already running: a no-op
    finally:
        serve.stop(pid)
    assert not pid.exists()


def _as_browser_sends(params: dict) -> dict:
    """Browser's `:params {…}` turns every number into a float."""
    return {k: float(v) if isinstance(v, int) else v for k, v in params.items()}


@pytest.mark.neo4j
def test_every_guide_query_runs_with_the_guide_parameters(template_graph):
    """Exactly the parameters the guide sets, numbers as floats, optional ones null: no step fails."""
    g = template_graph
    tf = g.cypher("MATCH (:Dataset {key: 'hgetgi'})-[:INCLUDES {role: 'tf'}]->(t) RETURN t.symbol AS s ORDER BY s LIMIT 1")[0][
        "s"
    ]
    params = _as_browser_sends({**guide.GUIDE_PARAMS, "tf": tf.lower()})  # any case
    for step in guide.STEPS:
        g.cypher(cypher.load(step.query), **{k: params[k] for k in cypher.parameters(step.query)})
    rows = g.cypher(cypher.load("tf_targets"), tf=tf.lower(), species=None)
    assert rows and rows == g.cypher(cypher.load("tf_targets"), tf=tf, species=None)
    for name in (
        "tf_predictions",
        "tf_targets",
        "tf_prediction_graph",
        "shared_diseases",
        "sample_walks",
        "ens_negatives",
        "tf_motifs",
    ):
        with pytest.raises(Exception, match="tfkg: (no gene )?NO-SUCH-TF"):
            g.run(name, tf="NO-SUCH-TF")


@pytest.mark.neo4j
def test_values_written_in_survive_quotes_and_backslashes(graph):
    for value in ("O'Brien", "back\\slash", 'say "hi"', "x\\'y"):
        assert graph.cypher("RETURN " + guide.cypher_literal(value) + " AS v")[0]["v"] == value
    text = guide.with_values("tf_targets", {"tf": "STAT3"})
    assert "'STAT3'" in text and "coalesce(null, 'human')" in text and "$" not in text
    with pytest.raises(KeyError, match="no parameter"):
        guide.with_values("tf_targets", {"TF": "STAT3"})


@pytest.mark.neo4j
def test_empty_results_explain_themselves(template_graph):
    """A gene that is no TF, a run without analysis, a gene never knocked out in silico: one row that says why and
    which command makes the missing piece."""
    g = template_graph
    gene = g.cypher(
        "MATCH (g:Gene {species: 'human'}) WHERE NOT (g)-[:REGULATES]->() AND NOT (g)-[:PREDICTED_REGULATES]->() "
        "RETURN g.symbol AS s ORDER BY s LIMIT 1"
    )[0]["s"]
    rows = g.run("tf_predictions", tf=gene.lower(), run_id=None, species=None, limit=None)
    assert len(rows) == 1 and rows[0]["kind"].startswith(f"nothing to show: {gene} has no literature-curated target")
    rows = g.run("module_hubs", run_id="no-such-run", module=None, limit=None)
    assert len(rows) == 1 and "tfkg analyze network" in rows[0]["note"]
    rows = g.run("simulated_vs_measured", run_id=None, gene="NO-SUCH-GENE", limit=None)
    assert len(rows) == 1 and "tfkg simulate knockout" in rows[0]["note"]


def test_a_stopped_guide_server_counts_as_gone_while_still_a_zombie():
    """`stop` waits for the guide server to end; an unreaped child (a zombie) has ended, so it must not wait longer."""
    import subprocess
    import sys
    import time

    from tfkg.browser.serve import _exited, proc_state

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and proc_state(child.pid) != "Z":
        time.sleep(0.02)
    assert _exited(child.pid)  # reaps it, too
    assert not Path(f"/proc/{child.pid}").exists()
