"""Declared, multi-modal training data: snapshots (``snapshot``) and the dataset registry (``datasets``).

Nothing here talks to Neo4j: ``tfkg.graph.export`` fills a :class:`Snapshot` from the graph."""

from tfkg.data.datasets import DatasetSpec, dataset_spec
from tfkg.data.snapshot import MODALITIES, REG, TF_DIS, TG_DIS, Expression, NodeFeatures, Perturbations, Prior, Snapshot

__all__ = [
    "DatasetSpec",
    "dataset_spec",
    "MODALITIES",
    "REG",
    "TF_DIS",
    "TG_DIS",
    "Expression",
    "NodeFeatures",
    "Perturbations",
    "Prior",
    "Snapshot",
]
