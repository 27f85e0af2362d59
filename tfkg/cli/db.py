"""``tfkg db install|start|stop|status|init``: the managed Neo4j 5.26 (+ GDS, APOC, Browser)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click
from rich.table import Table

from tfkg import config
from tfkg.browser import serve as browser_serve
from tfkg.cli._ctx import Ctx
from tfkg.console import console
from tfkg.graph import server


@click.group()
def db() -> None:
    """Manage the local Neo4j 5.26 (+ GDS, APOC, Browser), provisioned from Maven Central."""


def _paths() -> config.ServerPaths:
    return config.ServerPaths(config.current_profile())


def browser_guide() -> server.Guide:
    """tfkg's Browser guide (``tfkg.browser``) as the managed server starts, stops and configures it: every command
    that starts or stops the server (db install, start, stop, backup, restore; demo) passes this one."""
    from tfkg.browser import guide

    return server.Guide(
        urls=browser_serve.urls,
        params=lambda: guide.params_command().removeprefix(":params "),
        spawn=browser_serve.spawn,
        stop=browser_serve.stop,
    )


@db.command("install")
def db_install() -> None:
    """Download Neo4j, GDS, APOC and Browser with mvn into the cache (once), and create the server home."""
    paths = _paths()
    t0 = time.perf_counter()
    server.install(paths, log=lambda m: console.print(f"[dim]{m}[/]"))
    server.init_home(paths, browser_guide())
    console.print(
        f"installed Neo4j {config.NEO4J_VERSION} + GDS {config.GDS_VERSION} + APOC {config.APOC_VERSION} "
        f"in {paths.dist} ({time.perf_counter() - t0:.0f}s); server home {paths.home}"
    )
    console.print(f"password stored (0600) in {paths.credentials_file}")


@db.command("start")
@click.option("--timeout", default=180, show_default=True, help="Seconds to wait until the database answers.")
def db_start(timeout: int) -> None:
    """Start the managed server on 127.0.0.1 and wait until it answers Cypher."""
    paths = _paths()
    try:
        server.start(paths, timeout, guide=browser_guide())
    except server.ServerError as e:
        raise click.ClickException(str(e)) from e
    bolt, http = paths.ports
    console.print(
        f"Neo4j is up: bolt://127.0.0.1:{bolt}  Browser http://localhost:{http}/browser/  "
        f"(the tfkg guide opens after login: {browser_serve.urls(paths.guide_port)[0]})"
    )


@db.command("backup")
@click.argument("archive", type=click.Path(path_type=Path))
@click.option(
    "--no-models",
    is_flag=True,
    help="Leave the runs' saved models out (they can be GBs; runs whose model is missing cannot be reloaded).",
)
def db_backup(archive: Path, no_models: bool) -> None:
    """Back up the managed server's graph to the tar ARCHIVE: a neo4j-admin dump (the server is stopped for it and
    started again if it was running), the expression matrices, profiles and saved models the graph points to, and
    a manifest of checksums and counts."""
    from tfkg.graph.backup import backup

    t0 = time.perf_counter()
    m = backup(archive, models=not no_models, log=lambda s: console.print(f"[dim]{s}[/]"), guide=browser_guide())
    size = sum(f["bytes"] for f in m["files"]) + m["dump"]["bytes"]
    console.print(
        f"backed up {sum(m['counts']['labels'].values()):,} nodes, "
        f"{sum(m['counts']['relationships'].values()):,} relationships and {len(m['files'])} files "
        f"({size / 1e6:,.1f} MB) to {archive} in {time.perf_counter() - t0:.0f} s; "
        f"restore with: tfkg db restore {archive}"
    )


@db.command("restore")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the current database.")
def db_restore(archive: Path, yes: bool) -> None:
    """Replace the managed server's database with the one in ARCHIVE (from `tfkg db backup`) and put its files back
    at their recorded paths. Every checksum is verified first; the server is stopped, loaded and started."""
    from tfkg.graph.backup import read_manifest, restore

    m = read_manifest(archive)
    if not yes:
        click.confirm(
            f"replace the database of profile {config.current_profile()!r} with the backup of "
            f"{m['created_at']} ({sum(m['counts']['labels'].values()):,} nodes)?",
            abort=True,
        )
    t0 = time.perf_counter()
    r = restore(archive, log=lambda s: console.print(f"[dim]{s}[/]"), guide=browser_guide())
    verdict = "identical to the backup" if r["identical"] else "[red]DIFFERENT from the backup's manifest[/]"
    console.print(
        f"restored {len(r['manifest']['files'])} files and the graph in {time.perf_counter() - t0:.0f} s; "
        f"node and relationship counts {verdict}"
    )
    if not r["identical"]:
        sys.exit(1)


@db.command("stop")
def db_stop() -> None:
    """Stop the managed server."""
    server.stop(_paths(), guide=browser_guide())
    console.print("stopped")


@db.command("status")
@click.pass_obj
def db_status(obj: Ctx) -> None:
    """Show whether the server runs, and the Neo4j, GDS and APOC versions it reports."""
    paths = _paths()
    if not obj.conn.get("uri"):
        running, text = server.status_text(paths)
        console.print(text)
        if not running:
            sys.exit(3)
    with obj.graph() as g:
        v = g.versions()
    t = Table(title=f"Neo4j at {g.conn.describe()}")
    for col in ("component", "version"):
        t.add_column(col)
    t.add_row(f"Neo4j {v['edition']}", v["neo4j"])
    t.add_row("Graph Data Science", v["gds"] or "absent")
    t.add_row("APOC", v["apoc"] or "absent")
    console.print(t)
    if obj.conn.get("uri") is None:
        console.print(f"Browser: http://127.0.0.1:{paths.ports[1]}/browser/  (user neo4j; password in {paths.credentials_file})")


@db.command("init")
@click.pass_obj
def db_init(obj: Ctx) -> None:
    """Apply the schema (constraints and indexes); safe to run again."""
    with obj.graph() as g:
        n = g.apply_schema()
    console.print(f"schema applied: {n} constraints/indexes")
