"""``de-table``: your own perturbation experiments as one differential-expression table (TSV or CSV, gzip allowed).

Columns (header required, any order, names case-insensitive; ``stat`` optional):

=============  ===============================================================================================
experiment     experiment id (unique within the file; stored as ``<name>:<experiment>``)
perturbed      the perturbed gene symbol(s); several joined by ``;`` (a double knockout)
perturbation   knockout, knockdown, overexpression or activation (CRISPRa)
species        human or mouse
context        cell type / condition / time point, free text (may be empty)
gene           the measured gene's symbol
log2fc         log2 fold change perturbed vs control
pvalue         p-value (empty or NA where not tested)
padj           adjusted p-value (empty or NA where not tested)
stat           the test's own signed statistic (DESeq2 ``stat``, limma ``t``); else sign(log2fc) * z(pvalue),
               else log2fc
=============  ===============================================================================================

Every row of an experiment must agree on perturbed / perturbation / species / context. Writes one ``Knockout`` per
experiment (``KNOCKS_OUT`` its perturbed genes, ``AFFECTS {log2fc, pvalue, padj}`` where ``padj <= max_padj``)
and every row into the full-profile Parquet named by the Dataset ``de-table:<name>`` (``profiles_path``), which
``tfkg benchmark knockouts`` reads. Option ``name`` (default: the file name without extensions), ``max_padj``
(default 0.05). Worked example: ``tests/data/de_table_example.tsv``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from tfkg.errors import InputError
from tfkg.ingest._common import drop_bad_symbols, file_stem, first_line, profile_frame, signed_stat
from tfkg.ingest.base import SPECIES, Plan, Problem, cache_file, check_symbol, dataset_row, read_rows

SOURCE = "de-table"
DEFAULT_PATHS: list[str] = []
COLUMNS = ("experiment", "perturbed", "perturbation", "species", "context", "gene", "log2fc", "pvalue", "padj")
OPTIONAL = ("stat",)
PERTURBATIONS = ("knockout", "knockdown", "overexpression", "activation")


def _numbers(df: pd.DataFrame, col: str, p: Plan, bad: pd.Series, *, required: bool, unit: bool) -> pd.Series:
    raw = df[col].where(~df[col].str.upper().isin(["", "NA", "NAN"]), None)
    v = pd.to_numeric(raw, errors="coerce")
    wrong = (raw.notna() & v.isna()) | (raw.notna() & ~np.isfinite(v.fillna(0)))
    if required:
        wrong |= raw.isna()
    if unit:
        wrong |= (v < 0) | (v > 1)
    why = "is not a number" if not unit else "is not a number in [0, 1]"
    for f, ln, x in zip(df.loc[wrong & ~bad, "file"], df.loc[wrong & ~bad, "line"], df.loc[wrong & ~bad, col]):
        p.problems.append(Problem(f, int(ln), f"{col} {str(x)[:20]!r} {why}" if x else f"{col} is empty"))
    bad |= wrong
    return v


def _read(path: Path, p: Plan) -> pd.DataFrame | None:
    sep = "," if ".csv" in path.name.lower() else "\t"
    header = [h.lower() for h in first_line(path, sep)]
    missing = [c for c in COLUMNS if c not in header]
    unknown = [c for c in header if c not in COLUMNS + OPTIONAL]
    if missing or unknown or len(set(header)) != len(header):
        why = (
            f"missing column(s) {', '.join(missing)}"
            if missing
            else f"unknown column(s) {', '.join(unknown)}"
            if unknown
            else "a column name is repeated"
        )
        p.problems.append(
            Problem(str(path), 1, f"{why}; expected {', '.join(COLUMNS)} and optionally stat", sep.join(header)[:200])
        )
        return None
    rows = []
    for lineno, f in read_rows(path, len(header), p.problems, sep=sep, header=tuple(header)):
        p.rows_read += 1
        rows.append([str(path), lineno, *f])
    if not rows:
        p.problems.append(Problem(str(path), 1, "no data rows"))
        return None
    df = pd.DataFrame(rows, columns=["file", "line", *header])
    if "stat" not in df:
        df["stat"] = ""
    bad = pd.Series(False, index=df.index)
    for col in ("experiment", "perturbed", "gene"):
        empty = df[col] == ""
        for ln in df.loc[empty & ~bad, "line"]:
            p.problems.append(Problem(str(path), int(ln), f"{col} is empty"))
        bad |= empty
    pert = df["perturbation"].str.lower()
    wrong = ~pert.isin(PERTURBATIONS)
    for ln, x in zip(df.loc[wrong & ~bad, "line"], df.loc[wrong & ~bad, "perturbation"]):
        p.problems.append(Problem(str(path), int(ln), f"perturbation {x[:30]!r} is not one of {', '.join(PERTURBATIONS)}"))
    bad |= wrong
    sp = df["species"].str.strip().str.lower().map(SPECIES)
    wrong = sp.isna() | (sp == "insilico")
    for ln, x in zip(df.loc[wrong & ~bad, "line"], df.loc[wrong & ~bad, "species"]):
        p.problems.append(Problem(str(path), int(ln), f"unknown species {x[:30]!r} (human or mouse)"))
    bad |= wrong
    df = df.assign(perturbation=pert, species=sp)
    lfc = _numbers(df, "log2fc", p, bad, required=True, unit=False)
    pv = _numbers(df, "pvalue", p, bad, required=False, unit=True)
    padj = _numbers(df, "padj", p, bad, required=False, unit=True)
    stat = _numbers(df, "stat", p, bad, required=False, unit=False)
    df = df.assign(log2fc=lfc, pvalue=pv, padj=padj, stat=stat)
    # Each distinct (perturbed, species) is checked once: a file has few experiments and many rows.
    key = df["perturbed"] + "\x1f" + df["species"].fillna("")
    reasons: dict[str, str | None] = {
        k: next((r for g in k.split("\x1f")[0].split(";") if (r := check_symbol(g.strip(), k.split("\x1f")[1]))), None)
        for k in pd.unique(key[~bad])
    }
    reason = key.map(reasons)
    for ln, r in zip(df.loc[reason.notna() & ~bad, "line"], reason[reason.notna() & ~bad]):
        p.problems.append(Problem(str(path), int(ln), f"perturbed: {r}"))
    bad |= reason.notna()
    df = df[~bad]
    df = drop_bad_symbols(df, ["gene"], df["species"], p.problems)
    # One experiment, one design: the per-experiment fields must not vary.
    design = ["perturbed", "perturbation", "species", "context"]
    varies = df.groupby("experiment")[design].transform("nunique").gt(1).any(axis=1)
    first_bad = df[varies].drop_duplicates("experiment")
    for ln, e in zip(first_bad["line"], first_bad["experiment"]):
        p.problems.append(
            Problem(str(path), int(ln), f"experiment {e[:40]!r}: perturbed/perturbation/species/context differ between its rows")
        )
    df = df[~varies]
    dup = df.duplicated(["experiment", "gene"], keep="first")
    same = df.duplicated(["experiment", "gene", "log2fc", "pvalue", "padj", "stat"], keep="first")
    for ln, e, g in zip(df.loc[dup & ~same, "line"], df.loc[dup & ~same, "experiment"], df.loc[dup & ~same, "gene"]):
        p.problems.append(
            Problem(str(path), int(ln), f"gene {g!r} is listed twice in experiment {e[:40]!r} with different values")
        )
    return df[~dup]


def plan(paths: list[Path], name: str | None = None, max_padj: float = 0.05) -> Plan:
    max_padj = float(max_padj)
    p = Plan(SOURCE)
    if not paths:
        raise FileNotFoundError("de-table needs a file: tfkg ingest de-table FILE")
    if name and len(paths) > 1:
        raise InputError("-o name=… names one file; give one file per run")
    for path in map(Path, paths):
        df = _read(path, p)
        if df is None or df.empty:
            continue
        key_name = name or file_stem(path)
        key = f"de-table:{key_name}"
        df = df.assign(experiment_id=key_name + ":" + df["experiment"])
        exp = df.drop_duplicates("experiment_id")
        ko = pd.DataFrame(
            {
                "experiment_id": exp["experiment_id"],
                "gene": exp["perturbed"].str.replace(";", "+"),
                "species": exp["species"],
                "context": exp["context"].replace("", None),
                "perturbation": exp["perturbation"],
                "dataset": key,
            }
        )
        kno = exp[["experiment_id", "perturbed", "species"]].assign(gene=exp["perturbed"].str.split(";")).explode("gene")
        kno["gene"] = kno["gene"].str.strip()
        stat = signed_stat(df["log2fc"], df["pvalue"], df["stat"])
        stat = np.where(np.isnan(stat), df["log2fc"], stat)
        prof = profile_frame(
            df["experiment_id"].to_numpy(),
            df["gene"].to_numpy(),
            df["log2fc"].to_numpy(),
            df["pvalue"].to_numpy(),
            df["padj"].to_numpy(),
            stat,
        )
        profiles_path = cache_file("profiles", key)
        p.files.append((profiles_path, prof))
        hit = df["padj"].notna() & (df["padj"] <= max_padj)
        aff = df.loc[hit, ["experiment_id", "gene", "species", "log2fc", "pvalue", "padj"]].rename(columns={"gene": "symbol"})
        genes = pd.concat(
            [
                kno[["gene", "species"]].rename(columns={"gene": "symbol"}),
                df[["gene", "species"]].rename(columns={"gene": "symbol"}),
            ]
        ).drop_duplicates()
        p.add("merge_genes", genes.assign(tf=False), "node", "Gene", source=SOURCE)
        p.add("merge_knockouts", ko, "node", "Knockout", source=SOURCE)
        p.add("merge_knocks_out", kno[["experiment_id", "gene", "species"]], "rel", "KNOCKS_OUT", source=SOURCE)
        p.add("merge_affects", aff, "rel", "AFFECTS", source=SOURCE)
        exps = np.sort(ko["experiment_id"].to_numpy())
        p.members(
            key,
            pd.DataFrame({"experiment_id": exps, "role": "experiment", "index": np.arange(len(exps))}),
            "merge_includes_experiments",
        )
        tfs = kno.drop_duplicates(["gene", "species"]).sort_values("gene")
        p.members(
            key, pd.DataFrame({"symbol": tfs["gene"], "species": tfs["species"], "role": "tf", "index": np.arange(len(tfs))})
        )
        p.datasets.append(
            dataset_row(
                key,
                SOURCE,
                key_name,
                [path],
                sorted(set(df["species"]))[0],
                n_experiments=len(exps),
                n_rows=len(df),
                max_padj=max_padj,
                profiles_path=str(profiles_path),
                profile_stat="stat, else sign(log2fc) * z(pvalue), else log2fc",
            )
        )
    return p
