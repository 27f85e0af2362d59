"""Unit tests that need no database: named queries, secrets, symbol checks."""

from __future__ import annotations

import os
import stat

import pytest

from tfkg import config, cypher
from tfkg.errors import ConfigError
from tfkg.ingest.base import check_symbol


def test_every_named_query_has_a_description():
    assert "schema" in cypher.names()
    for name in cypher.names():
        assert cypher.describe(name), name


def test_unknown_query_is_a_clear_error():
    with pytest.raises(cypher.UnknownQuery, match="no named query"):
        cypher.load("drop_everything")


def test_parameters_are_found():
    assert cypher.parameters("tf_targets") == ["species", "tf"]


def test_password_is_private_and_stable(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    paths = config.ServerPaths("unit")
    pw = config.load_or_create_password(paths)
    assert len(pw) >= 24 and config.load_or_create_password(paths) == pw
    mode = stat.S_IMODE(os.stat(paths.credentials_file).st_mode)
    assert mode == 0o600


def test_external_connection_needs_password(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    with pytest.raises(ConfigError, match="NEO4J_PASSWORD"):
        config.resolve_connection()
    from click.testing import CliRunner

    from tfkg.cli import main

    r = CliRunner().invoke(main, ["stats"])  # one line and exit 1, not a traceback
    assert r.exit_code == 1 and "no password: set NEO4J_PASSWORD" in r.output and "Traceback" not in r.output


@pytest.mark.parametrize(
    "symbol,species,ok",
    [
        ("C9orf72", "human", True),
        ("CXorf56", "human", True),
        ("NKX2-1", "human", True),
        ("HLA-A", "human", True),
        ("Trp53", "human", False),
        ("7-Sep", "human", False),
        ("1-Dec", "mouse", False),
        ("Mar-1", "human", False),
        ("Trp53", "mouse", True),
        ("a" * 65, "human", False),
        ("X'}) RETURN 1 //", "human", False),
        ("", "human", False),
    ],
)
def test_check_symbol(symbol, species, ok):
    assert (check_symbol(symbol, species) is None) == ok


def test_an_unreachable_server_is_one_message_and_exit_code_3(monkeypatch):
    """No traceback: which server, that committed work stays, that the same command completes it."""
    from click.testing import CliRunner

    from tfkg.cli import EXIT_SERVER, main

    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    monkeypatch.setenv("NEO4J_PASSWORD", "not-a-real-one")
    monkeypatch.setenv("TFKG_NEO4J_RETRY_S", "0.5")
    r = CliRunner().invoke(main, ["stats"])
    assert r.exit_code == EXIT_SERVER == 3
    assert "connection to Neo4j at bolt://127.0.0.1:1" in r.output and "the same command" in r.output
    assert "Traceback" not in r.output


def test_each_test_worker_profile_has_its_own_ports_never_the_default_ones():
    from tfkg.config import PROFILE_PORTS, ServerPaths

    ports = [ServerPaths(p).ports for p in ["test", *(f"test{n}" for n in range(2, 100))]]
    assert ports[:2] == [(17687, 17474), (17787, 17574)]
    flat = [x for pair in ports for x in pair]
    assert len(set(flat)) == len(flat) and not set(flat) & set(PROFILE_PORTS["default"])
