"""A user's experiment as contrasts x genes: a differential-expression table or a gene list.

A **DE table** (TSV or CSV, gzip allowed; the ``de-table`` ingest format with most columns optional), header
required, names case-insensitive:

============  ==================================================================================================
gene          the measured gene's symbol (``symbol`` also accepted); required
contrast      the contrast (``experiment`` also accepted); optional: without it the file is one contrast named
              after the file
stat          the signed statistic (DESeq2 ``stat``, limma ``t``); or else
log2fc        with ``pvalue``: ``sign(log2fc) * z(pvalue)`` (two-sided normal quantile)
perturbed     optional: the perturbed gene(s) of the contrast, ``;``-separated (a knockout's, to see its rank)
perturbation  optional: knockout, knockdown, overexpression, activation (a loss of function flips the sign so the
              perturbed TF should score highest, as in ``tfkg benchmark knockouts``)
============  ==================================================================================================

Other ``de-table`` columns (species, context, padj) are accepted and ignored. A **gene list** is one symbol per line
(``#`` comments allowed): the genes that changed, for over-representation.

Every problem is an :class:`~tfkg.errors.InputError` naming the file, the line and the reason: a missing column, a
duplicated gene within a contrast, a statistic that is empty, NaN or not a number, a symbol no gene has, a mouse
symbol for ``species`` human; an empty file is an error too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from tfkg.errors import InputError
from tfkg.ingest._common import file_stem, signed_stat, table_sep
from tfkg.ingest.base import check_symbol

# the sign a contrast's statistics are multiplied by: a loss of function flips it, so the perturbed TF scores highest
LOSS = {"knockout": -1.0, "knockdown": -1.0, "overexpression": 1.0, "activation": 1.0}
ALIASES = {"symbol": "gene", "experiment": "contrast"}
KNOWN = {"gene", "contrast", "stat", "log2fc", "pvalue", "perturbed", "perturbation", "species", "context", "padj"}


@dataclass
class Contrasts:
    """Contrasts x genes signed statistics (NaN: not measured), sign-corrected for a loss of function."""

    stat: pd.DataFrame
    design: pd.DataFrame  # index contrast: perturbed (list of symbols), perturbation ("" when not given)
    source: str  # the file
    kind: str  # "statistic" or "gene list"


def _fail(path: Path, problems: list[tuple[int, str]]) -> None:
    if problems:
        line, why = problems[0]
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        raise InputError(f"{path}:{line}: {why}{more}")


def _symbols(path: Path, genes: pd.Series, lines: pd.Series, species: str) -> None:
    bad = [(int(ln), why) for g, ln in zip(genes, lines) if (why := check_symbol(g, species))]
    _fail(path, bad)


def read_de_table(path: Path | str, species: str = "human") -> Contrasts:
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    sep = table_sep(path)
    try:
        df = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, comment=None)
    except pd.errors.EmptyDataError:
        raise InputError(f"{path}:1: empty file (expected a header with gene and stat, or log2fc and pvalue)") from None
    except (pd.errors.ParserError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: not a {'CSV' if sep == ',' else 'TSV'} table ({str(e).splitlines()[0]})") from None
    df.columns = [ALIASES.get(c.strip().lower(), c.strip().lower()) for c in df.columns]
    header = sep.join(df.columns)
    unknown = [c for c in df.columns if c not in KNOWN]
    if unknown or len(set(df.columns)) != len(df.columns):
        why = f"unknown column(s) {', '.join(unknown)}" if unknown else "a column name is repeated"
        raise InputError(f"{path}:1: {why}; expected gene and stat (or log2fc and pvalue), optionally contrast: {header[:120]}")
    if "gene" not in df.columns or not ({"stat"} <= set(df.columns) or {"log2fc", "pvalue"} <= set(df.columns)):
        raise InputError(f"{path}:1: needs a gene column and stat, or log2fc and pvalue: {header[:120]}")
    if df.empty:
        raise InputError(f"{path}:2: no rows under the header")
    df["line"] = np.arange(2, len(df) + 2)
    df["gene"] = df["gene"].str.strip()
    df["contrast"] = df["contrast"].str.strip() if "contrast" in df else file_stem(path)
    _symbols(path, df["gene"], df["line"], species)
    problems: list[tuple[int, str]] = []
    num = {}
    for col in ("stat", "log2fc", "pvalue"):
        if col in df:
            raw = df[col].str.strip()
            v = pd.to_numeric(raw.where(~raw.str.upper().isin(["", "NA", "NAN"]), None), errors="coerce")
            num[col] = v
            wrong = raw.ne("") & ~raw.str.upper().isin(["NA", "NAN"]) & (v.isna() | ~np.isfinite(v.fillna(0)))
            problems += [(int(ln), f"{col} {x[:20]!r} is not a number") for ln, x in zip(df.loc[wrong, "line"], raw[wrong])]
    if "pvalue" in num:
        p = num["pvalue"]
        problems += [
            (int(ln), f"pvalue {x} is not in [0, 1]") for ln, x in zip(df.loc[(p < 0) | (p > 1), "line"], p[(p < 0) | (p > 1)])
        ]
    _fail(path, sorted(problems))
    stat = signed_stat(
        num.get("log2fc", pd.Series(np.nan, index=df.index)),
        num.get("pvalue", pd.Series(np.nan, index=df.index)),
        num.get("stat"),
    )
    missing = ~np.isfinite(stat)
    _fail(path, [(int(ln), "no statistic: stat (or log2fc and pvalue) is empty or NaN") for ln in df.loc[missing, "line"]])
    dup = df.duplicated(["contrast", "gene"], keep="first")
    first = df.drop_duplicates(["contrast", "gene"]).set_index(["contrast", "gene"])["line"]
    _fail(
        path,
        [
            (int(ln), f"gene {g} appears twice in contrast {c!r} (first on line {first[(c, g)]})")
            for ln, c, g in zip(df.loc[dup, "line"], df.loc[dup, "contrast"], df.loc[dup, "gene"])
        ],
    )
    design = _design(path, df)
    df["stat"] = stat * design["sign"].reindex(df["contrast"]).to_numpy()
    wide = df.pivot(index="contrast", columns="gene", values="stat")
    return Contrasts(wide.loc[design.index], design.drop(columns="sign"), str(path), "statistic")


def _design(path: Path, df: pd.DataFrame) -> pd.DataFrame:
    """One row per contrast (in file order); every row of a contrast must agree on perturbed and perturbation."""
    rows = {}
    for col in ("perturbed", "perturbation"):
        if col not in df:
            df[col] = ""
        df[col] = df[col].str.strip()
    for c, part in df.groupby("contrast", sort=False):
        for col in ("perturbed", "perturbation"):
            seen = part[col].unique()
            if len(seen) > 1:
                ln = int(part.loc[part[col] != part[col].iloc[0], "line"].iloc[0])
                raise InputError(
                    f"{path}:{ln}: contrast {c!r} has another {col} ({seen[1]!r}) than on line {int(part['line'].iloc[0])}"
                )
        pert = part["perturbation"].iloc[0].lower()
        if pert and pert not in LOSS:
            raise InputError(f"{path}:{int(part['line'].iloc[0])}: perturbation {pert!r}: one of {', '.join(LOSS)}")
        genes = [g.strip() for g in part["perturbed"].iloc[0].split(";") if g.strip()]
        rows[c] = {"perturbed": genes, "perturbation": pert, "sign": LOSS.get(pert, 1.0)}
    return pd.DataFrame.from_dict(rows, orient="index")


def read_gene_list(path: Path | str, species: str = "human") -> Contrasts:
    """One symbol per line: a single contrast whose listed genes are 1 and the rest unmeasured (over-representation)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    genes: list[str] = []
    lines: list[int] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(path.read_text().splitlines(), start=1):
        g = raw.split("#", 1)[0].strip()
        if not g:
            continue
        if g in seen:
            raise InputError(f"{path}:{i}: gene {g} is listed twice (first on line {seen[g]})")
        seen[g] = i
        genes.append(g)
        lines.append(i)
    if not genes:
        raise InputError(f"{path}:1: no gene in the list")
    _symbols(path, pd.Series(genes), pd.Series(lines), species)
    name = file_stem(path)
    stat = pd.DataFrame([np.ones(len(genes))], index=[name], columns=genes)
    design = pd.DataFrame({"perturbed": [[]], "perturbation": [""]}, index=[name])
    return Contrasts(stat, design, str(path), "gene list")
