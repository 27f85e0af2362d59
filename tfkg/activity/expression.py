"""Contrasts from an expression matrix and a sample sheet: the statistics ``tfkg activity`` scores, computed by
real packages, never by hand.

* **Counts** (every value a non-negative integer: RNA-seq): PyDESeq2's Wald statistic (Muzellec et al.,
  Bioinformatics 2023), design ``~ COLUMN`` (or ``~ PAIR + COLUMN`` with ``--pair``).
* **Log-expression** (microarray, log-CPM): SciPy's Welch t-test of group A against group B, or with ``--pair``
  the paired t-test over the pairs (each pair's samples of a group averaged first: a subject's late time points
  against its baseline). These are ordinary t statistics, not limma's moderated ones: with few samples per group
  prefer running limma yourself and giving ``tfkg activity`` its table.

A contrast is ``COLUMN:A-B``: the samples whose COLUMN is A (``|`` joins several values: ``Hours:60|69|77-0``)
against those whose COLUMN is B. ``--where COLUMN=VALUE`` keeps only matching samples first. Every problem is one
line naming the file, the line and the reason.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from tfkg.activity.inputs import Contrasts, _symbols
from tfkg.errors import InputError
from tfkg.ingest._common import table_sep

_CONTRAST = re.compile(r"^([^:]+):(.+?)-(.+)$")


def _table(path: Path, what: str) -> pd.DataFrame:
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    sep = table_sep(path)
    try:
        return pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False)
    except pd.errors.EmptyDataError:
        raise InputError(f"{path}:1: empty file (expected {what})") from None


def read_samples(path: Path) -> pd.DataFrame:
    """The sample sheet: the first column names the samples (unique), the others describe them."""
    df = _table(path, "a header: sample id, then the columns contrasts name")
    if df.empty or df.shape[1] < 2:
        raise InputError(f"{path}:1: a sample sheet needs a sample column and at least one more column, and rows")
    ids = df.iloc[:, 0].str.strip()
    dup = ids.duplicated()
    if dup.any():
        i = int(np.flatnonzero(dup)[0])
        raise InputError(f"{path}:{i + 2}: sample {ids.iloc[i]} appears twice")
    return df.set_index(ids).drop(columns=df.columns[0])


def read_matrix(path: Path, species: str) -> pd.DataFrame:
    """Genes x samples: the first column the gene symbol, then one numeric column per sample."""
    df = _table(path, "a header: gene, then one column per sample")
    if df.empty or df.shape[1] < 3:
        raise InputError(f"{path}:1: an expression matrix needs a gene column, two or more sample columns, and rows")
    genes = df.iloc[:, 0].str.strip()
    lines = pd.Series(np.arange(2, len(df) + 2))
    _symbols(path, genes, lines, species)
    dup = genes.duplicated()
    if dup.any():
        i = int(np.flatnonzero(dup)[0])
        raise InputError(f"{path}:{i + 2}: gene {genes.iloc[i]} appears twice")
    x = df.iloc[:, 1:].apply(pd.to_numeric, errors="coerce")
    bad = x.isna().to_numpy() | ~np.isfinite(x.to_numpy(dtype=float, na_value=np.nan))
    if bad.any():
        i, j = map(int, np.argwhere(bad)[0])
        raise InputError(f"{path}:{i + 2}: sample {x.columns[j]}: {df.iloc[i, j + 1][:20]!r} is not a number")
    x.index = genes
    return x.astype(float)


def _group(sheet: pd.DataFrame, path: Path, column: str, value: str) -> list[str]:
    want = [v.strip() for v in value.split("|")]
    have = set(sheet[column])
    missing = [v for v in want if v not in have]
    if missing:
        shown = ", ".join(sorted(have, key=lambda v: (len(v), v))[:12])
        raise InputError(f"{path}:1: column {column} has no sample with value {missing[0]!r} (values: {shown})")
    return list(sheet.index[sheet[column].isin(want)])


def contrasts_from_expression(
    matrix: Path,
    samples: Path,
    contrasts: list[str],
    *,
    species: str = "human",
    pair: str | None = None,
    where: list[str] | None = None,
) -> Contrasts:
    """The statistics of each ``COLUMN:A-B`` contrast (module doc), genes x contrasts, as ``Contrasts``."""
    matrix, samples = Path(matrix), Path(samples)
    x = read_matrix(matrix, species)
    sheet = read_samples(samples)
    missing = [s for s in x.columns if s not in sheet.index]
    if missing:
        raise InputError(f"{samples}: sample {missing[0]} of {matrix} is not in the sheet ({len(missing)} missing)")
    sheet = sheet.loc[x.columns]
    for cond in where or []:
        col, _, val = cond.partition("=")
        if col not in sheet.columns or not val:
            raise InputError(f"{samples}:1: --where {cond!r}: expected COLUMN=VALUE with a column of the sheet")
        sheet = sheet[sheet[col] == val]
    if pair is not None and pair not in sheet.columns:
        raise InputError(f"{samples}:1: --pair {pair!r} is not a column of the sheet ({', '.join(sheet.columns)})")
    counts = bool((x.to_numpy() >= 0).all() and np.allclose(x.to_numpy(), np.round(x.to_numpy())))
    rows, names = [], []
    for spec in contrasts:
        m = _CONTRAST.match(spec)
        if not m or m.group(1) not in sheet.columns:
            raise InputError(
                f"{samples}:1: contrast {spec!r}: expected COLUMN:A-B with a column of the sheet ({', '.join(sheet.columns)})"
            )
        col, a, b = m.groups()
        ga, gb = _group(sheet, samples, col, a), _group(sheet, samples, col, b)
        if set(ga) & set(gb):
            raise InputError(f"{samples}:1: contrast {spec!r}: a sample is in both groups")
        stat = _deseq(x, sheet, ga, gb, pair) if counts else _ttest(x, sheet, ga, gb, pair, spec, samples)
        rows.append(stat)
        names.append(spec)
    stat = pd.DataFrame(rows, index=names)
    design = pd.DataFrame({"perturbed": [[] for _ in names], "perturbation": ""}, index=names)
    kind = "statistic"
    return Contrasts(stat, design, f"{matrix} ({'counts: PyDESeq2' if counts else 'log-expression: t-test'})", kind)


def _ttest(x, sheet, ga, gb, pair, spec, samples) -> pd.Series:
    from scipy import stats

    if pair is None:
        if len(ga) < 2 or len(gb) < 2:
            raise InputError(f"{samples}:1: contrast {spec!r}: a t-test needs two or more samples per group")
        t = stats.ttest_ind(x[ga].to_numpy(), x[gb].to_numpy(), axis=1, equal_var=False).statistic
    else:
        ma = x[ga].T.groupby(sheet.loc[ga, pair].to_numpy()).mean().T
        mb = x[gb].T.groupby(sheet.loc[gb, pair].to_numpy()).mean().T
        both = sorted(set(ma.columns) & set(mb.columns))
        if len(both) < 2:
            raise InputError(f"{samples}:1: contrast {spec!r}: fewer than two {pair} values have samples in both groups")
        t = stats.ttest_rel(ma[both].to_numpy(), mb[both].to_numpy(), axis=1).statistic
    return pd.Series(t, index=x.index).replace([np.inf, -np.inf], np.nan)


def _deseq(x, sheet, ga, gb, pair) -> pd.Series:
    from pydeseq2.dds import DeseqDataSet
    from pydeseq2.ds import DeseqStats

    keep = ga + gb
    meta = pd.DataFrame({"group": ["A"] * len(ga) + ["B"] * len(gb)}, index=keep)
    design = "~group"
    if pair is not None:
        meta["pair"] = sheet.loc[keep, pair].astype(str).to_numpy()
        design = "~pair + group"
    dds = DeseqDataSet(counts=x[keep].T.round().astype(int), metadata=meta, design=design, quiet=True)
    dds.deseq2()
    res = DeseqStats(dds, contrast=["group", "A", "B"], quiet=True)
    res.summary()
    return res.results_df["stat"].reindex(x.index)
