"""DREAM4 in-silico networks (Marbach et al., PNAS 2010): gold standards, knockouts, knockdowns, expression.

For each Size10/Size100 network ``n`` (genes ``DREAM4-<size>-<n>:G<k>``, species ``insilico``):
gold-standard positives -> ``REGULATES {source: 'DREAM4'}``; knockout/knockdown row k ->
``(:Knockout {experiment_id: 'DREAM4-<size>-<n>:knockout:G<k>'})-[:KNOCKS_OUT]->(G<k>)`` and
``-[:AFFECTS {value, effect: value - wildtype, log2fc: log2(value / wildtype)}]->`` every gene of the network.
``log2fc`` is null where the value or the wild type is 0 (a knocked-out gene's own level). One Dataset node
``dream4:<size>-<n>`` per network carries the file checksums and its memberships: ``INCLUDES`` role ``gene``
(every G<k>, index k), role ``tf`` (the gold-standard regulators, index k) and role ``experiment`` (its Knockout
nodes, knockouts then knockdowns, index 0..2N-1, then the double knockouts).

Double knockouts (the bonus round, where present): ``*_dualknockouts_indexes.tsv`` (``G_i``, ``G_j``, 1-based)
beside the network and the noise-free steady states ``Size <size> bonus round/insilico_size<size>_<n>_nonoise_
dualknockouts.tsv`` (no header, one row per pair) -> ``(:Knockout {experiment_id: 'DREAM4-<size>-<n>:
double-knockout:G<i>+G<j>', context: 'double-knockout'})`` with one ``KNOCKS_OUT`` per gene and ``AFFECTS``
as above (effect = noise-free value - the measured wild type).

Expression (not in the graph): a genes x samples Parquet in the cache (rows G1..GN, columns ``wildtype`` and
``multifactorial:<i>``) and a sample table (``group`` = sample id, ``kind`` = wildtype/multifactorial), named by
``expression_path``/``samples_path`` on the Dataset node, which also holds ``wildtype`` (N floats, G1..GN).
Size 10 multifactorial data lie beside the network; Size 100 data come from the separate multifactorial
sub-challenge, whose genes are renamed: ``DREAM4_Challenge2_GoldStandards/Size 100 multifactorial/Mapping/
insilico_size100_multifactorial_<n>_goldstandard_ref.tsv`` (``"New"``, ``"Old"``: multifactorial name -> Size 100
name) maps them back. Time series are left out (perturbation-and-recovery trajectories, not steady states).

Option ``networks``: e.g. ``10-1,100-3`` (default: all ten). A network with any bad row is left out whole
(a partial knockout matrix would mislead), also with --skip-bad.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from tfkg.errors import InputError
from tfkg.ingest._common import option_list, profile_frame
from tfkg.ingest.base import Plan, Problem, cache_file, dataset_row, read_rows, sha256

SOURCE = "DREAM4"
VERSION = "DREAM4 In Silico (2009)"
DEFAULT_PATHS = ["dream4_insilico"]
SIZES = (10, 100)
SPECIES = "insilico"
PERTURBATIONS = (("knockouts", "knockout"), ("knockdowns", "knockdown"))


def network_files(root: Path, size: int, n: int) -> dict[str, Path]:
    d = root / f"DREAM4_InSilico_Size{size}" / f"insilico_size{size}_{n}"
    files = {kind: d / f"insilico_size{size}_{n}_{kind}.tsv" for kind in ("wildtype", "knockouts", "knockdowns")}
    gold = root / "DREAM4_Challenge2_GoldStandards"
    files["goldstandard"] = gold / f"Size {size}" / f"DREAM4_GoldStandard_InSilico_Size{size}_{n}.tsv"
    dual = sorted(d.glob(f"*_size{size}_{n}_dualknockouts_indexes.tsv"))  # "inSilico" in 10-1
    if dual:  # the bonus round (optional): pairs beside the network, noise-free states with the gold standards
        files["dual_indexes"] = dual[0]
        files["dual"] = gold / f"Size {size}" / f"Size {size} bonus round" / f"insilico_size{size}_{n}_nonoise_dualknockouts.tsv"
    if size == 10:
        files["multifactorial"] = d / f"insilico_size10_{n}_multifactorial.tsv"
    else:
        files["multifactorial"] = (
            root / f"DREAM4_InSilico_Size{size}_Multifactorial" / f"insilico_size{size}_{n}_multifactorial.tsv"
        )
        files["mapping"] = (
            gold / f"Size {size} multifactorial" / "Mapping" / f"insilico_size{size}_multifactorial_{n}_goldstandard_ref.tsv"
        )
    return files


EXPRESSION_FILES = ("multifactorial", "mapping")  # kept apart from ``checksums``: listed as expression_files


def _networks(root: Path, chosen: list[str] | None) -> list[tuple[int, int]]:
    if chosen is None:
        found = []
        for size in SIZES:
            for d in sorted((root / f"DREAM4_InSilico_Size{size}").glob(f"insilico_size{size}_*")):
                m = re.fullmatch(rf"insilico_size{size}_(\d+)", d.name)
                if m:
                    found.append((size, int(m[1])))
        if not found:
            raise FileNotFoundError(f"{root}: no DREAM4_InSilico_Size10/100 network folders")
        return sorted(found)
    out = []
    for c in chosen:
        m = re.fullmatch(r"(?:size)?(\d+)[-_](\d+)", c.lower())
        if not m or int(m[1]) not in SIZES:
            raise InputError(f"network {c!r}: expected <size>-<n> with size 10 or 100, e.g. 10-1")
        out.append((int(m[1]), int(m[2])))
    return out


def _matrix(path: Path, genes: list[str], p: Plan, rows: int) -> np.ndarray | None:
    """The values of a DREAM4 expression table (header of quoted gene names G1..GN), checked."""
    values, header_seen = [], False
    before = len(p.problems)
    for lineno, f in read_rows(path, len(genes), p.problems):
        p.rows_read += 1
        if not header_seen:
            header_seen = True
            names = [x.strip('"') for x in f]
            if names != genes:
                p.problems.append(Problem(str(path), lineno, f"header must be G1..G{len(genes)} in order"))
                return None
            continue
        try:
            row = [float(x) for x in f]
        except ValueError:
            p.problems.append(Problem(str(path), lineno, "expression values must be numbers"))
            continue
        if any(not np.isfinite(x) or x < 0 for x in row):
            p.problems.append(Problem(str(path), lineno, "expression values must be finite and >= 0"))
            continue
        values.append(row)
    if len(p.problems) > before:
        return None
    if len(values) != rows:
        p.problems.append(Problem(str(path), 0, f"expected {rows} data row(s), found {len(values)}"))
        return None
    return np.array(values, dtype=float)


def _mapping(path: Path, genes: list[str], p: Plan) -> dict[str, str] | None:
    """Multifactorial name -> Size 100 name, checked to be a permutation of ``genes``."""
    pairs: list[tuple[int, str, str]] = []
    before = len(p.problems)
    for lineno, f in read_rows(path, 2, p.problems, header=('"New"', '"Old"'), require_header=True):
        p.rows_read += 1
        new, old = (x.strip('"') for x in f)
        if new not in genes or old not in genes:
            p.problems.append(
                Problem(str(path), lineno, f"unknown gene {new if new not in genes else old!r} (G1..G{len(genes)})")
            )
        pairs.append((lineno, new, old))
    for col, name in ((1, "New"), (2, "Old")):
        seen: set[int | str] = set()
        for row in pairs:
            if row[col] in seen:
                p.problems.append(Problem(str(path), row[0], f"{name} gene {row[col]!r} is listed twice"))
            seen.add(row[col])
    if len(p.problems) == before and len(pairs) != len(genes):
        p.problems.append(Problem(str(path), 0, f"expected {len(genes)} mapped genes, found {len(pairs)}"))
    return None if len(p.problems) > before else {new: old for _, new, old in pairs}


def _expression(
    net: str, genes: list[str], wt: np.ndarray, mf: np.ndarray, mapping: dict[str, str] | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Genes x samples (``wildtype``, ``multifactorial:<i>``) in G1..GN order, and the sample table."""
    multi = pd.DataFrame(mf, columns=[mapping[g] for g in genes] if mapping else genes)[genes]
    samples = ["wildtype"] + [f"multifactorial:{i}" for i in range(1, len(mf) + 1)]
    expr = pd.DataFrame(
        np.column_stack([wt[0], multi.to_numpy().T]), columns=samples, index=pd.Index([f"{net}:{g}" for g in genes], name="gene")
    )
    meta = pd.DataFrame(
        {"group": samples, "kind": ["wildtype"] + ["multifactorial"] * len(mf)}, index=pd.Index(samples, name="sample")
    )
    return expr, meta


def _dual(files: dict[str, Path], genes: list[str], p: Plan) -> tuple[list[tuple[int, int]], np.ndarray] | None:
    """The bonus round's double knockouts: (i, j) 0-based gene pairs and their noise-free steady states."""
    if "dual_indexes" not in files:
        return [], np.zeros((0, len(genes)))
    pairs, before = [], len(p.problems)
    for lineno, f in read_rows(files["dual_indexes"], 2, p.problems, header=('"G_i"', '"G_j"'), require_header=True):
        p.rows_read += 1
        try:
            i, j = int(f[0]), int(f[1])
        except ValueError:
            p.problems.append(Problem(str(files["dual_indexes"]), lineno, "gene indices must be integers"))
            continue
        if not (1 <= i <= len(genes) and 1 <= j <= len(genes)) or i == j:
            p.problems.append(
                Problem(str(files["dual_indexes"]), lineno, f"gene indices must be two different numbers in 1..{len(genes)}")
            )
            continue
        pairs.append((i - 1, j - 1))
    if len(p.problems) > before:
        return None
    values = []
    for lineno, f in read_rows(files["dual"], len(genes), p.problems):
        p.rows_read += 1
        try:
            row = [float(x) for x in f]
        except ValueError:
            p.problems.append(Problem(str(files["dual"]), lineno, "expression values must be numbers"))
            continue
        if any(not np.isfinite(x) or x < 0 for x in row):
            p.problems.append(Problem(str(files["dual"]), lineno, "expression values must be finite and >= 0"))
            continue
        values.append(row)
    if len(p.problems) > before:
        return None
    if len(values) != len(pairs):
        p.problems.append(
            Problem(
                str(files["dual"]),
                0,
                f"expected {len(pairs)} rows (one per pair in {files['dual_indexes'].name}), found {len(values)}",
            )
        )
        return None
    return pairs, np.array(values, dtype=float).reshape(len(pairs), len(genes))


def _gold(path: Path, genes: list[str], p: Plan) -> list[tuple[str, str]] | None:
    known, edges = set(genes), []
    before = len(p.problems)
    for lineno, (a, b, label) in read_rows(path, 3, p.problems):
        p.rows_read += 1
        if a not in known or b not in known:
            p.problems.append(Problem(str(path), lineno, f"unknown gene {a if a not in known else b!r} (G1..G{len(genes)})"))
        elif label not in ("0", "1"):
            p.problems.append(Problem(str(path), lineno, f"label {label[:10]!r} is not 0 or 1"))
        elif label == "1":
            edges.append((a, b))
    return None if len(p.problems) > before else edges


def plan(paths: list[Path], networks=None) -> Plan:
    p = Plan(SOURCE)
    genes_f, reg_f, ko_f, kno_f, aff_f, inc_f, exp_f = [], [], [], [], [], [], []
    for root in paths:
        for size, n in _networks(Path(root), option_list(networks)):
            files = network_files(Path(root), size, n)
            missing = [str(f) for f in files.values() if not f.is_file()]
            if missing:
                raise FileNotFoundError(f"DREAM4 network {size}-{n} lacks {', '.join(missing)}")
            net, key = f"DREAM4-{size}-{n}", f"dream4:{size}-{n}"
            genes = [f"G{k}" for k in range(1, size + 1)]
            wt = _matrix(files["wildtype"], genes, p, 1)
            gold = _gold(files["goldstandard"], genes, p)
            perturbed = {kind: _matrix(files[fname], genes, p, size) for fname, kind in PERTURBATIONS}
            mf = _matrix(files["multifactorial"], genes, p, size)
            mapping = _mapping(files["mapping"], genes, p) if "mapping" in files else {}
            dual = _dual(files, genes, p)
            if (
                wt is None
                or gold is None
                or any(v is None for v in perturbed.values())
                or mf is None
                or mapping is None
                or dual is None
            ):
                continue
            measured: dict[str, np.ndarray] = {k: v for k, v in perturbed.items() if v is not None}
            sym = np.array([f"{net}:{g}" for g in genes], dtype=object)
            regulators = {a for a, _ in gold}
            is_tf = np.array([g in regulators for g in genes])
            genes_f.append(pd.DataFrame({"symbol": sym, "tf": is_tf}))
            inc_f.append(
                pd.DataFrame(
                    {
                        "symbol": np.concatenate([sym, sym[is_tf]]),
                        "role": ["gene"] * size + ["tf"] * int(is_tf.sum()),
                        "index": np.concatenate([np.arange(1, size + 1), np.flatnonzero(is_tf) + 1]),
                        "dataset": key,
                    }
                )
            )
            pairs, dual_values = dual
            doubles = np.array([f"{net}:double-knockout:{genes[i]}+{genes[j]}" for i, j in pairs], dtype=object)
            experiments = np.array(
                [f"{net}:{kind}:{g}" for _, kind in PERTURBATIONS for g in genes] + list(doubles), dtype=object
            )
            exp_f.append(
                pd.DataFrame(
                    {"experiment_id": experiments, "role": "experiment", "index": np.arange(len(experiments)), "dataset": key}
                )
            )
            expr, meta = _expression(net, genes, wt, mf, mapping or None)
            expr_path, samples_path = cache_file("expression", key), cache_file("expression", key, ".samples.parquet")
            p.files += [(expr_path, expr), (samples_path, meta)]
            expr_files = [files[k] for k in EXPRESSION_FILES if k in files]
            reg_f.append(pd.DataFrame({"tf": [f"{net}:{a}" for a, _ in gold], "target": [f"{net}:{b}" for _, b in gold]}))
            if len(pairs):
                ko_f.append(
                    pd.DataFrame(
                        {
                            "experiment_id": doubles,
                            "gene": [f"{sym[i]}+{sym[j]}" for i, j in pairs],
                            "context": "double-knockout",
                            "dataset": key,
                        }
                    )
                )
                kno_f.append(pd.DataFrame({"experiment_id": np.repeat(doubles, 2), "gene": sym[np.asarray(pairs).ravel()]}))
                measured["double-knockout"] = dual_values
            net_aff = []
            for kind, values in measured.items():
                exp = doubles if kind == "double-knockout" else np.array([f"{net}:{kind}:{g}" for g in genes], dtype=object)
                if kind != "double-knockout":
                    ko_f.append(pd.DataFrame({"experiment_id": exp, "gene": sym, "context": kind, "dataset": key}))
                    kno_f.append(pd.DataFrame({"experiment_id": exp, "gene": sym}))
                base = np.broadcast_to(wt, values.shape)
                with np.errstate(divide="ignore", invalid="ignore"):
                    lfc = np.where((values > 0) & (base > 0), np.log2(values / base), np.nan)
                net_aff.append(
                    pd.DataFrame(
                        {
                            "experiment_id": np.repeat(exp, size),
                            "symbol": np.tile(sym, len(exp)),
                            "value": values.ravel(),
                            "effect": (values - base).ravel(),
                            "log2fc": lfc.ravel(),
                        }
                    )
                )
            aff_f += net_aff
            # Full profiles for TF activity: the change from wild type is the statistic (no p-values in silico).
            na = pd.concat(net_aff, ignore_index=True)
            profiles_path = cache_file("profiles", key)
            p.files.append((profiles_path, profile_frame(na["experiment_id"], na["symbol"], na["log2fc"], stat=na["effect"])))
            listed = [files[k] for k in sorted(files) if k not in EXPRESSION_FILES]
            p.datasets.append(
                dataset_row(
                    key,
                    SOURCE,
                    VERSION,
                    listed,
                    SPECIES,
                    network=net,
                    n_genes=size,
                    n_gold_edges=len(gold),
                    n_tfs=int(is_tf.sum()),
                    n_experiments=len(experiments),
                    n_double_knockouts=len(pairs),
                    expression_path=str(expr_path),
                    samples_path=str(samples_path),
                    profiles_path=str(profiles_path),
                    profile_stat="value - wild type",
                    expression_shape=list(expr.shape),
                    n_samples=int(expr.shape[1]),
                    wildtype=[float(x) for x in wt[0]],
                    expression_files=[str(f) for f in expr_files],
                    expression_checksums=[sha256(f) for f in expr_files],
                )
            )
    if not genes_f:
        return p
    cat = lambda fs: pd.concat(fs, ignore_index=True).assign(species=SPECIES)  # noqa: E731
    p.add("merge_genes", cat(genes_f)[["symbol", "species", "tf"]], "node", "Gene", source=SOURCE)
    ko = cat(ko_f)
    p.add("merge_knockouts", ko, "node", "Knockout", source=SOURCE)
    reg = cat(reg_f).assign(mode="unknown", modes=None, pmids=None)
    p.add("merge_regulates", reg, "rel", "REGULATES", source=SOURCE)
    inc, exps = cat(inc_f), pd.concat(exp_f, ignore_index=True)
    for ds, part in inc.groupby("dataset", sort=True):
        p.members(ds, part[["symbol", "species", "role", "index"]])
    for ds, part in exps.groupby("dataset", sort=True):
        p.members(ds, part[["experiment_id", "role", "index"]], "merge_includes_experiments")
    p.add("merge_knocks_out", cat(kno_f)[["experiment_id", "gene", "species"]], "rel", "KNOCKS_OUT", source=SOURCE)
    p.add("merge_affects", cat(aff_f), "rel", "AFFECTS", source=SOURCE)
    return p
