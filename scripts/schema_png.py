"""Draw the tfkg meta-graph (labels, relationship types, key properties) to docs/schema.png."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import FancyArrowPatch  # noqa: E402

NODES = {  # label: (x, y, key properties)
    "TF": (0.18, 0.62, "Gene:TF\nsymbol + species"),
    "Gene": (0.62, 0.62, "Gene\nsymbol + species\nlocus_type, gene_groups"),
    "Disease": (0.62, 0.12, "Disease\ncui, name, type"),
    "Motif": (0.18, 0.12, "Motif\nmatrix_id, name,\nversion, counts_ACGT"),
    "Knockout": (0.90, 0.92, "Knockout\nexperiment_id, gene,\ncontext, simulated"),
    "Dataset": (0.18, 0.95, "Dataset\nkey, source, version,\nchecksums, ingested_at"),
    "ModelRun": (0.92, 0.50, "ModelRun\nrun_id, model, task, params,\nmetrics, model_path"),
    "Module": (0.92, 0.10, "Module\nrun_id, module, size,\nhubs, top_group"),
}
EDGES = [  # (from, to, label, curvature)
    ("TF", "Gene", "REGULATES\nmode, pmids, source", 0.25),
    ("TF", "Gene", "PREDICTED_REGULATES\nscore, weight, sign, rank, run_id", -0.25),
    ("TF", "Gene", "MOTIF_PRIOR {source, score}", 0.0),
    ("Gene", "Disease", "ASSOCIATED_WITH\nscore, source", 0.0),
    ("TF", "Motif", "HAS_MOTIF", 0.0),
    ("Motif", "Gene", "MOTIF_HIT\nregion, p_value", 0.0),
    ("Knockout", "Gene", "KNOCKS_OUT", 0.2),
    ("Knockout", "Gene", "AFFECTS\nlog2fc, padj", -0.2),
    ("Dataset", "TF", "INCLUDES {role, index}", 0.0),
    ("Gene", "Module", "IN_MODULE {run_id, pagerank,\nbetweenness, degree}", 0.0),
    ("Module", "ModelRun", "FROM_RUN", 0.0),
    ("Knockout", "ModelRun", "SIMULATED_BY", 0.0),
]


def main(out: str = "docs/schema.png") -> None:
    fig, ax = plt.subplots(figsize=(12, 8))
    ax.set_axis_off()
    for label, (x, y, text) in NODES.items():
        color = {
            "TF": "#f4a261",
            "Gene": "#e9c46a",
            "Disease": "#e76f51",
            "Motif": "#2a9d8f",
            "Knockout": "#8ab17d",
            "Dataset": "#bbbbbb",
            "ModelRun": "#a8dadc",
            "Module": "#cdb4db",
        }[label]
        ax.text(
            x, y, text, ha="center", va="center", fontsize=10, bbox=dict(boxstyle="round,pad=0.6", fc=color, ec="black", lw=1)
        )
    for a, b, text, rad in EDGES:
        (x1, y1, _), (x2, y2, _) = NODES[a], NODES[b]
        ax.add_patch(
            FancyArrowPatch(
                (x1, y1),
                (x2, y2),
                connectionstyle=f"arc3,rad={rad}",
                arrowstyle="-|>",
                mutation_scale=18,
                lw=1.2,
                shrinkA=45,
                shrinkB=45,
                color="#333",
            )
        )
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        ax.text(
            mx - rad * (y2 - y1) * 0.9,
            my + rad * (x2 - x1) * 0.9,
            text,
            fontsize=8,
            ha="center",
            va="center",
            bbox=dict(fc="white", ec="none", alpha=0.85),
        )
    ax.set_xlim(0, 1.05)
    ax.set_ylim(0, 1.05)
    ax.set_title("tfkg meta-graph (keys: Gene symbol+species, Disease cui, Motif matrix_id, Knockout experiment_id)")
    fig.tight_layout()
    fig.savefig(out, dpi=110)


if __name__ == "__main__":
    main()
