"""``tfkg export``: write a training snapshot (tensors + id maps) that Cypher exported."""
from __future__ import annotations

from pathlib import Path

import click
import pandas as pd


def register(main: click.Group) -> None:
    @main.command("export")
    @click.option("--dataset", default="hgetgi", show_default=True,
                  help="hgetgi, or a BEELINE dataset key such as beeline:Specific:hESC:500.")
    @click.option("--out", type=click.Path(path_type=Path), default=Path("snapshots/hgetgi"), show_default=True)
    @click.option("--exclude", "exclude_file", type=click.Path(exists=True, path_type=Path),
                  help="CSV/TSV with columns tf,target: held-out pairs the snapshot must not contain.")
    @click.option("--exclude-tf", multiple=True, help="Hold out every edge of this TF (repeatable).")
    @click.pass_obj
    def export(obj, dataset: str, out: Path, exclude_file: Path | None, exclude_tf: tuple[str, ...]) -> None:
        """Export DATASET from Neo4j as a PyTorch Geometric snapshot (tensors.pt, id_maps.json, meta.json)."""
        from tfkg.cli import console
        from tfkg.graph.export import export_snapshot

        exclude: list[str] = []
        if exclude_file:
            df = pd.read_csv(exclude_file, sep=None, engine="python")
            missing = {"tf", "target"} - set(df.columns)
            if missing:
                raise click.ClickException(f"{exclude_file}: missing column(s) {sorted(missing)}")
            exclude += (df["tf"].astype(str) + "|" + df["target"].astype(str)).tolist()
        with obj.graph() as g:
            if exclude_tf:
                full = export_snapshot(g, dataset)
                tfs = set(exclude_tf)
                unknown = tfs - set(full.nodes["tf"])
                if unknown:
                    raise click.ClickException(f"not a TF of {dataset}: {', '.join(sorted(unknown))}")
                pairs = full.positives
                keep = [full.nodes["tf"][a] in tfs for a, _ in pairs]
                exclude += [k for k, sel in zip(full.pair_keys(pairs), keep) if sel]
            snap = export_snapshot(g, dataset, exclude=exclude)
        snap.save(out)
        console.print(f"snapshot of {dataset} -> {out}  " + ", ".join(f"{k}: {len(v):,}" for k, v in snap.nodes.items())
                      + "; " + ", ".join(f"{'/'.join(k)}: {v.shape[1]:,}" for k, v in snap.edges.items())
                      + f"; {len(set(exclude)):,} held-out pairs excluded")
