"""ARCHS4 TF co-expression gene sets (Lachmann et al., Nat Commun 2018; Enrichr library ``ARCHS4_TFs_Coexp``): for
each of 1,724 human TFs, the ~300 genes most co-expressed with it across ARCHS4's uniformly processed RNA-seq.

**Licence: non-commercial** (CC BY-NC-SA 4.0 as packaged in pyenrichr) — an optional source, never in the demo.
Co-expression is not regulation, so the pairs are ``COEXPRESSED {source: 'ARCHS4', rank}`` edges (rank: order in
the set, 1 = listed first), not ``REGULATES``: they never count as a TF's known targets. ``tfkg benchmark knockouts
--regulons archs4`` scores them as unsigned regulons, the co-expression baseline of the TF-identification test.

Input: ``archs4_tf_coexp/ARCHS4_TFs_Coexp.long.tsv.gz`` (header ``set_name, gene``; set name
``"<TF> human tf ARCHS4 coexpression"``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tfkg.ingest._common import drop_bad_symbols, regulation_genes, regulation_members
from tfkg.ingest.base import Plan, Problem, dataset_row, read_rows

SOURCE = "ARCHS4"
VERSION = "pyenrichr-1.0.2"
DEFAULT_PATHS = ["archs4_tf_coexp/ARCHS4_TFs_Coexp.long.tsv.gz"]
SUFFIX = " human tf ARCHS4 coexpression"


def plan(paths: list[Path]) -> Plan:
    p = Plan(SOURCE)
    rows = []
    for path in paths:
        for lineno, (set_name, gene) in read_rows(path, 2, p.problems, header=("set_name", "gene")):
            p.rows_read += 1
            if not set_name.endswith(SUFFIX) or " " in set_name[: -len(SUFFIX)]:
                p.problems.append(Problem(str(path), lineno, f"set name {set_name[:60]!r} is not '<TF>{SUFFIX}'"))
                continue
            rows.append((str(path), lineno, set_name[: -len(SUFFIX)], gene))
        p.datasets.append(dataset_row("archs4:human", SOURCE, VERSION, [path], "human"))
    df = pd.DataFrame(rows, columns=["file", "line", "tf", "target"])
    df = drop_bad_symbols(df, ["tf", "target"], "human", p.problems)
    if not len(df):
        return p
    df = df.assign(rank=df.groupby("tf").cumcount() + 1, species="human")
    df = df[df["tf"] != df["target"]].drop_duplicates(["tf", "target"])
    p.add("merge_genes", regulation_genes(df["tf"], df["target"], "human"), "node", "Gene", source=SOURCE)
    p.add(
        "merge_coexpressed",
        df.sort_values(["target", "tf"], kind="stable")[["tf", "target", "species", "rank"]],
        "rel",
        "COEXPRESSED",
        source=SOURCE,
    )
    p.members("archs4:human", regulation_members(df["tf"], df["target"], "human"))
    return p
