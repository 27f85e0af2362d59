"""FIMO motif-scan hits (``fimo --text`` or ``fimo.tsv``) of JASPAR motifs in gene promoters.

Columns: motif_id, motif_alt_id, sequence_name, start, stop, strand, score, p-value, q-value, matched_sequence
(``#`` comment lines, such as FIMO's trailer, are skipped). ``sequence_name`` is a gene symbol, optionally with an
EPD promoter suffix (``ISG15_2`` -> ISG15). Hits with p-value <= ``max_p`` become
``(:Motif {matrix_id})-[:MOTIF_HIT {region: 'ISG15_2:10-21(+)', p_value, score, source: 'FIMO'}]->(:Gene)``.
A motif id that is not a known JASPAR motif (by default: the JASPAR release the ``jaspar`` source loads) is
reported as dangling, with its file and line.
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from tfkg.errors import InputError
from tfkg.ingest._common import drop_bad_symbols, option_list
from tfkg.ingest.base import Plan, Problem, dataset_row, normalize_species, read_rows

SOURCE = "FIMO"
DEFAULT_PATHS: list[str] = []
HEADER = (
    "motif_id",
    "motif_alt_id",
    "sequence_name",
    "start",
    "stop",
    "strand",
    "score",
    "p-value",
    "q-value",
    "matched_sequence",
)
_EPD_SUFFIX = re.compile(r"_\d+$")
_COMMENT = re.compile(rb"(?m)^[ \t]*#[^\n]*")


class _WithoutComments:
    """A file as ``read_rows`` sees it, with ``#`` comment lines blanked (so line numbers stay those of the file)."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def __str__(self) -> str:
        return str(self.path)

    def __fspath__(self) -> str:
        return str(self.path)

    def read_bytes(self) -> bytes:
        data = self.path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        return _COMMENT.sub(b"", data)


@lru_cache(maxsize=8)
def known_motifs(release: str = "JASPAR2024", collection: str = "CORE", tax_group: str = "vertebrates") -> frozenset[str]:
    """Matrix ids of the JASPAR profiles that ``tfkg ingest jaspar`` loads with the same options."""
    from pyjaspar import jaspardb

    return frozenset(m.matrix_id for m in jaspardb(release=release).fetch_motifs(collection=collection, tax_group=[tax_group]))


def plan(
    paths: list[Path],
    species: str | None = None,
    max_p: float = 1e-4,
    motifs=None,
    release: str = "JASPAR2024",
    collection: str = "CORE",
    tax_group: str = "vertebrates",
) -> Plan:
    if not species:
        raise InputError("motif_hits needs the species of the scanned sequences: --species human|mouse")
    sp = normalize_species(species)
    max_p = float(max_p)
    known = set(option_list(motifs) or []) if motifs is not None else known_motifs(release, collection, tax_group)
    p = Plan(SOURCE)
    rows = []
    for path in paths:
        for lineno, f in read_rows(_WithoutComments(path), len(HEADER), p.problems, header=HEADER[:3]):
            p.rows_read += 1
            rows.append([str(path), lineno, *f])
        p.datasets.append(
            dataset_row(
                f"fimo:{sp}:{Path(path).name}",
                SOURCE,
                "FIMO",
                [Path(path)],
                sp,
                max_p=max_p,
                motif_release=release if motifs is None else None,
            )
        )
    df = pd.DataFrame(
        rows,
        columns=[
            "file",
            "line",
            "matrix_id",
            "alt_id",
            "sequence_name",
            "start",
            "stop",
            "strand",
            "score",
            "p_value",
            "q_value",
            "matched_sequence",
        ],
    )
    if df.empty:
        return p
    start = pd.to_numeric(df["start"], errors="coerce")
    stop = pd.to_numeric(df["stop"], errors="coerce")
    score = pd.to_numeric(df["score"], errors="coerce")
    pval = pd.to_numeric(df["p_value"], errors="coerce")
    qval = pd.to_numeric(df["q_value"].replace("", None), errors="coerce")
    checks = [
        (~df["matrix_id"].isin(known), lambda r: f"dangling motif id {r.matrix_id[:40]!r}: not a known JASPAR motif"),
        (df["sequence_name"] == "", lambda r: "empty sequence_name"),
        (
            start.isna() | stop.isna() | (start % 1 != 0) | (stop % 1 != 0) | (start < 0) | (stop < start),
            lambda r: f"start/stop {r.start[:20]!r}-{r.stop[:20]!r} are not positions with start <= stop",
        ),
        (~df["strand"].isin(["+", "-", "."]), lambda r: f"strand {r.strand[:10]!r} is not +, - or ."),
        (score.isna(), lambda r: f"score {r.score[:20]!r} is not a number"),
        (pval.isna() | (pval < 0) | (pval > 1), lambda r: f"p-value {r.p_value[:20]!r} is not a number in [0, 1]"),
        (qval.isna() & (df["q_value"] != ""), lambda r: f"q-value {r.q_value[:20]!r} is not a number"),
    ]
    bad = pd.Series(False, index=df.index)
    for mask, why in checks:
        for r in df[mask & ~bad].itertuples():
            p.problems.append(Problem(r.file, r.line, why(r)))
        bad |= mask
    df = df.assign(start=start, stop=stop, score=score, p_value=pval, q_value=qval)[~bad]
    df = df.assign(symbol=df["sequence_name"].str.replace(_EPD_SUFFIX, "", regex=True))
    df = drop_bad_symbols(df, ["symbol"], sp, p.problems)
    df = df[df["p_value"] <= max_p]
    df = df.assign(
        species=sp,
        start=df["start"].astype(np.int64),
        stop=df["stop"].astype(np.int64),
        matched_sequence=df["matched_sequence"].replace("", None),
    )
    df["region"] = df["sequence_name"] + ":" + df["start"].astype(str) + "-" + df["stop"].astype(str) + "(" + df["strand"] + ")"
    # The same hit listed twice (e.g. two runs concatenated) is one edge: keep its smallest p-value.
    df = df.sort_values("p_value", kind="stable").drop_duplicates(["matrix_id", "symbol", "region"])
    p.add("merge_genes", df[["symbol", "species"]].drop_duplicates().assign(tf=False), "node", "Gene", source=SOURCE)
    p.add(
        "merge_motif_hits",
        df[["matrix_id", "symbol", "species", "region", "sequence_name", "p_value", "q_value", "score", "matched_sequence"]],
        "rel",
        "MOTIF_HIT",
        source=SOURCE,
    )
    return p
