"""DisGeNET curated gene-disease associations (v7.0; Piñero et al., NAR 2020)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tfkg.ingest.base import Plan, Problem, check_cui, check_symbol, dataset_row, read_rows

SOURCE = "DisGeNET"
VERSION = "v7.0 curated"
DEFAULT_PATHS = ["disgenet_curated_v7/curated_gene_disease_associations.tsv.gz"]
HEADER = (
    "geneId",
    "geneSymbol",
    "DSI",
    "DPI",
    "diseaseId",
    "diseaseName",
    "diseaseType",
    "diseaseClass",
    "diseaseSemanticType",
    "score",
    "EI",
    "YearInitial",
    "YearFinal",
    "NofPmids",
    "NofSnps",
    "source",
)


def _float(x: str) -> float | None:
    try:
        return float(x) if x else None
    except ValueError:
        return float("nan")


def plan(paths: list[Path]) -> Plan:
    p = Plan(SOURCE)
    rows = []
    for path in paths:
        for lineno, f in read_rows(path, len(HEADER), p.problems, header=HEADER):
            p.rows_read += 1
            gene_id, symbol, cui, score = f[0], f[1], f[4], _float(f[9])
            bad = check_symbol(symbol, "human") or check_cui(cui)
            if not bad and not gene_id.isdigit():
                bad = f"geneId {gene_id[:20]!r} is not an integer"
            if not bad and (score is None or not (0.0 <= score <= 1.0)):
                bad = f"score {f[9][:20]!r} is not a number in [0, 1]"
            if bad:
                p.problems.append(Problem(str(path), lineno, bad))
                continue
            ei = _float(f[10])
            rows.append(
                (
                    symbol,
                    int(gene_id),
                    cui,
                    f[5],
                    f[6],
                    [c for c in f[7].split(";") if c],
                    score,
                    None if ei is None or ei != ei else ei,
                    int(f[13]) if f[13].isdigit() else None,
                    f[15],
                )
            )
        p.datasets.append(dataset_row("disgenet:curated", SOURCE, VERSION, [path], "human"))
    df = pd.DataFrame(
        rows, columns=["symbol", "entrez", "cui", "name", "type", "classes", "score", "ei", "n_pmids", "evidence"]
    ).drop_duplicates(["symbol", "cui"])
    genes = df.drop_duplicates("symbol")[["symbol", "entrez"]].assign(species="human", tf=False)
    p.add("merge_genes", genes, "node", "Gene", source=SOURCE)
    p.add("merge_diseases", df.drop_duplicates("cui")[["cui", "name", "type", "classes"]], "node", "Disease", source=SOURCE)
    p.add(
        "merge_associated_with",
        df[["symbol", "cui", "score", "ei", "n_pmids", "evidence"]].assign(species="human"),
        "rel",
        "ASSOCIATED_WITH",
        source=SOURCE,
    )
    return p
