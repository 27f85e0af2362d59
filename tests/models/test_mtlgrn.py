"""MTLGRN: the feature pipeline (PCA fitted on the training snapshot only), each head's shapes and losses,
switchable heads, combinations, and that it learns a planted structure."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from tests.models.cases import held_out_auroc, hold_out_edges, planted_snapshot
from tfkg import models
from tfkg.data.snapshot import REG
from tfkg.models import ParamError
from tfkg.models.mtlgrn import MTLGRN, FeaturePipeline, GeneSpace
from tfkg.models.mtlgrn.model import Net

FAST = {"epochs": 40, "heads": 2, "hidden": 8, "out_dim": 8, "pca_dim": 4}


@pytest.fixture(scope="module")
def snap():
    return planted_snapshot(seed=2)


def test_gene_space_maps_tf_and_target_to_one_node(snap):
    space = GeneSpace.of(snap)
    assert space.n == len(set(snap.nodes["tf"]) | set(snap.nodes["target"]))
    assert [space.symbols[i] for i in space.tf_node] == snap.nodes["tf"]
    assert [space.symbols[i] for i in space.target_node] == snap.nodes["target"]
    e = space.edges(snap)
    assert e.shape == snap.edges[REG].shape


def test_feature_pipeline_widths_and_training_only_fit(snap):
    space = GeneSpace.of(snap)
    pipe = FeaturePipeline(("attributes", "motifs", "expression", "responses", "degree"), 4)
    x = pipe.fit_transform(snap, space)
    assert pipe.used == ["attributes", "motifs", "expression", "responses", "degree"]
    assert x.shape == (space.n, sum(pipe.widths.values())) and pipe.widths["degree"] == 2
    assert all(w <= 4 for b, w in pipe.widths.items() if b != "degree") and np.isfinite(x).all()
    # the fit sees only what the training snapshot holds: drop experiments, samples and edges and the
    # features change (their PCA is fitted on the training data, not on anything held out)
    train = planted_snapshot(seed=2)
    keep = np.arange(len(train.perturbations.experiments)) >= 3
    train.perturbations = train.perturbations.select(keep)
    train.expression = train.expression.select(np.arange(train.expression.values.shape[1]) >= 4)
    train.edges[REG] = train.edges[REG][:, 5:]
    y = FeaturePipeline(pipe.blocks, 4).fit_transform(train, GeneSpace.of(train))
    assert y.shape[0] == x.shape[0] and not np.allclose(x, y)
    model = MTLGRN(**FAST).fit(train, seed=0)
    np.testing.assert_allclose(model.x, y, rtol=1e-5, atol=1e-6)  # the model's features are the training ones
    with pytest.raises(ValueError, match="none of the feature blocks"):
        FeaturePipeline(("expression",), 4).fit_transform(_without(train, "expression"), GeneSpace.of(train))


def _without(snap, attr):
    s = planted_snapshot(seed=2)
    setattr(s, attr, None)
    return s


def test_heads_shapes_and_losses(snap):
    p = MTLGRN(**FAST).params
    n_genes, n_samples = len(snap.nodes["target"]), snap.expression.values.shape[1]
    net = Net(6, p, n_genes, n_samples)
    x = torch.randn(n_genes, 6)
    ei = torch.as_tensor(GeneSpace.of(snap).edges(snap))
    z = net.encode(x, torch.cat([ei, ei.flip(0)], 1))
    assert z.shape == (n_genes, p.out_dim)
    a = torch.tensor([0, 1, 2])
    assert net.link(z, a, a + 5).shape == (3,)
    ko = torch.zeros(4, n_genes)
    ko[0, 1] = ko[1, 2] = ko[2, [1, 2]] = 1
    assert net.knockout(z, torch.zeros(1, n_genes), ko).shape == (4, n_genes)
    assert (z @ net.samples.T).shape == (n_genes, n_samples)
    m = MTLGRN(**{**FAST, "epochs": 60}).fit(snap, seed=0)
    assert m.heads_on == ["link", "knockout", "expression"]
    assert np.mean(m.history[-10:]) < np.mean(m.history[:10]), "the joint loss goes down"


def test_heads_switch_off_and_refuse_what_they_did_not_learn(snap):
    link_only = MTLGRN(**FAST, ko_weight=0, expr_weight=0).fit(snap)
    assert link_only.heads_on == ["link"]
    with pytest.raises(ValueError, match="without knockouts"):
        link_only.predict_effects(np.array([0]))
    ko_only = MTLGRN(**FAST, link_weight=0, expr_weight=0).fit(snap)
    assert ko_only.heads_on == ["knockout"]
    with pytest.raises(ValueError, match="no head has data"):
        MTLGRN(**FAST, link_weight=0, ko_weight=0, expr_weight=0).fit(snap)
    with pytest.raises(ParamError, match="pairwise"):
        MTLGRN(ko_decoder="pairwise")
    with pytest.raises(ParamError, match="features"):
        MTLGRN(features=("attributes", "sequence"))


def test_combinations_and_single_predictions_agree(snap):
    m = MTLGRN(**FAST).fit(snap)
    single = m.predict_effects(np.array([0, 3]))
    padded = m.predict_combinations(np.array([[0, -1], [3, -1]]))
    np.testing.assert_allclose(single, padded, rtol=1e-6)
    double = m.predict_combinations(np.array([[0, 3]]))
    assert double.shape == (1, len(snap.nodes["target"])) and not np.allclose(double[0], single[0])


@pytest.mark.parametrize("decoder", ["mlp", "pairwise"])
def test_learns_the_planted_structure(snap, decoder):
    """Planted: TFs regulate genes of their block. Trained without a quarter of the edges (gone from the prior too),
    its scores rank those held-out edges above the pairs that are no edge; the knockout head reproduces its
    training knockouts better than their mean does."""
    enc = "embedding" if decoder == "pairwise" else "both"
    train, held = hold_out_edges(snap, 0.25, seed=0)
    m = MTLGRN(**{**FAST, "epochs": 150, "ko_decoder": decoder, "ko_encoding": enc}).fit(train, seed=0)
    assert held_out_auroc(m, train, held) > 0.8
    assert held_out_auroc(models.create("degree").fit(train, None), train, held) < 0.6  # not a hub artefact
    pt = snap.perturbations
    err = ((m.predict_effects(pt.perturbed) - pt.effect) ** 2).mean()
    assert err < ((pt.effect - pt.effect.mean(0)) ** 2).mean()
