"""Moved to :mod:`tfkg.data.xswap` (the models use the XSwap edge prior, and models do not import ``tfkg.eval``);
the old names stay importable from here."""

from tfkg.data.xswap import edge_prior, permute_edges

__all__ = ["edge_prior", "permute_edges"]
