"""The ingestion runner: read and check every job first (in parallel processes), then write.

Nothing is written unless every job read cleanly (or ``skip_bad``); a job that read no data row at all is
refused as empty input. Raises plain exceptions:
``IngestRefused`` (bad input, with the problems already reported to ``report``) and ``FileNotFoundError``.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from tfkg import config
from tfkg import ingest as registry
from tfkg.errors import IngestRefused
from tfkg.ingest.base import IngestError, Plan, Problem, Summary, execute

Job = tuple[str, list, dict]  # (source, paths, options)
ProgressFactory = Callable[[str, int], Callable[[int], None]]


def _plan_job(job: Job) -> tuple[Plan, float]:
    source, paths, opts = job
    t0 = time.perf_counter()
    plan = registry.get(source).plan([Path(p) for p in paths], **opts)
    return plan, time.perf_counter() - t0


def resolve(jobs: list[Job]) -> list[Job]:
    """Fill in each source's default files under the shared data folder and check they exist."""
    out = []
    for source, paths, opts in jobs:
        mod = registry.get(source)
        use = [Path(p) for p in paths] or [config.data_root() / p for p in mod.DEFAULT_PATHS]
        for p in use:
            if not p.exists():
                raise FileNotFoundError(f"{source}: {p} does not exist")
        out.append((source, use, opts))
    return out


def run_ingest(
    graph,
    jobs: list[Job],
    skip_bad: bool = False,
    batch_size: int = 10_000,
    quarantine_dir: Path = Path("quarantine"),
    progress: ProgressFactory | None = None,
) -> list[tuple[Plan, float, list[Summary]]]:
    """Plan every job, then write them; returns (plan, read seconds, write summaries) per job."""
    resolved = resolve(jobs)
    if len(resolved) > 1:
        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(min(len(resolved), os.cpu_count() or 1), mp_context=ctx) as pool:
            plans = list(pool.map(_plan_job, resolved))
    else:
        plans = [_plan_job(j) for j in resolved]
    empty = [
        (plan.source, IngestError([Problem(str(p), 0, "empty input: no data rows") for p in paths], None))
        for (plan, _), (_, paths, _) in zip(plans, resolved)
        if not plan.problems and plan.rows_read == 0
    ]
    if empty:  # an empty input is an error, not a silent success (also with skip_bad: there is nothing to skip)
        raise IngestRefused(empty)
    bad = [p for p, _ in plans if p.problems]
    if bad and not skip_bad:
        errors = []
        for plan in bad:
            try:
                execute(graph, plan, skip_bad, quarantine_dir, batch_size)
            except IngestError as e:
                errors.append((plan.source, e))
        raise IngestRefused(errors)
    return [(plan, read_s, execute(graph, plan, skip_bad, quarantine_dir, batch_size, progress)) for plan, read_s in plans]
