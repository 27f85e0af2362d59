"""MTLGRN (multi-task GAT) and the ablations registered beside it.

* ``mtlgrn``       the full model: GAT encoder, link + knockout + expression heads (``model.py``);
* ``gat``          the same GAT with the link head only (no auxiliary tasks);
* ``feature-mlp``  the same features and link head without the graph (an MLP encoder);
* ``ko-mlp``       the paper's knockout baseline: an MLP of the control profile and a one-hot knocked-out
                   gene, no graph, no other task;
* ``genelink``     GENELink (Chen & Liu, Bioinformatics 2022): a GAT over the training TF->target graph with
                   each gene's expression as its features, separate TF and target projections and a dot
                   product — the link-only encoder above with expression features and GENELink's widths.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from tfkg.models.mtlgrn.features import BLOCKS, FeaturePipeline, GeneSpace
from tfkg.models.mtlgrn.model import CITATION, MTLGRN, MTLGRNParams


@dataclass(frozen=True)
class GATParams(MTLGRNParams):
    """gat parameters: mtlgrn's (see MTLGRNParams) with the knockout and expression heads off by default."""

    ko_weight: float = 0.0
    expr_weight: float = 0.0


@dataclass(frozen=True)
class FeatureMLPParams(GATParams):
    """feature-mlp parameters: gat's (see MTLGRNParams) with the MLP encoder (graph=False) by default."""

    graph: bool = False


@dataclass(frozen=True)
class KOMLPParams(MTLGRNParams):
    """ko-mlp parameters: mtlgrn's (see MTLGRNParams) with the knockout head alone, no graph, by default.

    ko_encoding: how the knockout head sees the knocked-out gene(s): "onehot" (multi-hot; the paper's
        baseline) or "embedding" (their summed encoder embeddings); "both" is not offered here
    """

    features: tuple[str, ...] = ("degree",)
    link_weight: float = 0.0
    expr_weight: float = 0.0
    graph: bool = False
    ko_encoding: Literal["embedding", "onehot"] = "onehot"


@dataclass(frozen=True)
class GENELinkParams(GATParams):
    """genelink parameters: gat's (see MTLGRNParams) with expression features and GENELink's widths."""

    features: tuple[str, ...] = ("expression",)
    pca_dim: int = 256
    hidden: int = 64
    heads: int = 3
    out_dim: int = 32
    epochs: int = 100


class GENELink(MTLGRN):
    """GENELink: GAT on expression features over the training edges, TF/target projections, dot product."""

    name = "genelink"
    citation = (
        "Chen & Liu, Graph attention network for link prediction of gene regulations from single-cell "
        "RNA-sequencing data, Bioinformatics 38:4522 (2022)"
    )
    Params: ClassVar[type] = GENELinkParams
    requires: ClassVar[frozenset[str]] = frozenset({"edges", "expression"})  # its node features are expression
    uses: ClassVar[frozenset[str]] = frozenset({"features", "priors", "perturbations"})


class GAT(MTLGRN):
    """MTLGRN's GAT encoder and link head alone (the auxiliary knockout and expression heads off)."""

    name = "gat"
    citation = CITATION
    Params: ClassVar[type] = GATParams


class FeatureMLP(MTLGRN):
    """MTLGRN's features and link head on an MLP encoder: what the node features give without the graph."""

    name = "feature-mlp"
    citation = CITATION
    Params: ClassVar[type] = FeatureMLPParams


class KOMLP(MTLGRN):
    """The paper's knockout MLP: control profile + one-hot knocked-out gene -> change (no graph, no other task)."""

    name = "ko-mlp"
    citation = CITATION
    Params: ClassVar[type] = KOMLPParams
    primary_task = "perturbation"
    requires: ClassVar[frozenset[str]] = frozenset({"perturbations"})  # the knockout head alone
    uses: ClassVar[frozenset[str]] = frozenset({"edges", "features", "priors", "expression"})


__all__ = ["MTLGRN", "MTLGRNParams", "GAT", "FeatureMLP", "KOMLP", "GENELink", "FeaturePipeline", "GeneSpace", "BLOCKS"]
