"""MorPhiC human iPSC-derived TF-knockout bulk RNA-seq: DESeq2 knockout-vs-wild-type tables (JAX releases).

A file ``results/<release>/processed/<release>_<context>_<GENE>_DEseq2.tsv.gz`` holds, per knockout strategy
(CE/KO/PTC), the columns ``<GENE>_<STRATEGY>_log2FoldChange/_pvalue/_padj`` (NKX2-1 is spelt ``NKX2.1_``).
Each (file, strategy) is a ``Knockout`` node (context = the file name's ``<context>``, e.g. ``PrS_day_6_hyp``) with
``KNOCKS_OUT`` to the knocked-out gene and ``AFFECTS {log2fc, pvalue, padj}`` to every gene with
``padj <= max_padj`` (option, default 0.05), and every measured gene (log2FC, p, padj and the signed statistic
``sign(log2FC) * z(p)``) goes into the full-profile Parquet named by the umbrella's ``profiles_path``. Rows without
an HGNC symbol are skipped; a symbol listed twice
keeps its smallest padj; ``;``-joined symbols (two HGNC genes on one Ensembl id) are skipped as ambiguous.

Besides one Dataset node per file, an umbrella Dataset ``morphic`` (all files read) holds the memberships that
training snapshots use: ``INCLUDES`` role ``tf`` (each knocked-out gene), role ``gene`` (every Gene this source
writes, knocked-out genes included) and role ``experiment`` (each Knockout); ``index`` = position in sorted
symbol / experiment id order. Only significant effects are stored, so an absent AFFECTS means "not significant
at ``max_padj``", not "not measured" (said on the umbrella node).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from tfkg.ingest._common import drop_bad_symbols, first_line, profile_frame
from tfkg.ingest.base import Plan, Problem, cache_file, check_symbol, dataset_row, read_rows

SOURCE = "MorPhiC"
DEFAULT_PATHS = ["morphic_tf_ko_bulk/results"]
SPECIES = "human"
UMBRELLA = "morphic"
FIXED = ("gene_ID", "hgnc_symbol", "chr", "strand", "start", "end")
STATS = ("log2FoldChange", "pvalue", "padj")
_STAT_COL = re.compile(r"^(?P<gene>.+)_(?P<strategy>[A-Za-z0-9]+)_(?P<stat>log2FoldChange|pvalue|padj)$")
_SUFFIX = re.compile(r"_DEseq2\.tsv(\.gz)?$", re.I)


def files_of(paths: list[Path]) -> list[Path]:
    out = []
    for path in paths:
        path = Path(path)
        out += sorted(path.rglob("*_DEseq2.tsv*")) if path.is_dir() else [path]
    return out


_WORDS = {"hyp": "hypoxia", "nor": "normoxia", "day": "day"}
_STRATEGIES = {"KO": "KO: gene deletion", "CE": "CE: critical-exon deletion", "PTC": "PTC: premature stop codon"}


def describe(context: str, strategy: str) -> str:
    """A reader's context: ``PrS_day_6_hyp`` + ``KO`` -> ``PrS day 6, hypoxia (KO: gene deletion)``."""
    words = [_WORDS.get(w, w) for w in context.split("_") if w]
    cell = " ".join(w for w in words if w not in ("hypoxia", "normoxia"))
    oxygen = [w for w in words if w in ("hypoxia", "normoxia")]
    return ", ".join([cell] + oxygen) + f" ({_STRATEGIES.get(strategy, strategy)})"


def name_parts(path: Path) -> tuple[str | None, str, str]:
    """(release, context, gene) from ``<release>_<context>_<GENE>_DEseq2.tsv.gz``; the release is the folder
    above ``processed/`` when the name starts with it."""
    stem = _SUFFIX.sub("", path.name)
    head, _, gene = stem.rpartition("_")
    release = path.parent.parent.name if path.parent.name == "processed" else None
    if release and head.startswith(release + "_"):
        return release, head[len(release) + 1 :], gene
    return None, head, gene


def _knockout_gene(prefix: str) -> str:
    # R's make.names turns NKX2-1 into NKX2.1; no HGNC symbol has a '.' between a letter/digit run and a digit.
    return re.sub(r"(?<=[A-Z0-9])\.(?=\d)", "-", prefix)


def _read(path: Path, p: Plan, max_padj: float, ko_rows: list, aff_frames: list, profiles: list) -> None:
    name = str(path)
    header = first_line(path)
    if tuple(header[: len(FIXED)]) != FIXED:
        p.problems.append(Problem(name, 1, f"header must start with {', '.join(FIXED)}", "\t".join(header)[:200]))
        return
    groups: dict[tuple[str, str], dict[str, int]] = {}
    for i, col in enumerate(header[len(FIXED) :], start=len(FIXED)):
        m = _STAT_COL.match(col)
        if not m:
            p.problems.append(Problem(name, 1, f"column {col[:60]!r} is not <GENE>_<STRATEGY>_log2FoldChange/pvalue/padj"))
            return
        groups.setdefault((m["gene"], m["strategy"]), {})[m["stat"]] = i
    incomplete = [f"{g}_{s}" for (g, s), cols in groups.items() if set(cols) != set(STATS)]
    if incomplete or not groups:
        p.problems.append(
            Problem(
                name,
                1,
                f"incomplete statistics for {', '.join(incomplete)}"
                if incomplete
                else "no <GENE>_<STRATEGY>_log2FoldChange/pvalue/padj columns",
            )
        )
        return
    release, context, file_gene = name_parts(path)
    genes = {_knockout_gene(g) for g, _ in groups}
    for g in sorted(genes):
        bad = check_symbol(g, SPECIES) or (
            None if g == file_gene else f"columns name knockout gene {g!r} but the file name says {file_gene!r}"
        )
        if bad:
            p.problems.append(Problem(name, 1, bad))
            return
    rows = []
    for lineno, f in read_rows(path, len(header), p.problems, header=FIXED):
        p.rows_read += 1
        rows.append([lineno, *f])
    df = pd.DataFrame(rows, columns=["line", *header])
    df.insert(0, "file", name)
    num, bad = {}, pd.Series(False, index=df.index)
    for col in header[len(FIXED) :]:
        v = pd.to_numeric(df[col].replace("", None).replace("NA", None), errors="coerce")
        not_number = v.isna() & ~df[col].isin(["", "NA"])
        for ln, raw in zip(df.loc[not_number & ~bad, "line"], df.loc[not_number & ~bad, col]):
            p.problems.append(Problem(name, int(ln), f"{col}: {str(raw)[:20]!r} is not a number"))
        bad |= not_number
        if not col.endswith("log2FoldChange"):
            outside = (v < 0) | (v > 1)
            for ln in df.loc[outside & ~bad, "line"]:
                p.problems.append(Problem(name, int(ln), f"{col} is outside [0, 1]"))
            bad |= outside
        num[col] = v
    df = df[~bad]
    num = {c: v[~bad] for c, v in num.items()}
    df = df.assign(symbol=df["hgnc_symbol"])
    # A few Ensembl genes carry two HGNC symbols ('LINC00595;LINC00856'): ambiguous, skipped like empty ones.
    ambiguous = df["symbol"].str.contains(";", regex=False)
    named = df[(df["symbol"] != "") & ~ambiguous]
    named = drop_bad_symbols(named, ["symbol"], SPECIES, p.problems)
    stem = _SUFFIX.sub("", path.name)
    dataset = f"morphic:{stem}"
    for (g, strategy), cols in sorted(groups.items()):
        exp = f"MorPhiC:{stem}:{strategy}"
        ko_rows.append(
            {
                "experiment_id": exp,
                "gene": _knockout_gene(g),
                "species": SPECIES,
                "context": context,
                "description": describe(context, strategy),
                "strategy": strategy,
                "release": release,
                "dataset": dataset,
                "perturbation": "knockout",
            }
        )
        padj = num[header[cols["padj"]]].loc[named.index]
        profiles.append(
            profile_frame(
                exp,
                named["symbol"].to_numpy(),
                num[header[cols["log2FoldChange"]]].loc[named.index].to_numpy(),
                num[header[cols["pvalue"]]].loc[named.index].to_numpy(),
                padj.to_numpy(),
            )
        )
        hit = padj.notna() & (padj <= max_padj)
        part = pd.DataFrame(
            {
                "experiment_id": exp,
                "symbol": named.loc[hit, "symbol"].to_numpy(),
                "log2fc": num[header[cols["log2FoldChange"]]].loc[named.index][hit].to_numpy(),
                "pvalue": num[header[cols["pvalue"]]].loc[named.index][hit].to_numpy(),
                "padj": padj[hit].to_numpy(),
            }
        )
        aff_frames.append(part)
    p.datasets.append(
        dataset_row(
            dataset,
            SOURCE,
            release or "MorPhiC",
            [path],
            SPECIES,
            context=context,
            knockout_gene=file_gene,
            strategies=sorted(s for _, s in groups),
            n_genes=int(len(df)),
            n_without_symbol=int((df["symbol"] == "").sum()),
            n_ambiguous_symbol=int(ambiguous.sum()),
            max_padj=max_padj,
        )
    )


def plan(paths: list[Path], max_padj: float = 0.05) -> Plan:
    max_padj = float(max_padj)
    p = Plan(SOURCE)
    files = files_of(paths)
    if not files:
        raise FileNotFoundError(f"no *_DEseq2.tsv(.gz) files under {', '.join(map(str, paths))}")
    ko_rows: list[dict] = []
    aff_frames: list[pd.DataFrame] = []
    profiles: list[pd.DataFrame] = []
    for path in files:
        _read(path, p, max_padj, ko_rows, aff_frames, profiles)
    if not ko_rows:
        return p
    ko = pd.DataFrame(ko_rows)
    aff = (
        pd.concat(aff_frames, ignore_index=True)
        if aff_frames
        else pd.DataFrame(columns=["experiment_id", "symbol", "log2fc", "pvalue", "padj"])
    )
    # An HGNC symbol on two rows (two Ensembl ids) is one edge: keep the smaller padj.
    aff = aff.sort_values(["experiment_id", "symbol", "padj"], kind="stable").drop_duplicates(["experiment_id", "symbol"])
    aff = aff.assign(species=SPECIES)
    genes = pd.concat([pd.DataFrame({"symbol": ko["gene"], "tf": False}), pd.DataFrame({"symbol": aff["symbol"], "tf": False})])
    genes = genes.drop_duplicates("symbol").assign(species=SPECIES)
    p.add("merge_genes", genes, "node", "Gene", source=SOURCE)
    tfs, every, exps = (np.sort(pd.unique(c)) for c in (ko["gene"], genes["symbol"], ko["experiment_id"]))
    releases = sorted({r for r in ko["release"] if r})
    # Full profiles (every measured gene, for TF activity inference); a symbol on two Ensembl rows keeps its smaller p.
    prof = pd.concat(profiles, ignore_index=True).sort_values(["experiment_id", "symbol", "pvalue"], kind="stable")
    prof = prof.drop_duplicates(["experiment_id", "symbol"]).reset_index(drop=True)
    profiles_path = cache_file("profiles", UMBRELLA)
    p.files.append((profiles_path, prof))
    p.datasets.append(
        dataset_row(
            UMBRELLA,
            SOURCE,
            "+".join(releases) or "MorPhiC",
            files,
            SPECIES,
            max_padj=max_padj,
            n_tfs=len(tfs),
            n_genes=len(every),
            n_experiments=len(exps),
            profiles_path=str(profiles_path),
            n_profile_rows=len(prof),
            profile_stat="sign(log2FoldChange) * z of the two-sided DESeq2 p-value",
            note=f"AFFECTS are stored only where padj <= {max_padj}: absent AFFECTS = not significant",
        )
    )
    members = pd.concat(
        [
            pd.DataFrame({"symbol": tfs, "role": "tf", "index": np.arange(len(tfs))}),
            pd.DataFrame({"symbol": every, "role": "gene", "index": np.arange(len(every))}),
        ]
    )
    p.members(UMBRELLA, members.assign(species=SPECIES)[["symbol", "species", "role", "index"]])
    p.members(
        UMBRELLA,
        pd.DataFrame({"experiment_id": exps, "role": "experiment", "index": np.arange(len(exps))}),
        "merge_includes_experiments",
    )
    p.add("merge_knockouts", ko, "node", "Knockout", source=SOURCE)
    p.add("merge_knocks_out", ko[["experiment_id", "gene", "species"]], "rel", "KNOCKS_OUT", source=SOURCE)
    p.add(
        "merge_affects", aff[["experiment_id", "symbol", "species", "log2fc", "pvalue", "padj"]], "rel", "AFFECTS", source=SOURCE
    )
    return p
