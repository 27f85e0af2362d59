"""``tfkg ingest SOURCE [PATHS]``: read and check everything, then write (``tfkg.ingest.runner``)."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from tfkg import ingest as registry
from tfkg.cli._ctx import Ctx, friendly, kv_pairs
from tfkg.console import console, err, progress_bar, quiet_driver_retries
from tfkg.ingest.runner import IngestRefused, run_ingest


def summary_table(summaries) -> None:
    t = Table(title="ingestion summary")
    for c in ("source", "table", "rows read", "written", "skipped", "seconds"):
        t.add_column(c, justify="right" if c not in ("source", "table") else "left")
    for plan, read_s, rows in summaries:
        t.add_row(plan.source, "(read + check)", str(plan.rows_read), "", str(len(plan.problems)), f"{read_s:.2f}")
        for r in rows:
            t.add_row("", f"{r.label} ({r.kind})", "", str(r.rows), "", f"{r.seconds:.2f}")
    console.print(t)


def ingest_with_progress(
    graph, jobs, skip_bad: bool = False, batch_size: int = 10_000, quarantine_dir: Path = Path("quarantine")
):
    """Run the ingestion service with progress bars; bad input prints the problems and exits 2."""
    with progress_bar() as bar:

        def progress(label: str, total: int):
            task = bar.add_task(label, total=total)
            return lambda n: bar.advance(task, n)

        try:
            with friendly():
                return run_ingest(graph, jobs, skip_bad, batch_size, quarantine_dir, progress)
        except IngestRefused as e:
            for source, error in e.errors:
                err.print(f"[red]{source}: {error}[/]", markup=True, highlight=False, soft_wrap=True)  # paths stay whole
            raise SystemExit(2) from e


@click.command()
@click.argument("source")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--species", help="human or mouse, where the file does not say.")
@click.option("--skip-bad", is_flag=True, help="Skip bad rows (reported in the quarantine file) instead of failing.")
@click.option("--batch-size", default=10_000, show_default=True, help="Rows per transaction.")
@click.option(
    "--option",
    "-o",
    "options",
    multiple=True,
    metavar="KEY=VALUE",
    help="Source-specific option (e.g. release=JASPAR2024 for jaspar).",
)
@click.option("--quarantine-dir", type=click.Path(path_type=Path), default=Path("quarantine"), show_default=True)
@click.pass_obj
def ingest(obj: Ctx, source, paths, species, skip_bad, batch_size, options, quarantine_dir) -> None:
    """Ingest SOURCE from PATHS (default: its files under the shared data folder).

    `tfkg ingest list` shows the sources and their default files.
    """
    if source == "list":
        from tfkg.cli.ls import _sources, show

        show(_sources(files=True)[["source", "default files", "what"]], "ingestion sources")
        return
    registry.get(source)
    opts = kv_pairs(options)
    if species:
        opts["species"] = species
    with obj.graph() as g, quiet_driver_retries() as retries:
        g.apply_schema()
        summaries = ingest_with_progress(g, [(source, list(paths), opts)], skip_bad, batch_size, quarantine_dir)
    summary_table(summaries)
    if retries.count:
        console.print(
            f"{retries.count} transaction(s) were retried after transient errors (e.g. deadlocks with a "
            "concurrent writer); every retry succeeded and the result is complete."
        )
