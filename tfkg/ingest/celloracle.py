"""CellOracle mouse (mm10) promoter base GRN: gimmemotifs v5 motif hits in promoter windows (Kamimoto et al., Nature 2023).

The parquet has one row per promoter window (``peak_id``, ``gene_short_name``) and one 0/1 column per TF.
Per (TF, gene) the windows are combined: an edge exists when at least ``min_windows`` windows of the gene
have a hit, and its ``score`` is the number of windows with a hit. TF column names are odd-cased
(``9430076c15rik``, ``Ac002126.6``): they are mapped to MGI case through the file's own gene column, then the
MGI report (when present), else first-upper-rest-lower. MGI gene-trap markers (``Gt(ROSA)26Sor``) cannot be
graph genes: their windows are skipped and listed on the Dataset node.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from tfkg.errors import InputError
from tfkg.ingest._common import default_mgi_report, drop_bad_symbols, mgi_case_map, split_mgi_markers, to_mgi_case
from tfkg.ingest.base import Plan, Problem, dataset_row

SOURCE = "CellOracle-mm10"
VERSION = "gimmemotifs v5, fpr1, threshold 10 (2021-06-30)"
DEFAULT_PATHS = ["celloracle_promoter_base_grn/mm10_TFinfo_dataframe_gimmemotifsv5_fpr1_threshold_10_20210630.parquet"]
KEYS = ("peak_id", "gene_short_name")
_PEAK = re.compile(r"^chr[0-9A-Za-z_.]+_\d+_\d+$")


def _windows_per_pair(codes: np.ndarray, n_genes: int, hits: np.ndarray) -> np.ndarray:
    """(genes x TFs) number of windows with a hit, summing the rows of ``hits`` that share a gene code."""
    order = np.argsort(codes, kind="stable")
    sorted_codes = codes[order]
    starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])
    counts = np.zeros((n_genes, hits.shape[1]), dtype=np.int16)
    counts[sorted_codes[starts]] = np.add.reduceat(hits[order], starts, axis=0, dtype=np.int16)
    return counts


def plan(paths: list[Path], min_windows: int = 1, mgi: str | Path | None = None) -> Plan:
    min_windows = int(min_windows)
    if min_windows < 1:
        raise InputError(f"min_windows must be >= 1, got {min_windows}")
    p = Plan(SOURCE)
    edge_frames, gene_frames = [], []
    mgi_path = Path(mgi) if mgi else default_mgi_report()
    known = mgi_case_map(mgi_path) if mgi_path else None
    for path in paths:
        name = str(path)
        df = pd.read_parquet(path)
        p.rows_read += len(df)
        missing = [k for k in KEYS if k not in df.columns]
        if missing:
            p.problems.append(Problem(name, 0, f"missing column(s) {', '.join(missing)}; expected {KEYS} + one column per TF"))
            continue
        tf_cols = [c for c in df.columns if c not in KEYS]
        # "line" = 1-based row number of the parquet table (row 1 = first window).
        line = np.arange(1, len(df) + 1)
        meta = pd.DataFrame(
            {"file": name, "line": line, "peak": df["peak_id"].astype(object), "gene": df["gene_short_name"].astype(object)}
        )
        ok = pd.Series(True, index=meta.index)
        empty = meta["gene"].isna() | (meta["gene"].astype(str).str.strip() == "")
        bad_peak = ~meta["peak"].astype(str).str.match(_PEAK.pattern)
        values = df[tf_cols].to_numpy()
        bad_val = ~((values == 0) | (values == 1)).all(axis=1)
        hits = (values == 1).astype(np.uint8)
        del values
        for mask, why in (
            (empty, "empty gene_short_name"),
            (bad_peak, "peak_id is not chr_start_end"),
            (pd.Series(bad_val, index=meta.index), "TF columns must hold 0 or 1"),
        ):
            for ln in meta.loc[mask & ok, "line"]:
                p.problems.append(Problem(name, int(ln), why))
            ok &= ~mask
        meta.loc[ok, "gene"] = meta.loc[ok, "gene"].astype(str).str.strip()
        marker = split_mgi_markers(meta["gene"], "mouse") & ok
        skipped = sorted(set(meta.loc[marker, "gene"]))
        good = drop_bad_symbols(meta[ok & ~marker], ["gene"], "mouse", p.problems)
        keep = meta.index.isin(good.index)
        meta, hits = meta[keep], hits[keep]
        tf_symbols = to_mgi_case(pd.Series(tf_cols), known, prefer=meta["gene"])
        tf_check = pd.DataFrame({"file": name, "line": 0, "tf": tf_symbols})
        ok_tf = tf_check.index.isin(drop_bad_symbols(tf_check, ["tf"], "mouse", p.problems).index)
        hits = hits[:, ok_tf]
        tf_symbols = tf_symbols[ok_tf].reset_index(drop=True)

        codes, genes = pd.factorize(meta["gene"])
        counts = _windows_per_pair(codes, len(genes), hits)
        # Columns whose names map to the same MGI symbol are one TF: keep the larger window count.
        tf_codes, tfs = pd.factorize(tf_symbols)
        if len(tfs) < len(tf_symbols):
            merged = np.zeros((counts.shape[0], len(tfs)), dtype=counts.dtype)
            np.maximum.at(merged.T, tf_codes, counts.T)
            counts = merged
        # np.nonzero walks gene-major: each batch spreads over many TFs (much faster MERGE than TF-major order).
        gi, ti = np.nonzero(counts >= min_windows)
        edge_frames.append(
            pd.DataFrame(
                {
                    "tf": np.asarray(tfs, dtype=object)[ti],
                    "target": np.asarray(genes, dtype=object)[gi],
                    "score": counts[gi, ti].astype(np.int64),
                }
            )
        )
        gene_frames += [
            pd.DataFrame({"symbol": np.asarray(tfs, dtype=object), "tf": True}),
            pd.DataFrame({"symbol": np.asarray(genes, dtype=object), "tf": False}),
        ]
        p.datasets.append(
            dataset_row(
                f"celloracle:mm10:{path.stem}",
                SOURCE,
                VERSION,
                [path],
                "mouse",
                n_windows=int(len(df)),
                n_tf_columns=len(tf_cols),
                n_tfs=int(len(tfs)),
                n_genes=int(len(genes)),
                min_windows=min_windows,
                n_edges=int(len(gi)),
                skipped_markers=skipped,
            )
        )
    if not edge_frames:
        return p
    edges = pd.concat(edge_frames, ignore_index=True)
    if len(edge_frames) > 1:  # several files: an edge keeps its largest window count
        edges = edges.sort_values("score", ascending=False, kind="stable").drop_duplicates(["tf", "target"])
        edges = edges.sort_values(["target", "tf"], kind="stable")
    edges = edges.assign(species="mouse")
    genes = pd.concat(gene_frames).sort_values("tf", ascending=False, kind="stable").drop_duplicates("symbol")
    p.add("merge_genes", genes.assign(species="mouse")[["symbol", "species", "tf"]], "node", "Gene", source=SOURCE)
    p.add("merge_motif_prior", edges[["tf", "target", "species", "score"]], "rel", "MOTIF_PRIOR", source=SOURCE)
    return p
