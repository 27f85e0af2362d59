"""Training snapshots: what Cypher exports from Neo4j for PyTorch (tensors + id maps), saved to disk.

A snapshot is taken for one *dataset* (the ``Dataset`` node whose ``INCLUDES`` edges name the member
TFs, targets and diseases with their original indices) and can leave out a set of held-out TF->target
pairs: the query itself filters them (``snapshot_regulates``), so a training snapshot never contains
a test edge, and neither does anything derived from it (walks, message passing, degree features).

On disk (``tfkg export``)::

    <dir>/tensors.pt     {"edges": {"tf__regulates__target": LongTensor[2, E], ...}, "num_nodes": {...}}
    <dir>/id_maps.json   {"tf": [symbols in index order], "target": [...], "disease": [CUIs]}
    <dir>/meta.json      dataset, sources, number of excluded pairs, sha256 of tensors.pt, created_at
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import torch

REG = ("tf", "regulates", "target")
TF_DIS = ("tf", "associated_with", "disease")
TG_DIS = ("target", "associated_with", "disease")


@dataclass(frozen=True)
class DatasetSpec:
    """Where a link-prediction dataset lives in the graph."""

    key: str                 # Dataset.key with INCLUDES members
    regulates_source: str    # REGULATES.source of its positive edges
    association_source: str | None  # ASSOCIATED_WITH.source of its gene-disease links (None: no diseases)
    tf_role: str = "tf"      # INCLUDES.role of the candidate regulators -> snapshot node type "tf"
    target_role: str = "target"  # INCLUDES.role of the candidate targets -> snapshot node type "target"


DATASETS = {"hgetgi": DatasetSpec("hgetgi", "HGETGI", "HGETGI")}


def dataset_spec(name: str) -> DatasetSpec:
    """``hgetgi``, or a BEELINE dataset key such as ``beeline:Specific:hESC:500`` (targets = all its genes)."""
    if name in DATASETS:
        return DATASETS[name]
    if name.startswith("beeline:"):
        return DatasetSpec(name, "BEELINE:" + name[len("beeline:"):], None, "tf", "gene")
    raise KeyError(f"unknown dataset {name!r}: hgetgi or beeline:<Net>:<cell>:<size>")


def edge_key(et: tuple[str, str, str]) -> str:
    return "__".join(et)


@dataclass
class Snapshot:
    dataset: str
    nodes: dict[str, list[str]]
    edges: dict[tuple[str, str, str], np.ndarray]  # each (2, E) int64, row 0 source index, row 1 target index
    meta: dict = field(default_factory=dict)

    # ---------------------------------------------------------------- views
    def num_nodes(self, ntype: str) -> int:
        return len(self.nodes[ntype])

    @property
    def positives(self) -> np.ndarray:
        """TF->target edges as an (E, 2) array of (tf index, target index)."""
        return self.edges[REG].T.copy()

    def index(self, ntype: str) -> dict[str, int]:
        return {k: i for i, k in enumerate(self.nodes[ntype])}

    def pair_keys(self, pairs: np.ndarray) -> list[str]:
        tf, tg = self.nodes["tf"], self.nodes["target"]
        return [f"{tf[a]}|{tg[b]}" for a, b in pairs]

    def to_hetero(self):
        """PyTorch Geometric ``HeteroData`` with reverse edge types added."""
        from torch_geometric.data import HeteroData

        data = HeteroData()
        for nt, keys in self.nodes.items():
            data[nt].num_nodes = len(keys)
        for (s, r, d), ei in self.edges.items():
            t = torch.from_numpy(ei)
            data[s, r, d].edge_index = t
            data[d, f"rev_{r}", s].edge_index = t.flip(0)
        return data

    # ---------------------------------------------------------------- disk
    def save(self, out: Path) -> Path:
        out.mkdir(parents=True, exist_ok=True)
        payload = {"edges": {edge_key(k): torch.from_numpy(v) for k, v in self.edges.items()},
                   "num_nodes": {k: len(v) for k, v in self.nodes.items()}}
        torch.save(payload, out / "tensors.pt")
        (out / "id_maps.json").write_text(json.dumps(self.nodes))
        meta = dict(self.meta, sha256=hashlib.sha256((out / "tensors.pt").read_bytes()).hexdigest())
        (out / "meta.json").write_text(json.dumps(meta, indent=2))
        return out

    @classmethod
    def load(cls, path: Path) -> "Snapshot":
        payload = torch.load(path / "tensors.pt", weights_only=True)
        nodes = json.loads((path / "id_maps.json").read_text())
        meta = json.loads((path / "meta.json").read_text())
        edges = {tuple(k.split("__")): v.numpy() for k, v in payload["edges"].items()}
        return cls(meta["dataset"], nodes, edges, meta)


def _members(graph, spec: DatasetSpec) -> dict[str, list[str]]:
    rows = _member_rows(graph, spec.key)
    if not rows:
        raise LookupError(f"dataset {spec.key!r} has no members in the graph; ingest it first")
    rename = {spec.tf_role: "tf", spec.target_role: "target"}
    return {rename.get(role, role): [r["key"] for r in rs] for role, rs in rows.items()}


def _pairs(rows: list[dict], a: str, b: str, ia: dict[str, int], ib: dict[str, int]) -> np.ndarray:
    if not rows:
        return np.zeros((2, 0), dtype=np.int64)
    arr = np.array([[ia[r[a]], ib[r[b]]] for r in rows], dtype=np.int64)
    arr = np.unique(arr, axis=0)  # sorted, so snapshots are byte-reproducible
    return arr.T.copy()


def export_snapshot(graph, dataset: str = "hgetgi", exclude: list[str] | None = None) -> Snapshot:
    """Export ``dataset`` from Neo4j, leaving out the held-out ``'TF|TARGET'`` pairs in ``exclude``."""
    spec = dataset_spec(dataset)
    exclude = sorted(set(exclude or []))
    nodes = _members(graph, spec)
    idx = {nt: {k: i for i, k in enumerate(keys)} for nt, keys in nodes.items()}
    edges = {REG: _pairs(graph.run("snapshot_regulates", dataset=spec.key, source=spec.regulates_source,
                                   exclude=exclude), "tf", "target", idx["tf"], idx["target"])}
    if spec.association_source:
        assoc = graph.run("snapshot_associations", dataset=spec.key, source=spec.association_source)
        edges[TF_DIS] = _pairs([r for r in assoc if r["gene"] in idx["tf"]], "gene", "disease", idx["tf"], idx["disease"])
        edges[TG_DIS] = _pairs([r for r in assoc if r["gene"] in idx["target"]], "gene", "disease", idx["target"],
                               idx["disease"])
    meta = {"dataset": dataset, "regulates_source": spec.regulates_source,
            "association_source": spec.association_source, "n_excluded": len(exclude),
            "excluded_sha256": hashlib.sha256("\n".join(exclude).encode()).hexdigest(),
            "queries": ["snapshot_members", "snapshot_regulates", "snapshot_associations"],
            "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    return Snapshot(dataset, nodes, edges, meta)


def reachable_mask(graph, dataset: str = "hgetgi") -> np.ndarray:
    """Boolean (n_tf, n_target) matrix: True where a TF->Disease->Disease->Target path exists (Cypher).

    ``~reachable_mask`` are the enhanced-negative candidates (positives among them included: the caller
    decides what to do with those)."""
    spec = dataset_spec(dataset)
    nodes = _members(graph, spec)
    # INCLUDES.index is the dataset's own id; snapshot positions follow its order.
    pos = {role: {int(r["index"]): i for i, r in enumerate(rows)} for role, rows in _member_rows(graph, spec.key).items()}
    mask = np.zeros((len(nodes["tf"]), len(nodes["target"])), dtype=bool)
    for row in graph.run("enhanced_negatives", dataset=spec.key, source=spec.association_source):
        cols = [pos["target"][i] for i in row["reachable"]]
        mask[pos["tf"][int(row["tf_index"])], cols] = True
    return mask


def _member_rows(graph, dataset: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for row in graph.run("snapshot_members", dataset=dataset):
        out.setdefault(row["role"], []).append(row)
    return out
