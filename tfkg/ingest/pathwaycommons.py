"""Pathway Commons v9 (Cerami et al., NAR 2011; Rodchenkov et al., NAR 2020), the "All" SIF as packaged in
``regulon-enrichment`` 0.4a0: protein–protein interactions and complexes, and ``controls-expression-of`` pairs.
Each source database keeps its own licence.

Writes ``(:Gene)-[:INTERACTS_WITH {source: 'PathwayCommons', relations}]->(:Gene)`` — undirected, stored once
from the alphabetically first symbol, ``relations`` ⊆ [in-complex-with, interacts-with] — and
``(:Gene)-[:CONTROLS_EXPRESSION {source: 'PathwayCommons'}]->(:Gene)``. The latter are mostly motif-based
predictions of the source databases (only ~1.4k of 123k are TRRUST pairs): evidence, never a known target, and
left out of training features wherever they copy a held-out pair.

Inputs (told apart by header): ``pc9_ppi_interacts_or_complex.tsv.gz`` (gene_a, relation, gene_b) and
``pc9_controls_expression_of.tsv.gz`` (tf, target).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from tfkg.ingest._common import drop_bad_symbols, first_line, regulation_genes
from tfkg.ingest.base import Plan, Problem, dataset_row, read_rows

SOURCE = "PathwayCommons"
VERSION = "PC9-All-hgnc (regulon-enrichment 0.4a0)"
DEFAULT_PATHS = ["pathwaycommons9/pc9_ppi_interacts_or_complex.tsv.gz", "pathwaycommons9/pc9_controls_expression_of.tsv.gz"]
PPI = ("gene_a", "relation", "gene_b")
CONTROLS = ("tf", "target")
RELATIONS = {"interacts-with", "in-complex-with"}


def plan(paths: list[Path]) -> Plan:
    p = Plan(SOURCE)
    ppi, ctl = [], []
    for path in paths:
        head = tuple(first_line(path))
        if head[:3] == PPI:
            for lineno, (a, rel, b) in read_rows(path, 3, p.problems, header=PPI):
                p.rows_read += 1
                if rel not in RELATIONS:
                    p.problems.append(
                        Problem(str(path), lineno, f"relation {rel[:30]!r} is not {' or '.join(sorted(RELATIONS))}")
                    )
                    continue
                ppi.append((str(path), lineno, a, rel, b))
            p.datasets.append(dataset_row("pathwaycommons:ppi", SOURCE, VERSION, [path], "human"))
        elif head[:2] == CONTROLS:
            for lineno, (tf, target) in read_rows(path, 2, p.problems, header=CONTROLS):
                p.rows_read += 1
                ctl.append((str(path), lineno, tf, target))
            p.datasets.append(dataset_row("pathwaycommons:controls-expression", SOURCE, VERSION, [path], "human"))
        else:
            p.problems.append(
                Problem(
                    str(path),
                    1,
                    "neither Pathway Commons interactions (gene_a, relation, gene_b) "
                    "nor controls-expression-of pairs (tf, target)",
                    "\t".join(head)[:200],
                )
            )
    rels = []
    if ppi:
        df = drop_bad_symbols(pd.DataFrame(ppi, columns=["file", "line", "a", "relation", "b"]), ["a", "b"], "human", p.problems)
        df = df[df["a"] != df["b"]]
        lo, hi = np.minimum(df["a"], df["b"]), np.maximum(df["a"], df["b"])
        und = (
            pd.DataFrame({"a": lo, "b": hi, "relation": df["relation"]})
            .groupby(["a", "b"], sort=True)["relation"]
            .agg(lambda s: sorted(set(s)))
            .reset_index()
        )
        rels.append(("merge_interacts_with", und.rename(columns={"relation": "relations"}), "INTERACTS_WITH", und["a"], und["b"]))
    if ctl:
        df = drop_bad_symbols(pd.DataFrame(ctl, columns=["file", "line", "tf", "target"]), ["tf", "target"], "human", p.problems)
        df = df[df["tf"] != df["target"]].drop_duplicates(["tf", "target"]).sort_values(["target", "tf"])
        rels.append(("merge_controls_expression", df[["tf", "target"]], "CONTROLS_EXPRESSION", df["tf"], df["target"]))
    if rels:  # no TF label: a regulator here may be any protein
        genes = pd.concat([regulation_genes(a, b, "human") for *_, a, b in rels]).drop_duplicates(["symbol", "species"])
        p.add("merge_genes", genes.assign(tf=False), "node", "Gene", source=SOURCE)
    for query, rows, label, _, _ in rels:
        p.add(query, rows.assign(species="human"), "rel", label, source=SOURCE)
    return p
