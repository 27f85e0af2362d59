"""GNT: the one-token encoder layer is a transformer encoder layer, Hadamard edge features, the forward
pass and SVM scoring on a tiny planted set."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from tests.models.cases import held_out_auroc, hold_out_edges, planted_snapshot
from tfkg import models
from tfkg.models import ParamError
from tfkg.models.gnt import GNT, Encoder, GNTParams, TokenEncoderLayer, hadamard


def test_token_layer_equals_a_transformer_encoder_layer_on_one_token():
    torch.manual_seed(0)
    ref = torch.nn.TransformerEncoderLayer(16, 4, dim_feedforward=32, dropout=0.1, batch_first=True).eval()
    mine = TokenEncoderLayer(16).load_from(ref).eval()
    x = torch.randn(7, 16)
    with torch.no_grad():
        np.testing.assert_allclose(mine(x).numpy(), ref(x[:, None, :])[:, 0].numpy(), rtol=1e-5, atol=1e-5)


def test_hadamard_edge_features():
    emb = np.arange(12, dtype=float).reshape(4, 3)
    out = hadamard(emb, np.array([0, 3]), np.array([1, 1]))
    np.testing.assert_array_equal(out, [emb[0] * emb[1], emb[3] * emb[1]])


def test_forward_shapes():
    p = GNTParams(dim=8)
    net = Encoder(5, 3, p)
    h = net(torch.tensor([0, 4, 2]), torch.randn(5, 3))
    assert h.shape == (3, 8)


def test_svm_scores_separate_the_planted_edges_and_both_kernels_work():
    """Trained without a quarter of the planted edges, the SVM ranks those held-out edges above non-edges."""
    snap = planted_snapshot(seed=4, n_tf=8, n_gene=40, n_samples=40)
    train, held = hold_out_edges(snap, 0.25, seed=0)
    for kernel in ("linear", "rbf"):
        m = GNT(dim=16, epochs=40, kernel=kernel).fit(train, seed=0)
        s = m.score_matrix(np.arange(8), 40)
        np.testing.assert_allclose(s.ravel(), m.score(np.argwhere(np.ones((8, 40), bool))), rtol=1e-6, atol=1e-6)
        assert held_out_auroc(m, train, held) > 0.75, kernel
    assert held_out_auroc(models.create("degree").fit(train, None), train, held) < 0.6  # not a hub artefact
    with pytest.raises(ParamError):
        GNT(dim=0)


def test_needs_expression():
    snap = planted_snapshot()
    snap.expression = None
    with pytest.raises(ValueError, match="no expression"):
        GNT(epochs=1).fit(snap)
