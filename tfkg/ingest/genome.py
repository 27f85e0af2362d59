"""The genome-wide human dataset ``human``: every human TF (Lambert et al., "The Human Transcription Factors",
Cell 2018: ``Is TF? == Yes``) × every approved protein-coding gene (HGNC complete set, ``locus_group``
``protein-coding gene``). Members only — role ``tf`` and role ``target`` (TFs included), index = sorted symbol
order — plus the Gene nodes and their HGNC attributes; the dataset's training edges are the curated REGULATES
sources the ``human`` dataset names (CollecTRI ∪ TRRUST), every other source is evidence.

Lambert TFs whose symbol is not an approved protein-coding HGNC symbol (renamed since 2018) are counted on the
Dataset node (``tfs_not_in_hgnc``), not members.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from tfkg.ingest import hgnc
from tfkg.ingest._common import first_line
from tfkg.ingest.base import Plan, Problem, dataset_row
from tfkg.ingest.tf_families import read_lambert

SOURCE = "genome"
DEFAULT_PATHS = ["hgnc_mgi/hgnc_complete_set.txt.gz", "humantfs_lambert2018/DatabaseExtract_v_1.01.csv.gz"]
DATASET = "human"
PROTEIN_CODING = "protein-coding gene"


def plan(paths: list[Path]) -> Plan:
    p = Plan(SOURCE)
    genes, tfs = None, None
    for path in paths:
        comma = first_line(path, sep=",")
        if "Is TF?" in comma:
            tfs = read_lambert(path, comma, p)
        elif "locus_group" in first_line(path):
            hp = hgnc.plan([path])
            p.problems += hp.problems
            p.rows_read += hp.rows_read
            genes = next((s.rows for s in hp.steps), None)
        else:
            p.problems.append(
                Problem(
                    str(path),
                    1,
                    "neither the HGNC complete set (…, locus_group, …) nor the Lambert Human TFs extract (…, Is TF?, …)",
                )
            )
    if genes is None or tfs is None:
        p.problems.append(
            Problem(
                str(paths[0]) if paths else "(no file)", 1, "need both the HGNC complete set and the Lambert Human TFs extract"
            )
        )
        return p
    coding = genes[[pr.get("locus_group") == PROTEIN_CODING for pr in genes["props"]]].sort_values("symbol")
    symbols = coding["symbol"].to_numpy()
    is_tf = np.isin(symbols, tfs["symbol"].to_numpy())
    p.datasets.append(
        dataset_row(
            DATASET,
            SOURCE,
            "HGNC protein-coding x Lambert 2018 TFs",
            paths,
            "human",
            n_tfs=int(is_tf.sum()),
            n_targets=int(len(symbols)),
            tfs_not_in_hgnc=int((~tfs["symbol"].isin(symbols)).sum()),
        )
    )
    p.add("merge_genes", pd.DataFrame({"symbol": symbols, "species": "human", "tf": is_tf}), "node", "Gene", source=SOURCE)
    p.add("merge_gene_attributes", coding.assign(tf=is_tf), "node", "Gene attributes (HGNC)", source=hgnc.SOURCE)
    members = pd.concat(
        [
            pd.DataFrame({"symbol": symbols[is_tf], "role": "tf", "index": np.arange(is_tf.sum())}),
            pd.DataFrame({"symbol": symbols, "role": "target", "index": np.arange(len(symbols))}),
        ]
    )
    p.members(DATASET, members.assign(species="human")[["symbol", "species", "role", "index"]])
    return p
