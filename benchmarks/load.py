"""Concurrent readers on the Browser guide's queries, alone and while an ingest writes (issue: faults/load).

N reader threads share one driver (as the Browser's sessions share one server) and run ``tf_predictions``,
``explain_pair_rows`` and ``tf_targets`` with random TFs that have predictions, for ``--seconds`` each phase; the
second phase runs the same readers while ``tfkg ingest WRITER`` re-merges a source (idempotent: the graph ends as
it was). Prints queries/s, p50/p95/max latency and errors per phase, and the p95 ratio writer / no writer.
Goal on 2 cores: 0 errors, p95 <= 250 ms at 8 readers while an ingest runs.

    .venv/bin/python benchmarks/load.py [--readers 8] [--seconds 30] [--writer hcop]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from serving import phase  # benchmarks/: the reader threads and their statistics, one copy

from tfkg.provenance import write_csv

os.environ.setdefault("TFKG_PROFILE", "default")
QUERIES = ("tf_predictions", "explain_pair_rows", "tf_targets")


def pick_for(tfs: list[str], targets: dict[str, list[str]]):
    """One of QUERIES on a random TF (explain: one of its predicted targets), for ``serving.phase``."""

    def pick(rng: random.Random) -> tuple[str, dict]:
        q, tf = rng.choice(QUERIES), rng.choice(tfs)
        return q, {"tf": tf, **({"target": rng.choice(targets[tf])} if q == "explain_pair_rows" else {})}

    return pick


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--readers", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--writer", default="hcop", help="source whose `tfkg ingest` runs during the second phase")
    ap.add_argument("--csv", type=Path, help="also write the table here (for benchmarks/results.py publish)")
    args = ap.parse_args()

    from tfkg.graph.db import connect

    with connect() as g:
        rows = g.cypher(
            "MATCH (t:Gene {species: 'human'})-[p:PREDICTED_REGULATES]->(x) WITH t, collect(x.symbol)[..20] "
            "AS xs RETURN t.symbol AS tf, xs LIMIT 300"
        )
        if not rows:
            sys.exit("no predictions in the graph: run `tfkg predict …` first")
        tfs, targets = [r["tf"] for r in rows], {r["tf"]: r["xs"] for r in rows}
        pick = pick_for(tfs, targets)
        phase(g, pick, 2, 3)  # warm the page cache and the plans
        alone = phase(g, pick, args.readers, args.seconds)
        tfkg = Path(sys.executable).with_name("tfkg")
        writer = subprocess.Popen(
            [str(tfkg), "ingest", args.writer], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        time.sleep(8)  # past reading files, into the writes
        busy = phase(g, pick, args.readers, args.seconds)
        still_writing = writer.poll() is None
        rc = writer.wait()
    print(
        f"{args.readers} readers x {args.seconds:.0f} s on {len(tfs)} TFs; writer: tfkg ingest {args.writer} "
        f"(exit {rc}{', still writing when the phase ended' if still_writing else ', FINISHED before the phase ended'})"
    )
    print(f"{'phase':<16}{'queries':>9}{'q/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'errors':>8}")
    for name, r in (("no writer", alone), ("ingest writing", busy)):
        print(
            f"{name:<16}{r['queries']:>9}{r['qps']:>8.1f}{r['p50_ms']:>9.0f}{r['p95_ms']:>9.0f}{r['max_ms']:>9.0f}"
            f"{r['errors']:>8}"
        )
        if r["first_error"]:
            print(f"  first error: {r['first_error']}")
    if args.csv:
        import pandas as pd

        table = pd.DataFrame([{"phase": n, **r} for n, r in (("no writer", alone), ("ingest writing", busy))])
        write_csv(table.drop(columns="first_error"), args.csv)
    print(
        f"p95 ratio (writer / no writer): {busy['p95_ms'] / alone['p95_ms']:.2f}; goal: 0 errors and p95 <= 250 ms "
        f"with the writer: {'met' if busy['errors'] == 0 and busy['p95_ms'] <= 250 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
