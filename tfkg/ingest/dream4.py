"""DREAM4 in-silico networks (Marbach et al., PNAS 2010): gold standards, knockouts and knockdowns.

For each Size10/Size100 network ``n`` (genes ``DREAM4-<size>-<n>:G<k>``, species ``insilico``):
gold-standard positives -> ``REGULATES {source: 'DREAM4'}``; knockout/knockdown row k ->
``(:Knockout {experiment_id: 'DREAM4-<size>-<n>:knockout:G<k>'})-[:KNOCKS_OUT]->(G<k>)`` and
``-[:AFFECTS {value, effect: value - wildtype, log2fc: log2(value / wildtype)}]->`` every gene of the network.
``log2fc`` is null where the value or the wild type is 0 (a knocked-out gene's own level). One Dataset node
per network carries the file checksums. Option ``networks``: e.g. ``10-1,100-3`` (default: all ten).
A network with any bad row is left out whole (a partial knockout matrix would mislead), also with --skip-bad.
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from tfkg.ingest._common import option_list
from tfkg.ingest.base import Plan, Problem, dataset_row, read_rows

SOURCE = "DREAM4"
VERSION = "DREAM4 In Silico (2009)"
DEFAULT_PATHS = ["dream4_insilico"]
SIZES = (10, 100)
SPECIES = "insilico"
PERTURBATIONS = (("knockouts", "knockout"), ("knockdowns", "knockdown"))


def network_files(root: Path, size: int, n: int) -> dict[str, Path]:
    d = root / f"DREAM4_InSilico_Size{size}" / f"insilico_size{size}_{n}"
    files = {kind: d / f"insilico_size{size}_{n}_{kind}.tsv" for kind in ("wildtype", "knockouts", "knockdowns")}
    files["goldstandard"] = (root / "DREAM4_Challenge2_GoldStandards" / f"Size {size}"
                             / f"DREAM4_GoldStandard_InSilico_Size{size}_{n}.tsv")
    return files


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
            raise ValueError(f"network {c!r}: expected <size>-<n> with size 10 or 100, e.g. 10-1")
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
    genes_f, reg_f, ko_f, aff_f, inc_f = [], [], [], [], []
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
            if wt is None or gold is None or any(v is None for v in perturbed.values()):
                continue
            sym = np.array([f"{net}:{g}" for g in genes], dtype=object)
            regulators = {a for a, _ in gold}
            genes_f.append(pd.DataFrame({"symbol": sym, "tf": [g in regulators for g in genes]}))
            inc_f.append(pd.DataFrame({"symbol": sym, "role": "gene", "index": np.arange(1, size + 1), "dataset": key}))
            reg_f.append(pd.DataFrame({"tf": [f"{net}:{a}" for a, _ in gold], "target": [f"{net}:{b}" for _, b in gold]}))
            for kind, values in perturbed.items():
                exp = np.array([f"{net}:{kind}:{g}" for g in genes], dtype=object)
                ko_f.append(pd.DataFrame({"experiment_id": exp, "gene": sym, "context": kind, "dataset": key}))
                base = np.broadcast_to(wt, values.shape)
                with np.errstate(divide="ignore", invalid="ignore"):
                    lfc = np.where((values > 0) & (base > 0), np.log2(values / base), np.nan)
                aff_f.append(pd.DataFrame({"experiment_id": np.repeat(exp, size), "symbol": np.tile(sym, size),
                                           "value": values.ravel(), "effect": (values - base).ravel(),
                                           "log2fc": lfc.ravel()}))
            p.datasets.append(dataset_row(key, SOURCE, VERSION, [files[k] for k in sorted(files)], SPECIES,
                                          network=net, n_genes=size, n_gold_edges=len(gold)))
    if not genes_f:
        return p
    cat = lambda fs: pd.concat(fs, ignore_index=True).assign(species=SPECIES)  # noqa: E731
    p.add("merge_genes", cat(genes_f)[["symbol", "species", "tf"]], "node", "Gene", source=SOURCE)
    ko = cat(ko_f)
    p.add("merge_knockouts", ko, "node", "Knockout", source=SOURCE)
    reg = cat(reg_f).assign(mode="unknown", modes=None, pmids=None)
    p.add("merge_regulates", reg, "rel", "REGULATES", source=SOURCE)
    inc = cat(inc_f)
    for ds, part in inc.groupby("dataset", sort=True):
        p.add("merge_includes", part[["symbol", "species", "role", "index"]], "rel", f"INCLUDES ({ds})", dataset=ds)
    p.add("merge_knocks_out", ko[["experiment_id", "gene", "species"]], "rel", "KNOCKS_OUT", source=SOURCE)
    p.add("merge_affects", cat(aff_f), "rel", "AFFECTS", source=SOURCE)
    return p
