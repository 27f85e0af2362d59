"""Training snapshots: what Cypher exported from Neo4j for one dataset, as arrays, saved to disk.

A snapshot always has typed nodes (``nodes[ntype]`` = keys in index order) and edges
(``edges[(src, rel, dst)]`` = ``(2, E)`` int64). Optional *modalities* ride along, each exported by its own
named query (``tfkg.graph.export``) and each free of held-out data:

* ``features``      per node type: a float32 ``(n, d)`` matrix with column names (TF flag, TF family, …);
* ``expression``    genes × samples (rows aligned to ``nodes[expression.ntype]``) with sample metadata
                    (``group`` = the unit that folds never split: subject, cell, sample);
* ``priors``        per prior source: TF→target edge index with weight and sign (e.g. ``MOTIF_PRIOR``);
* ``perturbations`` experiments × genes change-from-control matrix, the perturbed gene of each experiment,
                    the control profile where known, and whether the effects are measured or simulated.
* ``hetnet``        ``links``: weighted TF→target relations from *other* sources that hetnet models use as
                    evidence (the ortholog pair regulated in mouse, co-expression in a bulk set, ChIP, pathway
                    databases' claims); never the dataset's own edges, and a claim's copy of a held-out edge is
                    left out (``CLAIM_LINKS``); plus gene–gene and gene–GO-term relations (``GENE_LINKS``).

On disk (``tfkg export``)::

    <dir>/tensors.pt       edges, num_nodes, features, priors, expression and perturbation arrays
    <dir>/id_maps.json     {"tf": [symbols in index order], "target": [...], ...}
    <dir>/samples.parquet  expression sample metadata (when the snapshot has expression)
    <dir>/meta.json        dataset, sources, modality descriptors, what was excluded, sha256 of tensors.pt
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
import torch

from tfkg.errors import InputError

REG = ("tf", "regulates", "target")
TF_DIS = ("tf", "associated_with", "disease")
TG_DIS = ("target", "associated_with", "disease")
# ``links`` whose pairs are literature/database claims, so a held-out edge's copy there is the edge itself: the
# export leaves them out on every evaluated pair, positive or negative (a claim kept on negatives only would tell
# the label), and on every pair of a held-out TF; the link harness checks it.
CLAIM_LINKS = ("ortholog:", "controls:")
# ``links`` that are not TF x target: gene x gene (``ppi:``, target indices) and gene x term (``go:``, target index,
# term number).
GENE_LINKS = ("ppi:", "go:")
MODALITIES = ("edges", "features", "expression", "priors", "perturbations", "hetnet")
# curated, signed priors (exported for expression datasets from REGULATES): chosen with -p prior=NAME, never part of
# the default (motif) prior union
SIGNED_PRIORS = ("collectri", "dorothea")
# what puts each modality in the graph, for the error a model's missing required modality gets
PROVIDED_BY = {
    "edges": "a regulation source (tfkg ingest trrust | collectri | hgetgi | beeline | dream4)",
    "features": "tfkg ingest hgnc and tf_families (gene locus groups, TF families)",
    "expression": "an expression data set (tfkg ingest expression | beeline | dream4)",
    "priors": "motif priors (tfkg ingest jaspar, then motif_hits or dorothea_tfbs)",
    "perturbations": "knockout experiments (tfkg ingest dream4 | morphic | de_table)",
    "hetnet": "hetnet evidence (tfkg ingest hcop, archs4, encode_chip, go, pathwaycommons, disgenet)",
}


def edge_key(et: tuple[str, str, str]) -> str:
    return "__".join(et)


@dataclass
class NodeFeatures:
    values: np.ndarray  # float32 (n_nodes, d)
    columns: list[str]


@dataclass
class Expression:
    """Genes × samples; row i is node i of ``ntype``. ``samples`` is indexed by sample id."""

    values: np.ndarray  # float32 (n_genes, n_samples)
    samples: pd.DataFrame  # index: sample id; columns: group, kind, ...
    ntype: str = "target"

    def __post_init__(self):
        if self.values.shape[1] != len(self.samples):
            raise InputError(f"expression has {self.values.shape[1]} columns but {len(self.samples)} samples")

    @property
    def sample_ids(self) -> list[str]:
        return [str(s) for s in self.samples.index]

    def select(self, keep: np.ndarray) -> "Expression":
        """The samples where the boolean ``keep`` is true."""
        keep = np.asarray(keep, dtype=bool)
        return Expression(self.values[:, keep], self.samples.iloc[np.flatnonzero(keep)], self.ntype)


@dataclass
class Prior:
    """Prior TF→target edges of one source (e.g. a motif scan): who may regulate whom, how strongly."""

    edge_index: np.ndarray  # int64 (2, E): tf index, target index
    weight: np.ndarray  # float32 (E,)
    sign: np.ndarray  # int8 (E,): +1 activation, -1 repression, 0 unknown


def drop_claims(link: Prior, codes: np.ndarray, tfs: np.ndarray, n_target: int) -> Prior:
    """``link`` without its pairs in ``codes`` (``tf * n_target + target``) and without every pair of ``tfs``."""
    ei = link.edge_index
    keep = ~(np.isin(ei[0] * n_target + ei[1], codes) | np.isin(ei[0], tfs))
    return Prior(ei[:, keep], link.weight[keep], link.sign[keep])


@dataclass
class Perturbations:
    """Experiments × genes change from control; ``perturbed[i]`` is experiment i's gene (index into ``ntype``) and,
    for a double knockout, ``perturbed2[i]`` its second gene (-1 for single perturbations; None: no doubles)."""

    experiments: list[str]
    perturbed: np.ndarray  # int64 (n_exp,), -1 where the perturbed gene is not a member
    effect: np.ndarray  # float32 (n_exp, n_genes): perturbed minus control (0 = no reported change)
    kind: list[str]  # knockout, knockdown, ... per experiment
    control: np.ndarray | None = None  # float32 (n_genes,) control profile, where the source has one
    simulated: bool = False
    changed_threshold: float = 0.0  # |effect| above this counts as "changed" (0: any nonzero)
    ntype: str = "target"
    perturbed2: np.ndarray | None = None  # int64 (n_exp,): second gene of a double knockout, else -1
    # float32 (n_exp, n_genes): the full profile's signed statistic of every measured gene (NaN = not measured),
    # where the source keeps full profiles (MorPhiC, DREAM4, de-table); ``effect`` holds only reported changes
    stat: np.ndarray | None = None

    @property
    def genes(self) -> np.ndarray:
        """(n_exp, 1) or, with double knockouts, (n_exp, 2) perturbed gene indices (-1 pads a single)."""
        if self.perturbed2 is None:
            return self.perturbed[:, None]
        return np.stack([self.perturbed, self.perturbed2], axis=1)

    @property
    def single(self) -> np.ndarray:
        """Boolean per experiment: one perturbed gene (not a double knockout)."""
        return np.ones(len(self.perturbed), bool) if self.perturbed2 is None else self.perturbed2 < 0

    def select(self, keep: np.ndarray) -> "Perturbations":
        keep = np.asarray(keep, dtype=bool)
        idx = np.flatnonzero(keep)
        return replace(
            self,
            experiments=[self.experiments[i] for i in idx],
            perturbed=self.perturbed[idx],
            effect=self.effect[idx],
            kind=[self.kind[i] for i in idx],
            perturbed2=None if self.perturbed2 is None else self.perturbed2[idx],
        )


@dataclass
class Snapshot:
    dataset: str
    nodes: dict[str, list[str]]
    edges: dict[tuple[str, str, str], np.ndarray]  # each (2, E) int64, row 0 source index, row 1 target index
    meta: dict = field(default_factory=dict)
    features: dict[str, NodeFeatures] = field(default_factory=dict)
    expression: Expression | None = None
    priors: dict[str, Prior] = field(default_factory=dict)
    perturbations: Perturbations | None = None
    links: dict[str, Prior] = field(default_factory=dict)  # hetnet: other sources' TF->target relations
    # (E,) int8 per edge type where the source has signs, aligned with ``edges``: +1 activation, -1 repression,
    # 0 unknown or both (TRRUST modes, DoRothEA mor, CollecTRI consensus signs)
    edge_signs: dict[tuple[str, str, str], np.ndarray] = field(default_factory=dict)

    # ---------------------------------------------------------------- views
    @property
    def expr(self) -> Expression:
        """The expression modality, for code that needs it (an InputError naming the dataset when it has none)."""
        if self.expression is None:
            raise InputError(f"snapshot of {self.dataset!r} has no expression (ingest an expression data set)")
        return self.expression

    @property
    def pert(self) -> Perturbations:
        """The perturbation modality, for code that needs it (an InputError naming the dataset when it has none)."""
        if self.perturbations is None:
            raise InputError(f"snapshot of {self.dataset!r} has no perturbation experiments (ingest knockouts)")
        return self.perturbations

    def check_has(self, required: frozenset[str] | set[str], who: str) -> None:
        """InputError naming each modality in ``required`` that this snapshot lacks and the ingest that provides it."""
        missing = [m for m in MODALITIES if m in required and m not in self.modalities]
        if missing:
            need = "; ".join(f"{m}: {PROVIDED_BY[m]}" for m in missing)
            raise InputError(f"{who} needs {', '.join(missing)}, which {self.dataset!r} does not have in the graph ({need})")

    def num_nodes(self, ntype: str) -> int:
        return len(self.nodes[ntype])

    @property
    def modalities(self) -> frozenset[str]:
        have = {"edges"} if self.edges else set()
        have |= {
            m
            for m, v in (
                ("features", self.features),
                ("expression", self.expression),
                ("priors", self.priors),
                ("perturbations", self.perturbations),
                ("hetnet", self.links),
            )
            if v
        }
        return frozenset(have)

    @property
    def positives(self) -> np.ndarray:
        """TF->target edges as an (E, 2) array of (tf index, target index)."""
        return self.edges[REG].T.copy()

    def view(self, modalities: set[str] | frozenset[str]) -> "Snapshot":
        """The same snapshot with only ``modalities`` (edges and nodes always): what the harness hands a model, so
        a model sees what it declares (``requires | uses``) and nothing its company brought along."""
        want = set(modalities)
        return replace(
            self,
            features=self.features if "features" in want else {},
            expression=self.expression if "expression" in want else None,
            priors=self.priors if "priors" in want else {},
            perturbations=self.perturbations if "perturbations" in want else None,
            links=self.links if "hetnet" in want else {},
        )

    def index(self, ntype: str) -> dict[str, int]:
        return {k: i for i, k in enumerate(self.nodes[ntype])}

    def rows_in(self, ntype: str, of: str = "tf") -> np.ndarray:
        """For each node of type ``of``, its index among ``ntype`` nodes (same key), or -1."""
        idx = self.index(ntype)
        return np.array([idx.get(k, -1) for k in self.nodes[of]], dtype=np.int64)

    def prior_edges(self, prior: str | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(2, E) TF index -> target index and (E,) sign of a prior: one source (a motif scan, or a curated signed
        prior such as "collectri"), the union of the motif priors (None; duplicates merged, the first source's sign
        kept) or "all" (every TF -> other gene pair).
        A gene paired with itself is never an edge."""
        n_tg = self.num_nodes("target")
        if prior == "all":
            codes = np.arange(self.num_nodes("tf") * n_tg)
            sign = np.zeros(len(codes), dtype=np.int8)
        else:
            motif = [p for k, p in self.priors.items() if k not in SIGNED_PRIORS]
            if prior is None and not motif:
                raise InputError(
                    f"dataset {self.dataset!r} has no motif prior in the graph (ingest dorothea_tfbs or "
                    "celloracle, or use prior=all" + (f" or prior={'|'.join(self.priors)})" if self.priors else ")")
                )
            if prior is not None and prior not in self.priors:
                raise InputError(f"no prior {prior!r}; the snapshot has: {', '.join(self.priors) or 'none'}")
            parts = [self.priors[prior]] if prior else motif
            ei = np.hstack([q.edge_index for q in parts])
            codes, first = np.unique(ei[0] * n_tg + ei[1], return_index=True)
            sign = np.concatenate([q.sign for q in parts]).astype(np.int8)[first]
        tf, tg = np.divmod(codes, n_tg)
        keep = self.rows_in("target", "tf")[tf] != tg
        return np.stack([tf[keep], tg[keep]]), sign[keep]

    def to_hetero(self):
        """PyTorch Geometric ``HeteroData``: every edge type plus its reverse, node features as ``x``,
        priors as ``(tf, prior_<source>, target)`` with ``edge_weight``/``edge_sign``, expression as
        ``data[ntype].expression`` and perturbations as ``data.perturbation_effect``/``perturbed``."""
        from torch_geometric.data import HeteroData

        data = HeteroData()
        for nt, keys in self.nodes.items():
            data[nt].num_nodes = len(keys)
        for (s, r, d), ei in self.edges.items():
            t = torch.from_numpy(ei)
            data[s, r, d].edge_index = t
            data[d, f"rev_{r}", s].edge_index = t.flip(0)
        for nt, f in self.features.items():
            data[nt].x = torch.from_numpy(f.values)
        for src, p in self.priors.items():
            store = data["tf", f"prior_{src}", "target"]
            store.edge_index = torch.from_numpy(p.edge_index)
            store.edge_weight = torch.from_numpy(p.weight)
            store.edge_sign = torch.from_numpy(p.sign)
        if self.expression is not None:
            data[self.expression.ntype].expression = torch.from_numpy(self.expression.values)
        if self.perturbations is not None:
            data.perturbation_effect = torch.from_numpy(self.perturbations.effect)
            data.perturbed = torch.from_numpy(self.perturbations.perturbed)
            if self.perturbations.perturbed2 is not None:
                data.perturbed2 = torch.from_numpy(self.perturbations.perturbed2)
        return data

    def digest(self) -> str:
        """sha256 of the content (id maps and every array), independent of when it was exported."""
        h = hashlib.sha256(json.dumps(self.nodes, sort_keys=True).encode())
        for name, arr in sorted(self._arrays().items()):
            h.update(name.encode())
            h.update(np.ascontiguousarray(arr).tobytes())
        if self.expression is not None:
            h.update(json.dumps(self.expression.sample_ids).encode())
        if self.perturbations is not None:
            h.update(json.dumps(self.perturbations.experiments).encode())
        return h.hexdigest()

    def _arrays(self) -> dict[str, np.ndarray]:
        out = {f"edges/{edge_key(k)}": np.asarray(v, dtype=np.int64) for k, v in self.edges.items()}
        out.update({f"edge_signs/{edge_key(k)}": np.asarray(v, dtype=np.int8) for k, v in self.edge_signs.items()})
        out.update({f"features/{nt}": f.values for nt, f in self.features.items()})
        for kind, group in (("priors", self.priors), ("links", self.links)):
            for src, p in group.items():
                out.update(
                    {f"{kind}/{src}/edge_index": p.edge_index, f"{kind}/{src}/weight": p.weight, f"{kind}/{src}/sign": p.sign}
                )
        if self.expression is not None:
            out["expression/values"] = self.expression.values
        if self.perturbations is not None:
            pt = self.perturbations
            out.update({"perturbations/effect": pt.effect, "perturbations/perturbed": pt.perturbed})
            if pt.control is not None:
                out["perturbations/control"] = pt.control
            if pt.perturbed2 is not None:
                out["perturbations/perturbed2"] = pt.perturbed2
            if pt.stat is not None:
                out["perturbations/stat"] = pt.stat
        return out

    # ---------------------------------------------------------------- disk
    def save(self, out: Path) -> Path:
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        payload: dict[str, object] = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in self._arrays().items()}
        payload["num_nodes"] = {k: len(v) for k, v in self.nodes.items()}
        torch.save(payload, out / "tensors.pt")
        (out / "id_maps.json").write_text(json.dumps(self.nodes))
        desc: dict = {
            "features": {nt: f.columns for nt, f in self.features.items()},
            "priors": sorted(self.priors),
            "links": sorted(self.links),
        }
        if self.expression is not None:
            self.expression.samples.to_parquet(out / "samples.parquet")
            desc["expression"] = {"ntype": self.expression.ntype}
        if self.perturbations is not None:
            pt = self.perturbations
            desc["perturbations"] = {
                "experiments": pt.experiments,
                "kind": pt.kind,
                "simulated": pt.simulated,
                "changed_threshold": pt.changed_threshold,
                "ntype": pt.ntype,
            }
        meta = dict(self.meta, modalities=desc, sha256=hashlib.sha256((out / "tensors.pt").read_bytes()).hexdigest())
        (out / "meta.json").write_text(json.dumps(meta, indent=2, default=str))
        return out

    @classmethod
    def load(cls, path: Path) -> "Snapshot":
        path = Path(path)
        payload = torch.load(path / "tensors.pt", weights_only=True)
        nodes = json.loads((path / "id_maps.json").read_text())
        meta = json.loads((path / "meta.json").read_text())
        desc = meta.pop("modalities", {})
        arr = {k: v.numpy() for k, v in payload.items() if k != "num_nodes"}
        edges = {tuple(k[len("edges/") :].split("__")): v for k, v in arr.items() if k.startswith("edges/")}
        signs = {tuple(k[len("edge_signs/") :].split("__")): v for k, v in arr.items() if k.startswith("edge_signs/")}
        features = {nt: NodeFeatures(arr[f"features/{nt}"], cols) for nt, cols in desc.get("features", {}).items()}
        priors, links = (
            {
                s: Prior(arr[f"{kind}/{s}/edge_index"], arr[f"{kind}/{s}/weight"], arr[f"{kind}/{s}/sign"])
                for s in desc.get(kind, [])
            }
            for kind in ("priors", "links")
        )
        expression = None
        if "expression" in desc:
            expression = Expression(
                arr["expression/values"], pd.read_parquet(path / "samples.parquet"), desc["expression"]["ntype"]
            )
        perturbations = None
        if "perturbations" in desc:
            d = desc["perturbations"]
            perturbations = Perturbations(
                d["experiments"],
                arr["perturbations/perturbed"],
                arr["perturbations/effect"],
                d["kind"],
                arr.get("perturbations/control"),
                d["simulated"],
                d["changed_threshold"],
                d["ntype"],
                arr.get("perturbations/perturbed2"),
                arr.get("perturbations/stat"),
            )
        return cls(meta["dataset"], nodes, edges, meta, features, expression, priors, perturbations, links, signs)
