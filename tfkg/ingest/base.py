"""Shared ingestion machinery: strict readers, validation, quarantine, and the batched writer.

Every source turns its files into a :class:`Plan`: node and relationship tables, each bound to a
named ``UNWIND`` query in ``tfkg/cypher``, plus cache files (expression matrices) in ``Plan.files``.
Nothing is written until the whole input has been read and checked, so bad input leaves the graph and
the cache exactly as they were (unless ``--skip-bad``). Writes are
``MERGE`` on keys, one transaction per batch, so a re-run after a crash completes the job and a
second run changes nothing.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

import pandas as pd

from tfkg.errors import IngestError, InputError

MAX_FIELD = 4096  # longer fields are junk (TRRUST's longest PMID list is ~600 chars)
MAX_SYMBOL = 64
SPECIES = {
    "human": "human",
    "homo sapiens": "human",
    "hs": "human",
    "9606": "human",
    "hsa": "human",
    "mouse": "mouse",
    "mus musculus": "mouse",
    "mm": "mouse",
    "10090": "mouse",
    "mmu": "mouse",
    "insilico": "insilico",
}
MODES = {"activation": "activation", "repression": "repression", "unknown": "unknown"}

_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
_EXCEL_DATE = re.compile(rf"^(\d{{1,2}}-({_MONTHS})|({_MONTHS})-\d{{1,2}})$", re.I)
_SYMBOL_OK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-/@:]*$")
_CUI_OK = re.compile(r"^C\d{7}$")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    reason: str
    raw: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass
class Step:
    """One table written by one named query (``UNWIND $rows AS row …``)."""

    query: str
    rows: pd.DataFrame
    kind: str  # "node" or "rel"
    label: str  # what the summary table calls it
    params: dict = field(default_factory=dict)


@dataclass
class Plan:
    source: str
    datasets: list[dict] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    rows_read: int = 0
    problems: list[Problem] = field(default_factory=list)
    # Parquet files (expression matrices, sample tables) that ``execute`` writes before the graph.
    files: list[tuple[Path, pd.DataFrame]] = field(default_factory=list)

    def add(self, query: str, rows: pd.DataFrame, kind: str, label: str, **params) -> None:
        if len(rows):
            self.steps.append(Step(query, rows.reset_index(drop=True), kind, label, params))

    def members(self, dataset: str, rows: pd.DataFrame, query: str = "merge_includes") -> None:
        """``INCLUDES`` of ``dataset`` (columns of ``query`` incl. ``role``, ``index``): the roles given are
        first cleared, so a re-ingest of other input leaves no stale members or indexes."""
        if not len(rows):
            return
        roles = pd.DataFrame({"dataset": dataset, "role": sorted(set(rows["role"]))})
        clear = next((s for s in self.steps if s.query == "delete_includes"), None)
        if clear is None:
            self.add("delete_includes", roles, "rel", "INCLUDES cleared")
        else:  # one step for the whole plan, ahead of every INCLUDES it clears
            clear.rows = pd.concat([clear.rows, roles], ignore_index=True)
        self.add(query, rows, "rel", f"INCLUDES ({dataset})", dataset=dataset)


def cache_file(folder: str, key: str, suffix: str = ".parquet") -> Path:
    """``<cache>/[<profile>/]<folder>/<key with unsafe characters as _><suffix>``: where a dataset's matrices live.
    A non-default profile (the test server) writes under its own folder, so tests never overwrite a user's files."""
    from tfkg import config

    profile = config.current_profile()
    root = config.cache_dir() if profile == "default" else config.cache_dir() / "by-profile" / profile
    return root / folder / (re.sub(r"[^A-Za-z0-9._-]+", "_", key) + suffix)


# ---------------------------------------------------------------- checks


def check_symbol(symbol: str, species: str) -> str | None:
    """Return a reason if ``symbol`` is not a plausible gene symbol of ``species``."""
    if not symbol:
        return "empty gene symbol"
    if len(symbol) > MAX_SYMBOL:
        return f"gene symbol longer than {MAX_SYMBOL} characters"
    if _EXCEL_DATE.match(symbol):
        return f"gene symbol {symbol!r} looks Excel-mangled into a date (e.g. SEPT7 -> 7-Sep)"
    if not _SYMBOL_OK.match(symbol):
        return f"gene symbol {symbol[:40]!r} has characters no gene symbol has"
    if species == "human" and re.search(r"[a-z]", re.sub(r"(?<=[0-9XY])orf(?=\d)", "", symbol)):
        return f"gene symbol {symbol!r} is in mouse (MGI) case but the species is human"
    return None


def normalize_species(value: str) -> str:
    key = str(value).strip().lower()
    if key not in SPECIES:
        raise InputError(f"unknown species {value!r} (known: human, mouse)")
    return SPECIES[key]


def check_cui(cui: str) -> str | None:
    return None if _CUI_OK.match(cui) else f"disease id {cui[:40]!r} is not a UMLS CUI (C + 7 digits)"


# ---------------------------------------------------------------- reading


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class Readable(Protocol):
    """What ``read_rows`` reads: a Path, or an object with a name and the file's bytes (a filtered view of one)."""

    def read_bytes(self) -> bytes: ...


def _open_bytes(path: Readable) -> bytes:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data


def read_rows(
    path: Readable,
    ncols: int | tuple[int, ...],
    problems: list[Problem],
    sep: str = "\t",
    header: tuple[str, ...] | None = None,
    require_header: bool = False,
) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line_number, stripped_fields)`` of a delimited text file, strictly.

    Absorbed: gzip, CRLF, a BOM, blank lines, surrounding spaces, a header line equal (case-insensitive)
    to ``header``. Reported: undecodable bytes, NUL/control bytes, wrong column counts, over-long fields.
    """
    name = str(path)
    raw = _open_bytes(path)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    allowed = {ncols} if isinstance(ncols, int) else set(ncols)
    want_header = tuple(h.lower() for h in header) if header else None
    for lineno, bline in enumerate(raw.split(b"\n"), start=1):
        bline = bline.rstrip(b"\r")
        if not bline.strip():
            continue
        try:
            line = bline.decode("utf-8")
        except UnicodeDecodeError as e:
            problems.append(Problem(name, lineno, f"invalid UTF-8 at byte {e.start}", repr(bline[:80])))
            continue
        if "\x00" in line or re.search(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]", line):
            problems.append(Problem(name, lineno, "binary/control characters in a text row", repr(line[:80])))
            continue
        fields = [f.strip() for f in (next(csv.reader([line], delimiter=sep)) if sep == "," else line.split(sep))]
        # Some upstream files end every line with a trailing tab.
        while len(fields) > max(allowed) and fields[-1] == "":
            fields.pop()
        if want_header is not None and lineno <= 2 and tuple(f.lower() for f in fields[: len(want_header)]) == want_header:
            continue
        if require_header and lineno == 1:
            problems.append(Problem(name, lineno, f"expected header {header}", line[:200]))
            continue
        if len(fields) not in allowed:
            exp = " or ".join(str(n) for n in sorted(allowed))
            problems.append(Problem(name, lineno, f"expected {exp} columns, found {len(fields)}", line[:200]))
            continue
        long = next((i for i, f in enumerate(fields) if len(f) > MAX_FIELD), None)
        if long is not None:
            problems.append(
                Problem(name, lineno, f"column {long + 1} is {len(fields[long])} characters long (limit {MAX_FIELD})", line[:80])
            )
            continue
        yield lineno, fields


def dataset_row(key: str, source: str, version: str, files: list[Path], species: str | None = None, **extra) -> dict:
    return {
        "key": key,
        "source": source,
        "version": version,
        "species": species,
        "files": [str(f) for f in files],
        "checksums": [sha256(f) for f in files if f.is_file()],
        "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        **extra,
    }


# ---------------------------------------------------------------- writing


def write_quarantine(plan: Plan, out_dir: Path) -> Path | None:
    if not plan.problems:
        return None
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = out_dir / f"{plan.source}-{stamp}.tsv"
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t")
    w.writerow(["file", "line", "reason", "raw"])
    for p in plan.problems:
        w.writerow([p.file, p.line, p.reason, p.raw])
    path.write_text(buf.getvalue())
    return path


@dataclass
class Summary:
    source: str
    label: str
    kind: str
    rows: int
    seconds: float


def write_parquet(path: Path, frame: pd.DataFrame) -> None:
    """Write ``frame`` to ``path`` atomically: a temporary file in the same folder, then ``os.replace``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        frame.to_parquet(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def execute(
    graph,
    plan: Plan,
    skip_bad: bool,
    quarantine_dir: Path,
    batch_size: int = 10_000,
    progress: Callable[[str, int], Callable[[int], None]] | None = None,
) -> list[Summary]:
    """Write ``plan``: cache files, then the graph (datasets, node tables, relationship tables)."""
    qpath = write_quarantine(plan, quarantine_dir)
    if plan.problems and not skip_bad:
        raise IngestError(plan.problems, qpath)
    out: list[Summary] = []
    for path, frame in plan.files:
        t0 = time.perf_counter()
        write_parquet(Path(path), frame)
        out.append(Summary(plan.source, f"file {Path(path).name}", "file", len(frame), time.perf_counter() - t0))
    if plan.datasets:
        graph.write_rows("merge_datasets", plan.datasets)
    nodes = [s for s in plan.steps if s.kind == "node"]
    ordered = nodes + [s for s in plan.steps if s.kind != "node"]
    for i, step in enumerate(ordered):
        if nodes and i == len(nodes):
            # Plans cached while the graph was empty use index scans; fresh statistics give seeks.
            graph.run("prepare_replanning")
        t0 = time.perf_counter()
        tick = progress(f"{plan.source}: {step.label}", len(step.rows)) if progress else None
        graph.write_batches(step.query, step.rows, batch_size, tick, **step.params)
        out.append(Summary(plan.source, step.label, step.kind, len(step.rows), time.perf_counter() - t0))
    return out
