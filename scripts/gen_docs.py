"""Generate the docs pages that come from the code or from committed benchmark CSVs (docs/data-sources.md from the
ingest registry; docs/results/NAME.md from docs/results/NAME.csv + .json), or with ``--check`` fail when a
committed page differs from what it generates from (CI runs the check; the benchmarks themselves do not run).

    .venv/bin/python scripts/gen_docs.py [--check]
"""

from __future__ import annotations

import argparse
import inspect
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def data_sources() -> str:
    from tfkg.ingest import DEMO, SOURCES

    lines = [
        "# Data sources",
        "",
        "Generated from the ingest registry (`tfkg/ingest/__init__.py`) by `scripts/gen_docs.py`; do not edit.",
        "`tfkg ingest NAME` reads the default files from the shared data folder (`TFKG_DATA`, default "
        "`../shared/data`); `tfkg ingest list` prints the same. Demo sources: " + ", ".join(f"`{d}`" for d in DEMO) + ".",
        "",
        "| source | default files | what it is |",
        "|---|---|---|",
    ]
    for name in SOURCES.names():
        mod = SOURCES.get(name)
        doc = inspect.getdoc(mod) or ""
        first = " ".join(doc.split("\n\n")[0].split())
        files = "<br>".join(f"`{p}`" for p in getattr(mod, "DEFAULT_PATHS", [])) or "(given on the command line)"
        lines.append(f"| `{name}` | {files} | {first.replace('|', '/')} |")
    return "\n".join(lines) + "\n"


def _generated(header: list[str], rows: list[list[str]], note: str) -> str:
    """A generated table with its provenance line."""
    from benchmarks.results import _md

    return "\n".join([*_md(header, rows), "", note]) + "\n"


def _registry_table(kind: str, extra=None) -> str:
    """``tfkg ls KIND`` as a markdown table (same registry, same frame), for inclusion in a docs page."""
    from tfkg.cli.ls import KINDS

    df = KINDS[kind]()
    if extra is not None:
        df = extra(df)
    rows = [[str(v) for v in r] for r in df.itertuples(index=False)]  # _md escapes the pipes
    note = f"*Generated from the registry by `scripts/gen_docs.py` (`tfkg ls {kind}` prints the same); do not edit.*"
    return _generated(list(df.columns), rows, note)


def _with_model_text(df):
    """Each model's module and the first paragraph of its class docstring beside the ``tfkg ls models`` columns."""
    from tfkg import models
    from tfkg.cli.ls import _first

    cls = [models.get(n) for n in df["model"]]
    return df.assign(
        model=[f"`{n}`" for n in df["model"]],
        what=[_first(c.__doc__) for c in cls],
        module=[f"`{c.__module__}`" for c in cls],
    )[["model", "tasks", "what", "needs", "uses", "presets", "paper", "module"]]


def hetnet_metapaths() -> str:
    """The hetnet models' meta-paths (``tfkg.models.hetnet.METAPATHS``) as a table."""
    from tfkg.models.hetnet import METAPATHS

    rows = [[f"`{name}`", src, meaning] for name, (src, meaning) in METAPATHS.items()]
    note = "*Generated from `tfkg.models.hetnet.METAPATHS` by `scripts/gen_docs.py`; do not edit.*"
    return _generated(["feature", "source (`-p sources=…`)", "meaning"], rows, note)


def model_params(name: str) -> str:
    """One model's typed parameters (``Params``: name, default, the docstring's help line), its presets and its
    paper, as ``tfkg models NAME`` prints them, for the model's reference page."""
    import dataclasses
    import json

    from tfkg import models
    from tfkg.models.base import param_help

    cls = models.get(name)
    helps = param_help(cls.Params)
    rows = [[f"`{f.name}`", f"`{f.default!r}`", helps.get(f.name, "")] for f in dataclasses.fields(cls.Params)]
    lines = [*_generated(["parameter (`-p NAME=VALUE`)", "default", "what it does"], rows, "").splitlines()[:-1]]
    for preset, values in cls.PRESETS.items():
        lines.append(f"- preset `{preset}` (`--preset {preset}`): `{json.dumps(values)}`")
    if cls.PRESETS:
        lines.append("")
    lines += [
        f"Paper: {cls.citation}",
        "",
        f"*Generated from `{cls.__module__}.{cls.__name__}` by `scripts/gen_docs.py` (`tfkg models {name}` prints "
        "the same); do not edit.*",
    ]
    return "\n".join(lines) + "\n"


# the models with a reference page under docs/models/, each with its parameter table
PARAM_PAGES = ("ens", "hetnet-lr", "hetnet-gbm", "motif-rnn", "mtlgrn", "gnt")

PAGES = {
    "docs/data-sources.md": data_sources,
    "docs/generated/models.md": lambda: _registry_table("models", _with_model_text),
    "docs/generated/protocols.md": lambda: _registry_table("protocols"),
    "docs/generated/tasks.md": lambda: _registry_table("tasks"),
    "docs/generated/hetnet-metapaths.md": hetnet_metapaths,
    **{f"docs/generated/params-{m}.md": (lambda m=m: model_params(m)) for m in PARAM_PAGES},
}


def all_pages() -> dict[str, str]:
    """Every generated page: the registry pages and each published result table (docs/results/NAME.md from its
    committed CSV, benchmarks/results.py)."""
    from benchmarks.results import pages

    return {**{rel: make() for rel, make in PAGES.items()}, **pages()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    stale = []
    for rel, text in all_pages().items():
        path = ROOT / rel
        if args.check:
            if not path.exists() or path.read_text() != text:
                stale.append(rel)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
            print(f"wrote {rel}")
    if stale:
        sys.exit(f"generated docs are out of date: {', '.join(stale)}; run: .venv/bin/python scripts/gen_docs.py")


if __name__ == "__main__":
    main()
