"""TRRUST v2 (Han et al., NAR 2018): curated human and mouse TF->target pairs with mode and PMIDs.

Edges: ``REGULATES {source: 'TRRUST'}``. Memberships of ``trrust:<species>`` (training snapshots): ``INCLUDES``
role ``tf`` to every gene that is a TF in that species' file and role ``target`` to every gene of the file (TFs
included); ``index`` = position in sorted symbol order.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tfkg.errors import InputError
from tfkg.ingest._common import regulation_members
from tfkg.ingest.base import MODES, Plan, Problem, check_symbol, dataset_row, normalize_species, read_rows

SOURCE = "TRRUST"
VERSION = "v2"
DEFAULT_PATHS = ["trrust_v2/trrust_rawdata.human.tsv", "trrust_v2/trrust_rawdata.mouse.tsv"]


def species_of(path: Path, given: str | None) -> str:
    if given:
        return normalize_species(given)
    for word in ("human", "mouse"):
        if word in path.name.lower():
            return word
    raise InputError(f"{path}: cannot tell the species from the file name; pass --species human|mouse")


def plan(paths: list[Path], species: str | None = None) -> Plan:
    p = Plan(SOURCE)
    # (TF, target, species) -> mode -> PubMed ids: one edge per pair, though several rows may repeat it with other
    # modes or PMIDs (aggregated here in the reading pass; a pandas groupby with Python lambdas took 7 s for 80k rows)
    edges: dict[tuple[str, str, str], dict[str, set[str]]] = {}
    for path in paths:
        sp = species_of(path, species)
        for lineno, (tf, target, mode, pmids) in read_rows(path, 4, p.problems, header=("TF", "Target", "Mode", "PMIDs")):
            p.rows_read += 1
            bad = check_symbol(tf, sp) or check_symbol(target, sp)
            if bad:
                p.problems.append(Problem(str(path), lineno, bad, f"{tf}\t{target}"))
                continue
            m = MODES.get(mode.lower())
            if m is None:
                p.problems.append(Problem(str(path), lineno, f"unknown mode {mode[:40]!r} (Activation/Repression/Unknown)"))
                continue
            ids = [x.strip() for x in pmids.split(";") if x.strip()]
            # Kept as text: upstream has a few typos such as '1724219e' that are still useful to a reader.
            if any(not x.isalnum() or len(x) > 12 for x in ids):
                p.problems.append(Problem(str(path), lineno, f"PMIDs must be ids separated by ';', got {pmids[:40]!r}"))
                continue
            edges.setdefault((tf, target, sp), {}).setdefault(m, set()).update(ids)
        p.datasets.append(dataset_row(f"trrust:{sp}", SOURCE, VERSION, [path], sp))
    if not edges:
        return p
    keys = sorted(edges)
    agg = pd.DataFrame(keys, columns=["tf", "target", "species"])
    agg["modes"] = [sorted(edges[k]) for k in keys]
    agg["pmids"] = [sorted(set().union(*edges[k].values())) for k in keys]
    # PubMed ids per mode, aligned with `modes`: what a reader weighs ("activation x8, repression x3")
    agg["mode_pmids"] = [[len(edges[k][m]) for m in ms] for k, ms in zip(keys, agg["modes"])]
    # mode: the most-cited known mode ('mixed' on a tie, 'unknown' without one); the sign only where every record
    # with a mode agrees (0 = disagreeing records: no sign, so training never takes a side the papers did not)
    cited = [{m: len(ids) for m, ids in edges[k].items() if m != "unknown"} for k in keys]
    agg["mode"] = [
        "unknown" if not c else max(c, key=lambda m: c[m]) if list(c.values()).count(max(c.values())) == 1 else "mixed"
        for c in cited
    ]
    agg["sign"] = [0 if len(c) > 1 else None for c in cited]
    genes = (
        pd.concat(
            [
                pd.DataFrame({"symbol": agg["tf"], "species": agg["species"], "tf": True}),
                pd.DataFrame({"symbol": agg["target"], "species": agg["species"], "tf": False}),
            ]
        )
        .sort_values("tf", ascending=False)
        .drop_duplicates(["symbol", "species"])
    )
    p.add("merge_genes", genes, "node", "Gene", source=SOURCE)
    for sp, part in agg.groupby("species"):
        p.add(
            "merge_regulates",
            part[["tf", "target", "species", "mode", "modes", "mode_pmids", "pmids", "sign"]],
            "rel",
            f"REGULATES ({sp})",
            source=SOURCE,
        )
        p.members(f"trrust:{sp}", regulation_members(part["tf"], part["target"], sp))
    return p
