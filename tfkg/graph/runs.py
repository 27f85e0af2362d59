"""ModelRun provenance nodes and scored ``PREDICTED_REGULATES`` write-back."""

from __future__ import annotations

import json
import subprocess
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from tfkg import __version__, cypher

if TYPE_CHECKING:
    from tfkg.graph.db import Graph


def code_version() -> str:
    """Package version plus the git commit (and '+dirty') when run from a checkout."""
    here = Path(__file__).resolve().parent
    try:
        sha = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=here, capture_output=True, text=True, timeout=5
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=here, capture_output=True, text=True, timeout=5
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        sha, dirty = "", ""
    return f"{__version__}+{sha}{'.dirty' if dirty else ''}" if sha else __version__


def new_run_id(model: str) -> str:
    return f"{model}-{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:6]}"


def save_run(
    graph: "Graph",
    run_id: str,
    model: str,
    kind: str,
    params: dict,
    metrics: dict | None = None,
    data_checksums: list[str] | None = None,
    **extra,
) -> str:
    """Create/update the ``ModelRun`` node. ``kind`` is 'evaluate', 'predict' or 'case-study'."""
    run = {
        "run_id": run_id,
        "model": model,
        "kind": kind,
        "params_json": json.dumps(params, sort_keys=True, default=str),
        "metrics_json": json.dumps(metrics or {}, sort_keys=True, default=float),
        "data_checksums": list(data_checksums or []),
        "code_version": code_version(),
        "created_at": datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
        **extra,
    }
    return graph.run("merge_model_run", run=run)[0]["run_id"]


def write_predictions(
    graph: "Graph", run_id: str, model: str, frame: pd.DataFrame, species: str = "human", batch_size: int = 50_000
) -> int:
    """Replace the run's predicted edges with ``frame`` (columns tf, target, score, rank, and optionally
    tf_rank, percentile, weight, sign and evidence: a list of phrases) in ONE transaction, so readers see either the
    old set or the new one, never a mix."""
    n = len(frame)
    cols_all = {
        "tf": frame["tf"].tolist(),
        "target": frame["target"].tolist(),
        "score": frame["score"].astype(float).tolist(),
        "rank": frame["rank"].astype(int).tolist(),
        "weight": frame["weight"].astype(float).tolist() if "weight" in frame else [None] * n,
        # 0: the model states no sign for the pair (not confident): no property
        "sign": [int(x) or None for x in frame["sign"]] if "sign" in frame else [None] * n,
        "tf_rank": frame["tf_rank"].astype(int).tolist() if "tf_rank" in frame else [None] * n,
        "percentile": frame["percentile"].round(2).astype(float).tolist() if "percentile" in frame else [None] * n,
        "evidence": [list(e) for e in frame["evidence"]] if "evidence" in frame else [None] * n,
    }
    create, delete = cypher.load("create_predictions"), cypher.load("delete_run_predictions")

    def work(tx):
        tx.run(delete, run_id=run_id).consume()
        created = 0
        for s in range(0, n, batch_size):
            part = {k: v[s : s + batch_size] for k, v in cols_all.items()}
            genes = sorted(set(part["tf"]) | set(part["target"]))
            created += tx.run(create, c=part, genes=genes, species=species, run_id=run_id, model=model).single()[0]
        return created

    # the run says 'running' while its edges are written, 'complete' after, 'failed' (with the reason) if the write
    # did not commit; queries that pick "the newest run" take complete ones only
    graph.run("merge_model_run", run={"run_id": run_id, "status": "running"})
    try:
        n = graph.write_transaction(work)
    except Exception as e:
        try:
            graph.run("merge_model_run", run={"run_id": run_id, "status": "failed", "failure": f"{type(e).__name__}: {e}"[:500]})
        except Exception:  # noqa: BLE001 - the server itself may be gone; the original error is what matters
            pass
        raise
    graph.run("merge_model_run", run={"run_id": run_id, "status": "complete", "edges": n})
    return n


def delete_run(graph: "Graph", run_id: str) -> tuple[int, int]:
    """Delete a run's predictions and its ModelRun node (one transaction)."""

    def work(tx):
        preds = tx.run(cypher.load("delete_run_predictions"), run_id=run_id).single()["deleted"]
        runs = tx.run(cypher.load("delete_run"), run_id=run_id).single()["deleted"]
        return preds, runs

    return graph.write_transaction(work)
