"""MGI mouse markers (HGNC_AllianceHomology.rpt; Baldarelli et al., Genetics 2024): feature type, MGI id and name.

Attributes only: they are set on mouse Gene nodes already in the graph (matched by MGI symbol), never
creating genes; the genes that matched are those with ``mgi_id`` set. Markers whose symbols the graph cannot
hold (``Gt(ROSA)26Sor``, ``O<hv>``) are skipped and counted on the Dataset node.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tfkg.ingest._common import drop_bad_symbols, split_mgi_markers
from tfkg.ingest.base import Plan, Problem, dataset_row, read_rows

SOURCE = "MGI"
DEFAULT_PATHS = ["hgnc_mgi/HGNC_AllianceHomology.rpt.gz"]
HEADER = (
    "MGI Accession ID",
    "Marker Symbol",
    "Marker Name",
    "Feature Type",
    "EntrezGene ID",
    "NCBI Gene chromosome",
    "NCBI Gene start",
    "NCBI Gene end",
    "NCBI Gene strand",
    "Ensembl Gene ID",
    "Ensembl Gene chromosome",
    "Ensembl Gene start",
    "Ensembl Gene end",
    "Ensembl Gene strand",
    "CCDS IDs",
    "HGNC ID",
)


def _none(x: str) -> str | None:
    return x if x and x.lower() != "null" else None


def plan(paths: list[Path]) -> Plan:
    p = Plan(SOURCE)
    frames = []
    for path in paths:
        rows = []
        # Every line ends with an extra tab; read_rows drops the empty trailing field.
        for lineno, f in read_rows(path, len(HEADER), p.problems, header=HEADER):
            p.rows_read += 1
            rows.append((str(path), lineno, f[0], f[1], f[2], f[3]))
        df = pd.DataFrame(rows, columns=["file", "line", "mgi_id", "symbol", "name", "feature_type"])
        bad_id = ~df["mgi_id"].str.fullmatch(r"MGI:\d+")
        for r in df[bad_id].itertuples():
            p.problems.append(Problem(r.file, r.line, f"MGI accession {r.mgi_id[:20]!r} is not MGI:<number>"))
        df = df[~bad_id]
        marker = split_mgi_markers(df["symbol"], "mouse")
        df = drop_bad_symbols(df[~marker], ["symbol"], "mouse", p.problems)
        frames.append(df)
        p.datasets.append(
            dataset_row(
                "mgi:alliance_homology",
                SOURCE,
                "HGNC_AllianceHomology.rpt",
                [path],
                "mouse",
                n_markers=int(len(df)),
                skipped_markers=int(marker.sum()),
            )
        )
    if not frames:
        return p
    df = pd.concat(frames).drop_duplicates("symbol")
    props = [
        {k: v for k, v in (("mgi_id", m), ("name", _none(n)), ("feature_type", _none(t))) if v is not None}
        for m, n, t in zip(df["mgi_id"], df["name"], df["feature_type"])
    ]
    p.add(
        "merge_gene_attributes",
        pd.DataFrame({"symbol": df["symbol"].to_numpy(), "species": "mouse", "props": props, "tf": False}),
        "node",
        "Gene attributes (existing genes)",
        source=SOURCE,
    )
    return p
