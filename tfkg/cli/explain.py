"""``tfkg explain``: the evidence for one pair, as the Browser guide's "Why does a model predict this edge?" step."""

from __future__ import annotations

import click

from tfkg.cli._ctx import Ctx, friendly


@click.command("explain")
@click.argument("tf")
@click.argument("target")
@click.option("--species", default="human", show_default=True, help="human, mouse or insilico (DREAM4).")
@click.option(
    "--run",
    "run_id",
    help="The run whose prediction to show (default: the pinned default run covering the TF, else the newest; tfkg runs list).",
)
@click.pass_obj
def explain_cmd(obj: Ctx, tf, target, species, run_id) -> None:
    """The evidence for one TF -> TARGET pair, from the graph: the run it follows, curated sources (and, apart, edges
    that are not literature), the mouse claim, the run's prediction with its stated sign, ChIP, co-expression,
    shared diseases, motif-prior hits and the TF's knockouts."""
    from tfkg.explain import explain

    with obj.graph() as g, friendly():
        lines = explain(g, tf, target, species=species, run_id=run_id)
    for line in lines:
        click.echo(line)
