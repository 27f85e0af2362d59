"""Bulk human expression sets for expression models: GSE30550 influenza time course and GEUVADIS LCL RNA-seq.

``bulk:flu``: a folder with ``expression.tsv.gz`` (``gene`` + GSM ids; HGNC symbols x samples, log2 microarray
intensities) and ``samples.tsv.gz`` (``SampleID, Subject, Hours, Hours.Numeric, Condition, …``); Huang et al.,
PLoS Genet 2011, as shipped in Bioconductor ``qusage`` (Yaari et al., NAR 2013). Values are kept as published.
``bulk:geuvadis``: a folder with ``counts.tsv.gz`` (``gene_id`` + sample ids; Ensembl genes x samples, raw counts)
and ``samples.tsv.gz`` (``sample, group, lib.size, …``); Lappalainen et al., Nature 2013, as shipped in
Bioconductor ``DEGreport``. Ensembl ids become HGNC symbols through the HGNC complete set (option ``hgnc``,
column ``ensembl_gene_id``): unmapped ids and ids of two symbols are dropped, a symbol of two ids keeps the one
with the higher total count; values become log2(CPM + 1) over the file's raw library sizes (column sums).

The matrices are not stored in the graph: a genes x samples Parquet (index ``gene`` = graph symbol) and a sample
table (index = sample id; ``group`` = the unit folds must not split: ``Subject`` for flu, the sample for GEUVADIS;
``kind``) go to ``<cache>/expression/`` when the plan is executed, named on the Dataset node by
``expression_path``/``samples_path``. Graph writes: Gene nodes (human; TF label for the Lambert 2018 "Is TF? = Yes"
list, or option ``tfs``: a file or comma-separated symbols), ``INCLUDES`` role ``gene`` (every matrix row,
index = row) and role ``tf`` (its TFs, same index). Any bad value, id or sample refuses the whole folder.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from tfkg import config
from tfkg.errors import InputError
from tfkg.ingest import tf_families
from tfkg.ingest._common import drop_bad_symbols, find_file, first_line, need_file, option_list
from tfkg.ingest.base import Plan, Problem, cache_file, dataset_row, read_rows

SOURCE = "expression"
DEFAULT_PATHS = ["bulk_flu_gse30550", "bulk_geuvadis_lcl"]
SPECIES = "human"
HGNC = "hgnc_mgi/hgnc_complete_set.txt.gz"
LAMBERT = "humantfs_lambert2018/DatabaseExtract_v_1.01.csv.gz"
# kind -> (matrix file, its id column, samples file, its id column, Dataset key, source, version)
KINDS = {
    "flu": (
        "expression.tsv.gz",
        "gene",
        "samples.tsv.gz",
        "SampleID",
        "bulk:flu",
        "GSE30550",
        "GEO GSE30550 via Bioconductor qusage 2.32.0 (fluExample)",
    ),
    "geuvadis": (
        "counts.tsv.gz",
        "gene_id",
        "samples.tsv.gz",
        "sample",
        "bulk:geuvadis",
        "GEUVADIS",
        "GEUVADIS via Bioconductor DEGreport 1.34.0 (humanGender)",
    ),
}


def kind_of(folder: Path) -> str:
    """``flu`` or ``geuvadis``, told by the files the folder holds."""
    for kind, (matrix, _, samples, *_) in KINDS.items():
        if find_file(folder, matrix) and find_file(folder, samples):
            return kind
    raise InputError(
        f"{folder}: not a bulk expression folder; expected expression.tsv.gz + samples.tsv.gz "
        "(GSE30550 flu) or counts.tsv.gz + samples.tsv.gz (GEUVADIS)"
    )


def _table(path: Path, id_col: str, need: tuple[str, ...], p: Plan) -> tuple[list[str], pd.DataFrame] | None:
    """A tab-separated table whose header starts with ``id_col`` and has ``need``: (header, rows as text + line)."""
    header = first_line(path)
    missing = [c for c in (id_col, *need) if c not in header]
    if not header or header[0] != id_col or missing:
        p.problems.append(
            Problem(str(path), 1, f"header must start with {id_col!r} and have {', '.join(need) or '-'}", "\t".join(header)[:200])
        )
        return None
    rows = []
    for lineno, f in read_rows(path, len(header), p.problems, header=(id_col,)):
        p.rows_read += 1
        rows.append([lineno, *f])
    df = pd.DataFrame(rows, columns=["line", *header]).assign(file=str(path))
    dup = df[id_col].duplicated()
    for ln, v in zip(df.loc[dup, "line"], df.loc[dup, id_col]):
        p.problems.append(Problem(str(path), int(ln), f"{id_col} {v[:40]!r} is listed twice"))
    for ln in df.loc[df[id_col] == "", "line"]:
        p.problems.append(Problem(str(path), int(ln), f"empty {id_col}"))
    return header, df[~dup & (df[id_col] != "")].reset_index(drop=True)


def _values(df: pd.DataFrame, samples: list[str], path: Path, p: Plan, nonneg: bool) -> np.ndarray:
    """The numeric samples columns; a problem for each row with a missing, non-numeric or out-of-range value."""
    raw = df[samples].to_numpy(dtype=object)
    num = pd.to_numeric(pd.Series(raw.ravel()), errors="coerce").to_numpy(dtype=float).reshape(raw.shape)
    bad = ~np.isfinite(num) | ((num < 0) if nonneg else False)
    for r in np.flatnonzero(bad.any(axis=1)):
        c = int(bad[r].argmax())
        v = str(raw[r, c])
        why = (
            "missing value"
            if v in ("", "NA", "NaN", "nan")
            else f"{v[:20]!r} is not a finite number"
            if not np.isfinite(num[r, c])
            else f"{v[:20]!r} is negative"
        )
        p.problems.append(Problem(str(path), int(df["line"].iloc[r]), f"sample {samples[c]!r}: {why}"))
    return num


def _match_samples(header: list[str], mpath: Path, meta: pd.DataFrame, id_col: str, spath: Path, p: Plan) -> None:
    """Matrix header sample ids and the samples table must name the same samples, each once."""
    cols = pd.Series(header[1:])
    for v in cols[cols.duplicated()]:
        p.problems.append(Problem(str(mpath), 1, f"sample {v[:40]!r} has two columns"))
    for v in cols[~cols.isin(meta[id_col])]:
        p.problems.append(Problem(str(mpath), 1, f"sample {v[:40]!r} is not in {spath.name}"))
    for ln, v in zip(meta.loc[~meta[id_col].isin(cols), "line"], meta.loc[~meta[id_col].isin(cols), id_col]):
        p.problems.append(Problem(str(spath), int(ln), f"sample {v[:40]!r} has no column in {mpath.name}"))


def hgnc_ensembl(path: Path) -> tuple[dict[str, str], set[str]]:
    """Ensembl gene id -> HGNC symbol, and the ids that HGNC gives to two symbols (ambiguous, left out)."""
    # A lookup table, not an ingested source: read with pandas (the ``hgnc`` source reads it strictly).
    df = pd.read_csv(path, sep="\t", usecols=["symbol", "ensembl_gene_id"], dtype=str, keep_default_na=False)
    df = df[df["ensembl_gene_id"] != ""].drop_duplicates()
    two = df["ensembl_gene_id"].duplicated(keep=False)
    return dict(zip(df.loc[~two, "ensembl_gene_id"], df.loc[~two, "symbol"])), set(df.loc[two, "ensembl_gene_id"])


def tf_symbols(tfs, p: Plan) -> tuple[set[str], str]:
    """TF symbols and where they came from: the Lambert extract (``Is TF? == Yes``, read by ``tf_families``),
    another file (Lambert-style CSV, or one symbol per line), or a list / comma-separated symbols."""
    if tfs is None or (isinstance(tfs, (str, Path)) and Path(tfs).is_file()):
        path = Path(tfs) if tfs is not None else config.data_root() / LAMBERT
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no TF list (pass tfs=<file or symbols>)")
        header = first_line(path, sep=",")
        if "Is TF?" in header:
            scratch = Plan(tf_families.LAMBERT)
            found = tf_families.read_lambert(path, header, scratch)
            p.problems += scratch.problems
            return set(found["symbol"]), str(path)
        return {f[0] for _, f in read_rows(path, (1, 2, 3, 4), p.problems, sep="\t") if f[0]}, str(path)
    return set(option_list(tfs) or []), "given list"


def _flu(folder: Path, p: Plan) -> tuple[pd.DataFrame, pd.DataFrame, dict, list[Path]] | None:
    mname, mid, sname, sid, *_ = KINDS["flu"]
    mpath, spath = need_file(folder, mname), need_file(folder, sname)
    before = len(p.problems)
    samples = _table(spath, sid, ("Subject", "Hours.Numeric", "Condition"), p)
    matrix = _table(mpath, mid, (), p)
    if samples is None or matrix is None:
        return None
    (_, meta), (header, df) = samples, matrix
    hours = pd.to_numeric(meta["Hours.Numeric"], errors="coerce")
    for ln, v in zip(meta.loc[hours.isna(), "line"], meta.loc[hours.isna(), "Hours.Numeric"]):
        p.problems.append(Problem(str(spath), int(ln), f"Hours.Numeric {v[:20]!r} is not a number"))
    for ln in meta.loc[meta["Subject"] == "", "line"]:
        p.problems.append(Problem(str(spath), int(ln), "empty Subject"))
    _match_samples(header, mpath, meta, sid, spath, p)
    values = _values(df, header[1:], mpath, p, nonneg=False)
    df = drop_bad_symbols(df.rename(columns={mid: "symbol"}), ["symbol"], SPECIES, p.problems)
    if len(p.problems) > before:
        return None
    expr = pd.DataFrame(
        values[df.index.to_numpy()],
        columns=header[1:],  # df keeps _table's row positions
        index=pd.Index(df["symbol"].to_numpy(), name="gene"),
    )
    meta = meta.set_index(sid).loc[header[1:]]
    table = pd.DataFrame(
        {
            "group": meta["Subject"].to_numpy(),
            "kind": "sample",
            "hours": pd.to_numeric(meta["Hours.Numeric"]).astype(float).to_numpy(),
            "condition": meta["Condition"].to_numpy(),
        },
        index=pd.Index(meta.index, name="sample"),
    )
    extra = dict(group_by="Subject", normalisation="log2 microarray intensities as published (qusage eset.full), unchanged")
    return expr, table, extra, [mpath, spath]


def _geuvadis(folder: Path, p: Plan, hgnc: Path) -> tuple[pd.DataFrame, pd.DataFrame, dict, list[Path]] | None:
    mname, mid, sname, sid, *_ = KINDS["geuvadis"]
    mpath, spath = need_file(folder, mname), need_file(folder, sname)
    before = len(p.problems)
    samples = _table(spath, sid, ("group",), p)
    matrix = _table(mpath, mid, (), p)
    if samples is None or matrix is None:
        return None
    (_, meta), (header, df) = samples, matrix
    _match_samples(header, mpath, meta, sid, spath, p)
    counts = _values(df, header[1:], mpath, p, nonneg=True)
    if len(p.problems) > before:
        return None
    lib = counts.sum(axis=0)  # the file's raw library sizes, before any id is dropped
    for c in np.flatnonzero(lib <= 0):
        p.problems.append(Problem(str(mpath), 1, f"sample {header[1 + c]!r} has no counts"))
    if len(p.problems) > before:
        return None
    to_symbol, ambiguous = hgnc_ensembl(hgnc)
    df = df.assign(symbol=df[mid].map(to_symbol), total=counts.sum(axis=1))
    n_ambiguous = int(df[mid].isin(list(ambiguous)).sum())
    n_unmapped = int(df["symbol"].isna().sum()) - n_ambiguous
    df = df[df["symbol"].notna()]
    kept = df.sort_values("total", ascending=False, kind="stable").drop_duplicates("symbol").sort_index()
    n_dup = len(df) - len(kept)
    kept = drop_bad_symbols(kept, ["symbol"], SPECIES, p.problems)
    if len(p.problems) > before:
        return None
    cpm = counts[kept.index.to_numpy()] / lib * 1e6
    expr = pd.DataFrame(np.log2(cpm + 1), columns=header[1:], index=pd.Index(kept["symbol"].to_numpy(), name="gene"))
    meta = meta.set_index(sid).loc[header[1:]]
    table = pd.DataFrame(
        {"group": meta.index.to_numpy(), "kind": "sample", "sex": meta["group"].to_numpy()},
        index=pd.Index(meta.index, name="sample"),
    )
    extra = dict(
        group_by="sample",
        n_ids=int(len(counts)),
        n_unmapped_ids=n_unmapped,
        n_ambiguous_ids=n_ambiguous,
        n_duplicate_symbols=int(n_dup),
        hgnc=str(hgnc),
        normalisation="log2(CPM + 1), CPM = count / library size x 1e6, library size = column sum of "
        "all rows of counts.tsv.gz (before Ensembl ids are mapped or dropped)",
    )
    return expr, table, extra, [mpath, spath, hgnc]


def plan(paths: list[Path], hgnc: str | Path | None = None, tfs=None) -> Plan:
    p = Plan(SOURCE)
    folders = [Path(f) for f in paths]
    kinds = [kind_of(f) for f in folders]
    hgnc_path = Path(hgnc) if hgnc else config.data_root() / HGNC
    if "geuvadis" in kinds and not hgnc_path.is_file():
        raise FileNotFoundError(f"{hgnc_path}: HGNC complete set needed to map Ensembl ids (option hgnc=<file>)")
    tf_set, tf_from = tf_symbols(tfs, p)
    for folder, kind in zip(folders, kinds):
        got = _flu(folder, p) if kind == "flu" else _geuvadis(folder, p, hgnc_path)
        if got is None:
            continue
        expr, table, extra, files = got
        *_, key, source, version = KINDS[kind]
        is_tf = expr.index.isin(list(tf_set))
        expr_path, samples_path = cache_file("expression", key), cache_file("expression", key, ".samples.parquet")
        p.files += [(expr_path, expr), (samples_path, table)]
        files += [Path(tf_from)] if Path(tf_from).is_file() else []
        p.datasets.append(
            dataset_row(
                key,
                source,
                version,
                files,
                SPECIES,
                expression_path=str(expr_path),
                samples_path=str(samples_path),
                expression_shape=list(expr.shape),
                n_genes=int(expr.shape[0]),
                n_samples=int(expr.shape[1]),
                n_groups=int(table["group"].nunique()),
                n_tfs=int(is_tf.sum()),
                tf_list=tf_from,
                **extra,
            )
        )
        genes = pd.DataFrame({"symbol": expr.index.to_numpy(), "species": SPECIES, "tf": is_tf})
        p.add("merge_genes", genes, "node", f"Gene ({key})", source=source)
        rows = np.arange(len(expr))
        members = pd.concat([genes.assign(role="gene", index=rows), genes[is_tf].assign(role="tf", index=rows[is_tf])])
        p.members(key, members[["symbol", "species", "role", "index"]])
    return p
