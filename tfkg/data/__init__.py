"""Declared, multi-modal training data: snapshots (``snapshot``) and the dataset registry (``datasets``).

Nothing here talks to Neo4j: ``tfkg.graph.export`` fills a :class:`Snapshot` from the graph."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tfkg.data.datasets import DatasetSpec, dataset_spec
    from tfkg.data.snapshot import (
        MODALITIES,
        REG,
        TF_DIS,
        TG_DIS,
        Expression,
        NodeFeatures,
        Perturbations,
        Prior,
        Snapshot,
    )

# loaded on first use: the dataset registry (CLI help text) must not pull in torch through the snapshot module
_FROM = {"DatasetSpec": "datasets", "dataset_spec": "datasets"}


def __getattr__(name: str):
    if name in __all__:
        return getattr(importlib.import_module(f"tfkg.data.{_FROM.get(name, 'snapshot')}"), name)
    raise AttributeError(f"module 'tfkg.data' has no attribute {name!r}")


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
