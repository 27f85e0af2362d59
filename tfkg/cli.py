"""The ``tfkg`` batch command line: server, ingestion, queries, snapshots, models."""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from tfkg import config

console = Console()
err = Console(stderr=True)


class Ctx:
    def __init__(self, **conn):
        self.conn = conn

    def graph(self):
        from tfkg.graph.db import Graph

        return Graph(config.resolve_connection(**self.conn))


def progress_bar() -> Progress:
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=False, disable=not console.is_terminal and not os.environ.get("TFKG_PROGRESS"))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--uri", envvar="NEO4J_URI", help="Bolt URI of an external Neo4j (default: the managed server).")
@click.option("--user", envvar="NEO4J_USERNAME", help="Neo4j user name.")
@click.option("--password", envvar="NEO4J_PASSWORD", help="Neo4j password (prefer the NEO4J_PASSWORD variable).")
@click.option("--database", envvar="NEO4J_DATABASE", help="Database name (default neo4j).")
@click.option("--profile", envvar="TFKG_PROFILE", default="default", show_default=True,
              help="Which managed server to use (default, or test for the disposable test server).")
@click.pass_context
def main(ctx: click.Context, uri, user, password, database, profile) -> None:
    """tfkg: a Neo4j knowledge graph of transcription-factor regulation, and the models that predict it."""
    os.environ["TFKG_PROFILE"] = profile
    ctx.obj = Ctx(uri=uri, user=user, password=password, database=database, profile=profile)


# ------------------------------------------------------------------------------------------- db

@main.group()
def db() -> None:
    """Manage the local Neo4j 5.26 (+ GDS, APOC, Browser), provisioned from Maven Central."""


def _paths() -> config.ServerPaths:
    return config.ServerPaths(config.current_profile())


@db.command("install")
def db_install() -> None:
    """Download Neo4j, GDS, APOC and Browser with mvn into the cache (once), and create the server home."""
    from tfkg.graph import server

    paths = _paths()
    t0 = time.perf_counter()
    server.install(paths, log=lambda m: console.print(f"[dim]{m}[/]"))
    server.init_home(paths)
    console.print(f"installed Neo4j {config.NEO4J_VERSION} + GDS {config.GDS_VERSION} + APOC {config.APOC_VERSION} "
                  f"in {paths.dist} ({time.perf_counter() - t0:.0f}s); server home {paths.home}")
    console.print(f"password stored (0600) in {paths.credentials_file}")


@db.command("start")
@click.option("--timeout", default=180, show_default=True, help="Seconds to wait until the database answers.")
def db_start(timeout: int) -> None:
    """Start the managed server on 127.0.0.1 and wait until it answers Cypher."""
    from tfkg.graph import server

    paths = _paths()
    try:
        server.start(paths, timeout)
    except server.ServerError as e:
        raise click.ClickException(str(e)) from e
    bolt, http = paths.ports
    console.print(f"Neo4j is up: bolt://127.0.0.1:{bolt}  Browser http://127.0.0.1:{http}/browser/")


@db.command("stop")
def db_stop() -> None:
    """Stop the managed server."""
    from tfkg.graph import server

    server.stop(_paths())
    console.print("stopped")


@db.command("status")
@click.pass_obj
def db_status(obj: Ctx) -> None:
    """Show whether the server runs, and the Neo4j, GDS and APOC versions it reports."""
    from tfkg.graph import server

    paths = _paths()
    if not obj.conn.get("uri"):
        running, text = server.status_text(paths)
        console.print(text)
        if not running:
            sys.exit(3)
    with obj.graph() as g:
        v = plugin_versions(g)
    t = Table(title=f"Neo4j at {g.conn.describe()}")
    for col in ("component", "version"):
        t.add_column(col)
    t.add_row(f"Neo4j {v['edition']}", v["neo4j"])
    t.add_row("Graph Data Science", v["gds"] or "absent (graph algorithms fall back to Python)")
    t.add_row("APOC", v["apoc"] or "absent")
    console.print(t)
    if obj.conn.get("uri") is None:
        console.print(f"Browser: http://127.0.0.1:{paths.ports[1]}/browser/  (user neo4j; password in {paths.credentials_file})")


def plugin_versions(g) -> dict:
    v = g.run("versions")[0]
    present = g.run("plugin_functions")[0]["present"]
    v["gds"] = g.run("gds_version")[0]["version"] if "gds.version" in present else None
    v["apoc"] = g.run("apoc_version")[0]["version"] if "apoc.version" in present else None
    return v


@db.command("init")
@click.pass_obj
def db_init(obj: Ctx) -> None:
    """Apply the schema (constraints and indexes); safe to run again."""
    with obj.graph() as g:
        n = g.apply_schema()
    console.print(f"schema applied: {n} constraints/indexes")


# ------------------------------------------------------------------------------------------- ingest

@main.command()
@click.argument("source")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--species", help="human or mouse, where the file does not say.")
@click.option("--skip-bad", is_flag=True, help="Skip bad rows (reported in the quarantine file) instead of failing.")
@click.option("--batch-size", default=10_000, show_default=True, help="Rows per transaction.")
@click.option("--option", "-o", "options", multiple=True, metavar="KEY=VALUE",
              help="Source-specific option (e.g. release=JASPAR2024 for jaspar).")
@click.option("--quarantine-dir", type=click.Path(path_type=Path), default=Path("quarantine"), show_default=True)
@click.pass_obj
def ingest(obj: Ctx, source, paths, species, skip_bad, batch_size, options, quarantine_dir) -> None:
    """Ingest SOURCE from PATHS (default: its files under the shared data folder).

    Sources: trrust, hgetgi, disgenet, jaspar, and the others listed by `tfkg ingest list`.
    """
    from tfkg import ingest as registry

    if source == "list":
        t = Table(title="ingestion sources")
        t.add_column("source")
        t.add_column("default files")
        t.add_column("what")
        for name in registry.SOURCES:
            mod = registry.get(name)
            t.add_row(name, ", ".join(mod.DEFAULT_PATHS) or "(package)", (mod.__doc__ or "").strip().splitlines()[0])
        console.print(t)
        return
    opts = dict(_kv(o) for o in options)
    if species:
        opts["species"] = species
    with obj.graph() as g:
        g.apply_schema()
        summaries = run_ingest(g, [(source, list(paths), opts)], skip_bad, batch_size, quarantine_dir)
    summary_table(summaries)


def _kv(text: str) -> tuple[str, object]:
    if "=" not in text:
        raise click.BadParameter(f"expected KEY=VALUE, got {text!r}")
    k, v = text.split("=", 1)
    try:
        return k.strip(), json.loads(v)
    except json.JSONDecodeError:
        return k.strip(), v


def _plan_job(job):
    from tfkg import ingest as registry

    source, paths, opts = job
    t0 = time.perf_counter()
    plan = registry.get(source).plan([Path(p) for p in paths], **opts)
    return plan, time.perf_counter() - t0


def run_ingest(graph, jobs, skip_bad: bool, batch_size: int, quarantine_dir: Path):
    """Read and check every job first (in parallel processes), then write; returns summary rows.

    Nothing is written unless all jobs read cleanly (or ``skip_bad``)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from tfkg import ingest as registry
    from tfkg.ingest.base import IngestError, execute

    resolved = []
    for source, paths, opts in jobs:
        try:
            mod = registry.get(source)
        except KeyError as e:
            raise click.ClickException(str(e)) from e
        use = [Path(p) for p in paths] or [config.data_root() / p for p in mod.DEFAULT_PATHS]
        for p in use:
            if not p.exists():
                raise click.ClickException(f"{source}: {p} does not exist")
        resolved.append((source, use, opts))
    try:
        if len(resolved) > 1:
            ctx = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(min(len(resolved), os.cpu_count() or 1), mp_context=ctx) as pool:
                plans = list(pool.map(_plan_job, resolved))
        else:
            plans = [_plan_job(j) for j in resolved]
    except (ValueError, FileNotFoundError, TypeError) as e:
        raise click.ClickException(str(e)) from e
    bad = [p for p, _ in plans if p.problems]
    if bad and not skip_bad:
        for plan in bad:
            try:
                execute(graph, plan, skip_bad, quarantine_dir, batch_size)
            except IngestError as e:
                err.print(f"[red]{plan.source}: {e}[/]")
        raise SystemExit(2)
    summaries = []
    with progress_bar() as bar:
        def progress(label: str, total: int):
            task = bar.add_task(label, total=total)
            return lambda n: bar.advance(task, n)

        for plan, read_s in plans:
            summaries.append((plan, read_s, execute(graph, plan, skip_bad, quarantine_dir, batch_size, progress)))
    return summaries


def summary_table(summaries) -> None:
    t = Table(title="ingestion summary")
    for c in ("source", "table", "rows read", "written", "skipped", "seconds"):
        t.add_column(c, justify="right" if c not in ("source", "table") else "left")
    for plan, read_s, rows in summaries:
        t.add_row(plan.source, "(read + check)", str(plan.rows_read), "", str(len(plan.problems)), f"{read_s:.2f}")
        for r in rows:
            t.add_row("", f"{r.label} ({r.kind})", "", str(r.rows), "", f"{r.seconds:.2f}")
    console.print(t)


# ------------------------------------------------------------------------------------------- read side

@main.command()
@click.pass_obj
def stats(obj: Ctx) -> None:
    """Counts per label, per relationship type and per source."""
    with obj.graph() as g:
        labels = g.run("stats_labels")
        rels = g.run("stats_relationships")
    t = Table(title="nodes")
    t.add_column("label")
    t.add_column("count", justify="right")
    for r in labels:
        t.add_row(r["label"], f"{r['count']:,}")
    console.print(t)
    t = Table(title="relationships")
    for c in ("type", "source", "count"):
        t.add_column(c, justify="right" if c == "count" else "left")
    for r in rels:
        t.add_row(r["type"], str(r["source"]), f"{r['count']:,}")
    console.print(t)


@main.command()
@click.argument("name", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="Query parameter (JSON or text).")
@click.option("--out", type=click.Path(path_type=Path), help="Write the rows to .csv or .parquet.")
@click.option("--list", "list_", is_flag=True, help="List the named queries.")
@click.option("--limit", default=25, show_default=True, help="Rows to print.")
@click.pass_obj
def query(obj: Ctx, name, params, out, list_, limit) -> None:
    """Run the named query NAME from tfkg/cypher with parameters."""
    from tfkg import cypher

    if list_ or not name:
        t = Table(title="named queries")
        t.add_column("name")
        t.add_column("what")
        for n in cypher.names():
            t.add_row(n, cypher.describe(n))
        console.print(t)
        return
    try:
        cypher.load(name)
    except cypher.UnknownQuery as e:
        raise click.ClickException(str(e)) from e
    from neo4j.exceptions import Neo4jError

    with obj.graph() as g:
        try:
            df = g.frame(name, **dict(_kv(p) for p in params))
        except Neo4jError as e:
            raise click.ClickException(f"{name}: {e.message}") from e
    if out:
        df.to_parquet(out) if out.suffix == ".parquet" else df.to_csv(out, index=False)
        console.print(f"{len(df)} rows -> {out}")
    print_frame(df, limit, title=name)


def print_frame(df, limit: int = 25, title: str | None = None) -> None:
    t = Table(title=title)
    for c in df.columns:
        t.add_column(str(c))
    for row in df.head(limit).itertuples(index=False):
        t.add_row(*[_fmt(v) for v in row])
    console.print(t)
    if len(df) > limit:
        console.print(f"[dim]… {len(df) - limit} more rows[/]")


def _fmt(v) -> str:
    if isinstance(v, float):
        return f"{v:.4g}"
    if isinstance(v, (list, tuple)):
        s = ", ".join(map(str, v[:6])) + (" …" if len(v) > 6 else "")
        return s
    return str(v)


# ------------------------------------------------------------------------------------------- demo

@main.command()
@click.option("--skip-install", is_flag=True, help="Use an already running database (NEO4J_URI or managed).")
@click.option("--skip-models", is_flag=True, help="Stop after ingestion and the example queries.")
@click.pass_context
def demo(ctx: click.Context, skip_install: bool, skip_models: bool) -> None:
    """Start Neo4j, ingest TRRUST + HGETGI + DisGeNET + JASPAR, show it, train ENS and write its predictions."""
    from tfkg.demo import run_demo

    run_demo(ctx, skip_install, skip_models)


def _register_optional() -> None:
    """Commands that live beside their subsystems (export, models, evaluation)."""
    from importlib import import_module

    for mod in ("tfkg.graph.export_cli", "tfkg.eval.cli", "tfkg.models.cli"):
        try:
            m = import_module(mod)
        except ModuleNotFoundError as e:
            if e.name == mod:
                continue
            raise
        m.register(main)


_register_optional()

if __name__ == "__main__":
    main()
