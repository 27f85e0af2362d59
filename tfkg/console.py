"""Console helpers shared by the CLI and the services that report progress: rich console, progress bar,
tables, and ``KEY=VALUE`` parsing."""
from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

console = Console()
err = Console(stderr=True)


def progress_bar() -> Progress:
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=False,
                    disable=not console.is_terminal and not os.environ.get("TFKG_PROGRESS"))


class _RetryCounter(logging.Handler):
    """Counts the driver's "transaction failed and will be retried" warnings instead of printing them."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0
        self.other: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if "retried" in record.getMessage():
            self.count += 1
        elif record.levelno >= logging.WARNING:
            self.other.append(record)


@contextmanager
def quiet_driver_retries() -> Iterator[_RetryCounter]:
    """Within the block, the neo4j driver's retry warnings (deadlocks between concurrent writers, which it
    retries and resolves) are counted, not printed; other driver warnings still reach stderr. The caller
    reports the count in one line."""
    log = logging.getLogger("neo4j")
    counter = _RetryCounter()
    before = log.propagate, log.level
    log.addHandler(counter)
    log.propagate = False
    log.setLevel(logging.WARNING)
    try:
        yield counter
    finally:
        log.removeHandler(counter)
        log.propagate, log.level = before
        for record in counter.other:
            err.print(f"neo4j: {record.getMessage()}", highlight=False, markup=False)


def parse_kv(text: str) -> tuple[str, object]:
    """``KEY=VALUE`` with VALUE parsed as JSON when it is JSON (numbers, lists, true/false), else text."""
    if "=" not in text:
        raise ValueError(f"expected KEY=VALUE, got {text!r}")
    k, v = text.split("=", 1)
    try:
        return k.strip(), json.loads(v)
    except json.JSONDecodeError:
        return k.strip(), v


def fmt_cell(v) -> str:
    if isinstance(v, float):
        return f"{v:.4g}"
    if isinstance(v, (list, tuple)):
        return ", ".join(map(str, v[:6])) + (" …" if len(v) > 6 else "")
    return str(v)


def print_frame(df, limit: int = 25, title: str | None = None, out: Console | None = None) -> None:
    """A table with one line per row at any terminal width (80 columns included): cells never wrap; a cell
    too wide for its column ends in an ellipsis (long texts are cut at 40 characters first)."""
    out = out or console
    cells = [[_cap(fmt_cell(v)) for v in row] for row in df.head(limit).itertuples(index=False)]
    heads = [str(c) for c in df.columns]
    natural = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(heads)]
    budget = out.width - 3 * len(heads) - 1                    # borders and padding
    widths = list(natural)
    if sum(natural) > budget:                                   # short columns keep theirs, long ones share the rest
        short = [i for i, w in enumerate(natural) if w <= 10]
        long_ = [i for i in range(len(heads)) if i not in short]
        share = max(6, (budget - sum(natural[i] for i in short)) // max(len(long_), 1))
        for i in long_:
            widths[i] = min(natural[i], share)
    t = Table(title=title)
    for h, w in zip(heads, widths):
        t.add_column(h, no_wrap=True, overflow="ellipsis", width=w)
    for r in cells:
        t.add_row(*r)
    out.print(t)
    if len(df) > limit:
        out.print(f"[dim]… {len(df) - limit} more rows[/]")


def _cap(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
