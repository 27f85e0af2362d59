"""Console helpers shared by the CLI and the services that report progress: rich console, progress bar,
tables, and ``KEY=VALUE`` parsing."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager

from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from tfkg.errors import InputError

console = Console()
err = Console(stderr=True)


def progress_bar() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
        disable=not console.is_terminal and not os.environ.get("TFKG_PROGRESS"),
    )


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
        raise InputError(f"expected KEY=VALUE, got {text!r}")
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


def print_frame(df, limit: int = 25, title: str | None = None, out: Console | None = None, cap: int = 40) -> None:
    """A table that fits the terminal (80 columns included) without losing a value: short columns (numbers, ids,
    symbols) keep their full width, long ones share the rest and wrap inside their cells (long texts are cut at 40
    characters first, ``cap``); the first column (the row's key: a run id, a symbol) is never wrapped, so it can be copied.
    When even that cannot fit, each row is printed as a block of ``column  value`` lines."""
    out = out or console
    cells = [[_cap(fmt_cell(v), cap) for v in row] for row in df.head(limit).itertuples(index=False)]
    heads = [str(c) for c in df.columns]
    natural = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(heads)]
    budget = out.width - 2 * (len(heads) - 1)  # two spaces between columns, no outer border
    widths = list(natural)
    if sum(natural) > budget:  # short columns keep theirs, long ones share the rest
        short = [i for i, w in enumerate(natural) if w <= SHORT or (i == 0 and w <= 40)]
        long_ = [i for i in range(len(heads)) if i not in short]
        rest = budget - sum(natural[i] for i in short)
        if not long_ or rest < MIN_WRAP * len(long_):
            _print_records(heads, cells, title, out)
            if len(df) > limit:
                out.print(f"[dim]… {len(df) - limit} more rows[/]")
            return
        for i in sorted(long_, key=lambda i: natural[i]):  # narrow long columns first, the rest share
            widths[i] = min(natural[i], rest // len(long_))
            rest -= widths[i]
            long_ = [j for j in long_ if j != i]
    wraps = widths != natural
    t = Table(
        title=title, box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1), collapse_padding=True, show_lines=wraps
    )  # a line between rows only when cells wrap
    for h, w, n in zip(heads, widths, natural):
        t.add_column(h, width=w, overflow="fold", no_wrap=w >= n)
    for r in cells:
        t.add_row(*r)
    out.print(t)
    if len(df) > limit:
        out.print(f"[dim]… {len(df) - limit} more rows[/]")


SHORT = 12  # a column this narrow is never wrapped or cut
MIN_WRAP = 8  # narrower than this, a wrapped column is unreadable: print records instead


def _print_records(heads: list[str], cells: list[list[str]], title: str | None, out: Console) -> None:
    if title:
        out.print(f"[bold]{title}[/]")
    key_w = max(len(h) for h in heads)
    for n, r in enumerate(cells, 1):
        t = Table(title=f"row {n}", show_header=False, box=None, title_justify="left", padding=(0, 1))
        t.add_column(width=key_w, style="bold", no_wrap=True)
        t.add_column(overflow="fold")
        for h, v in zip(heads, r):
            t.add_row(h, v)
        out.print(t)


def _cap(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
