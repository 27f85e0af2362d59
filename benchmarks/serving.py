"""The Browser and CLI at genome scale: every named read query the guide and the CLI use, timed alone and under load.

Three parts, one run (2 cores: run it on a quiet machine):

1. **The graph** (``--build N``): makes sure the graph holds at least N genome-wide runs and 1.6M predicted edges.
   Missing runs are copies of the newest complete genome-wide run (same pairs, scores jittered, re-ranked per TF:
   for load only, named ``serving-copy-K`` and described as such), written through ``runs.write_predictions``,
   the code path every ``tfkg predict`` uses, so the build also measures write-back (edges/s) and ``runs delete``.
2. **Alone**: each read query on hub TFs (STAT3, PPARG, EPAS1, HIF1A), ``--repeat`` times after a warm-up,
   median and p95 in ms, and the query's db hits from ``PROFILE`` (the number the budget test holds).
3. **Under load** (``--readers 1,2,4,8,16``): reader threads share one driver and run random guide queries on random
   TFs with predictions for ``--seconds`` per point, with no writer, then (at the largest count and 8) while a run's
   edges are written again (a writer thread rewriting a copy run in a loop).

    TFKG_PROFILE=default .venv/bin/python benchmarks/serving.py --build 10 [--repeat 5] [--readers 1,2,4,8,16]
        [--seconds 20] [--csv docs/results/serving.csv]

Targets (issue 36): every guide query median <= 30 ms alone, p95 <= 150 ms at 8 readers while a run writes, 0 errors;
write-back >= 50,000 edges/s; deleting a 162k-edge run <= 5 s.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd

os.environ.setdefault("TFKG_PROFILE", "default")

from tfkg import cypher  # noqa: E402
from tfkg.browser.guide import GUIDE_PARAMS, STEPS  # noqa: E402
from tfkg.graph import runs  # noqa: E402
from tfkg.graph.db import Graph, connect  # noqa: E402
from tfkg.provenance import write_csv  # noqa: E402

HUBS = ("STAT3", "PPARG", "EPAS1", "HIF1A")
# read queries the CLI uses beside the guide's steps (tfkg explain, tfkg query, tfkg runs list)
CLI_READS = ("list_runs", "tf_targets")
MIN_EDGES = 1_600_000


def read_queries() -> list[str]:
    names = [s.query for s in STEPS] + [q for q in CLI_READS if q not in {s.query for s in STEPS}]
    return list(dict.fromkeys(names))


def params_for(name: str, tf: str) -> dict:
    """The guide's parameters for one query (only those it declares), with ``tf`` set."""
    known = cypher.parameters(name)
    p = {k: v for k, v in {**GUIDE_PARAMS, "tf": tf}.items() if k in known}
    if "target" in known and name == "explain_pair_rows":
        p["target"] = "VEGFA"
    return p


def genome_runs(g: Graph) -> list[dict]:
    return g.cypher(
        "MATCH (r:ModelRun) WHERE r.status IN ['complete', 'done'] AND r.kind STARTS WITH 'predict' "
        "OPTIONAL CALL (r) { MATCH ()-[p:PREDICTED_REGULATES {run_id: r.run_id}]->() RETURN count(p) AS n } "
        "RETURN r.run_id AS run_id, r.dataset AS dataset, coalesce(n, 0) AS n, r.created_at AS created "
        "ORDER BY created DESC"
    )


def copy_frame(g: Graph, source: str, seed: int) -> pd.DataFrame:
    rows = g.cypher(
        "MATCH (t:Gene)-[p:PREDICTED_REGULATES {run_id: $r}]->(x:Gene) "
        "RETURN t.symbol AS tf, x.symbol AS target, p.score AS score, p.sign AS sign, p.evidence AS evidence",
        r=source,
    )
    df = pd.DataFrame(rows)
    rng = np.random.default_rng(seed)
    df["score"] = df["score"].astype(float) * rng.uniform(0.8, 1.2, len(df))
    df = df.sort_values("score", ascending=False, ignore_index=True)
    df["rank"] = np.arange(1, len(df) + 1)
    df["tf_rank"] = df.groupby("tf").cumcount() + 1
    df["percentile"] = 100.0 - df["tf_rank"] / df.groupby("tf")["tf"].transform("size") * 100.0
    if df["sign"].isna().any():
        df = df.drop(columns="sign")
    if df["evidence"].isna().any():
        df = df.drop(columns="evidence")
    return df


def build(g: Graph, n_runs: int) -> list[dict]:
    """Copies of the newest genome-wide run until there are n_runs runs and MIN_EDGES edges; timing rows."""
    have = [r for r in genome_runs(g) if r["n"] >= 100_000]
    if not have:
        raise SystemExit("no genome-wide run in the graph: `tfkg predict hetnet-gbm --dataset human --per-tf 100` first")
    source = next((r for r in have if not r["run_id"].startswith("serving-copy")), have[0])
    timings = []
    k = 0
    while len(have) < n_runs or sum(r["n"] for r in have) < MIN_EDGES:
        k += 1
        run_id = f"serving-copy-{k}"
        if any(r["run_id"] == run_id for r in have):
            continue
        df = copy_frame(g, source["run_id"], seed=k)
        runs.save_run(
            g,
            run_id,
            "hetnet-gbm",
            "predict",
            {"copy_of": source["run_id"]},
            dataset=source["dataset"],
            description=f"load-test copy of {source['run_id']} (scores jittered x U(0.8, 1.2)); not a model's output",
        )
        t0 = time.perf_counter()
        runs.write_predictions(g, run_id, "hetnet-gbm", df)
        dt = time.perf_counter() - t0
        timings.append({"part": "write-back", "what": f"{len(df):,} edges", "ms": dt * 1000, "rate": len(df) / dt})
        print(f"  wrote {run_id}: {len(df):,} edges in {dt:.1f} s ({len(df) / dt:,.0f} edges/s)", flush=True)
        have.append({"run_id": run_id, "n": len(df)})
    return timings


def time_delete(g: Graph) -> dict:
    """Write one more copy and delete it (``tfkg runs delete``'s code path)."""
    source = next(r for r in genome_runs(g) if r["n"] >= 100_000)
    df = copy_frame(g, source["run_id"], seed=999)
    run_id = "serving-delete-me"
    runs.save_run(g, run_id, "hetnet-gbm", "predict", {}, description="load-test run, deleted at once")
    t0 = time.perf_counter()
    runs.write_predictions(g, run_id, "hetnet-gbm", df)
    write_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    n, _ = runs.delete_run(g, run_id)
    dt = time.perf_counter() - t0
    print(f"  wrote {len(df):,} edges in {write_s:.1f} s ({len(df) / write_s:,.0f}/s); deleted {n:,} in {dt:.2f} s")
    return [
        {"part": "write-back", "what": f"{len(df):,} edges", "ms": write_s * 1000, "rate": len(df) / write_s},
        {"part": "runs delete", "what": f"{n:,} edges", "ms": dt * 1000, "rate": n / dt},
    ]


def profile_hits(g: Graph, name: str, params: dict) -> int:
    """``Graph.db_hits``; measured directly on a checkout from before it existed (the "before" column)."""
    if hasattr(g, "db_hits"):
        return g.db_hits(name, **params)
    with g.driver.session(database=g.database) as s:
        result = s.run("PROFILE " + cypher.load(name), g._parameters(name, params))
        list(result)
        plan = result.consume().profile

    def total(p: dict) -> int:
        return int(p.get("dbHits", 0)) + sum(total(c) for c in p.get("children", []))

    return total(plan)


def compare(before: Path, after: Path, out: Path) -> None:
    """One before -> after table per part (alone, load, writes) from two runs' CSVs (same graph, same machine)."""
    for part, key in (("alone", ["query"]), ("load", ["readers", "writer"]), ("writes", ["part"])):
        b, a = (pd.read_csv(Path(str(x).removesuffix(".csv") + f"_{part}.csv")) for x in (before, after))
        if part == "writes":
            b, a = (
                b.groupby("part", as_index=False).median(numeric_only=True),
                a.groupby("part", as_index=False).median(numeric_only=True),
            )
        keep = [c for c in a.columns if c not in key and c in b.columns and pd.api.types.is_numeric_dtype(a[c])]
        both = b[key + keep].merge(a[key + keep], on=key, how="outer", suffixes=("_before", "_after"))
        write_csv(both, Path(str(out).removesuffix(".csv") + f"_{part}.csv"))


def alone(g: Graph, repeat: int) -> list[dict]:
    rows = []
    for name in read_queries():
        lat, hits = [], []
        for tf in HUBS:
            p = params_for(name, tf)
            g.run(name, **p)  # warm the plan and the page cache
            for _ in range(repeat):
                t0 = time.perf_counter()
                g.run(name, **p)
                lat.append((time.perf_counter() - t0) * 1000)
            hits.append(profile_hits(g, name, p))
        rows.append(
            {
                "query": name,
                "median_ms": statistics.median(lat),
                "p95_ms": float(np.percentile(lat, 95)),
                "max_db_hits": max(hits),
            }
        )
        print(f"  {name:<26}{rows[-1]['median_ms']:>9.1f}{rows[-1]['p95_ms']:>9.1f}{max(hits):>12,}", flush=True)
    return rows


def guide_pick(tfs: list[str]):
    """A random guide or CLI read query with its parameters, on a random TF of ``tfs``."""
    names = read_queries()

    def pick(rng: random.Random) -> tuple[str, dict]:
        name = rng.choice(names)
        # the ENS steps read one dataset (hgetgi): their TF comes from the hubs, which it holds
        return name, params_for(name, rng.choice(HUBS if "dataset" in cypher.parameters(name) else tfs))

    return pick


def phase(g: Graph, pick, readers: int, seconds: float) -> dict:
    """``readers`` threads sharing one driver run ``pick(rng)``'s (query, parameters) for ``seconds``: q/s, latency
    percentiles (ms) and errors (each counted, the first shown)."""
    lat, errors, lock = [], [], threading.Lock()
    stop = time.monotonic() + seconds

    def reader(seed: int) -> None:
        rng = random.Random(seed)
        while time.monotonic() < stop:
            name, p = pick(rng)
            t0 = time.perf_counter()
            try:
                g.run(name, **p)
            except Exception as e:  # noqa: BLE001 - counted and shown, the benchmark's point
                with lock:
                    errors.append(f"{name} ({p.get('tf')}): {type(e).__name__}: {str(e)[:160]}")
                continue
            with lock:
                lat.append((time.perf_counter() - t0) * 1000)

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(readers)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    a = np.array(lat or [np.nan])
    return {
        "queries": len(lat),
        "qps": len(lat) / wall,
        "p50_ms": float(np.percentile(a, 50)),
        "p95_ms": float(np.percentile(a, 95)),
        "max_ms": float(np.max(a)),
        "errors": len(errors),
        "first_error": errors[0] if errors else "",
    }


class RunWriter(threading.Thread):
    """Rewrites one copy run's edges in a loop (atomic replacement, as a re-run of `tfkg predict` does)."""

    def __init__(self, g: Graph, run_id: str, df: pd.DataFrame):
        super().__init__(daemon=True)
        self.g, self.run_id, self.df, self.stop, self.writes = g, run_id, df, threading.Event(), []

    def run(self) -> None:
        while not self.stop.is_set():
            t0 = time.perf_counter()
            runs.write_predictions(self.g, self.run_id, "hetnet-gbm", self.df)
            self.writes.append(len(self.df) / (time.perf_counter() - t0))


def load(g: Graph, counts: list[int], seconds: float) -> list[dict]:
    tfs = [
        r["tf"]
        for r in g.cypher(
            "MATCH (r:ModelRun) WHERE r.status IN ['complete', 'done'] WITH r ORDER BY r.created_at DESC LIMIT 1 "
            "MATCH (t:Gene)-[:PREDICTED_REGULATES {run_id: r.run_id}]->() RETURN DISTINCT t.symbol AS tf LIMIT 400"
        )
    ]
    pick, rows = guide_pick(tfs), []

    def measure(n: int, writer: str) -> None:
        r = phase(g, pick, n, seconds)
        rows.append({"readers": n, "writer": writer, **r})
        print(
            f"  {n:>3} readers, {'no writer' if writer == 'none' else 'a run writing'}: {r['qps']:.1f} q/s, "
            f"p50 {r['p50_ms']:.0f} ms, p95 {r['p95_ms']:.0f} ms, {r['errors']} errors"
            + (f" — {r['first_error']}" if r["errors"] else ""),
            flush=True,
        )

    for n in counts:
        measure(n, "none")
    target = next((r["run_id"] for r in genome_runs(g) if r["run_id"].startswith("serving-copy")), None)
    if target is None:
        return rows
    writer = RunWriter(g, target, copy_frame(g, target, seed=7))
    writer.start()
    time.sleep(2)
    for n in sorted({8, max(counts)}):
        measure(n, "run write-back")
    writer.stop.set()
    writer.join()
    rows[-1]["writer_edges_per_s"] = float(np.mean(writer.writes)) if writer.writes else float("nan")
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", type=int, default=10, help="make sure the graph has this many genome-wide runs")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--readers", default="1,2,4,8,16")
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--skip-load", action="store_true")
    ap.add_argument("--csv", type=Path, help="write the three tables as CSV_{alone,load,writes}.csv")
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"), help="join two runs' CSVs (--csv)")
    args = ap.parse_args()
    if args.compare:
        compare(*args.compare, args.csv)
        return
    with connect() as g:
        print("the graph:", flush=True)
        writes = build(g, args.build)
        have = genome_runs(g)
        print(f"  {len(have)} runs, {sum(r['n'] for r in have):,} predicted edges")
        writes += time_delete(g)
        print(f"alone ({len(HUBS)} hub TFs x {args.repeat}):  {'query':<20}{'median':>9}{'p95':>9}{'db hits':>12}")
        single = alone(g, args.repeat)
        slow = [r["query"] for r in single if r["median_ms"] > 30]
        print(f"  guide queries over 30 ms median: {', '.join(slow) or 'none'}")
        loaded = [] if args.skip_load else load(g, [int(x) for x in args.readers.split(",")], args.seconds)
    if args.csv:
        stem = str(args.csv).removesuffix(".csv")
        write_csv(pd.DataFrame(single), Path(stem + "_alone.csv"))
        write_csv(pd.DataFrame(writes), Path(stem + "_writes.csv"))
        if loaded:
            write_csv(pd.DataFrame(loaded).drop(columns="first_error"), Path(stem + "_load.csv"))


if __name__ == "__main__":
    main()
