"""The managed server really is Neo4j 5.26 with GDS and APOC, bound to loopback with auth on."""

from __future__ import annotations

import os
import shutil

import pytest
from click.testing import CliRunner

from tfkg.cli import main
from tfkg.cli.db import browser_guide

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
    conf = {
        r["name"]: r["value"]
        for r in graph.cypher(
            "CALL dbms.listConfig() YIELD name, value WHERE name IN ['client.allow_telemetry', "
            "'dbms.usage_report.enabled'] RETURN name, value"
        )
    }
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


def test_a_taken_port_names_its_owner(tmp_path, monkeypatch):
    """Starting a profile whose port another program holds says which port and which process."""
    import socket
    import subprocess
    import sys

    from tfkg.graph import server

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import socket,time; s=socket.socket(); "
            f"s.bind(('127.0.0.1',{port})); s.listen(); print('up', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "up"
        owner = server.port_owner(port)
        assert owner is not None and f"pid {holder.pid}" in owner
        monkeypatch.setenv("TFKG_BOLT_PORT", str(port))
        paths = server.ServerPaths("porttest")
        assert paths.ports[0] == port
        monkeypatch.setattr(server, "is_installed", lambda p: True)
        monkeypatch.setattr(server, "init_home", lambda p, guide=None: None)
        monkeypatch.setattr(server, "is_running", lambda p: False)
        with pytest.raises(server.ServerError, match=rf"port {port} on 127.0.0.1 is already in use by .*pid {holder.pid}"):
            server.start(paths)
    finally:
        holder.kill()


def test_is_running_reads_the_pid_file_without_a_jvm(graph, tmp_path):
    """The managed server is running; a pid file naming another program, a dead process or nothing is not."""
    import subprocess
    import sys

    from tfkg import config
    from tfkg.graph import server

    assert server.is_running(config.ServerPaths(config.current_profile()))
    other = server.ServerPaths("pidtest")
    f = server.pid_file(other)
    f.parent.mkdir(parents=True, exist_ok=True)
    try:
        f.write_text(f"{os.getpid()}\n")  # alive, but not a Neo4j of this home
        assert not server.is_running(other)
        dead = subprocess.Popen([sys.executable, "-c", "pass"])
        dead.wait()
        f.write_text(str(dead.pid))
        assert not server.is_running(other)
        f.unlink()
        assert not server.is_running(other)
    finally:
        shutil.rmtree(other.home)


def test_a_password_that_reads_like_an_option_starts_and_is_never_shown(tmp_path, monkeypatch):
    """A stored password beginning with '-' (an older tfkg drew one once in 64, and neo4j-admin took it for an
    option, so the profile never started): `tfkg db start` sets it and starts. A failing admin call's message and a
    refused password's message never contain the password."""
    from neo4j import GraphDatabase

    from tfkg import config
    from tfkg.graph import server

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv("TFKG_PROFILE", "test9")  # the CLI sets it; monkeypatch puts the worker's back afterwards
    paths = config.ServerPaths("test9")
    shutil.rmtree(paths.home, ignore_errors=True)
    password = "-8K1g" + config.new_password(27)
    config._write_private(paths.credentials_file, {"username": "neo4j", "password": password})
    try:
        res = CliRunner().invoke(main, ["--profile", "test9", "db", "start"])
        assert res.exit_code == 0, res.output
        assert password not in res.output
        with GraphDatabase.driver(f"bolt://127.0.0.1:{paths.ports[0]}", auth=("neo4j", password)) as d:
            assert d.execute_query("RETURN 1 AS one").records[0]["one"] == 1
        # the old call, with the password where picocli looks for options: it fails, and says so without it
        with pytest.raises(server.ServerError) as failed:
            server._boot(
                paths,
                "org.neo4j.server.startup.Neo4jAdminCommand",
                ["dbms", "set-initial-password", password],
                secrets=(password,),
            )
        assert "set-initial-password ***" in str(failed.value) and password not in str(failed.value)
        # a stored password the server does not know: one line that says what to run, without either password
        other = config.new_password()
        config._write_private(paths.credentials_file, {"username": "neo4j", "password": other})
        with pytest.raises(server.ServerError, match="refused the password stored in") as refused:
            server.wait_ready(paths, 30)
        assert "db start" in str(refused.value) and password not in str(refused.value) and other not in str(refused.value)
    finally:
        server.stop(paths, guide=browser_guide())
        shutil.rmtree(paths.home, ignore_errors=True)


def test_generated_passwords_cannot_be_read_as_options():
    from tfkg import config

    drawn = [config.new_password() for _ in range(2000)]
    assert all(p[0].isalnum() and p.isalnum() and len(p) == 32 for p in drawn)
    assert len(set(drawn)) == len(drawn)
