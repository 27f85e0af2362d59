"""HGNC complete set (Seal et al., NAR 2023): locus type/group, gene groups, HGNC id and name of human genes.

Attributes only: they are set on human Gene nodes already in the graph (matched by approved symbol), never
creating genes; the genes that matched are those with ``hgnc_id`` set (and ``'HGNC'`` in ``sources``).
Previous and alias symbols are not used for matching.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tfkg.ingest._common import drop_bad_symbols, first_line
from tfkg.ingest.base import Plan, Problem, dataset_row, read_rows

SOURCE = "HGNC"
DEFAULT_PATHS = ["hgnc_mgi/hgnc_complete_set.txt.gz"]
REQUIRED = ("hgnc_id", "symbol", "name", "locus_group", "locus_type", "status", "gene_group")


def _none(x: str) -> str | None:
    return x if x and x.lower() not in ("null", "na") else None


def plan(paths: list[Path]) -> Plan:
    p = Plan(SOURCE)
    frames = []
    for path in paths:
        header = first_line(path)
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            p.problems.append(Problem(str(path), 1, f"header lacks column(s) {', '.join(missing)}", "\t".join(header)[:200]))
            continue
        col = {c: header.index(c) for c in REQUIRED}
        rows = []
        for lineno, f in read_rows(path, len(header), p.problems, header=tuple(header)):
            p.rows_read += 1
            rows.append((str(path), lineno, *(f[col[c]] for c in REQUIRED)))
        df = pd.DataFrame(rows, columns=["file", "line", *REQUIRED])
        bad_id = ~df["hgnc_id"].str.fullmatch(r"HGNC:\d+")
        for r in df[bad_id].itertuples():
            p.problems.append(Problem(r.file, r.line, f"hgnc_id {r.hgnc_id[:20]!r} is not HGNC:<number>"))
        df = drop_bad_symbols(df[~bad_id], ["symbol"], "human", p.problems)
        frames.append(df[df["status"] == "Approved"])
        p.datasets.append(
            dataset_row("hgnc:complete_set", SOURCE, "hgnc_complete_set", [path], "human", n_genes=int(len(frames[-1])))
        )
    if not frames:
        return p
    df = pd.concat(frames).drop_duplicates("symbol")
    props = [
        {
            k: v
            for k, v in (
                ("hgnc_id", h),
                ("name", _none(n)),
                ("locus_group", _none(lg)),
                ("locus_type", _none(lt)),
                ("gene_groups", [x.strip() for x in g.split("|") if x.strip()] or None),
            )
            if v is not None
        }
        for h, n, lg, lt, g in zip(df["hgnc_id"], df["name"], df["locus_group"], df["locus_type"], df["gene_group"])
    ]
    p.add(
        "merge_gene_attributes",
        pd.DataFrame({"symbol": df["symbol"].to_numpy(), "species": "human", "props": props, "tf": False}),
        "node",
        "Gene attributes (existing genes)",
        source=SOURCE,
    )
    return p
