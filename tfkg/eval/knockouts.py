"""``tfkg benchmark knockouts``: which regulons identify the knocked-out TF from its knockout profile?

The protocol of Garcia-Alonso et al. (Genome Res 2019), Badia-i-Mompel et al. (decoupler, Bioinf Adv 2022) and
Müller-Dott et al. (CollecTRI, NAR 2023). Each experiment's full profile (the signed statistic of every measured gene,
from the ``profiles_path`` Parquet of a Dataset) is multiplied by -1 for a loss of function (knockout, knockdown),
every TF's activity is inferred from a regulon set with a **decoupler** method (ULM by default: the t-value of
regressing the genes' statistics on the regulon weights, TFs with at least ``tmin`` measured targets), and the
perturbed TF should score highest. Unmeasured genes enter as 0 (no evidence of change), so all experiments share one
matrix and one decoupler call per set (decoupler's matrix path).

Per regulon set: AUROC and calibrated AUPRC (Siblini et al. 2020, pi0 = 0.5) over all (experiment, TF) pairs after
scaling each experiment's scores by their max |score| (decoupler's ``bm`` metrics), 1 - qrank of the perturbed TF,
the share of experiments where it ranks top 1/5/10, and how many experiments the set could score (its perturbed TF has
a regulon). Every set is also scored on the **common subset** of experiments that all compared sets can score, and
beside its own degree-preserving shuffle (XSwap), the null in which the same TFs keep the same number of targets and
every target keeps its number of regulators. A hub-only regulon scores at chance here.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from tfkg.data.xswap import permute_edges
from tfkg.errors import InputError, NotFoundError
from tfkg.eval import consensus
from tfkg.graph.runs import code_version

# the services this module offers (keyword-only beyond three parameters: tests/test_service_signatures.py)
__all__ = ["BenchmarkResult", "benchmark", "run_benchmark"]

METHODS = ("ulm", "mlm", "viper", "waggr", "zscore", "aucell")
LOSS = {"knockout": -1.0, "knockdown": -1.0, "overexpression": 1.0, "activation": 1.0}
# Named curated sets: name -> (REGULATES source, DoRothEA confidence levels or None).
CURATED = {
    "trrust": ("TRRUST", None),
    "collectri": ("CollecTRI", None),
    "omnipath": ("OmniPath", None),
    "dorothea": ("DoRothEA", None),
    "hgetgi": ("HGETGI", None),
    "dream4": ("DREAM4", None),
}
SHUFFLED = " (shuffled)"
METRICS = ("auroc", "auprc", "one_minus_qrank", "top1", "top5", "top10")


@dataclass
class Profiles:
    """Experiments x genes matrix of signed statistics (NaN = not measured), with each experiment's design."""

    stat: pd.DataFrame
    log2fc: pd.DataFrame
    design: pd.DataFrame  # index experiment: perturbed (list), perturbation, context, dataset


@dataclass
class RegulonSet:
    name: str
    edges: pd.DataFrame  # source, target, weight (decoupler's net layout); a consensus: the union of its layers'
    shuffle_of: str | None = None
    note: str = ""
    layers: list[RegulonSet] = field(default_factory=list)  # a consensus set: its layers, combined by ``rule``
    rule: str = ""


@dataclass
class BenchmarkResult:
    table: pd.DataFrame  # one row per (set, subset)
    ranks: pd.DataFrame  # one row per (set, experiment, perturbed TF)
    settings: dict
    paths: dict[str, Path] = field(default_factory=dict)
    activities: dict[str, pd.DataFrame] = field(default_factory=dict)  # set name -> experiments x TFs (not shuffles)
    written: int = 0  # TF_ACTIVITY edges written by run_benchmark (write=True)


# ---------------------------------------------------------------- inputs from the graph


def load_profiles(graph, species: str = "human", datasets: list[str] | None = None) -> Profiles:
    """Every full knockout profile of ``species`` in the graph (or of ``datasets``), as one matrix."""
    sets = graph.run("knockout_profile_sets", datasets=datasets, species=species)
    if not sets:
        which = f" among {', '.join(datasets)}" if datasets else ""
        raise NotFoundError(
            f"no dataset with full knockout profiles (species {species}){which}: ingest morphic, dream4 or a de-table first"
        )
    frames = []
    for s in sets:
        path = Path(s["path"])
        if not path.is_file():
            raise FileNotFoundError(f"dataset {s['dataset']}: profile file {path} is missing; ingest it again")
        frames.append(pd.read_parquet(path).assign(dataset=s["dataset"]))
    long = pd.concat(frames, ignore_index=True)
    design = pd.DataFrame(graph.run("knockout_experiments", ids=sorted(long["experiment_id"].unique())))
    if design.empty:
        raise NotFoundError("the profiles name no Knockout node in the graph")
    design = design.set_index("experiment")
    design["dataset"] = long.drop_duplicates("experiment_id").set_index("experiment_id")["dataset"]
    design = design[design["perturbed"].map(len) > 0]
    long = long[long["experiment_id"].isin(design.index)]
    stat = long.pivot(index="experiment_id", columns="symbol", values="stat")
    lfc = long.pivot(index="experiment_id", columns="symbol", values="log2fc")
    return Profiles(stat, lfc, design.loc[stat.index])


def regulon_set(graph, spec: str, species: str = "human") -> RegulonSet:
    """A regulon set by name: ``trrust``, ``collectri``, ``omnipath``, ``dorothea[:ABC]``, ``hgetgi``, ``archs4``
    (or ``coexpression``), ``chip`` (ENCODE binding), ``unsigned:<set>`` (the set with every sign +1),
    ``consensus:A+B+…`` / ``RULE:A+B+…`` (layers combined, ``tfkg.eval.consensus``),
    ``source:<REGULATES source>``, ``run:RUN_ID`` (the run's novel predictions) or ``run:RUN_ID+curated``."""
    name, _, arg = spec.partition(":")
    if name in ("consensus", *consensus.RULES):
        return consensus_set(graph, spec, species)
    if name == "coexpression":
        return replace(regulon_set(graph, "archs4", species), name=spec)
    if name == "chip":  # ENCODE ChIP-seq binding (CHIP_BOUND, any experiment), unsigned
        col = graph.columns("chip_edges", species=species)[0]
        if not col["tf"]:
            raise NotFoundError("regulon set 'chip': no CHIP_BOUND edges in the graph (tfkg ingest encode_chip)")
        return RegulonSet(spec, _net(col["tf"], col["target"]), note="ENCODE ChIP-seq binding (unsigned)")
    if name == "unsigned":  # the same set with every sign +1: what the signs add
        rs = regulon_set(graph, arg, species)
        return RegulonSet(spec, rs.edges.assign(weight=1.0), note=(rs.note + "; " if rs.note else "") + "signs dropped")
    if name == "run":
        return _run_set(graph, spec, arg, species)
    if name == "archs4":  # co-expression gene sets (COEXPRESSED, not REGULATES), unsigned
        col = graph.columns("coexpression_edges", source="ARCHS4", species=species)[0]
        if not col["tf"]:
            raise NotFoundError(
                "regulon set 'archs4': no ARCHS4 co-expression in the graph (tfkg ingest archs4; licence non-commercial)"
            )
        return RegulonSet(spec, _net(col["tf"], col["target"]), note="ARCHS4 co-expression (non-commercial licence)")
    if name == "source":
        source, conf = arg, None
    elif name in CURATED:
        source, conf = CURATED[name]
        if arg:
            if name != "dorothea" or not set(arg) <= set("ABCDE"):
                raise InputError(f"regulon set {spec!r}: only dorothea takes confidence levels (dorothea:ABC)")
            conf = sorted(set(arg))
    else:
        raise InputError(
            f"unknown regulon set {spec!r}: expected one of {', '.join(CURATED)}, archs4 (coexpression), chip, "
            "dorothea:ABC, unsigned:SET, source:NAME, run:RUN_ID, run:RUN_ID+curated, consensus:A+B+… or "
            f"{'|'.join(consensus.RULES)}:A+B+…"
        )
    col = graph.columns("regulon_edges", source=source, species=species, confidences=conf, tfs=None)[0]
    edges = _net(col["tf"], col["target"], col["sign"])
    if edges.empty:
        raise NotFoundError(
            f"regulon set {spec!r}: no REGULATES {{source: {source!r}}} edges of species {species} in "
            f"the graph (tfkg ingest {name if name in CURATED else '…'})"
        )
    return RegulonSet(spec, edges)


def consensus_set(graph, spec: str, species: str = "human") -> RegulonSet:
    """``consensus:A+B+…`` (the default rule, ``tfkg.eval.consensus.DEFAULT``) or ``RULE:A+B+…``: the layers' activities
    combined by the rule; its shuffle is the combination of every layer's shuffle."""
    rule, _, arg = spec.partition(":")
    rule = consensus.DEFAULT if rule == "consensus" else rule
    names: list[str] = []
    for part in arg.split("+"):  # run:ID+curated keeps its variant
        if part in RUN_VARIANTS and names and names[-1].startswith("run:"):
            names[-1] += "+" + part
        elif part:
            names.append(part)
    if len(names) < 2:
        raise InputError(f"regulon set {spec!r}: a consensus names two or more layers (consensus:collectri+chip+…)")
    layers = [regulon_set(graph, n, species) for n in names]
    edges = pd.concat([rs.edges for rs in layers]).drop_duplicates(["source", "target"]).reset_index(drop=True)
    return RegulonSet(spec, edges, note=f"{rule} over {', '.join(names)}", layers=layers, rule=rule)


def _net(tf, target, sign=None) -> pd.DataFrame:
    """decoupler's net layout; an unknown sign (0 or missing) counts as activation, as decoupler does for TRRUST."""
    w = np.ones(len(tf)) if sign is None else np.asarray(sign, dtype=float)
    w = np.where(w == 0, 1.0, np.sign(w))
    df = pd.DataFrame({"source": list(tf), "target": list(target), "weight": w})
    return df[df["source"] != df["target"]].drop_duplicates(["source", "target"]).reset_index(drop=True)


RUN_VARIANTS = ("curated", "all", "prior")


def _run_set(graph, spec: str, arg: str, species: str) -> RegulonSet:
    """``run:ID`` the run's novel predicted edges; ``+curated`` plus the curated edges of the same TFs; ``+all`` every
    predicted edge, known or not, weighted by its signed weight (a learned network: motif-rnn's weights); ``+prior``
    the same edges with the signs of the curated prior the run was trained on (what training changed)."""
    run_id, plus, what = arg.partition("+")
    if plus and what not in RUN_VARIANTS:
        raise InputError(f"regulon set {spec!r}: expected run:RUN_ID or run:RUN_ID+{'|'.join(RUN_VARIANTS)}")
    rows = graph.run("get_run", run_id=run_id)
    if not rows:
        raise NotFoundError(f"regulon set {spec!r}: no run {run_id!r} (tfkg runs list)")
    run = dict(rows[0]["run"])
    pred = pd.DataFrame(graph.columns("run_predictions", run_id=run_id)[0])
    if pred.empty:
        raise NotFoundError(f"regulon set {spec!r}: run {run_id!r} has no predicted edges (tfkg predict … --per-tf K)")
    tfs = sorted(pred["tf"].unique())
    if what in ("all", "prior"):
        return _learned_set(graph, spec, run, pred, tfs, what, species)
    known = pd.DataFrame(graph.columns("known_targets", tfs=tfs, species=species)[0])
    key = pred["tf"] + "|" + pred["target"]
    novel = pred[~key.isin(set(known["tf"] + "|" + known["target"]) if len(known) else set())]
    edges = _net(novel["tf"], novel["target"], novel["sign"] if "sign" in novel else None)
    signed = int((novel["sign"] != 0).sum()) if "sign" in novel else 0
    note = f"{len(edges):,} novel predicted edges of {len(tfs)} TFs" + (f" ({signed:,} signed)" if signed else "")
    if plus:
        from tfkg.data.datasets import dataset_spec

        srcs = dataset_spec(run["dataset"]).regulates_sources if run.get("dataset") else []
        if not srcs:
            raise InputError(f"regulon set {spec!r}: run {run_id!r} names no dataset with curated edges")
        cols = [graph.columns("regulon_edges", source=s, species=species, confidences=None, tfs=tfs)[0] for s in srcs]
        cur = _net(*(sum((c[k] for c in cols), []) for k in ("tf", "target", "sign")))
        edges = pd.concat([cur, edges], ignore_index=True).drop_duplicates(["source", "target"]).reset_index(drop=True)
        note += f" + {len(cur):,} curated ({' + '.join(srcs)}) edges of the same TFs"
    return RegulonSet(spec, edges, note=note)


def _learned_set(graph, spec: str, run: dict, pred: pd.DataFrame, tfs: list, what: str, species: str) -> RegulonSet:
    pred = pred[pred["tf"] != pred["target"]].drop_duplicates(["tf", "target"])
    if what == "all":
        weight = pred["weight"].to_numpy(dtype=float)
        edges = pd.DataFrame({"source": pred["tf"].to_numpy(), "target": pred["target"].to_numpy(), "weight": weight})
        edges = edges[edges["weight"] != 0].reset_index(drop=True)
        note = f"every predicted edge ({len(edges):,}, {int((edges['weight'] < 0).sum()):,} negative) with its weight"
        return RegulonSet(spec, edges, note=note)
    prior = json.loads(run.get("params_json") or "{}").get("prior")
    if prior not in CURATED:
        raise InputError(
            f"regulon set {spec!r}: run {run['run_id']!r} was not trained on a curated prior (its prior: {prior!r}; "
            f"one of {', '.join(CURATED)})"
        )
    col = graph.columns("regulon_edges", source=CURATED[prior][0], species=species, confidences=None, tfs=tfs)[0]
    cur = _net(col["tf"], col["target"], col["sign"])
    edges = pred[["tf", "target"]].rename(columns={"tf": "source"}).merge(cur, on=["source", "target"])
    note = f"the run's {len(edges):,} edges with the {CURATED[prior][0]} signs it was trained from"
    return RegulonSet(spec, edges.reset_index(drop=True), note=note)


def shuffled(rs: RegulonSet, seed: int = 0, multiplier: float = 10.0) -> RegulonSet:
    """``rs`` after XSwap: every TF keeps its number of targets (and signs), every target its number of regulators.
    A consensus set: every layer shuffled (same seed), combined by the same rule."""
    if rs.layers:
        layers = [shuffled(lay, seed, multiplier) for lay in rs.layers]
        edges = pd.concat([lay.edges for lay in layers]).drop_duplicates(["source", "target"]).reset_index(drop=True)
        return RegulonSet(rs.name + SHUFFLED, edges, shuffle_of=rs.name, note="every layer XSwapped", layers=layers, rule=rs.rule)
    codes, names = pd.factorize(pd.concat([rs.edges["source"], rs.edges["target"]], ignore_index=True))
    m = len(rs.edges)
    s, d, stats = permute_edges(codes[:m], codes[m:], multiplier, seed)
    edges = pd.DataFrame({"source": names[s], "target": names[d], "weight": rs.edges["weight"].to_numpy()})
    return RegulonSet(
        rs.name + SHUFFLED, edges, shuffle_of=rs.name, note=f"XSwap, {stats['swapped']:,} of {stats['attempted']:,} swaps applied"
    )


# ---------------------------------------------------------------- scoring


def activities(prof: Profiles, net: pd.DataFrame, method: str = "ulm", tmin: int = 5) -> pd.DataFrame:
    """Experiments x TFs activity scores (decoupler), sign-corrected so the perturbed TF should score highest.
    TFs with fewer than ``tmin`` measured targets are left out (decoupler's pruning)."""
    import decoupler as dc

    if method not in METHODS:
        raise InputError(f"unknown method {method!r}: one of {', '.join(METHODS)}")
    sign = prof.design["perturbation"].map(LOSS).fillna(-1.0).to_numpy()[:, None]
    data = prof.stat.fillna(0.0) * sign
    try:
        es, _ = getattr(dc.mt, method)(data, net, tmin=tmin)
    except AssertionError as e:  # decoupler: no TF with tmin measured targets
        if "tmin" in str(e):
            return pd.DataFrame(index=data.index)
        msg = " ".join(str(e).split())
        raise InputError(f"decoupler's {method} cannot fit these regulons on these genes: {msg}") from None
    except np.linalg.LinAlgError:  # mlm fits every TF at once: identical regulons make it singular
        raise InputError(f"method {method}: the regulons are collinear on these genes (a singular matrix); use ulm") from None
    return es


def set_activities(prof: Profiles, rs: RegulonSet, method: str = "ulm", tmin: int = 5) -> pd.DataFrame:
    """A set's activities: its own network's, or a consensus set's layers' combined by its rule."""
    if rs.layers:
        return consensus.combine([activities(prof, lay.edges, method, tmin) for lay in rs.layers], rs.rule)
    return activities(prof, rs.edges, method, tmin)


def score(es: pd.DataFrame, design: pd.DataFrame) -> tuple[dict, pd.DataFrame]:
    """Metrics of one set's activities over the experiments whose perturbed TF it scores; per-experiment ranks."""
    from decoupler.bm.metric._auc import auprc, auroc

    scored = [e for e in es.index if any(g in es.columns for g in design.at[e, "perturbed"])]
    es = es.loc[scored]
    if not len(scored) or es.shape[1] < 2:
        return {"experiments": len(scored), "tfs": int(es.shape[1])}, pd.DataFrame()
    # activities equal to 9 decimals are a tie: identical regulons' activities differ only in their last bits, and
    # those bits differ between CPUs and BLAS kernels
    v = np.round(es.to_numpy(dtype=float), 9)
    cols = {c: i for i, c in enumerate(es.columns)}
    truth = np.zeros(v.shape)
    rows = []
    # Rank of each perturbed TF among the TFs scored in its experiment: 1 = highest; ties share their average rank
    # (so 1 - qrank here equals decoupler's qrank metric).
    for i, e in enumerate(scored):
        for g in design.at[e, "perturbed"]:
            if g in cols:
                j = cols[g]
                truth[i, j] = 1.0
                r = (v[i] > v[i, j]).sum() + ((v[i] == v[i, j]).sum() + 1) / 2
                rows.append(
                    {
                        "experiment": e,
                        "tf": g,
                        "rank": float(r),
                        "n_tfs": v.shape[1],
                        "one_minus_qrank": 1 - (r - 1) / v.shape[1],
                        "activity": v[i, j],
                    }
                )
    norm = np.abs(v).max(axis=1, keepdims=True)
    norm[norm == 0] = 1.0
    flat, y = (v / norm).ravel(), truth.ravel()
    ranks = pd.DataFrame(rows)
    metrics = {
        "experiments": len(scored),
        "tfs": int(es.shape[1]),
        "auroc": float(auroc(y_true=y, y_score=flat)),
        "auprc": float(auprc(y_true=y, y_score=flat)),
        "one_minus_qrank": float(ranks["one_minus_qrank"].mean()),
        **{f"top{k}": float((ranks["rank"] <= k).mean()) for k in (1, 5, 10)},
    }
    return metrics, ranks


def own_lfc_filter(prof: Profiles, max_lfc: float | None) -> Profiles:
    """Keep experiments whose perturbed gene(s) dropped: own log2FC <= ``max_lfc`` (unmeasured: dropped)."""
    if max_lfc is None:
        return prof
    keep = [
        e
        for e in prof.design.index
        if all(g in prof.log2fc.columns and prof.log2fc.at[e, g] <= max_lfc for g in prof.design.at[e, "perturbed"])
    ]
    if not keep:
        raise NotFoundError(f"no experiment's perturbed gene has log2FC <= {max_lfc}")
    return Profiles(prof.stat.loc[keep], prof.log2fc.loc[keep], prof.design.loc[keep])


def benchmark(
    prof: Profiles,
    sets: list[RegulonSet],
    method: str = "ulm",
    *,
    tmin: int = 5,
    shuffles: int = 3,
    seed: int = 0,
    bootstrap: int = 1000,
    progress: Callable[[str], None] | None = None,
) -> BenchmarkResult:
    """Score every set on all experiments it can score and on the common subset, beside ``shuffles`` XSwap
    shuffles of it (seeds ``seed``, ``seed + 1``, …), whose metrics are averaged into one row (``*_sd`` = their
    spread): one shuffle of a set that scores 25 experiments is too noisy a null on its own. With ``bootstrap``
    resamples of the experiments, every real set gets 95% intervals of its AUROC and 1 − qrank, and its paired
    difference to the reference set (``collectri`` when compared, else the first set) over the experiments both
    score, with its interval (:func:`bootstrap_intervals`)."""
    t0 = time.perf_counter()
    allsets = []
    for rs in sets:
        allsets += [rs] + [shuffled(rs, seed + i) for i in range(shuffles)]
    acts = {}
    for k, rs in enumerate(allsets):
        if progress:
            progress(rs.name)
        acts[k] = set_activities(prof, rs, method, tmin)
    design = prof.design
    scorable = {
        k: {e for e in acts[k].index if any(g in acts[k].columns for g in design.at[e, "perturbed"])}
        for k, rs in enumerate(allsets)
        if rs.shuffle_of is None
    }
    common = sorted(set.intersection(*scorable.values())) if scorable else []
    # a shuffle is scored on its real set's experiments (the ones the real set can score), so the two rows compare
    # the same experiments even where the shuffle happens to reach another one
    real: dict[int, int] = {}
    for k, rs in enumerate(allsets):
        real[k] = k if rs.shuffle_of is None else real[k - 1]
    rows, ranks = [], []
    for k, rs in enumerate(allsets):
        own = [e for e in acts[real[k]].index if e in scorable[real[k]]]
        for subset, exps in (("all", own), ("common", common)):
            m, r = score(acts[k].loc[[e for e in exps if e in acts[k].index]], design)
            rows.append(
                {
                    "set": rs.name,
                    "subset": subset,
                    "shuffle_of": rs.shuffle_of,
                    "edges": len(rs.edges),
                    "regulons": int(rs.edges["source"].nunique()),
                    **m,
                }
            )
            if len(r):
                ranks.append(r.assign(set=rs.name, subset=subset, permutation=k))
    raw = pd.DataFrame(rows)
    for c in METRICS:
        if c not in raw:
            raw[c] = np.nan
    # One row per set and subset: a set's shuffles averaged (with their standard deviation).
    keys = ["set", "subset"]
    table = (
        raw.groupby(keys, sort=False, dropna=False)
        .agg(
            shuffle_of=("shuffle_of", "first"),
            edges=("edges", "first"),
            regulons=("regulons", "first"),
            experiments=("experiments", "max"),
            tfs=("tfs", "max"),
            permutations=("set", "size"),
            **{c: (c, "mean") for c in METRICS},
            auroc_sd=("auroc", "std"),
            one_minus_qrank_sd=("one_minus_qrank", "std"),
        )
        .reset_index()
    )
    table["permutations"] = np.where(table["shuffle_of"].isna(), 0, table["permutations"])
    real_sets = {rs.name: acts[k] for k, rs in enumerate(allsets) if rs.shuffle_of is None}
    reference = next((n for n in real_sets if n == "collectri"), next(iter(real_sets), None))
    if bootstrap and reference is not None:
        scored_by = {
            rs.name: [e for e in acts[k].index if e in scorable[k]] for k, rs in enumerate(allsets) if rs.shuffle_of is None
        }
        table = _with_intervals(table, real_sets, design, scored_by, common, reference, bootstrap, seed)
    settings = {
        "method": method,
        "tmin": tmin,
        "shuffles": shuffles,
        "seed": seed,
        "experiments": int(len(design)),
        "common_subset": len(common),
        "bootstrap": bootstrap,
        "reference": reference,
        "notes": {rs.name: rs.note for rs in allsets if rs.note},
        "seconds": round(time.perf_counter() - t0, 2),
        "code_version": code_version(),
    }
    return BenchmarkResult(
        table,
        pd.concat(ranks, ignore_index=True) if ranks else pd.DataFrame(),
        settings,
        activities={rs.name: acts[k] for k, rs in enumerate(allsets) if rs.shuffle_of is None},
    )


def _pair_counts(vals: list[np.ndarray], pos: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For experiments e, e': C[e, e'] = the (positive of e, negative of e') pairs the positive wins (ties ½), and
    each experiment's numbers of positives and negatives: AUROC over any multiset of experiments is then
    w·C·w / (w·P)(w·N) for its multiplicities w."""
    negs = [np.sort(v[~p]) for v, p in zip(vals, pos)]
    n = len(vals)
    c = np.zeros((n, n))
    for i, (v, p) in enumerate(zip(vals, pos)):
        for x in v[p]:
            for j, ng in enumerate(negs):
                lo, hi = np.searchsorted(ng, x, "left"), np.searchsorted(ng, x, "right")
                c[i, j] += lo + 0.5 * (hi - lo)
    return c, np.array([p.sum() for p in pos], float), np.array([len(ng) for ng in negs], float)


def _flat(es: pd.DataFrame, design: pd.DataFrame, exps: list[str]) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Each experiment's scores as :func:`score` flattens them (rounded, scaled by the max |score|) and its labels."""
    vals, pos = [], []
    for e in exps:
        row = es.loc[e]
        row = row[row.notna()]
        v = np.round(row.to_numpy(dtype=float), 9)
        m = np.abs(v).max() if len(v) else 0.0
        vals.append(v / m if m > 0 else v)
        pos.append(row.index.isin(design.at[e, "perturbed"]))
    return vals, pos


def bootstrap_intervals(
    sets: dict[str, pd.DataFrame], design: pd.DataFrame, exps: list[str], draws: int, seed: int = 0
) -> dict[str, np.ndarray]:
    """``draws`` resamples of ``exps`` (with replacement; the same resamples for every set, so differences are paired):
    each set's AUROC and mean 1 − qrank per resample, shape (draws, 2)."""
    rng = np.random.default_rng([seed, 7])
    w = np.zeros((draws, len(exps)))
    idx = rng.integers(0, len(exps), (draws, len(exps)))
    np.add.at(w, (np.repeat(np.arange(draws), len(exps)), idx.ravel()), 1.0)
    out = {}
    for name, es in sets.items():
        vals, pos = _flat(es, design, exps)
        c, p, n = _pair_counts(vals, pos)
        auroc = np.einsum("bi,ij,bj->b", w, c, w) / ((w @ p) * (w @ n))
        q = []
        for v, lab in zip(vals, pos):  # 1 - qrank of the perturbed TF(s), as score() ranks them (ties averaged)
            r = (v[None, :] > v[lab][:, None]).sum(1) + ((v[None, :] == v[lab][:, None]).sum(1) + 1) / 2
            q.append(np.mean(1 - (r - 1) / len(v)) if lab.any() else np.nan)
        out[name] = np.stack([auroc, (w @ np.nan_to_num(np.array(q))) / w.sum(1)], axis=1)
    return out


MIN_BOOTSTRAP = 10  # fewer experiments than this get no interval: resampling 3 experiments says nothing


def _with_intervals(
    table: pd.DataFrame,
    sets: dict[str, pd.DataFrame],
    design: pd.DataFrame,
    own: dict[str, list[str]],
    common: list[str],
    reference: str,
    draws: int,
    seed: int,
) -> pd.DataFrame:
    """The table with 95% bootstrap intervals: every real set's AUROC and 1 − qrank (on its own experiments and on the
    common subset) and, on its ``all`` row, its paired difference to ``reference`` over the experiments both score
    (``diff_experiments`` of them). Fewer than ``MIN_BOOTSTRAP`` experiments: no interval."""
    cols = ["auroc_lo", "auroc_hi", "one_minus_qrank_lo", "one_minus_qrank_hi"]
    diff = [
        "auroc_diff",
        "auroc_diff_lo",
        "auroc_diff_hi",
        "one_minus_qrank_diff",
        "one_minus_qrank_diff_lo",
        "one_minus_qrank_diff_hi",
    ]
    table = table.assign(**{c: np.nan for c in [*cols, "diff_experiments", *diff]})
    at = {(r["set"], r["subset"]): i for i, r in table.iterrows()}
    if len(common) >= MIN_BOOTSTRAP:  # one pass for every set: the same resamples of the common subset
        on_common = bootstrap_intervals({n: es.loc[common] for n, es in sets.items()}, design, common, draws, seed)
        for name, draws_of in on_common.items():
            table.loc[at[(name, "common")], cols] = np.percentile(draws_of, [2.5, 97.5], axis=0).T.ravel()
    for name, es in sets.items():
        if len(own[name]) >= MIN_BOOTSTRAP:
            alone = bootstrap_intervals({name: es}, design, own[name], draws, seed)[name]
            table.loc[at[(name, "all")], cols] = np.percentile(alone, [2.5, 97.5], axis=0).T.ravel()
        shared = [e for e in own[name] if e in set(own[reference])]
        table.loc[at[(name, "all")], "diff_experiments"] = len(shared)
        if len(shared) < MIN_BOOTSTRAP:
            continue
        pair = {n: sets[n].loc[shared] for n in {name, reference}}
        b = bootstrap_intervals(pair, design, shared, draws, seed)
        d = b[name] - b[reference]
        mine, ref = (score(pair[n], design)[0] for n in (name, reference))
        point = [mine.get(k, np.nan) - ref.get(k, np.nan) for k in ("auroc", "one_minus_qrank")]
        lo, hi = np.percentile(d, [2.5, 97.5], axis=0)
        table.loc[at[(name, "all")], diff] = [point[0], lo[0], hi[0], point[1], lo[1], hi[1]]
    return table


def interval(lo: pd.Series, hi: pd.Series, point: pd.Series | None = None) -> list[str]:
    """``[lo, hi]`` (or ``+d [lo, hi]``) per row, with ``*`` where the interval excludes 0 (a difference); blank where none."""
    out = []
    for i in range(len(lo)):
        a, b = lo.iloc[i], hi.iloc[i]
        if pd.isna(a):
            out.append("")
        elif point is None:
            out.append(f"[{a:.3f}, {b:.3f}]")
        else:
            out.append(f"{point.iloc[i]:+.3f} [{a:+.3f}, {b:+.3f}]" + (" *" if a > 0 or b < 0 else ""))
    return out


def activity_rows(res: BenchmarkResult) -> pd.DataFrame:
    """Every (experiment, TF, set) activity of the compared sets, long, with the TF's rank in its experiment."""
    frames = []
    for name, es in res.activities.items():
        if es.shape[1] == 0:
            continue
        long = es.rank(axis=1, ascending=False, method="average").stack().rename("rank").to_frame()
        long["score"] = es.stack()
        long["n_tfs"] = es.notna().sum(axis=1).reindex(long.index.get_level_values(0)).to_numpy()
        frames.append(long.rename_axis(["experiment", "tf"]).reset_index().assign(regulons=name))
    if not frames:
        return pd.DataFrame(columns=["experiment", "tf", "rank", "score", "n_tfs", "regulons", "method"])
    return pd.concat(frames, ignore_index=True).assign(method=res.settings["method"])


def write_activities(graph, res: BenchmarkResult, species: str = "human") -> int:
    """Write the compared sets' activities as TF_ACTIVITY edges (replacing those of the same set and method), for
    the Browser queries ``knockout_tf_activities`` and ``tf_knockout_activity``."""
    rows = activity_rows(res)
    for name in res.activities:
        graph.run_autocommit("delete_tf_activities", regulons=name, method=res.settings["method"])
    graph.write_batches("merge_tf_activities", rows, species=species)
    return len(rows)


# ---------------------------------------------------------------- outputs


def write(res: BenchmarkResult, out: Path) -> dict[str, Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out.mkdir(parents=True, exist_ok=True)
    paths = {
        "table": out / "table.csv",
        "ranks": out / "ranks.csv",
        "plot": out / "ranks.png",
        "report": out / "report.md",
        "settings": out / "settings.json",
    }
    res.table.to_csv(paths["table"], index=False)
    res.ranks.to_csv(paths["ranks"], index=False)
    paths["settings"].write_text(json.dumps(res.settings, indent=2))
    # Rank distributions on the common subset (every set scores the same experiments there).
    r = res.ranks[res.ranks["subset"] == "common"] if len(res.ranks) else res.ranks
    names = list(dict.fromkeys(res.table["set"]))
    data = [r.loc[r["set"] == n, "one_minus_qrank"].to_numpy() for n in names] if len(r) else []
    fig, ax = plt.subplots(figsize=(7, 0.45 * max(len(names), 4) + 1.2), dpi=110)
    if data and any(len(d) for d in data):
        ax.boxplot([d if len(d) else [np.nan] for d in data], orientation="horizontal", widths=0.6)
        for i, d in enumerate(data, start=1):
            ax.scatter(
                d,
                np.full(len(d), i) + np.random.default_rng(i).uniform(-0.15, 0.15, len(d)),
                s=8,
                color="tab:grey" if SHUFFLED in names[i - 1] else "tab:blue",
                alpha=0.6,
                zorder=3,
            )
        ax.set_yticks(range(1, len(names) + 1), names, fontsize=8)
    ax.axvline(0.5, color="tab:red", lw=0.8, ls="--")
    ax.set_xlim(0, 1)
    ax.set_xlabel("1 - qrank of the perturbed TF (1 = ranked first; 0.5 = chance)")
    ax.set_title(
        f"TF identification, common subset of {res.settings['common_subset']} experiments "
        f"({res.settings['method']}, tmin {res.settings['tmin']})",
        fontsize=9,
    )
    fig.tight_layout()
    fig.savefig(paths["plot"])
    plt.close(fig)
    paths["report"].write_text(report(res))
    return paths


def report(res: BenchmarkResult) -> str:
    s = res.settings
    cols = ["set", "experiments", "tfs", "edges", "auroc", "auprc", "one_minus_qrank", "top1", "top5", "top10", "auroc_sd"]
    if s.get("bootstrap"):
        cols += [
            "auroc_lo",
            "auroc_hi",
            "one_minus_qrank_lo",
            "one_minus_qrank_hi",
            "auroc_diff",
            "auroc_diff_lo",
            "auroc_diff_hi",
        ]
    lines = [
        "# TF identification from knockout profiles",
        "",
        f"{s['experiments']} experiments; method {s['method']}, tmin {s['tmin']}; each set beside the mean of "
        f"{s['shuffles']} XSwap shuffles of it (seeds from {s['seed']}). AUROC / calibrated AUPRC over "
        "(experiment, TF) pairs after scaling each "
        "experiment by its max |score|; 1 - qrank and top-k of the perturbed TF. 0.5 is chance."
        + (
            f" `_lo`/`_hi`: 95% bootstrap intervals over experiments ({s['bootstrap']} resamples; none below "
            f"{MIN_BOOTSTRAP} experiments); `auroc_diff`: the paired difference to {s['reference']} over the "
            "`diff_experiments` both score — a gain is called only when its interval excludes 0."
            if s.get("bootstrap")
            else ""
        ),
        "",
    ]
    for subset, title in (
        ("all", "Every experiment a set can score"),
        ("common", f"Common subset ({s['common_subset']} experiments every set can score)"),
    ):
        t = res.table[res.table["subset"] == subset][cols]
        lines += [f"## {title}", "", "| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
        for _, row in t.iterrows():
            lines.append(
                "| "
                + " | ".join(
                    "" if isinstance(v, float) and np.isnan(v) else f"{v:.3f}" if isinstance(v, float) else str(v) for v in row
                )
                + " |"
            )
        lines.append("")
    if s.get("notes"):
        lines += ["## Sets", ""] + [f"- `{k}`: {v}" for k, v in s["notes"].items()] + [""]
    return "\n".join(lines)


# ---------------------------------------------------------------- the service (``tfkg benchmark knockouts``)


def run_benchmark(
    graph,
    *,
    regulons: list[str],
    method: str = "ulm",
    tmin: int = 5,
    own_lfc: float | None = None,
    datasets: list[str] | None = None,
    species: str = "human",
    shuffles: int = 3,
    seed: int = 0,
    bootstrap: int = 1000,
    out: Path = Path("runs/knockouts"),
    write_graph: bool = True,
    progress: Callable[[str, int, int], None] | None = None,
) -> BenchmarkResult:
    """The whole benchmark: load the profiles (``datasets``, default every one of ``species``; ``own_lfc`` filter),
    build every regulon set of ``regulons``, score them (:func:`benchmark`), write table.csv, ranks.csv, ranks.png and
    report.md under ``out``, and with ``write_graph`` every set's TF activities (``res.written`` TF_ACTIVITY edges);
    each ``run:`` set gets its summary rows on its ModelRun (``knockout_benchmark[_curated]_json``).
    ``progress(name, done, total)`` after each set or shuffle is scored."""
    if not regulons:
        raise InputError("name at least one regulon set")
    prof = own_lfc_filter(load_profiles(graph, species, datasets), own_lfc)
    sets = [regulon_set(graph, s, species) for s in regulons]
    total = len(sets) * (1 + shuffles)
    done = 0

    def step(name: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(name, done, total)

    res = benchmark(prof, sets, method, tmin=tmin, shuffles=shuffles, seed=seed, bootstrap=bootstrap, progress=step)
    res.paths = write(res, out)
    res.written = write_activities(graph, res, species) if write_graph else 0
    for s in regulons:
        if s.startswith("run:"):
            rid = s[4:].partition("+")[0]
            rows = res.table[res.table["set"].isin([s, s + SHUFFLED])]
            graph.run(
                "merge_model_run",
                run={"run_id": rid, f"knockout_benchmark{'_curated' if '+' in s else ''}_json": rows.to_json(orient="records")},
            )
    return res
