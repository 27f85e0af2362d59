"""``tfkg ls models|datasets|sources|protocols|tasks|queries``: what each registry holds, from the registries
themselves (the docs' generated pages read the same ones)."""

from __future__ import annotations

import inspect

import click
import pandas as pd

from tfkg.console import print_frame


def _first(doc: str | None) -> str:
    return " ".join((inspect.cleandoc(doc or "")).split("\n\n")[0].split())


def _models() -> pd.DataFrame:
    from tfkg import models

    rows = []
    for name in models.MODELS.names():
        cls = models.get(name)
        rows.append(
            {
                "model": name,
                "tasks": ", ".join(cls.tasks()),
                "needs": ", ".join(sorted(cls.requires)),
                "uses": ", ".join(sorted(cls.uses)) or "—",
                "presets": ", ".join(getattr(cls, "PRESETS", {})) or "—",
                "paper": cls.citation.split(".")[0],
            }
        )
    return pd.DataFrame(rows)


def _datasets() -> pd.DataFrame:
    from tfkg.data import datasets

    rows = []
    for fam in datasets.FAMILIES.names():
        fn = datasets.FAMILIES.get(fam)
        rows.append({"family": fam, "what": _first(fn.__doc__) or _from_table(fam)})
    return pd.DataFrame(rows)


def _from_table(family: str) -> str:
    """The family's row of the dataset table in ``tfkg.data.datasets``'s docstring."""
    from tfkg.data import datasets

    lines = (datasets.__doc__ or "").splitlines()
    for i, line in enumerate(lines):
        if line.startswith(f"``{family}"):
            key = line.split("``")[1]
            text = [line[47:].strip()] + [x[47:].strip() for x in lines[i + 1 : i + 4] if x.startswith(" " * 47)]
            return f"{key}: " + " ".join(t for t in text if t)
    return ""


def _sources() -> pd.DataFrame:
    from tfkg.ingest import DEMO, SOURCES

    return pd.DataFrame(
        [{"source": n, "demo": "yes" if n in DEMO else "", "what": _first(SOURCES.get(n).__doc__)} for n in SOURCES.names()]
    )


def _protocols() -> pd.DataFrame:
    from tfkg.eval.protocols import PROTOCOLS

    return pd.DataFrame([{"protocol": n, "negatives": PROTOCOLS.get(n).summary} for n in PROTOCOLS.names()])


def _tasks() -> pd.DataFrame:
    from tfkg.eval.tasks import TASKS

    return pd.DataFrame(
        [
            {
                "task": n,
                "needs": ", ".join(sorted(cls.modalities)),
                "models": cls.model_task,
                "protocol / split": _first(cls.__doc__),
            }
            for n, cls in ((n, TASKS.get(n)) for n in TASKS)
        ]
    )


def _queries() -> pd.DataFrame:
    from tfkg import cypher

    return pd.DataFrame(
        [
            {
                "query": n,
                "writes": "yes" if cypher.writes(n) else "",
                "params": ", ".join(cypher.parameters(n)),
                "what": cypher.describe(n),
            }
            for n in cypher.names()
        ]
    )


KINDS = {
    "models": _models,
    "datasets": _datasets,
    "sources": _sources,
    "protocols": _protocols,
    "tasks": _tasks,
    "queries": _queries,
}


@click.command("ls")
@click.argument("kind", type=click.Choice(list(KINDS)))
def ls_cmd(kind: str) -> None:
    """List what a registry holds: models (tasks, needs, presets, paper), dataset families, ingest sources,
    link-evaluation protocols, harness tasks, or named Cypher queries (parameters; write queries marked)."""
    frame = KINDS[kind]()
    print_frame(frame, limit=len(frame), title=f"{len(frame)} {kind}", cap=160)
