"""Ingest benchmark: the whole demo data set (TRRUST + HGETGI + DisGeNET + JASPAR), batched, against the
same relationships written with one MERGE statement per row, in the same run on the same server.

WIPES the database it talks to: by default the disposable ``test`` profile server
(``TFKG_PROFILE=test .venv/bin/tfkg db start`` first).

    TFKG_PROFILE=test .venv/bin/python benchmarks/ingest.py [--sample 3000]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

os.environ.setdefault("TFKG_PROFILE", "test")

from tfkg import ingest  # noqa: E402
from tfkg.graph.db import Graph  # noqa: E402
from tfkg.ingest.runner import run_ingest  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sample", type=int, default=3000, help="rows per relationship table for the per-row peer")
    args = ap.parse_args()
    g = Graph()
    g.wipe()
    g.apply_schema()

    t0 = time.perf_counter()
    summaries = run_ingest(g, [(s, [], {}) for s in ingest.DEMO], False, 10_000, Path("/tmp/tfkg-bench-quarantine"))
    total = time.perf_counter() - t0
    node_rows = sum(r.rows for _, _, rows in summaries for r in rows if r.kind == "node")
    rel_rows = sum(r.rows for _, _, rows in summaries for r in rows if r.kind == "rel")
    node_s = sum(r.seconds for _, _, rows in summaries for r in rows if r.kind == "node")
    rel_s = sum(r.seconds for _, _, rows in summaries for r in rows if r.kind == "rel")
    read_s = sum(rs for _, rs, _ in summaries)
    batched_rel_rate = rel_rows / rel_s

    # The peer: the same REGULATES / ASSOCIATED_WITH rows, one auto-committed MERGE statement per row,
    # into an empty graph (so it creates, like the batched run did).
    peer_rows = []
    for plan, _, _ in summaries:
        for step in plan.steps:
            if step.query in ("merge_regulates", "merge_associated_with"):
                peer_rows.append((step, step.rows.head(args.sample)))
    g.wipe()
    g.run("prepare_replanning")
    n, t1 = 0, time.perf_counter()
    with g.driver.session(database=g.database) as s:
        here = Path(__file__).parent / "cypher"  # benchmark-only queries do not ship in the package
        reg, assoc = (here / "merge_one_regulates.cypher").read_text(), (here / "merge_one_association.cypher").read_text()
        for step, rows in peer_rows:
            src = step.params["source"]
            for r in rows.itertuples(index=False):
                if step.query == "merge_regulates":
                    s.run(reg, tf=r.tf, target=r.target, species=r.species, source=src, mode=r.mode).consume()
                else:
                    s.run(
                        assoc, symbol=r.symbol, species=r.species, cui=r.cui, source=src, score=getattr(r, "score", None)
                    ).consume()
                n += 1
    peer_rate = n / (time.perf_counter() - t1)

    print(f"demo graph: {node_rows:,} node rows + {rel_rows:,} relationship rows")
    print(f"  total wall time (read + check + write):  {total:6.2f} s   (goal < 10 s)")
    print(f"  reading + checking input:                {read_s:6.2f} s   (parallel processes)")
    print(f"  nodes:          {node_rows / node_s:10,.0f} rows/s")
    print(f"  relationships:  {batched_rel_rate:10,.0f} rows/s   (batched UNWIND, columnar, one tx per batch)")
    print(f"  per-row MERGE:  {peer_rate:10,.0f} rows/s   ({n:,} rows, one statement per row)")
    print(f"  ratio batched / per-row: {batched_rel_rate / peer_rate:.1f}x   (goal >= 30x)")
    g.close()


if __name__ == "__main__":
    main()
