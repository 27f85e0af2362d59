"""The managed server's neo4j.conf with and without the Browser guide (no server started): the guide comes from the
CLI (``tfkg.cli.db.browser_guide``), so the graph layer does not import the Browser code."""

from __future__ import annotations

from tfkg import config
from tfkg.browser import guide, serve
from tfkg.cli.db import browser_guide
from tfkg.graph import server


def _conf(tmp_path, monkeypatch, with_guide: bool) -> str:
    monkeypatch.setenv("TFKG_CACHE", str(tmp_path / "cache"))
    paths = config.ServerPaths("conftest")
    (paths.home / "data" / "databases" / "system").mkdir(parents=True)  # started before: no password is set
    server.init_home(paths, browser_guide() if with_guide else None)
    return (paths.home / "conf" / "neo4j.conf").read_text()


def test_the_guide_is_opened_after_login_with_its_parameters(tmp_path, monkeypatch):
    conf = _conf(tmp_path, monkeypatch, True)
    guide_url, grass_url = serve.urls(config.ServerPaths("conftest").guide_port)
    params = guide.params_command().removeprefix(":params ")
    line = f"browser.post_connect_cmd=config autoComplete: false; params {params}; style {grass_url}; guide {guide_url}\n"
    assert line in conf and conf.count("browser.post_connect_cmd") == 1


def test_without_a_guide_the_conf_is_the_same_less_the_guide(tmp_path, monkeypatch):
    with_guide = _conf(tmp_path / "a", monkeypatch, True)
    without = _conf(tmp_path / "b", monkeypatch, False)
    assert "post_connect_cmd" not in without and "server.directories.import=import" in without
    guide_lines = [x for x in with_guide.splitlines(keepends=True) if x not in without.splitlines(keepends=True)]
    assert len(guide_lines) == 4 and guide_lines[-1].startswith("browser.post_connect_cmd=")
