"""``tfkg activity``: which TFs drive my experiment? Signed TF activity per contrast from every evidence layer of
the graph, a consensus across layers, and for each TF the targets that drive its score with the evidence behind
each edge. A plain service (keyword-only); the CLI and tests call :func:`run`."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from tfkg.activity import core, report
from tfkg.activity import layers as L
from tfkg.activity.inputs import Contrasts, read_de_table, read_gene_list
from tfkg.errors import InputError, NotFoundError
from tfkg.eval import consensus as C

__all__ = ["ActivityResult", "knockout_contrast", "run", "read_de_table", "read_gene_list"]


@dataclass
class ActivityResult:
    activities: pd.DataFrame  # core.COLUMNS
    design: pd.DataFrame
    drivers: dict[str, dict[str, pd.DataFrame]]  # contrast -> TF -> drivers (with evidence)
    settings: dict
    paths: dict[str, Path] = field(default_factory=dict)
    written: int = 0


def knockout_contrast(graph, experiment: str, species: str = "human") -> Contrasts:
    """A knockout experiment of the graph (its full profile, as ``tfkg benchmark knockouts`` reads it) as one
    contrast, sign-corrected for a loss of function so the knocked-out TF should score highest."""
    from tfkg.eval import knockouts as kb

    prof = kb.load_profiles(graph, species)
    if experiment not in prof.stat.index:
        near = [e for e in prof.stat.index if experiment.lower() in e.lower()][:5]
        raise NotFoundError(
            f"no knockout profile {experiment!r} in the graph" + (f"; did you mean {', '.join(near)}?" if near else "")
        )
    design = prof.design.loc[[experiment]]
    sign = kb.LOSS.get(design.at[experiment, "perturbation"], 1.0)
    stat = prof.stat.loc[[experiment]].dropna(axis=1) * sign
    return Contrasts(stat, design[["perturbed", "perturbation"]], f"knockout {experiment}", "statistic")


def _restrict(con: Contrasts, nets: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """``--expressed``: only targets measured in some contrast, and only TFs measured themselves."""
    genes = set(con.stat.columns[con.stat.notna().any()])
    return {n: e[e["target"].isin(genes) & e["source"].isin(genes)].reset_index(drop=True) for n, e in nets.items()}


def _check_genes(graph, con: Contrasts, species: str) -> None:
    """Refuse an input none of whose genes the graph knows (a symbol mix-up, another species)."""
    genes = list(con.stat.columns)
    known = graph.columns("genes_present", symbols=genes, species=species)[0]["symbols"]
    if not known:
        raise InputError(
            f"{con.source}: none of its {len(genes):,} genes (e.g. {', '.join(genes[:3])}) is a {species} gene in the "
            "graph: check --species and the symbols (tfkg ingest hgnc / genome loads the genes)"
        )


def run(
    graph,
    *,
    contrasts: Contrasts,
    species: str = "human",
    layers: str | None = None,
    method: str = "ulm",
    tmin: int = 5,
    rule: str | None = None,
    expressed: bool = False,
    top_drivers: int = 3,
    tf: str | None = None,
    out: Path | None = None,
    write: bool = False,
    name: str | None = None,
) -> ActivityResult:
    """Score every contrast with every layer, the consensus, and the drivers of its top ``top_drivers`` TFs (and of
    ``tf``); write the files under ``out`` and, with ``write``, the graph."""
    t0 = time.perf_counter()
    _check_genes(graph, contrasts, species)
    names = L.parse(layers, graph, species)
    nets = {n: L.network(graph, n, species) for n in names}
    if expressed:
        nets = _restrict(contrasts, nets)
    rule = rule or C.DEFAULT
    acts = core.activities(contrasts, nets, method, tmin, rule)
    if tf is not None and tf not in set(acts["tf"]):
        raise NotFoundError(f"--tf {tf}: no layer scores it in {contrasts.source} (fewer than {tmin} measured targets?)")
    run_ids = [n.removeprefix("run:").split("+")[0] for n in names if n.startswith("run:")]
    cons = acts[acts["layer"] == core.CONSENSUS]
    chosen = {
        c: list(dict.fromkeys([*part.nsmallest(top_drivers, "rank")["tf"], *([tf] if tf else [])]))
        for c, part in cons.groupby("contrast", observed=True, sort=False)
    }
    edges = core.tf_edges(nets, sorted({t for ts in chosen.values() for t in ts}))
    drivers = {c: {t: core.drivers(contrasts.stat.loc[c], edges.get(t)) for t in ts} for c, ts in chosen.items()}
    pairs = [(t, g) for by in drivers.values() for t, d in by.items() for g in d["gene"]]
    words = core.evidence_words(graph, list(dict.fromkeys(pairs)), species, run_ids) if pairs else {}
    for by in drivers.values():
        for t, d in by.items():
            by[t] = d.assign(evidence=[words.get((t, g), "") for g in d["gene"]])
    settings = {
        "input": contrasts.source,
        "kind": contrasts.kind,
        "contrasts": int(len(contrasts.stat)),
        "species": species,
        "layers": names,
        "method": "ora" if contrasts.kind == "gene list" else method,
        "tmin": tmin,
        "expressed": expressed,
        "consensus": rule,
        "seconds": round(time.perf_counter() - t0, 2),
    }
    res = ActivityResult(acts, contrasts.design, drivers, settings)
    if out is not None:
        _write_files(res, contrasts, Path(out), tf)
    if write:
        default = (
            "knockout" if contrasts.source.startswith("knockout ") else Path(contrasts.source.split(" (")[0]).name.split(".")[0]
        )
        res.written = _write_graph(graph, res, name or default, species)
    return res


def _write_files(res: ActivityResult, con: Contrasts, out: Path, tf: str | None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    p = {"activities": out / "activities.csv", "drivers": out / "drivers.csv", "report": out / "report.md"}
    res.activities.to_csv(p["activities"], index=False)
    rows = [d.assign(contrast=c, tf=t) for c, by in res.drivers.items() for t, d in by.items()]
    (pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()).to_csv(p["drivers"], index=False)
    p["report"].write_text(report.markdown(res))
    first = con.stat.index[0]
    p["heatmap"] = report.heatmap(res.activities, first, out / "heatmap.png")
    who = tf or next(iter(res.drivers[first]), None)
    if who is not None and len(res.drivers[first].get(who, [])):
        p["drivers_plot"] = report.drivers_plot(res.drivers[first][who], first, who, out / "drivers.png")
    res.paths = p


def _write_graph(graph, res: ActivityResult, name: str, species: str) -> int:
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    s = res.settings
    ids = {str(c): f"{name}:{c}" for c in dict.fromkeys(res.activities["contrast"].astype(str))}
    contrasts = [
        {
            "id": i,
            "name": c,
            "source": s["input"],
            "kind": s["kind"],
            "method": s["method"],
            "layers": s["layers"],
            "created_at": now,
        }
        for c, i in ids.items()
    ]
    rows = res.activities.assign(contrast=res.activities["contrast"].astype(str).map(ids))
    drv = [
        d.assign(contrast=ids[c], tf=t, rank=range(1, len(d) + 1))
        for c, by in res.drivers.items()
        for t, d in by.items()
        if len(d)
    ]
    cols = ["contrast", "tf", "gene", "rank", "stat", "sign", "agrees", "layers", "evidence"]
    d = pd.concat(drv, ignore_index=True)[cols] if drv else pd.DataFrame(columns=cols)
    dcols = {
        "contrast": d["contrast"].tolist(),
        "tf": d["tf"].tolist(),
        "gene": d["gene"].tolist(),
        "rank": [int(v) for v in d["rank"]],
        "stat": [float(v) for v in d["stat"]],
        "sign": [int(v) for v in d["sign"]],
        "agrees": [bool(v) for v in d["agrees"]],
        "layers": d["layers"].tolist(),
        "evidence": d["evidence"].tolist(),
    }
    # one transaction: the contrasts' old activities and drivers go and the new ones come together, or neither
    graph.write_batches(
        "merge_contrast_activities",
        rows.assign(contrast=rows["contrast"].astype(str), layer=rows["layer"].astype(str)),
        batch_size=max(len(rows), 1),
        d=dcols,
        contrasts=contrasts,
        species=species,
        method=s["method"],
    )
    return len(rows)
