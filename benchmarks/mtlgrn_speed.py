"""Training speed of MTLGRN's GAT encoder: PyTorch Geometric's sparse ``GATConv`` (what ``mtlgrn`` uses)
against the same two-layer GAT written with a dense N x N attention matrix, on the TRRUST mouse graph
(features and edges exported by Cypher), in one run on one machine. Both train the same link loss from
the same weights; the printout checks that their first forward passes agree, then gives epochs/s and
the ratio. Then the wall time of mtlgrn's 5-fold cross-validation (tf-matched) through the harness.

    .venv/bin/python benchmarks/mtlgrn_speed.py [--dataset trrust:mouse] [--epochs 10] [--threads 2] [--no-cv]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import torch
from torch import nn

os.environ.setdefault("TFKG_PROFILE", "default")

from tfkg.eval.harness import EvalConfig, evaluate  # noqa: E402
from tfkg.graph.db import connect  # noqa: E402
from tfkg.graph.export import export_snapshot  # noqa: E402
from tfkg.models.mtlgrn import MTLGRN, FeaturePipeline, GeneSpace  # noqa: E402
from tfkg.models.mtlgrn.model import Net  # noqa: E402
from tfkg.provenance import write_csv  # noqa: E402


def dense_layer(conv, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """``GATConv``'s math with its own parameters over a dense (target, source) mask (self-loops included)."""
    heads, ch = conv.heads, conv.out_channels
    h = conv.lin(x).view(-1, heads, ch)  # (N, H, C)
    a_src = (h * conv.att_src).sum(-1)  # (N, H)
    a_dst = (h * conv.att_dst).sum(-1)
    e = nn.functional.leaky_relu(a_dst.T[:, :, None] + a_src.T[:, None, :], conv.negative_slope)  # (H, N, N)
    alpha = torch.softmax(e.masked_fill(~mask, float("-inf")), dim=-1)
    out = (alpha @ h.transpose(0, 1)).transpose(0, 1)  # (N, H, C)
    out = out.reshape(len(x), heads * ch) if conv.concat else out.mean(1)
    return out + conv.bias


def dense_encode(net: Net, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    h = nn.functional.elu(dense_layer(net.conv1, x, mask))
    return dense_layer(net.conv2, h, mask)


def train(encode, net: Net, x, pos, neg, epochs: int) -> float:
    opt = torch.optim.Adam(net.parameters(), lr=5e-3)
    a = torch.cat([pos[0], neg[0]])
    b = torch.cat([pos[1], neg[1]])
    y = torch.cat([torch.ones(pos.shape[1]), torch.zeros(neg.shape[1])])
    t = time.perf_counter()
    for _ in range(epochs):
        z = encode(x)
        loss = nn.functional.binary_cross_entropy_with_logits(net.link(z, a, b), y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
    return epochs / (time.perf_counter() - t)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dataset", default="trrust:mouse")
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--no-cv", action="store_true", help="skip the 5-fold cross-validation timing")
    ap.add_argument("--csv", type=Path, help="also write the table here (for benchmarks/results.py publish)")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    with connect() as g:
        snap = export_snapshot(g, args.dataset)
        space = GeneSpace.of(snap)
        p = MTLGRN(dropout=0.0).params  # no dropout: the two paths compute the same thing
        x = torch.as_tensor(FeaturePipeline(p.features, p.pca_dim).fit_transform(snap, space))
        e = torch.as_tensor(space.edges(snap))
        both = torch.unique(torch.cat([e, e.flip(0)], 1), dim=1)  # as MTLGRN._graph
        n = space.n
        mask = torch.zeros(n, n, dtype=torch.bool)
        mask[both[1], both[0]] = True  # target attends over its sources
        mask[torch.arange(n), torch.arange(n)] = True  # GATConv adds self-loops
        rng = np.random.default_rng(0)
        neg = torch.as_tensor(
            np.stack(
                [
                    space.tf_node[rng.integers(0, len(space.tf_node), e.shape[1])],
                    space.target_node[rng.integers(0, len(space.target_node), e.shape[1])],
                ]
            )
        )
        torch.manual_seed(0)
        sparse_net = Net(x.shape[1], p, 0, 0)
        dense_net = Net(x.shape[1], p, 0, 0)
        dense_net.load_state_dict(sparse_net.state_dict())
        with torch.no_grad():
            diff = (sparse_net.encode(x, both) - dense_encode(dense_net, x, mask)).abs().max().item()
        print(
            f"{args.dataset}: {n:,} genes, {e.shape[1]:,} edges (both directions pass messages), "
            f"{x.shape[1]} feature columns; {p.heads} heads x {p.hidden}, then {p.out_dim}"
        )
        print(f"first forward pass, sparse vs dense: max |difference| {diff:.2e}")
        train(lambda v: sparse_net.encode(v, both), sparse_net, x, e, neg, 2)  # warm-up
        sparse = train(lambda v: sparse_net.encode(v, both), sparse_net, x, e, neg, args.epochs)
        dense = train(lambda v: dense_encode(dense_net, v, mask), dense_net, x, e, neg, max(2, args.epochs // 5))
        print(
            f"training epochs/s ({args.threads} threads): PyG sparse GATConv {sparse:.2f}, dense N x N {dense:.3f}; "
            f"sparse/dense = {sparse / dense:.2f}x"
        )
        rows = [
            {"measurement": "graph: genes", "value": n},
            {"measurement": "graph: edges", "value": e.shape[1]},
            {"measurement": "feature columns", "value": x.shape[1]},
            {"measurement": "first forward pass, sparse vs dense: max |difference|", "value": diff},
            {"measurement": f"training epochs/s, PyG sparse GATConv (what mtlgrn uses), {args.threads} threads", "value": sparse},
            {"measurement": "training epochs/s, the same GAT with a dense N x N attention matrix", "value": dense},
            {"measurement": "sparse / dense", "value": sparse / dense},
        ]
        if not args.no_cv:
            with tempfile.TemporaryDirectory() as tmp:
                t = time.perf_counter()
                res = evaluate(
                    g,
                    EvalConfig(
                        model="mtlgrn",
                        dataset=args.dataset,
                        protocol="tf-matched",
                        folds=5,
                        baselines=(),
                        record=False,
                        out_dir=tmp,
                    ),
                )
                wall = time.perf_counter() - t
            fit = res.value("fit_s")[0]
            print(
                f"mtlgrn 5-fold CV on {args.dataset} (tf-matched, export + fit + score per fold): {wall:.0f} s "
                f"wall ({fit:.1f} s fit per fold; {p.epochs} epochs); target <= 600 s"
            )
            rows += [
                {"measurement": f"mtlgrn 5-fold CV on {args.dataset} (tf-matched; export + fit + score), s", "value": wall},
                {"measurement": f"mtlgrn fit per fold ({p.epochs} epochs), s", "value": fit},
            ]
        if args.csv:
            write_csv(pd.DataFrame(rows), args.csv)


if __name__ == "__main__":
    main()
