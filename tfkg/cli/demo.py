"""``tfkg demo``: from nothing to a populated graph (and ENS predictions) in a few minutes — a thin script
over the services (server, ingestion runner, named queries, prediction)."""

from __future__ import annotations

import time

import click

from tfkg import config
from tfkg import ingest as registry
from tfkg.browser import serve as browser_serve
from tfkg.cli.db import browser_guide
from tfkg.cli.ingest import ingest_with_progress, summary_table
from tfkg.cli.query import stats
from tfkg.console import console, print_frame
from tfkg.graph import server
from tfkg.predict import browser_snippet, predict_top_k

DEMO_TF = "STAT3"
EXAMPLES: list[tuple[str, dict[str, object], str]] = [
    ("top_regulators", {"source": "TRRUST", "limit": 8}, "TFs with the most curated targets"),
    ("tf_targets", {"tf": "STAT3"}, "STAT3's curated targets (TRRUST and HGETGI)"),
    ("shared_diseases", {"tf": "STAT3", "limit": 8}, "diseases STAT3 shares with its targets"),
]


@click.command()
@click.option("--skip-install", is_flag=True, help="Use an already running database (NEO4J_URI or managed).")
@click.option("--skip-models", is_flag=True, help="Stop after ingestion and the example queries.")
@click.pass_context
def demo(ctx: click.Context, skip_install: bool, skip_models: bool) -> None:
    """Start Neo4j, ingest TRRUST + HGETGI + DisGeNET + JASPAR, show it, train ENS and write its predictions."""
    obj = ctx.obj
    t0 = time.perf_counter()
    paths = config.ServerPaths(config.current_profile())
    managed = not obj.conn.get("uri")
    if managed and not skip_install:
        console.rule("1. Neo4j 5.26 + GDS + APOC (managed, 127.0.0.1)")
        server.install(paths, log=lambda m: console.print(f"[dim]{m}[/]"))
        try:
            server.start(paths, guide=browser_guide())
        except server.ServerError as e:
            raise click.ClickException(str(e)) from e
        console.print(f"Neo4j is up on bolt://127.0.0.1:{paths.ports[0]}")
    with obj.graph() as g:
        v = g.versions()
        console.print(f"Neo4j {v['neo4j']} {v['edition']}, GDS {v['gds'] or 'absent'}, APOC {v['apoc'] or 'absent'}")
        g.apply_schema()
        console.rule("2. Ingest TRRUST + HGETGI + DisGeNET + JASPAR")
        summary_table(ingest_with_progress(g, [(s, [], {}) for s in registry.DEMO]))
        console.rule("3. What is in the graph")
        ctx.invoke(stats)
        for name, params, what in EXAMPLES:
            console.print(
                f"\n[bold]{what}[/]  [dim]tfkg query {name} " + " ".join(f"-p {k}={v}" for k, v in params.items()) + "[/]"
            )
            print_frame(g.frame(name, **params), limit=8, title=name)
        if not skip_models:
            # The demo preset (20 walks per node, length 40, dimension 128) is far lighter than the paper's
            # (450, 130, 450), so the whole demo stays within a few minutes on two CPU cores.
            console.rule("4. ENS (demo preset): meta-path walks -> skip-gram -> scored PREDICTED_REGULATES edges")
            p = predict_top_k(
                g, "ens", preset="demo", top_k=None, per_tf=20, run_id="ens-demo", log=lambda m: console.print(f"[dim]{m}[/]")
            )
            console.print(
                f"wrote {p.written:,} PREDICTED_REGULATES edges (run {p.run_id}); "
                + ", ".join(f"{k} {v:.1f}" for k, v in p.seconds.items())
            )
            print_frame(
                demo_table(g, DEMO_TF, p.run_id),
                limit=10,
                title=f"{DEMO_TF}: predicted targets (ENS) beside known targets and shared diseases",
            )
            console.print("\nThe same table in Neo4j Browser — paste this one statement:\n")
            console.print(browser_snippet(DEMO_TF, p.run_id, limit=10), markup=False, highlight=False, soft_wrap=True)
    console.rule("Done")
    if managed:
        guide_url = browser_serve.urls(paths.guide_port)[0]
        console.print(
            f"Open Neo4j Browser: http://localhost:{paths.ports[1]}/browser/  — connect to "
            f"bolt://localhost:{paths.ports[0]} as user neo4j; the password is in {paths.credentials_file}"
        )
        console.print(
            f"After login the tfkg guide opens by itself (or type  :guide {guide_url} ): step 1 shows "
            f"{DEMO_TF}'s predicted and known targets; every step runs with one click."
        )
    console.print(f"demo finished in {time.perf_counter() - t0:.0f}s")


def demo_table(graph, tf: str, run_id: str):
    """The demo's printout of ``tf_predictions``: the TF's predicted targets in the run, then its known ones."""
    top = graph.frame("tf_predictions", tf=tf, run_id=run_id, limit=10)
    return top[["target", "kind", "tf_rank", "percentile", "shared_diseases", "example_diseases"]]
