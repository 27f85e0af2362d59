"""BEELINE scRNA-seq GRN benchmark folders as packaged by GENELink (Pratapa et al., Nat Methods 2020).

A folder ``<Net> Dataset/<cell>/TFs+<size>/`` becomes a Dataset node ``beeline:<Net>:<cell>:<size>`` with
``INCLUDES`` to its genes (role ``gene`` for every Target.csv gene and also role ``tf`` for TF.csv genes;
``index`` = row in Target.csv)
and its ground-truth Label.csv edges as ``REGULATES {source: 'BEELINE:<Net>:<cell>:<size>'}``. Species comes
from the cell name (h* human, m* mouse); BEELINE upper-cases mouse symbols, so they are mapped back to MGI case
(MGI report, case-insensitive; else first-upper-rest-lower). When ``BL--ExpressionData.csv.gz`` is there, the
genes x cells matrix (index ``gene`` = graph symbol, Target.csv order) and a cell table (index = cell id,
``group`` = cell id, ``kind`` = ``cell``) are written as Parquet under ``<cache>/datasets/`` when the plan is
executed; their paths (``expression_path``, ``samples_path``) and the shape are stored on the Dataset node.
A folder without a matrix borrows the one of the same cell type and size from a sibling network (Specific,
then Non-Specific, then STRING; e.g. Lofgof mESC 500 uses Specific mESC 500), reindexed by gene symbol,
when it covers every gene; ``expression_from`` names the file. Otherwise the node says
``expression_available: false``.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from tfkg.errors import InputError
from tfkg.ingest._common import (
    default_mgi_report,
    drop_bad_symbols,
    find_file,
    mgi_case_map,
    split_mgi_markers,
    to_mgi_case,
)
from tfkg.ingest.base import Plan, Problem, cache_file, dataset_row, read_rows

SOURCE = "BEELINE"
VERSION = "GENELink packaging (zpliulab/GENELink@4eb816a)"
DEFAULT_PATHS = ["beeline_genelink/Specific Dataset/hESC/TFs+500"]
FILES = ("Target.csv.gz", "TF.csv.gz", "Label.csv.gz")
EXPRESSION = "BL--ExpressionData.csv.gz"


def dataset_key(folder: Path) -> tuple[str, str, str, str]:
    """(key, net, cell, size) of ``…/<Net> Dataset/<cell>/TFs+<size>``."""
    m = re.fullmatch(r"TFs\+(\d+)", folder.name)
    net = re.sub(r"\s*Dataset$", "", folder.parent.parent.name).strip()
    if not m or not net or not folder.parent.name:
        raise InputError(f"{folder}: expected a BEELINE folder '<Net> Dataset/<cell>/TFs+<size>'")
    cell, size = folder.parent.name, m[1]
    return f"beeline:{net}:{cell}:{size}", net, cell, size


def species_of(cell: str) -> str:
    if cell[:1].lower() == "h":
        return "human"
    if cell[:1].lower() == "m":
        return "mouse"
    raise InputError(f"BEELINE cell {cell!r}: cannot tell the species (h* human, m* mouse)")


def cache_path(key: str) -> Path:
    return cache_file("datasets", key)


def samples_cache_path(key: str) -> Path:
    return cache_file("datasets", key, ".samples.parquet")


def _table(path: Path, header: tuple[str, str, str], p: Plan) -> pd.DataFrame:
    """A GENELink ``,<A>,<B>`` CSV (row number, two columns) with its line numbers."""
    rows = []
    for lineno, f in read_rows(path, 3, p.problems, sep=",", header=header):
        p.rows_read += 1
        rows.append((lineno, *f))
    cols = ["line", "row", *("idx" if h == "index" else h for h in header[1:])]
    return pd.DataFrame(rows, columns=cols).assign(file=str(path))


def _ints(df: pd.DataFrame, cols: list[str], p: Plan) -> pd.DataFrame:
    bad = pd.Series(False, index=df.index)
    for c in cols:
        bad |= ~df[c].str.fullmatch(r"\d+")
    for r in df[bad].itertuples():
        p.problems.append(Problem(r.file, r.line, f"{', '.join(cols)} must be non-negative integers"))
    df = df[~bad].copy()
    for c in cols:
        df[c] = df[c].astype(np.int64)
    return df


def _folder(folder: Path, p: Plan, known: dict[str, str] | None, out: dict) -> None:
    key, net, cell, size = dataset_key(folder)
    sp = species_of(cell)
    paths = {n: find_file(folder, n) for n in FILES}
    missing = [n for n, f in paths.items() if f is None]
    if missing:
        raise FileNotFoundError(f"BEELINE folder {folder} lacks {', '.join(missing)}")
    found = {n: f for n, f in paths.items() if f is not None}
    before = len(p.problems)
    target = _ints(_table(found["Target.csv.gz"], ("", "Gene", "index"), p), ["idx"], p)
    tfs = _ints(_table(found["TF.csv.gz"], ("", "TF", "index"), p), ["idx"], p)
    label = _ints(_table(found["Label.csv.gz"], ("", "TF", "Target"), p), ["TF", "Target"], p)
    for r in target[target["idx"].duplicated()].itertuples():
        p.problems.append(Problem(r.file, r.line, f"gene index {r.idx} is listed twice"))
    target = target.drop_duplicates("idx")
    raw_by_index = dict(zip(target["idx"], target["Gene"]))
    tf_ok = pd.Series(True, index=tfs.index)
    for r in tfs.itertuples():
        if r.idx not in raw_by_index:
            p.problems.append(Problem(r.file, r.line, f"TF index {r.idx} is not a row of Target.csv"))
            tf_ok[r.Index] = False
        elif raw_by_index[r.idx] != r.TF:
            p.problems.append(Problem(r.file, r.line, f"TF {r.TF!r} but Target.csv index {r.idx} is {raw_by_index[r.idx]!r}"))
            tf_ok[r.Index] = False
    dangling = ~(label["TF"].isin(list(raw_by_index)) & label["Target"].isin(list(raw_by_index)))
    for r in label[dangling].itertuples():
        p.problems.append(Problem(r.file, r.line, f"dangling gene index ({r.TF}, {r.Target}): not a row of Target.csv"))
    target["symbol"] = to_mgi_case(target["Gene"], known) if sp == "mouse" else target["Gene"]
    # MGI markers such as Gt(ROSA)26Sor cannot be graph genes: skipped with their edges, listed on the Dataset.
    marker = split_mgi_markers(target["symbol"], sp)
    skipped = sorted(set(target.loc[marker, "symbol"]))
    target = drop_bad_symbols(target[~marker], ["symbol"], sp, p.problems)
    by_index = dict(zip(target["idx"], target["symbol"]))
    label = label[label["TF"].isin(list(by_index)) & label["Target"].isin(list(by_index))]
    tf_idx = set(tfs.loc[tf_ok, "idx"]) & set(by_index)
    clean = len(p.problems) == before
    # Every gene is a candidate target (role gene); TF.csv genes are also candidate regulators (role tf).
    # Both carry the Target.csv row as index, which is what GENELink's split files refer to.
    genes = target.assign(role="gene", index=target["idx"])
    members = pd.concat([genes, target[target["idx"].isin(list(tf_idx))].assign(role="tf", index=lambda d: d["idx"])])
    edges = pd.DataFrame({"tf": label["TF"].map(by_index), "target": label["Target"].map(by_index)}).drop_duplicates()
    extra = dict(
        net=net,
        cell=cell,
        size=int(size),
        n_genes=int(len(genes)),
        n_tfs=int(len(tf_idx)),
        n_positives=int(len(edges)),
        skipped_markers=skipped,
    )
    expr_file, borrowed = find_file(folder, EXPRESSION), False
    if expr_file is None:
        expr_file, borrowed = _sibling_expression(folder, target), True
    expr = _expression(expr_file, target, p) if expr_file is not None else None
    if expr is None or not clean:
        # Only a folder that read cleanly gets a matrix (the graph only stores where it is).
        extra.update(expression_available=False, expression_path=None, samples_path=None, expression_shape=None)
    else:
        dest, samples = cache_path(key), samples_cache_path(key)
        cells = pd.Index(expr.columns, name="sample")
        p.files += [(dest, expr), (samples, pd.DataFrame({"group": cells, "kind": "cell"}, index=cells))]
        extra.update(
            expression_available=True,
            expression_path=str(dest),
            samples_path=str(samples),
            expression_shape=list(expr.shape),
            n_samples=int(expr.shape[1]),
            expression_from=str(expr_file) if borrowed else None,
        )
    files = [f for f in (*paths.values(), find_file(folder, "BL--network.csv.gz"), expr_file) if f is not None]
    p.datasets.append(dataset_row(key, SOURCE, VERSION, files, sp, **extra))
    out["genes"].append(genes[["symbol"]].assign(species=sp, tf=genes["idx"].isin(list(tf_idx))))
    out["includes"].append((key, members[["symbol", "role", "index"]].assign(species=sp)))
    out["edges"].append((key, edges.assign(species=sp)))


SIBLINGS = ("Specific", "Non-Specific", "STRING")


def _sibling_expression(folder: Path, target: pd.DataFrame) -> Path | None:
    """The matrix of the same cell type and size in a sibling network folder, if it has every gene."""
    root, cell, size = folder.parent.parent.parent, folder.parent.name, folder.name
    for net in SIBLINGS:
        cand = find_file(root / f"{net} Dataset" / cell / size, EXPRESSION)
        if cand is not None and cand.resolve() != (folder / EXPRESSION).resolve():
            genes = set(pd.read_csv(cand, index_col=0, usecols=[0]).index.astype(str))
            if set(target["Gene"]) <= genes:
                return cand
    return None


def _expression(path: Path, target: pd.DataFrame, p: Plan) -> pd.DataFrame | None:
    """The genes x cells matrix, rows in Target.csv order and named by graph symbols; None (with a problem) if bad."""
    df = pd.read_csv(path, index_col=0)
    bad_cols = [c for c in df.columns if df[c].dtype.kind not in "fi"]
    if bad_cols:
        col = bad_cols[0]
        row = pd.to_numeric(df[col], errors="coerce").isna().to_numpy().argmax()
        p.problems.append(Problem(str(path), int(row) + 2, f"cell {col!r}: non-numeric expression value"))
        return None
    if df.isna().any().any():
        row = int(df.isna().any(axis=1).to_numpy().argmax())
        p.problems.append(Problem(str(path), row + 2, "missing expression value"))
        return None
    genes = df.index.astype(str)
    dup = genes.duplicated()
    if dup.any():
        p.problems.append(Problem(str(path), int(dup.argmax()) + 2, f"gene {genes[dup.argmax()]!r} listed twice"))
        return None
    wanted = target.sort_values("idx")
    missing = sorted(set(wanted["Gene"]) - set(genes))
    if missing:
        p.problems.append(Problem(str(path), 0, f"{len(missing)} Target.csv gene(s) have no expression row, e.g. {missing[0]!r}"))
        return None
    out = df.loc[wanted["Gene"].to_numpy()].astype(np.float64)
    out.index = pd.Index(wanted["symbol"].to_numpy(), name="gene")
    out.columns = out.columns.astype(str)
    return out


def plan(paths: list[Path], mgi: str | Path | None = None) -> Plan:
    p = Plan(SOURCE)
    mgi_path = Path(mgi) if mgi else default_mgi_report()
    out: dict[str, list] = {"genes": [], "includes": [], "edges": []}
    known = None
    for folder in paths:
        folder = Path(folder)
        if species_of(dataset_key(folder)[2]) == "mouse" and known is None and mgi_path:
            known = mgi_case_map(mgi_path)
        _folder(folder, p, known, out)
    if not out["genes"]:
        return p
    genes = pd.concat(out["genes"]).sort_values("tf", ascending=False, kind="stable").drop_duplicates(["symbol", "species"])
    p.add("merge_genes", genes[["symbol", "species", "tf"]], "node", "Gene", source=SOURCE)
    for key, members in out["includes"]:
        p.add("merge_includes", members, "rel", f"INCLUDES ({key})", dataset=key)
    for key, edges in out["edges"]:
        p.add(
            "merge_regulates",
            edges.assign(mode="unknown", modes=None, pmids=None),
            "rel",
            f"REGULATES ({key})",
            source=f"BEELINE:{key.split(':', 1)[1]}",
        )
    return p
