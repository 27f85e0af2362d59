"""``tfkg demo``: from nothing to a populated graph (and ENS predictions) in a few minutes."""
from __future__ import annotations

import time
from pathlib import Path

import click

from tfkg import config
from tfkg.cli import console, print_frame, run_ingest, summary_table

EXAMPLES = [
    ("top_regulators", {"source": "TRRUST", "limit": 8}, "TFs with the most curated targets"),
    ("tf_targets", {"tf": "STAT3"}, "STAT3's curated targets (TRRUST and HGETGI)"),
    ("shared_diseases", {"tf": "STAT3", "limit": 8}, "diseases STAT3 shares with its targets"),
]


def run_demo(ctx: click.Context, skip_install: bool) -> None:
    from tfkg import ingest as registry
    from tfkg.graph import server

    obj = ctx.obj
    t0 = time.perf_counter()
    paths = config.ServerPaths(config.current_profile())
    managed = not obj.conn.get("uri")
    if managed and not skip_install:
        console.rule("1. Neo4j 5.26 + GDS + APOC (managed, 127.0.0.1)")
        server.install(paths, log=lambda m: console.print(f"[dim]{m}[/]"))
        server.start(paths)
        console.print(f"Neo4j is up on bolt://127.0.0.1:{paths.ports[0]}")
    with obj.graph() as g:
        from tfkg.cli import plugin_versions

        v = plugin_versions(g)
        console.print(f"Neo4j {v['neo4j']} {v['edition']}, GDS {v['gds'] or 'absent'}, APOC {v['apoc'] or 'absent'}")
        g.apply_schema()
        console.rule("2. Ingest TRRUST + HGETGI + DisGeNET + JASPAR")
        summaries = run_ingest(g, [(s, [], {}) for s in registry.DEMO], False, 10_000, Path("quarantine"))
        summary_table(summaries)
        console.rule("3. What is in the graph")
        from tfkg.cli import stats

        ctx.invoke(stats)
        for name, params, what in EXAMPLES:
            console.print(f"\n[bold]{what}[/]  [dim]tfkg query {name} " + " ".join(f"-p {k}={v}" for k, v in params.items()) + "[/]")
            print_frame(g.frame(name, **params), limit=8, title=name)
        _predictions(ctx, g)
    console.rule("Done")
    if managed:
        console.print(f"Open Neo4j Browser: http://127.0.0.1:{paths.ports[1]}/browser/  — connect to "
                      f"bolt://127.0.0.1:{paths.ports[0]} as user neo4j; the password is in {paths.credentials_file}")
    console.print(f"demo finished in {time.perf_counter() - t0:.0f}s")


def _predictions(ctx: click.Context, g) -> None:
    """Train ENS with light settings and write its predictions, when the model is available."""
    try:
        from tfkg.models.cli import demo_predictions
    except ImportError:
        return
    console.rule("4. ENS: meta-path embeddings -> scored PREDICTED_REGULATES edges")
    demo_predictions(g)
