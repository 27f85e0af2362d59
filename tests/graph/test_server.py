"""The managed server really is Neo4j 5.26 with GDS and APOC, bound to loopback with auth on."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from tfkg.cli import main

pytestmark = pytest.mark.neo4j


def test_versions(graph):
    v = graph.versions()
    assert v["neo4j"].startswith("5.26.")
    assert v["gds"] and v["gds"].startswith("2.")
    assert v["apoc"] and v["apoc"].startswith("5.26")


def test_auth_is_on(graph):
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError

    with GraphDatabase.driver(graph.conn.uri, auth=("neo4j", "wrong-password")) as d, pytest.raises(AuthError):
        d.verify_connectivity()


def test_bound_to_loopback_only(graph):
    conf = graph.cypher("CALL dbms.listConfig('server.bolt.listen_address') YIELD value RETURN value")
    assert conf[0]["value"].startswith("127.0.0.1:")


def test_browser_telemetry_is_off(graph):
    conf = {r["name"]: r["value"] for r in graph.cypher(
        "CALL dbms.listConfig() YIELD name, value WHERE name IN ['client.allow_telemetry', "
        "'dbms.usage_report.enabled'] RETURN name, value")}
    assert conf == {"client.allow_telemetry": "false", "dbms.usage_report.enabled": "false"}


def test_status_command_prints_versions_not_password(graph):
    res = CliRunner().invoke(main, ["db", "status"])
    assert res.exit_code == 0, res.output
    assert "5.26." in res.output and "Graph Data Science" in res.output
    assert graph.conn.password not in res.output


def test_schema_is_idempotent(graph):
    graph.apply_schema()
    n1 = len(graph.cypher("SHOW CONSTRAINTS YIELD name RETURN name"))
    graph.apply_schema()
    assert len(graph.cypher("SHOW CONSTRAINTS YIELD name RETURN name")) == n1 >= 6


def test_gds_runs_an_algorithm(empty_graph, tmp_path):
    from tfkg.ingest import trrust
    from tfkg.ingest.base import execute

    f = tmp_path / "t.human.tsv"
    f.write_text("STAT3\tVEGFA\tActivation\t1\nSTAT3\tBCL2\tUnknown\t2\nTP53\tBAX\tActivation\t3\n")
    execute(empty_graph, trrust.plan([f]), False, tmp_path)
    rows = empty_graph.run("gds_degree_demo")
    assert {r["symbol"]: r["score"] for r in rows}["STAT3"] == 2.0
