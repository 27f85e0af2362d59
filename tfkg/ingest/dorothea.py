"""DoRothEA regulons (Garcia-Alonso et al., Genome Res 2019), v1.7.4: TF->target pairs with a confidence level
A (most evidence) to E and a mode of regulation ``mor`` (+1 activation, -1 repression).

Input: ``dorothea_hs.tsv.gz`` / ``dorothea_mm.tsv.gz`` (header ``tf, confidence, target, mor``). Edges:
``REGULATES {source: 'DoRothEA', confidence, sign: mor, mode}``; ``dorothea:ABC`` in ``tfkg benchmark knockouts``
keeps levels A–C. Memberships of ``dorothea:<species>`` (role ``tf``, role ``target``) as for TRRUST.
Not the motif-only scans (``dorothea_tfbs``), which are priors, not regulation.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from tfkg.ingest._common import (
    default_mgi_report,
    drop_bad_symbols,
    mgi_case_map,
    regulation_genes,
    regulation_members,
    to_mgi_case,
)
from tfkg.ingest.base import Plan, Problem, dataset_row, read_rows
from tfkg.ingest.trrust import species_of

SOURCE = "DoRothEA"
VERSION = "1.7.4"
DEFAULT_PATHS = ["dorothea_v1_7_4/dorothea_hs.tsv.gz"]
HEADER = ("tf", "confidence", "target", "mor")
_SPECIES_WORDS = {"_hs": "human", "_mm": "mouse"}


def _species(path: Path, given: str | None) -> str:
    for word, sp in _SPECIES_WORDS.items():
        if not given and word in path.name.lower():
            return sp
    return species_of(path, given)


def plan(paths: list[Path], species: str | None = None) -> Plan:
    p = Plan(SOURCE)
    frames = []
    for path in paths:
        sp = _species(Path(path), species)
        rows = []
        for lineno, (tf, conf, target, mor) in read_rows(path, 4, p.problems, header=HEADER):
            p.rows_read += 1
            if conf not in ("A", "B", "C", "D", "E"):
                p.problems.append(Problem(str(path), lineno, f"confidence {conf[:20]!r} is not one of A-E"))
                continue
            if mor not in ("1", "-1"):
                p.problems.append(Problem(str(path), lineno, f"mor {mor[:20]!r} is not 1 or -1"))
                continue
            rows.append((str(path), lineno, tf, target, conf, int(mor)))
        df = pd.DataFrame(rows, columns=["file", "line", "tf", "target", "confidence", "sign"])
        if sp == "mouse" and len(df):  # DoRothEA's mouse regulons are upper-cased orthologs of the human ones
            known = mgi_case_map(default_mgi_report()) if default_mgi_report() else None
            df["tf"], df["target"] = to_mgi_case(df["tf"], known), to_mgi_case(df["target"], known)
        frames.append(drop_bad_symbols(df, ["tf", "target"], sp, p.problems).assign(species=sp))
        p.datasets.append(dataset_row(f"dorothea:{sp}", SOURCE, VERSION, [path], sp))
    if not frames or not sum(map(len, frames)):
        return p
    df = pd.concat(frames, ignore_index=True)
    df = df[df["tf"] != df["target"]]
    # One edge per pair: the best confidence; a pair listed with both signs keeps the sign of its best row.
    df = df.sort_values(["species", "tf", "target", "confidence"]).drop_duplicates(["species", "tf", "target"])
    df = df.assign(mode=np.where(df["sign"] < 0, "repression", "activation"), modes=None, pmids=None)
    p.add("merge_genes", regulation_genes(df["tf"], df["target"], df["species"]), "node", "Gene", source=SOURCE)
    for sp, part in df.groupby("species", sort=True):
        part = part.sort_values(["target", "tf"], kind="stable")
        p.add(
            "merge_regulates",
            part[["tf", "target", "species", "mode", "modes", "pmids", "sign", "confidence"]],
            "rel",
            f"REGULATES ({sp})",
            source=SOURCE,
        )
        p.members(f"dorothea:{sp}", regulation_members(part["tf"], part["target"], sp))
    return p
