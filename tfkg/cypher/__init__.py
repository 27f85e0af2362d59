"""Named Cypher queries: one query per ``<name>.cypher`` file in this folder, loaded by name.

A file starts with ``//`` comment lines; the first is the one-line description that
``tfkg query --list`` shows, a ``// params:`` line documents the parameters. Queries are always run
with parameters; no query text is ever assembled from user input.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from tfkg.errors import UnknownQuery


def names() -> list[str]:
    return sorted(p.name[:-7] for p in resources.files(__name__).iterdir() if p.name.endswith(".cypher"))


@lru_cache(maxsize=None)
def load(name: str) -> str:
    if name not in names():
        raise UnknownQuery(f"no named query {name!r}; known: {', '.join(names())}")
    return resources.files(__name__).joinpath(f"{name}.cypher").read_text()


def parameters(name: str) -> list[str]:
    """The ``$parameters`` a named query uses (comments ignored)."""
    body = "\n".join(line for line in load(name).splitlines() if not line.strip().startswith("//"))
    return sorted(set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", body)))


def describe(name: str) -> str:
    for line in load(name).splitlines():
        if line.startswith("//"):
            return line.lstrip("/ ").strip()
    return ""


def brief_columns(name: str, kind: str = "columns") -> list[str]:
    """What ``tfkg query`` prints: the table's columns (a ``// columns: a, b`` line) or, with ``kind="header"``, the
    columns said once above it when every row has the same value (``// header: tf, run``); empty: not declared."""
    for line in load(name).splitlines():
        if line.startswith(f"// {kind}:"):
            return [c.strip() for c in line.split(":", 1)[1].split(",") if c.strip()]
    return []


def statements(name: str) -> list[str]:
    """Split a multi-statement file (like ``schema``) on ``;`` at line ends."""
    text = "\n".join(line for line in load(name).splitlines() if not line.strip().startswith("//"))
    return [s.strip() for s in text.split(";\n") if s.strip().rstrip(";")]


_WRITE = re.compile(r"\b(CREATE|MERGE|DELETE|SET|REMOVE|DROP)\b", re.IGNORECASE)


@lru_cache(maxsize=None)
def writes(name: str) -> bool:
    """Whether a named query changes the graph (a write clause outside comments and string literals)."""
    body = "\n".join(line.split("//")[0] for line in load(name).splitlines())
    body = re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", "''", body)
    return bool(_WRITE.search(body))
