"""The interface every link predictor implements (training and scoring share one code path)."""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, ClassVar

import numpy as np

from tfkg.graph.export import Snapshot


class LinkPredictor(ABC):
    """Scores TF->target pairs of one snapshot.

    ``fit`` sees only a training snapshot (held-out edges already excluded by the export query) and
    optional training negatives; ``score`` returns one real number per (tf index, target index) pair,
    higher meaning more likely regulated. The same ``score`` is used in evaluation and in write-back.
    """

    name: ClassVar[str]
    defaults: ClassVar[dict[str, Any]] = {}

    def __init__(self, **params: Any):
        unknown = set(params) - set(self.defaults)
        if unknown:
            raise TypeError(f"{self.name}: unknown parameter(s) {sorted(unknown)}; known: {sorted(self.defaults)}")
        self.params: dict[str, Any] = {**self.defaults, **params}

    @abstractmethod
    def fit(self, snapshot: Snapshot, train_negatives: np.ndarray | None = None, seed: int = 0) -> "LinkPredictor":
        ...

    @abstractmethod
    def score(self, pairs: np.ndarray) -> np.ndarray:
        ...
