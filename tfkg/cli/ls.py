"""``tfkg ls models|datasets|sources|protocols|tasks|queries``: what each registry holds, from the registries
themselves (the docs' generated pages read the same ones). ``tfkg models``, ``tfkg ingest list`` and
``tfkg query --list`` print the same builders' frames (``KINDS``)."""

from __future__ import annotations

import inspect

import click
import pandas as pd

from tfkg.console import console, print_frame


def _first(doc: str | None) -> str:
    return " ".join((inspect.cleandoc(doc or "")).split("\n\n")[0].split())


def _models(what: bool = False) -> pd.DataFrame:
    """One row per registered model; ``what``: also the first line of its docstring (``tfkg models``)."""
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
                **({"what": _first_line(cls.__doc__) or cls.citation} if what else {}),
            }
        )
    return pd.DataFrame(rows)


def _first_line(doc: str | None) -> str:
    return (doc or "").strip().splitlines()[0] if (doc or "").strip() else ""


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


def _sources(files: bool = False) -> pd.DataFrame:
    """One row per ingest source; ``files``: also its default files (``tfkg ingest list``)."""
    from tfkg.ingest import DEMO, SOURCES

    rows = []
    for n in SOURCES.names():
        mod = SOURCES.get(n)
        row = {"source": n, "demo": "yes" if n in DEMO else ""}
        if files:
            row["default files"] = ", ".join(getattr(mod, "DEFAULT_PATHS", [])) or "(package)"
        rows.append({**row, "what": _first(mod.__doc__)})
    return pd.DataFrame(rows)


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


def _queries(writes: bool = True) -> pd.DataFrame:
    """One row per named Cypher query; ``writes=False``: the read queries only (``tfkg query --list``)."""
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
            if writes or not cypher.writes(n)
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
    show(KINDS[kind](), f"{{n}} {kind}")


def show(frame: pd.DataFrame, title: str) -> None:
    """Print a whole builder frame (``{n}`` in ``title``: its row count)."""
    print_frame(frame, limit=len(frame), title=title.format(n=len(frame)), cap=160)


@click.command("models")
@click.argument("name", required=False)
def models_cmd(name) -> None:
    """List the registered models (task, inputs, citation), or one model's parameters and presets."""
    if name:
        _model_params(name)
        return
    show(_models(what=True), "models (tfkg evaluate NAME --dataset …)")
    console.print("[dim]tfkg models NAME: parameters, presets and the paper it implements[/]")


def _model_params(name: str) -> None:
    """One model's parameters (default, help), presets and citation."""
    import dataclasses
    import json

    from rich.table import Table

    from tfkg import models
    from tfkg.models.base import param_help

    cls = models.get(name)
    caps = cls.capabilities()
    t = Table(
        title=f"{name}: {', '.join(cls.tasks())} · needs {', '.join(sorted(cls.requires))}"
        + (f" · uses {', '.join(sorted(cls.uses))}" if cls.uses else "")
        + (f" · can: {', '.join(caps)}" if caps else "")
    )
    t.add_column("parameter", no_wrap=True)
    t.add_column("default", overflow="fold")
    t.add_column("what it does", overflow="fold")
    helps = param_help(cls.Params)
    for f in dataclasses.fields(cls.Params):
        t.add_row(f.name, repr(f.default), helps.get(f.name, ""))
    console.print(t)
    for preset, values in cls.PRESETS.items():
        console.print(f"preset [bold]{preset}[/]: {json.dumps(values)}")
    console.print(f"[dim]{cls.citation}[/]")
