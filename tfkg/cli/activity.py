"""``tfkg activity``: which TFs drive my experiment."""

from __future__ import annotations

from pathlib import Path

import click

from tfkg.cli._ctx import Ctx, friendly, method_option
from tfkg.console import console, print_frame


@click.command("activity")
@click.argument("table", required=False, type=click.Path(path_type=Path))
@click.option(
    "--genes",
    "genes",
    type=click.Path(path_type=Path),
    help="A gene list (one symbol a line) instead of TABLE: over-representation.",
)
@click.option(
    "--expression", type=click.Path(path_type=Path), help="Instead of TABLE: a genes x samples matrix (counts or log-expression)."
)
@click.option(
    "--samples", type=click.Path(path_type=Path), help="With --expression: the sample sheet (first column: the sample ids)."
)
@click.option(
    "--contrast",
    "contrast_specs",
    multiple=True,
    help="With --expression: COLUMN:A-B, the samples whose COLUMN is A against those where it is B ('|' joins "
    "values: Hours:60|69-0). Repeatable.",
)
@click.option("--pair", default=None, help="With --expression: a sheet column pairing samples (a subject): paired statistics.")
@click.option("--where", multiple=True, help="With --expression: keep only samples with COLUMN=VALUE first. Repeatable.")
@click.option("--knockout", default=None, help="Instead of TABLE: a knockout experiment of the graph (its experiment id).")
@click.option("--out", type=click.Path(path_type=Path), default=Path("runs/activity"), show_default=True)
@click.option(
    "--layers",
    default="default",
    show_default=True,
    help="Comma-separated evidence layers: default (every one the graph holds but trrust, which collectri contains, "
    "and omnipath: the layers the consensus rule was chosen on), "
    "all, collectri, dorothea, trrust, omnipath, "
    "chip (ENCODE ChIP), coexpression (ARCHS4), run:RUN_ID (a run's novel predictions).",
)
@method_option("decoupler method (a gene list always uses ORA).")
@click.option(
    "--consensus",
    "rule",
    type=click.Choice(["imputed-rank", "mean-rank"]),
    default="imputed-rank",
    show_default=True,
    help="How layers combine: imputed-rank (a layer that cannot score a TF counts as its median) or mean-rank "
    "(the mean over the layers that score it; ChEA3's).",
)
@click.option(
    "--tmin", default=5, show_default=True, help="A TF is scored in a layer only with at least this many measured targets."
)
@click.option("--species", default="human", show_default=True, type=click.Choice(["human", "mouse"]))
@click.option(
    "--expressed", is_flag=True, help="Only targets (and TFs) measured in the input: unmeasured ones otherwise count as 0."
)
@click.option("--tf", default=None, help="Also show this TF's drivers (the targets behind its score), with their evidence.")
@click.option("--top", default=15, show_default=True, help="TFs per contrast in the summary table.")
@click.option(
    "--write", is_flag=True, help="Write a Contrast node and its TF_ACTIVITY edges to the graph (replacing earlier ones)."
)
@click.option("--name", default=None, help="Prefix of the Contrast ids written (default: the input file's name).")
@click.pass_obj
def activity(
    obj: Ctx,
    table,
    genes,
    expression,
    samples,
    contrast_specs,
    pair,
    where,
    knockout,
    out,
    layers,
    method,
    rule,
    tmin,
    species,
    expressed,
    tf,
    top,
    write,
    name,
) -> None:
    """Which TFs drive my experiment: every TF's signed activity in each contrast of TABLE (a DE table: gene and
    stat, or log2fc and pvalue; optional contrast, perturbed, perturbation) from each evidence layer (decoupler),
    a consensus across layers, and the targets behind the top TFs with the evidence for each edge. Writes
    activities.csv, drivers.csv, report.md, heatmap.png and drivers.png under --out."""
    from tfkg import activity as A

    given = [x for x in (table, genes, expression, knockout) if x is not None]
    if len(given) != 1:
        raise click.UsageError("give one input: TABLE (a DE table), --genes FILE, --expression MATRIX or --knockout ID")
    if expression is not None and (samples is None or not contrast_specs):
        raise click.UsageError("--expression needs --samples SHEET and at least one --contrast COLUMN:A-B")
    with friendly():
        con = None
        if genes is not None:
            con = A.read_gene_list(genes, species)
        elif expression is not None:
            from tfkg.activity.expression import contrasts_from_expression

            con = contrasts_from_expression(
                expression, samples, list(contrast_specs), species=species, pair=pair, where=list(where)
            )
        elif table is not None:
            con = A.read_de_table(table, species)
        with obj.graph() as g:
            if con is None:
                con = A.knockout_contrast(g, knockout, species)
            res = A.run(
                g,
                contrasts=con,
                species=species,
                layers=layers,
                method=method,
                tmin=tmin,
                rule=rule,
                expressed=expressed,
                tf=tf,
                out=out,
                write=write,
                name=name,
            )
    acts = res.activities
    for c in dict.fromkeys(acts["contrast"]):
        ranks = A.report.layer_ranks(acts, c, top).map(lambda v: "" if v != v else f"{v:.0f}").reset_index()
        print_frame(ranks.rename(columns={"tf": "TF"}), limit=top, title=f"{c}: top TFs (rank per layer)")
        if tf and tf in res.drivers.get(c, {}):
            d = res.drivers[c][tf]
            print_frame(d[["gene", "stat", "sign", "agrees", "layers", "evidence"]], limit=10, title=f"why {tf} in {c}")
    console.print(
        f"{len(acts):,} activities ({res.settings['contrasts']} contrast(s) x {len(res.settings['layers'])} layer(s) + "
        f"consensus) in {res.settings['seconds']:.1f} s; files in {out}"
        + (f"; wrote {res.written:,} TF_ACTIVITY edges" if write else "")
    )
