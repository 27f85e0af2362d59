"""Hetnet link models (Rephetio-style DWPC features over every source in the graph)."""

from tfkg.models.hetnet.features import METAPATHS, SOURCES, dwpc_matrices, feature_tensor
from tfkg.models.hetnet.model import HetnetGBM, HetnetLR

__all__ = ["HetnetLR", "HetnetGBM", "METAPATHS", "SOURCES", "dwpc_matrices", "feature_tensor"]
