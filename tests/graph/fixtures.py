"""A tiny HGETGI-format dataset ingested into the real Neo4j (8 TFs, 12 targets, 10 diseases + the CS
pseudo-disease), for tests of walks, reachability and snapshots that need a graph small enough to check by hand.

Use the fixture by importing it into a conftest (or a test module)::

    from tests.graph.fixtures import tiny_hgetgi  # noqa: F401  (pytest fixture)

``tiny_hgetgi`` wipes the test database and returns ``(graph, (reg, zd, td, n_dis))``: the TF->target,
TF->disease and target->disease index pairs that were written (TF 7 has no disease, targets 3 and 4 have none).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

TF_SYMS = ["STAT3", "STAT1", "TP53", "MYC", "JUN", "FOS", "SP1", "NFKB1"]
TG_SYMS = ["BCL2", "CDK1", "EGFR", "VEGFA", "IL6", "TNF", "CCND1", "MMP9", "FAS", "BAX", "SOCS3", "ICAM1"]


def write_hgetgi(folder: Path, reg, zd, td, n_dis: int) -> Path:
    """Tiny HGETGI-format files (ids, edges, plus the CS pseudo-disease linked to every gene)."""
    folder.mkdir(parents=True, exist_ok=True)
    cs = n_dis
    (folder / "id_TF.txt").write_text("".join(f"{i}\tz{s}\n" for i, s in enumerate(TF_SYMS)))
    (folder / "id_Target.txt").write_text("".join(f"{i}\tt{s}\n" for i, s in enumerate(TG_SYMS)))
    (folder / "id_Disease.txt").write_text("".join(f"{i}\tC{1000000 + i:07d}\n" for i in range(n_dis)) + f"{cs}\tCS\n")
    (folder / "TF_Target.txt").write_text("".join(f"{a}\t{b}\n" for a, b in reg))
    (folder / "TF_Disease.txt").write_text(
        "".join(f"{a}\t{b}\n" for a, b in zd) + "".join(f"{i}\t{cs}\n" for i in range(len(TF_SYMS)))
    )
    (folder / "Target_Disease.txt").write_text(
        "".join(f"{a}\t{b}\n" for a, b in td) + "".join(f"{i}\t{cs}\n" for i in range(len(TG_SYMS)))
    )
    return folder


def tiny_edges(seed=0, n_dis=10):
    rng = np.random.default_rng(seed)
    reg = [(a, b) for a in range(len(TF_SYMS)) for b in range(len(TG_SYMS)) if rng.random() < 0.3]
    zd = [(a, d) for a in range(len(TF_SYMS)) for d in range(n_dis) if rng.random() < 0.15 and a != 7]
    td = [(a, d) for a in range(len(TG_SYMS)) for d in range(n_dis) if rng.random() < 0.12 and a not in (3, 4)]
    return reg, zd, td


@pytest.fixture()
def tiny_hgetgi(empty_graph, tmp_path):
    from tfkg.ingest import hgetgi
    from tfkg.ingest.base import execute

    n_dis = 10
    reg, zd, td = tiny_edges(n_dis=n_dis)
    folder = write_hgetgi(tmp_path / "hgetgi", reg, zd, td, n_dis)
    execute(empty_graph, hgetgi.plan([folder]), False, tmp_path / "q")
    return empty_graph, (reg, zd, td, n_dis)
