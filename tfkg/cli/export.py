"""``tfkg export``: a dataset from Neo4j as a training snapshot (imports torch, so it lives apart from ``tfkg query``)."""

from __future__ import annotations

from pathlib import Path

import click
import pandas as pd

from tfkg.cli._ctx import dataset_help, friendly
from tfkg.console import console
from tfkg.data.snapshot import MODALITIES


@click.command("export")
@click.option(
    "--dataset",
    "-d",
    default="hgetgi",
    show_default=True,
    help=dataset_help("A dataset key"),
)
@click.option("--out", type=click.Path(path_type=Path), default=Path("snapshots/hgetgi"), show_default=True)
@click.option(
    "--modality",
    "-m",
    "modalities",
    multiple=True,
    type=click.Choice(MODALITIES),
    help="Export only these modalities (repeatable; default: all the dataset declares).",
)
@click.option(
    "--exclude",
    "exclude_file",
    type=click.Path(exists=True, path_type=Path),
    help="CSV/TSV with columns tf,target: held-out pairs the snapshot must not contain.",
)
@click.option("--exclude-tf", multiple=True, help="Hold out every edge of this TF (repeatable).")
@click.option("--exclude-sample", "exclude_samples", multiple=True, help="Hold out this expression sample (repeatable).")
@click.option(
    "--exclude-experiment", "exclude_experiments", multiple=True, help="Hold out this perturbation experiment (repeatable)."
)
@click.pass_obj
def export(
    obj,
    dataset: str,
    out: Path,
    modalities,
    exclude_file: Path | None,
    exclude_tf: tuple[str, ...],
    exclude_samples,
    exclude_experiments,
) -> None:
    """Export DATASET from Neo4j as a snapshot (tensors.pt, id_maps.json, meta.json; PyG HeteroData)."""
    from tfkg.graph.export import export_snapshot

    exclude: list[str] = []
    if exclude_file:
        df = pd.read_csv(exclude_file, sep=None, engine="python")
        missing = {"tf", "target"} - set(df.columns)
        if missing:
            raise click.ClickException(f"{exclude_file}: missing column(s) {sorted(missing)}")
        exclude += (df["tf"].astype(str) + "|" + df["target"].astype(str)).tolist()
    with obj.graph() as g, friendly():
        if exclude_tf:
            full = export_snapshot(g, dataset, modalities={"edges"})
            unknown = set(exclude_tf) - set(full.nodes["tf"])
            if unknown:
                raise click.ClickException(f"not a TF of {dataset}: {', '.join(sorted(unknown))}")
            tf, tg = full.nodes["tf"], full.nodes["target"]
            exclude += [f"{tf[a]}|{tg[b]}" for a, b in full.positives if tf[a] in set(exclude_tf)]
        snap = export_snapshot(
            g,
            dataset,
            exclude=exclude,
            modalities=set(modalities) or None,
            exclude_samples=list(exclude_samples),
            exclude_experiments=list(exclude_experiments),
        )
    snap.save(out)
    parts = [
        ", ".join(f"{k}: {len(v):,}" for k, v in snap.nodes.items()),
        ", ".join(f"{'/'.join(k)}: {v.shape[1]:,}" for k, v in snap.edges.items()),
    ]
    if snap.expression is not None:
        parts.append(f"expression {snap.expression.values.shape[0]:,} genes x {snap.expression.values.shape[1]:,} samples")
    if snap.priors:
        parts.append("priors " + ", ".join(f"{s}: {p.edge_index.shape[1]:,}" for s, p in snap.priors.items()))
    if snap.perturbations is not None:
        parts.append(f"{len(snap.perturbations.experiments):,} perturbation experiments")
    if snap.features:
        parts.append("features " + ", ".join(f"{nt}: {f.values.shape[1]}" for nt, f in snap.features.items()))
    console.print(
        f"snapshot of {dataset} -> {out}: "
        + "; ".join(p for p in parts if p)
        + f"; held out: {len(set(exclude)):,} pairs, {len(exclude_samples)} samples, "
        f"{len(exclude_experiments)} experiments"
    )
