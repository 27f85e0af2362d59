"""The HGETGI TF/target/disease graph (TRRUST human pairs + DisGeNET associations, integer ids).

Its ``CS`` pseudo-disease (linked to every node for a cold-start trick) is dropped: the trick
belongs to the model, not to the data. Original ids are kept on ``(:Dataset)-[:INCLUDES]``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tfkg.ingest.base import Plan, Problem, check_cui, check_symbol, dataset_row, read_rows

SOURCE = "HGETGI"
DATASET = "hgetgi"
DEFAULT_PATHS = ["hgetgi"]
FILES = ("id_TF.txt", "id_Target.txt", "id_Disease.txt", "TF_Target.txt", "TF_Disease.txt", "Target_Disease.txt")
PSEUDO = "CS"


def _ids(path: Path, prefix: str | None, p: Plan) -> dict[int, str]:
    out: dict[int, str] = {}
    for lineno, (idx, name) in read_rows(path, 2, p.problems):
        p.rows_read += 1
        if not idx.isdigit():
            p.problems.append(Problem(str(path), lineno, f"id {idx[:20]!r} is not a non-negative integer"))
            continue
        if prefix is not None:
            if not name.startswith(prefix):
                p.problems.append(Problem(str(path), lineno, f"name {name[:40]!r} should start with {prefix!r}"))
                continue
            name = name[len(prefix) :]
            bad = check_symbol(name, "human")
        else:
            bad = None if name == PSEUDO else check_cui(name)
        if bad:
            p.problems.append(Problem(str(path), lineno, bad))
            continue
        if int(idx) in out:
            p.problems.append(Problem(str(path), lineno, f"id {idx} defined twice"))
            continue
        out[int(idx)] = name
    return out


def _edges(path: Path, left: dict[int, str], right: dict[int, str], p: Plan) -> list[tuple[int, int]]:
    out = []
    for lineno, (a, b) in read_rows(path, 2, p.problems):
        p.rows_read += 1
        if not (a.isdigit() and b.isdigit()):
            p.problems.append(Problem(str(path), lineno, "ids must be non-negative integers"))
            continue
        ia, ib = int(a), int(b)
        if ia not in left or ib not in right:
            which = a if ia not in left else b
            p.problems.append(Problem(str(path), lineno, f"dangling id {which}: not in the id table"))
            continue
        out.append((ia, ib))
    return out


def plan(paths: list[Path]) -> Plan:
    (folder,) = paths
    files = {n: folder / n for n in FILES}
    missing = [str(f) for f in files.values() if not f.exists()]
    if missing:
        raise FileNotFoundError(f"HGETGI folder {folder} lacks {', '.join(missing)}")
    p = Plan(SOURCE)
    tfs = _ids(files["id_TF.txt"], "z", p)
    targets = _ids(files["id_Target.txt"], "t", p)
    diseases = _ids(files["id_Disease.txt"], None, p)
    tt = _edges(files["TF_Target.txt"], tfs, targets, p)
    td = _edges(files["TF_Disease.txt"], tfs, diseases, p)
    gd = _edges(files["Target_Disease.txt"], targets, diseases, p)
    p.datasets.append(
        dataset_row(DATASET, SOURCE, "PGTSING/HGETGI@193baea", list(files.values()), "human", dropped_pseudo_disease=PSEUDO)
    )
    real = {i: c for i, c in diseases.items() if c != PSEUDO}
    genes = pd.concat(
        [pd.DataFrame({"symbol": list(tfs.values()), "tf": True}), pd.DataFrame({"symbol": list(targets.values()), "tf": False})]
    )
    genes["species"] = "human"
    p.add("merge_genes", genes, "node", "Gene", source=SOURCE)
    p.add("merge_diseases", pd.DataFrame({"cui": sorted(set(real.values()))}), "node", "Disease", source=SOURCE)
    reg = pd.DataFrame(sorted(set(tt)), columns=["a", "b"])
    p.add(
        "merge_regulates",
        pd.DataFrame(
            {
                "tf": reg.a.map(tfs),
                "target": reg.b.map(targets),
                "species": "human",
                "mode": "unknown",
                "modes": None,
                "pmids": None,
            }
        ),
        "rel",
        "REGULATES",
        source=SOURCE,
    )
    assoc = [(tfs[a], real[b]) for a, b in sorted(set(td)) if b in real] + [
        (targets[a], real[b]) for a, b in sorted(set(gd)) if b in real
    ]
    p.add(
        "merge_associated_with",
        pd.DataFrame(assoc, columns=["symbol", "cui"]).assign(species="human"),
        "rel",
        "ASSOCIATED_WITH",
        source=SOURCE,
    )
    members = pd.concat(
        [
            pd.DataFrame({"symbol": list(tfs.values()), "species": "human", "role": "tf", "index": list(tfs)}),
            pd.DataFrame({"symbol": list(targets.values()), "species": "human", "role": "target", "index": list(targets)}),
        ]
    )
    p.add("merge_includes", members, "rel", "INCLUDES (genes)", dataset=DATASET)
    p.add(
        "merge_includes_diseases",
        pd.DataFrame({"cui": list(real.values()), "role": "disease", "index": list(real)}),
        "rel",
        "INCLUDES (diseases)",
        dataset=DATASET,
    )
    return p
