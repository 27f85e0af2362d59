"""Read side: ``tfkg stats`` and ``tfkg query NAME`` (no model code: the first line comes in well under a second)."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from tfkg import cypher
from tfkg.cli._ctx import Ctx, friendly, kv_pairs
from tfkg.console import console, print_frame


@click.command()
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
        t.add_row(r["type"], r["source"] or "—", f"{r['count']:,}")  # "—": a type without sources
    console.print(t)


@click.command()
@click.argument("name", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="Query parameter (JSON or text).")
@click.option("--out", type=click.Path(path_type=Path), help="Write the rows to .csv or .parquet.")
@click.option("--list", "list_", is_flag=True, help="List the named queries.")
@click.option("--limit", default=25, show_default=True, help="Rows to print.")
@click.option(
    "--all-columns", is_flag=True, help="Print every column (default: the query's brief columns; --out always writes all)."
)
@click.pass_obj
def query(obj: Ctx, name, params, out, list_, limit, all_columns) -> None:
    """Run the named read query NAME from tfkg/cypher with parameters (unknown parameters are refused; queries
    that change the graph are not runnable from here — the commands that own them run them). Columns with one value
    in every row (the TF, the run) print once above the table; the rest is the query's brief columns (its
    ``// columns:`` line) unless --all-columns."""
    if list_ or not name:
        from tfkg.cli.ls import _queries, show

        show(_queries(writes=False)[["query", "params", "what"]], "named read queries")
        return
    cypher.load(name)
    if cypher.writes(name):
        raise click.ClickException(f"{name} changes the graph; tfkg query runs read queries only (tfkg query --list)")
    from neo4j.exceptions import Neo4jError

    values = kv_pairs(params)
    with obj.graph() as g, friendly():
        try:
            df = g.frame(name, **values)
        except Neo4jError as e:
            # a query's own refusal (apoc.util.validate 'tfkg: …') reads without the procedure wrapping
            message = e.message or ""
            said = message[message.find("tfkg: ") + 6 :] if "tfkg: " in message else message
            raise click.ClickException(f"{name}: {said}") from e
    if out:
        df.to_parquet(out) if out.suffix == ".parquet" else df.to_csv(out, index=False)
        console.print(f"{len(df)} rows -> {out}")
    header = [c for c in cypher.brief_columns(name, "header") if c in df.columns]
    same = [c for c in header if len(df) and df[c].astype(str).nunique() == 1]
    for c in same:
        console.print(f"[bold]{c}[/]: {df[c].iloc[0]}")
    brief = [] if all_columns else [c for c in cypher.brief_columns(name) if c in df.columns]
    keep = [c for c in (brief or list(df.columns)) if c not in same]
    table = df[keep].astype(object).where(df[keep].notna(), "")
    print_frame(table, limit, title=f"{name} ({len(df)} rows)")
