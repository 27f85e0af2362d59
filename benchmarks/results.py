"""Result tables for the docs, generated from the CSV a benchmark wrote — never pasted.

A published result is two committed files in ``docs/results/``: ``NAME.csv`` (the benchmark's own output, copied
as it was written) and ``NAME.json`` (title, the command that made the CSV, the run folder it came from, the code
version, and how to render it). ``scripts/gen_docs.py`` renders ``NAME.md`` from them, the docs pages include that
file (``--8<-- "docs/results/NAME.md"``), and ``scripts/gen_docs.py --check`` (in CI) fails when a committed table
differs from what its CSV renders to. The benchmarks themselves stay out of CI.

    .venv/bin/python benchmarks/results.py publish runs/knockouts-human/table.csv --name knockouts-human \\
        --kind knockouts --title "…" --command "tfkg benchmark knockouts …" [--labels set=label,…]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "docs" / "results"


def _num(v, digits: int = 3) -> str:
    if pd.isna(v):
        return ""
    if isinstance(v, float) and not float(v).is_integer():
        return f"{v:.1e}" if abs(v) < 0.5 * 10**-digits else f"{v:.{digits}f}"  # an error of 1e-7 is not 0.000
    return f"{int(v):,}" if isinstance(v, (int, float)) else str(v)


def _md(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] + [
        "| " + " | ".join(c.replace("|", "/") for c in r) + " |" for r in rows
    ]


def _labelled(keys, meta: dict) -> list[str]:
    """The label keys in ``labels`` order; every row key of the CSV must be labelled or listed in ``omit`` (rows
    left out on purpose), so a row the benchmark added is never dropped unseen."""
    labels, omit = meta.get("labels") or {}, set(meta.get("omit") or [])
    keys = [str(k) for k in dict.fromkeys(keys)]
    stray = [k for k in keys if k not in labels and k not in omit]
    if stray:
        raise ValueError(f"rows with no label (add one, or list them in 'omit'): {', '.join(stray)}")
    return [k for k in labels if k in set(keys)]


def _plain(df: pd.DataFrame, meta: dict) -> list[str]:
    """The CSV's ``columns`` (default all) under their ``headers``; a column ``X`` followed by ``X_sd`` shows as
    "X ± X_sd"; with ``labels``, the rows whose first column is a label key, in the labels' order, that column shown
    as the label. ``digits`` is one number or a column → digits map (default 3); ``collapse`` shows the first column
    only where it changes."""
    cols = meta.get("columns") or [c for c in df.columns if not (c.endswith("_sd") and c[:-3] in df.columns)]
    labels, headers = meta.get("labels") or {}, meta.get("headers") or {}
    digits = meta.get("digits", 3)
    first = df.columns[0]
    if labels:
        df = df.set_index(df[first].astype(str)).loc[_labelled(df[first].astype(str), meta)]
        df = df.assign(**{first: [labels[k] for k in df.index]})

    def show(r, c: str) -> str:
        d = digits.get(c, 3) if isinstance(digits, dict) else digits
        sd = r.get(f"{c}_sd")
        if sd is None or pd.isna(sd) or pd.isna(r[c]):
            return _num(r[c], d)
        return f"{r[c]:.{d}f} ± {sd:.{d}f}"

    rows = [[show(r, c) for c in cols] for _, r in df.iterrows()]
    if meta.get("collapse"):  # the first column shown only where it changes (a command and its models)
        rows = [[r[0] if i == 0 or r[0] != rows[i - 1][0] else "", *r[1:]] for i, r in enumerate(rows)]
    return _md([headers.get(c, c) for c in cols], rows)


def _knockouts(df: pd.DataFrame, meta: dict) -> list[str]:
    """`tfkg benchmark knockouts`' table.csv, one row per regulon set: its AUROC and 1−qrank on every experiment it
    can score, its shuffles' mean beside it, and the same on the common subset."""
    labels = meta.get("labels") or {}
    sets = [s for s in df["set"].drop_duplicates() if not s.endswith(" (shuffled)")]
    if labels:
        sets = _labelled(sets, meta)
    n_common = int(df.loc[df["subset"] == "common", "experiments"].max())
    pick = {(r["set"], r["subset"]): r for _, r in df.iterrows()}
    boot = "auroc_lo" in df.columns  # 95% bootstrap intervals and the paired difference to the reference set
    ref = meta.get("reference", "collectri")

    def iv(r, lo: str, hi: str, point: str | None = None) -> str:
        if r is None or pd.isna(r.get(lo)):
            return ""
        if point is None:
            return f"[{r[lo]:.3f}, {r[hi]:.3f}]"
        star = " *" if r[lo] > 0 or r[hi] < 0 else ""
        return f"{r[point]:+.3f} [{r[lo]:+.3f}, {r[hi]:+.3f}] ({_num(r['diff_experiments'])}){star}"

    rows = []
    for s in sets:
        a, sa = pick.get((s, "all")), pick.get((f"{s} (shuffled)", "all"))
        c, sc = pick.get((s, "common")), pick.get((f"{s} (shuffled)", "common"))
        row = [labels.get(s, s), _num(a["experiments"]), _num(a["auroc"])]
        row += [iv(a, "auroc_lo", "auroc_hi")] if boot else []
        row += [_num(sa["auroc"]) if sa is not None else "", _num(a["one_minus_qrank"])]
        row += [iv(a, "auroc_diff_lo", "auroc_diff_hi", "auroc_diff")] if boot else []
        row += [_num(c["auroc"]) if c is not None else "", _num(sc["auroc"]) if sc is not None else ""]
        rows.append(row)
    head = ["regulons", "experiments", "AUROC"] + (["95%"] if boot else []) + ["shuffled", "1−qrank"]
    head += [f"AUROC − {ref} (95%, shared experiments)"] if boot else []
    return _md(head + [f"common subset ({n_common}) AUROC", "shuffled"], rows)


def _metrics(df: pd.DataFrame, meta: dict) -> list[str]:
    """`tfkg evaluate`'s metrics.csv (model, protocol, metric, mean, sd, folds), each chosen metric as mean ± sd over
    the folds: one row per model (models in ``labels`` order); with ``group`` (columns such as protocol and
    train_negatives, in a CSV that stacks several runs), one row per group and a column per model and metric."""
    metrics = meta.get("columns") or ["auroc", "auprc"]
    headers, labels, digits = meta.get("headers") or {}, meta.get("labels") or {}, meta.get("digits", 3)
    group = meta.get("group") or []
    order = _labelled(df["model"], meta) if labels else list(dict.fromkeys(df["model"]))
    folds = int(df["folds"].max())

    def cell(rows: pd.DataFrame, model: str, metric: str) -> str:
        r = rows[(rows["model"] == model) & (rows["metric"] == metric)]
        if r.empty:
            return ""
        mean, sd = r["mean"].iloc[0], r["sd"].iloc[0]
        if float(mean).is_integer() and not sd:  # a count the same in every fold (genes, edges)
            return f"{int(mean):,}"
        d = digits.get(metric, 3) if isinstance(digits, dict) else digits
        return f"{mean:.{d}f} ± {sd:.{d}f}"

    if not group:
        rows = [[labels.get(m, m), *(cell(df, m, k) for k in metrics)] for m in order]
        return _md(["model", *(f"{headers.get(k, k)} ({folds} folds)" for k in metrics)], rows)
    out = []
    for key, part in df.groupby(group, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        out.append([*map(str, key), *(cell(part, m, k) for m in order for k in metrics)])
    head = [headers.get(c, c) for c in group] + [f"{labels.get(m, m)} {headers.get(k, k)}" for m in order for k in metrics]
    return _md(head, out)


def _beeline(df: pd.DataFrame, meta: dict) -> list[str]:
    """`tfkg benchmark beeline`'s table.csv, one ``protocol``: each model's means over the data sets and its wins
    against the expression-free prior (the benchmark report's own table)."""
    from tfkg.eval.beeline import summary_table

    part = df[df["protocol"] == meta["protocol"]]
    return summary_table(part, list(meta.get("labels") or dict.fromkeys(part["model"])))


KINDS = {"table": _plain, "knockouts": _knockouts, "metrics": _metrics, "beeline": _beeline}


def render(name: str, results: Path = RESULTS) -> str:
    """The markdown of ``results/NAME`` from its CSV and its JSON."""
    meta = json.loads((results / f"{name}.json").read_text())
    df = pd.read_csv(results / f"{name}.csv")
    lines = KINDS[meta.get("kind", "table")](df, meta)
    prov = (
        f"*Generated from `docs/results/{name}.csv` (written by `{meta['command']}`"
        + (f", run folder `{meta['source']}`" if meta.get("source") else "")
        + f", code {meta['code']}) by `scripts/gen_docs.py`; do not edit.*"
    )
    return "\n".join(lines + ["", prov]) + "\n"


def pages(results: Path = RESULTS) -> dict[str, str]:
    """Every published result's markdown, keyed by its path relative to the repository."""
    return {f"docs/results/{p.stem}.md": render(p.stem, results) for p in sorted(results.glob("*.json"))}


def recorded_code_version(csv: Path) -> str:
    """The code version the run that wrote ``csv`` recorded: ``CSV.provenance.json`` (``tfkg.provenance.write_csv``),
    else the run folder's ``run.json`` (``tfkg evaluate``) or ``settings.json`` (``tfkg benchmark knockouts``).
    Refuses a CSV with none, and one written from a checkout with uncommitted changes (``.dirty``): a published
    number must name code that anyone can check out."""
    for f in (csv.with_name(csv.name + ".provenance.json"), csv.parent / "run.json", csv.parent / "settings.json"):
        if f.exists():
            version = json.loads(f.read_text()).get("code_version")
            if version:
                break
    else:
        raise SystemExit(f"{csv}: no recorded code version (provenance.json, run.json or settings.json): re-run it")
    if version.endswith(".dirty"):
        raise SystemExit(f"{csv}: written by {version}, a checkout with uncommitted changes: commit, re-run, publish")
    return f"{version} ({f.name})"


def publish(csv: Path, name: str, command: str, kind: str = "table", title: str = "", **extra) -> Path:
    """Copy a benchmark's CSV into docs/results with its provenance and render it."""
    if kind not in KINDS:
        raise SystemExit(f"unknown kind {kind!r}: {', '.join(KINDS)}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(csv, RESULTS / f"{name}.csv")
    code = recorded_code_version(csv)
    meta = {"title": title, "command": command, "source": str(csv.parent), "code": code, "kind": kind, **extra}
    (RESULTS / f"{name}.json").write_text(json.dumps(meta, indent=2) + "\n")
    out = RESULTS / f"{name}.md"
    out.write_text(render(name, RESULTS))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("publish", help="copy a benchmark CSV into docs/results and render it")
    p.add_argument("csv", type=Path)
    p.add_argument("--name", required=True)
    p.add_argument("--command", required=True, help="the command that wrote the CSV")
    p.add_argument("--kind", default="table", choices=list(KINDS))
    p.add_argument("--title", default="")
    p.add_argument("--columns", help="comma-separated columns to show (kind table)")
    p.add_argument(
        "--labels", help="row (first column / regulon set) = label pairs, in order, separated by commas (; when a label has one)"
    )
    p.add_argument("--headers", help="column (or metric) = header pairs, comma-separated")
    p.add_argument("--group", help="kind metrics: comma-separated columns, one table row per value (stacked runs)")
    p.add_argument("--protocol", help="kind beeline: the protocol whose rows to show")
    p.add_argument("--collapse", action="store_true", help="kind table: show the first column only where it changes")
    p.add_argument("--digits", help="decimals: one number, or column=digits pairs, comma-separated (default 3)")
    args = ap.parse_args()
    extra = {}
    if args.columns:
        extra["columns"] = args.columns.split(",")
    if args.labels:
        # ',' between pairs unless a label holds one: then ';' (or, for a single pair, nothing)
        pairs = args.labels.split(";" if ";" in args.labels else ",")
        if not all("=" in q for q in pairs) and args.labels.count("=") == 1:
            pairs = [args.labels]
        bad = [q for q in pairs if "=" not in q]
        if bad:
            ap.error(f"--labels: {bad[0]!r} is not KEY=LABEL (separate pairs with ';' when a label holds a comma)")
        extra["labels"] = dict(q.split("=", 1) for q in pairs)
    if args.group:
        extra["group"] = args.group.split(",")
    if args.digits:
        extra["digits"] = (
            {k: int(v) for k, v in (pair.split("=", 1) for pair in args.digits.split(","))}
            if "=" in args.digits
            else int(args.digits)
        )
    if args.protocol:
        extra["protocol"] = args.protocol
    if args.collapse:
        extra["collapse"] = True
    if args.headers:
        extra["headers"] = dict(pair.split("=", 1) for pair in args.headers.split(","))
    print(f"wrote {publish(args.csv, args.name, args.command, args.kind, args.title, **extra)}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
