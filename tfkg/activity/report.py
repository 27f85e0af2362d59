"""tfkg activity's files: activities.csv, drivers.csv, report.md, heatmap.png and drivers.png."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from tfkg.activity.core import CONSENSUS


def layer_ranks(acts: pd.DataFrame, contrast: str, top: int) -> pd.DataFrame:
    """The contrast's ``top`` TFs by consensus rank, one column per layer with the TF's rank there."""
    part = acts[acts["contrast"] == contrast]
    wide = part.pivot(index="tf", columns="layer", values="rank")
    layers = [CONSENSUS] + [lay for lay in dict.fromkeys(part["layer"]) if lay != CONSENSUS]
    return wide.reindex(columns=layers).sort_values(CONSENSUS).head(top)


def heatmap(acts: pd.DataFrame, contrast: str, path: Path, top: int = 25) -> Path:
    """Top TFs x layers, coloured by the TF's percentile in each layer (1 = most active), blank where unscored."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    part = acts[acts["contrast"] == contrast].copy()
    n = part.groupby("layer", observed=True)["rank"].transform("count")
    part["pct"] = np.where(part["layer"] == CONSENSUS, part["score"], 1 - (part["rank"] - 0.5) / n)
    ranks = layer_ranks(acts, contrast, top)
    wide = part.pivot(index="tf", columns="layer", values="pct").reindex(index=ranks.index, columns=ranks.columns)
    fig, ax = plt.subplots(figsize=(1.2 + 0.9 * wide.shape[1], 0.8 + 0.28 * len(wide)), dpi=110)
    im = ax.imshow(np.ma.masked_invalid(wide.to_numpy(dtype=float)), cmap="RdBu_r", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(wide.shape[1]), wide.columns, rotation=30, ha="right")
    ax.set_yticks(range(len(wide)), wide.index)
    for (i, j), r in np.ndenumerate(ranks.to_numpy(dtype=float)):
        if np.isfinite(r):
            ax.text(j, i, f"{r:.0f}", ha="center", va="center", fontsize=7)
    ax.set_title(f"{contrast}: top {len(wide)} TFs (number: rank in the layer)", fontsize=9)
    fig.colorbar(im, ax=ax, label="percentile in the layer (1 = most active)", shrink=0.6)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


def drivers_plot(drv: pd.DataFrame, contrast: str, tf: str, path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    d = drv.iloc[::-1]
    fig, ax = plt.subplots(figsize=(6.5, 0.8 + 0.3 * max(len(d), 1)), dpi=110)
    ax.barh(d["gene"], d["contribution"], color=np.where(d["agrees"], "#c0392b", "#7f8c8d"))
    ax.axvline(0, color="black", lw=0.6)
    ax.set_xlabel("edge sign x gene statistic (red: moved the way the edge says)")
    ax.set_title(f"{tf} in {contrast}: the targets that drive its score", fontsize=9)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


def markdown(result, top: int = 15) -> str:
    acts, s = result.activities, result.settings
    lines = [
        "# TF activity",
        "",
        f"- input: `{s['input']}` ({s['kind']}, {s['contrasts']} contrast(s), species {s['species']})",
        f"- layers: {', '.join(s['layers'])}; method {s['method']}, tmin {s['tmin']}"
        + ("; targets and TFs restricted to the genes measured (`--expressed`)" if s["expressed"] else ""),
        f"- consensus: `{s['consensus']}` over the layers' percentiles within each contrast (1 = most active in every "
        "layer; `imputed-rank` counts a layer that cannot score a TF as its median, `mean-rank` leaves it out); its "
        "rank is the row order. p-values and FDR (Benjamini-Hochberg over the TFs of a contrast and layer) come "
        "from the method where it gives one (ULM).",
        "",
    ]
    for c in dict.fromkeys(acts["contrast"]):
        ranks = layer_ranks(acts, c, top)
        lines += [f"## {c}", "", "| TF | " + " | ".join(ranks.columns) + " |", "|---" * (len(ranks.columns) + 1) + "|"]
        for tf, r in ranks.iterrows():
            lines.append(f"| {tf} | " + " | ".join("" if pd.isna(v) else f"{v:.0f}" for v in r) + " |")
        pert = result.design.at[c, "perturbed"] if c in result.design.index else []
        for g in pert:
            here = acts[(acts["contrast"] == c) & (acts["tf"] == g)]
            said = ", ".join(
                f"{r.layer} #{r.rank:.0f} of {int((acts['contrast'].eq(c) & acts['layer'].eq(r.layer)).sum())}"
                for r in here.itertuples()
            )
            lines += ["", f"Perturbed {g}: " + (said or "scored by no layer")]
        for tf, drv in result.drivers.get(c, {}).items():
            lines += [
                "",
                f"### Why {tf}",
                "",
                "| gene | statistic | edge sign | moved as the sign says | layers | evidence |",
                "|---|---|---|---|---|---|",
            ]
            for r in drv.itertuples():
                sign, agrees = "+" if r.sign > 0 else "−", "yes" if r.agrees else "NO"
                lines.append(f"| {r.gene} | {r.stat:.2f} | {sign} | {agrees} | {r.layers} | {r.evidence} |")
        lines.append("")
    return "\n".join(lines) + "\n"
