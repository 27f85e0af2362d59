"""Helpers shared by several sources (not a source itself): header lines, MGI symbol case, options."""

from __future__ import annotations

import csv
import gzip
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from tfkg import config
from tfkg.ingest.base import Problem, check_symbol

MGI_REPORT = "hgnc_mgi/HGNC_AllianceHomology.rpt.gz"
# Real MGI markers whose symbols the graph cannot hold (``check_symbol`` refuses brackets): gene-trap loci such as
# ``Gt(ROSA)26Sor``, phenotypic markers such as ``O<hv>``. Mouse sources skip them and count them on the Dataset
# node instead of failing the whole file.
MGI_MARKER = re.compile(r"[()<>\[\]]")
_RIKEN = re.compile(r"^(\d+)([a-z])(\d+)rik$")


def first_line(path: Path, sep: str = "\t") -> list[str]:
    """The stripped fields of a (possibly gzipped) text file's first line: its header."""
    with open(path, "rb") as fh:
        gz = fh.read(2) == b"\x1f\x8b"
    opener = gzip.open if gz else open
    with opener(path, "rb") as fh:
        raw = fh.readline()
    line = raw.decode("utf-8", errors="replace").lstrip("\ufeff").rstrip("\r\n")
    fields = next(csv.reader([line], delimiter=sep)) if sep == "," else line.split(sep)
    fields = [f.strip() for f in fields]
    while fields and fields[-1] == "":
        fields.pop()
    return fields


def find_file(folder: Path, name: str) -> Path | None:
    """``folder/name``, or the same file without its ``.gz`` (a user may have unpacked it); None if neither is there."""
    for cand in (folder / name, folder / name.removesuffix(".gz")):
        if cand.is_file():
            return cand
    return None


def need_file(folder: Path, name: str) -> Path:
    """:func:`find_file`, or FileNotFoundError naming the folder and the file."""
    got = find_file(folder, name)
    if got is None:
        raise FileNotFoundError(f"{folder} has no {name} (or {name.removesuffix('.gz')})")
    return got


def option_list(value) -> list[str] | None:
    """An option given as a list or a comma-separated string (``-o networks=10-1,10-2``)."""
    if value is None:
        return None
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, (list, tuple, set, frozenset)):
        return [str(v).strip() for v in value]
    return [str(value).strip()]  # a lone number from the CLI's JSON parsing


def default_mgi_report() -> Path | None:
    p = config.data_root() / MGI_REPORT
    return p if p.exists() else None


@lru_cache(maxsize=4)
def mgi_case_map(path: Path) -> dict[str, str]:
    """lower-case symbol -> MGI symbol, from the MGI homology report.

    Where two markers differ only by case (``T``/``t``, ``Gs``/``gs``) the protein-coding gene wins, then any
    gene over a phenotypic marker, then the first-upper-rest-lower spelling."""
    # A lookup table, not an ingested source: read with pandas (the ``mgi`` source reads the same file strictly).
    df = pd.read_csv(path, sep="\t", usecols=["Marker Symbol", "Feature Type"], dtype=str, keep_default_na=False, index_col=False)
    df = df[df["Marker Symbol"].str.strip() != ""]
    sym, ftype = df["Marker Symbol"].str.strip(), df["Feature Type"]
    ranked = pd.DataFrame(
        {
            "low": sym.str.lower(),
            "coding": ftype != "protein coding gene",
            "marker": ftype == "heritable phenotypic marker",
            "odd": sym != sym.str[:1].str.upper() + sym.str[1:].str.lower(),
            "sym": sym,
        }
    )
    best = ranked.sort_values(["low", "coding", "marker", "odd", "sym"]).drop_duplicates("low")
    return dict(zip(best["low"], best["sym"]))


def to_mgi_case(symbols: pd.Series, known: dict[str, str] | None = None, prefer: pd.Series | None = None) -> pd.Series:
    """Map (upper- or odd-cased) mouse symbols to MGI case, vectorized.

    ``prefer`` (e.g. the gene column of the same file) wins over the MGI report ``known``; symbols found in
    neither become first-upper-rest-lower."""
    s = pd.Series(symbols, dtype=object).astype(str)
    low = s.str.lower()
    out = pd.Series([None] * len(s), index=s.index, dtype=object)
    if prefer is not None:
        pref = pd.Series(pd.unique(pd.Series(prefer, dtype=object).astype(str)))
        out = low.map(dict(zip(pref.str.lower(), pref)))
    if known:
        out = out.where(out.notna(), low.map(known))
    fallback = s.str[:1].str.upper() + s.str[1:].str.lower()
    # RIKEN clone names keep their MGI spelling even when unknown: 9430076c15rik -> 9430076C15Rik.
    fallback = fallback.str.replace(_RIKEN, lambda m: f"{m[1]}{m[2].upper()}{m[3]}Rik", regex=True)
    return out.where(out.notna(), fallback).astype(object)


@lru_cache(maxsize=1 << 20)
def _checked(key: str) -> str | None:
    """``check_symbol`` of a ``symbol\x1fspecies`` key, remembered across files (MorPhiC repeats ~20k symbols
    in each of its 69 files)."""
    return check_symbol(*key.split("\x1f", 1))


def drop_bad_symbols(
    df: pd.DataFrame, columns: list[str], species: str | pd.Series, problems: list, file_col: str = "file", line_col: str = "line"
) -> pd.DataFrame:
    """Report (file, line, reason) for rows whose symbol in any of ``columns`` fails ``check_symbol``; return the rest.

    Each distinct (symbol, species) is checked once, so this stays fast on millions of rows."""
    if df.empty:
        return df
    sp = species if isinstance(species, pd.Series) else pd.Series(species, index=df.index)
    keep = pd.Series(True, index=df.index)
    reasons = pd.Series(None, index=df.index, dtype=object)
    for col in columns:
        key = df[col].astype(str) + "\x1f" + sp.astype(str)
        bad = {k: r for k in pd.unique(key) if (r := _checked(k))}
        if not bad:
            continue
        why = key.map(bad)
        reasons = reasons.where(reasons.notna(), why)
        keep &= why.isna()
    for f, ln, r in zip(df.loc[~keep, file_col], df.loc[~keep, line_col], reasons[~keep]):
        problems.append(Problem(str(f), int(ln), r))
    return df[keep]


def split_mgi_markers(symbols: pd.Series, species: str) -> pd.Series:
    """Boolean mask of mouse symbols that are MGI markers the graph cannot hold (see ``MGI_MARKER``)."""
    if species != "mouse":
        return pd.Series(False, index=symbols.index)
    return symbols.astype(str).str.contains(MGI_MARKER, regex=True)


PROFILE_COLUMNS = ["experiment_id", "symbol", "log2fc", "pvalue", "padj", "stat"]


def signed_stat(log2fc, pvalue, stat=None) -> np.ndarray:
    """The signed statistic of a differential-expression row: the source's own ``stat`` where given, else
    ``sign(log2fc) * z`` with ``z`` the two-sided normal quantile of ``pvalue`` (p clipped at 1e-300)."""
    from scipy.stats import norm

    lfc = np.asarray(log2fc, dtype=float)
    p = np.clip(np.asarray(pvalue, dtype=float), 1e-300, 1.0)
    z = np.sign(lfc) * norm.isf(p / 2)
    if stat is not None:
        s = np.asarray(stat, dtype=float)
        z = np.where(np.isnan(s), z, s)
    return z


def profile_frame(experiment_id, symbol, log2fc, pvalue=None, padj=None, stat=None) -> pd.DataFrame:
    """A full knockout profile (every measured gene of every experiment) in the one long layout the benchmark
    reads (``PROFILE_COLUMNS``); rows without a finite statistic are measured-nothing and dropped."""
    n = len(symbol)
    nan = np.full(n, np.nan)
    pv = nan if pvalue is None else np.asarray(pvalue, dtype=float)
    df = pd.DataFrame(
        {
            "experiment_id": np.broadcast_to(np.asarray(experiment_id, dtype=object), n),
            "symbol": np.asarray(symbol, dtype=object),
            "log2fc": np.asarray(log2fc, dtype=float),
            "pvalue": pv,
            "padj": nan if padj is None else np.asarray(padj, dtype=float),
        }
    )
    if pvalue is not None:
        df["stat"] = signed_stat(df["log2fc"], pv, stat)
    else:  # the source's own statistic, or (DREAM4: no p-values) the change itself
        df["stat"] = df["log2fc"].to_numpy() if stat is None else np.asarray(stat, dtype=float)
    return df[np.isfinite(df["stat"])].reset_index(drop=True)


def regulation_members(tf: pd.Series, target: pd.Series, species: str) -> pd.DataFrame:
    """``INCLUDES`` rows of a curated TF->target set: role ``tf`` (every regulator) and role ``target`` (every gene
    of the set, TFs included), ``index`` = position in sorted symbol order."""
    tfs = np.sort(pd.unique(tf))
    every = np.sort(pd.unique(pd.concat([pd.Series(tf), pd.Series(target)])))
    return pd.concat(
        [
            pd.DataFrame({"symbol": tfs, "role": "tf", "index": np.arange(len(tfs))}),
            pd.DataFrame({"symbol": every, "role": "target", "index": np.arange(len(every))}),
        ]
    ).assign(species=species)[["symbol", "species", "role", "index"]]


def regulation_genes(tf: pd.Series, target: pd.Series, species: str | pd.Series) -> pd.DataFrame:
    """``merge_genes`` rows (symbol, species, tf) of a TF->gene table: one per gene and species, ``tf`` true where
    the gene regulates anything in it."""
    tf, target = pd.Series(tf).reset_index(drop=True), pd.Series(target).reset_index(drop=True)
    sp = species.reset_index(drop=True) if isinstance(species, pd.Series) else species
    genes = pd.concat(
        [pd.DataFrame({"symbol": tf, "species": sp, "tf": True}), pd.DataFrame({"symbol": target, "species": sp, "tf": False})]
    )
    return genes.sort_values("tf", ascending=False, kind="stable").drop_duplicates(["symbol", "species"])[
        ["symbol", "species", "tf"]
    ]


_TABLE_EXT = re.compile(r"(\.(tsv|csv|txt))?(\.gz)?$", re.I)


def file_stem(path: Path) -> str:
    """A table's name without its extensions (``flu_late.tsv.gz`` -> ``flu_late``)."""
    return _TABLE_EXT.sub("", path.name)


def table_sep(path: Path) -> str:
    """``,`` for a ``.csv`` or ``.csv.gz``, else a tab."""
    return "," if re.search(r"\.csv(\.gz)?$", path.name.lower()) else "\t"
