"""Gene Ontology annotations of human genes and the GO graph (Gene Ontology Consortium, NAR 2023; as packaged in
Bioconductor ``org.Hs.eg.db`` / ``GO.db`` 3.16.0). GO data CC BY 4.0.

Writes ``(:GOTerm {go_id, name, ontology})`` nodes, ``(:GOTerm)-[:GO_PARENT {relationship}]->(:GOTerm)`` (is_a,
part_of, regulates, …) and ``(:Gene)-[:ANNOTATED_WITH {source: 'GO', evidence}]->(:GOTerm)`` — one edge per gene
and term, ``evidence`` the sorted list of GO evidence codes (IEA = electronic only; IDA, IMP, … experimental).
Hetnet models use the Biological Process annotations as meta-paths (a TF and a gene in the same process; a TF that
regulates genes of the gene's processes).

Inputs (told apart by header): ``go_terms.tsv.gz`` (go_id, term, ontology, definition), ``go_{bp,mf,cc}_parents``
(child_go_id, parent_go_id, relationship) and ``gene2go_direct.tsv.gz`` (entrez_id, symbol, go_id, evidence,
ontology). Every annotated term and parent must be a term of the terms file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from tfkg.ingest._common import drop_bad_symbols, first_line
from tfkg.ingest.base import Plan, Problem, dataset_row, read_rows

SOURCE = "GO"
VERSION = "org.Hs.eg.db-3.16.0/GO.db-3.16.0 (go-basic 2022-07-01)"
DEFAULT_PATHS = [
    "go_annotations/go_terms.tsv.gz",
    "go_annotations/go_bp_parents.tsv.gz",
    "go_annotations/go_mf_parents.tsv.gz",
    "go_annotations/go_cc_parents.tsv.gz",
    "go_annotations/gene2go_direct.tsv.gz",
]
TERMS = ("go_id", "term", "ontology", "definition")
PARENTS = ("child_go_id", "parent_go_id", "relationship")
ANNOTATIONS = ("entrez_id", "symbol", "go_id", "evidence", "ontology")
ONTOLOGIES = {"BP", "MF", "CC"}
_GO_ID = re.compile(r"^GO:\d{7}$")
_EVIDENCE = re.compile(r"^[A-Z]{2,4}$")


def _table(path: Path, cols: tuple[str, ...], p: Plan) -> pd.DataFrame:
    rows = []
    for lineno, f in read_rows(path, len(cols), p.problems, header=cols):
        p.rows_read += 1
        rows.append((str(path), lineno, *f))
    return pd.DataFrame(rows, columns=["file", "line", *cols])


def _bad(df: pd.DataFrame, mask: pd.Series, reason, p: Plan) -> pd.DataFrame:
    """Report the rows of ``mask`` (reason: a string or a function of the row) and return the others."""
    for r in df[mask].itertuples():
        p.problems.append(Problem(r.file, r.line, reason(r) if callable(reason) else reason))
    return df[~mask]


def plan(paths: list[Path]) -> Plan:
    p = Plan(SOURCE)
    terms, parents, ann = [], [], []
    for path in paths:
        head = tuple(first_line(path))
        if head[: len(TERMS)] == TERMS:
            terms.append(_table(path, TERMS, p))
        elif head[: len(PARENTS)] == PARENTS:
            parents.append(_table(path, PARENTS, p))
        elif head[: len(ANNOTATIONS)] == ANNOTATIONS:
            ann.append(_table(path, ANNOTATIONS, p))
        else:
            p.problems.append(
                Problem(
                    str(path),
                    1,
                    "not a GO terms (go_id, term, …), parents (child_go_id, …) or annotations (entrez_id, symbol, go_id, …) file",
                    "\t".join(head)[:200],
                )
            )
    if not terms:
        p.problems.append(
            Problem(
                str(paths[0]) if paths else "(no file)",
                1,
                "the GO terms file (go_terms.tsv.gz) is needed to check annotations and parents",
            )
        )
        return p
    t = pd.concat(terms, ignore_index=True)
    # GO.db's pseudo-root "all" (parent of the three ontologies' roots) is not a GO term: dropped with its edges.
    t = t[t["go_id"] != "all"]
    t = _bad(t, ~t["go_id"].str.match(_GO_ID), lambda r: f"GO id {r.go_id[:20]!r} is not GO:NNNNNNN", p)
    t = _bad(t, ~t["ontology"].isin(ONTOLOGIES), lambda r: f"ontology {r.ontology[:10]!r} is not BP/MF/CC", p)
    t = _bad(t, t["term"] == "", "empty term name", p)
    t = _bad(t, t.duplicated("go_id"), lambda r: f"{r.go_id} listed twice", p)
    known = set(t["go_id"])
    p.datasets.append(dataset_row("go:human", SOURCE, VERSION, paths, "human", n_terms=int(len(t))))
    p.add("merge_go_terms", t[["go_id", "term", "ontology"]].rename(columns={"term": "name"}), "node", "GOTerm", source=SOURCE)
    if parents:
        e = pd.concat(parents, ignore_index=True)
        e = e[e["parent_go_id"] != "all"]
        e = _bad(
            e,
            ~(e["child_go_id"].isin(known) & e["parent_go_id"].isin(known)),
            lambda r: f"{r.child_go_id[:20]} -> {r.parent_go_id[:20]}: not a term of the terms file",
            p,
        )
        e = _bad(e, e["relationship"] == "", "empty relationship", p)
        e = e.drop_duplicates(["child_go_id", "parent_go_id", "relationship"])
        p.add(
            "merge_go_parents",
            e[["child_go_id", "parent_go_id", "relationship"]].rename(columns={"child_go_id": "child", "parent_go_id": "parent"}),
            "rel",
            "GO_PARENT",
            source=SOURCE,
        )
    if ann:
        a = pd.concat(ann, ignore_index=True)
        a = _bad(a, ~a["go_id"].isin(known), lambda r: f"{r.symbol}: GO id {r.go_id[:20]!r} is not in the terms file", p)
        a = _bad(
            a,
            ~a["evidence"].str.match(_EVIDENCE),
            lambda r: f"evidence code {r.evidence[:10]!r} is not a GO evidence code (IDA, IEA, …)",
            p,
        )
        a = drop_bad_symbols(a, ["symbol"], "human", p.problems)
        ev = a.groupby(["symbol", "go_id"], sort=True)["evidence"].agg(lambda s: sorted(set(s))).reset_index()
        genes = pd.DataFrame({"symbol": pd.unique(ev["symbol"]), "species": "human", "tf": False})
        p.add("merge_genes", genes, "node", "Gene", source=SOURCE)
        p.add("merge_annotated_with", ev.assign(species="human"), "rel", "ANNOTATED_WITH", source=SOURCE)
    return p
