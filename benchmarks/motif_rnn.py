"""One motif-rnn training step at the thesis's scale against the LEMBAS reference algorithm, same run.

A synthetic prior network (16,000 nodes, 200,000 TF -> gene edges from 1,200 TFs, positive weights scaled
to a spectral radius of ``--rho``: a stiff network that takes many iterations; ``--signed`` for random
signs) and 64 samples. One step = the steady state (forward) and the gradient of a
squared-error loss with respect to every edge weight (backward), both to the same tolerance (max |Δ| <
1e-5, at most 300 iterations):

* reference: LEMBAS's algorithm as scipy sparse float64, one sample at a time — fixed-point iteration
  forward, the adjoint fixed-point iteration on the transposed network backward;
* tfkg: one batched float32 CSR product per iteration for all samples, plain or Anderson-accelerated
  forward, implicit (adjoint) backward; and plain autograd through the iterations (``unrolled``) for the
  gradient-method comparison.

Accuracy is checked, not assumed: the steady states and the edge gradients of every variant are compared
with the reference (relative error printed).

    .venv/bin/python benchmarks/motif_rnn.py [--samples 64] [--rho 0.9] [--device cuda]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp
import torch

from tfkg.models.motif_rnn.steady import Network, solve, steady_state
from tfkg.provenance import write_csv


def mml_np(z):
    return np.where(z < 0, 0.01 * z, np.where(z <= 0.5, z, 1 - 0.25 / np.maximum(z, 0.5)))


def mml_grad_np(z):
    return np.where(z < 0, 0.01, np.where(z <= 0.5, 1.0, 0.25 / np.maximum(z, 0.5) ** 2))


def synthetic(n=16_000, n_tf=1_200, edges=200_000, rho=0.9, samples=64, seed=0, signed=False):
    rng = np.random.default_rng(seed)
    src = rng.integers(0, n_tf, edges)
    dst = rng.integers(0, n, edges)
    keep = src != dst
    codes = np.unique(src[keep] * n + dst[keep])
    src, dst = codes // n, codes % n
    w = rng.normal(size=len(src))
    if not signed:  # all-activating: the spectral radius of A itself is rho (a stiff network)
        w = np.abs(w)
    a = sp.csr_matrix((np.abs(w), (dst, src)), shape=(n, n))
    v = np.ones(n)
    for _ in range(60):  # spectral radius of |A| by power iteration
        v = a @ v
        v /= np.linalg.norm(v)
    w *= rho / (np.linalg.norm(a @ v) / np.linalg.norm(v))
    bias = rng.uniform(0, 0.2, n)
    u = np.zeros((n, samples))
    u[:n_tf] = rng.uniform(0, 1, (n_tf, samples))
    target = rng.uniform(0, 1, (n, samples))
    return src, dst, w, bias, u, target


def reference_step(src, dst, w, bias, u, target, tol=1e-5, max_iter=300):
    """LEMBAS's algorithm: per sample, scipy float64, fixed point forward and adjoint backward."""
    n = len(bias)
    A = sp.csr_matrix((w, (dst, src)), shape=(n, n))
    At = A.T.tocsr()
    grad = np.zeros_like(w)
    states = np.zeros_like(u)
    iters = []
    for s in range(u.shape[1]):
        x = np.zeros(n)
        for it in range(1, max_iter + 1):  # noqa: B007 - the count is kept after the loop
            x_new = mml_np(A @ x + bias + u[:, s])
            done = np.abs(x_new - x).max() < tol
            x = x_new
            if done:
                break
        iters.append(it)
        states[:, s] = x
        d = mml_grad_np(A @ x + bias + u[:, s])
        g = 2 * (x - target[:, s]) / x.size / u.shape[1]  # d mean((x - target)^2) / dx
        v = d * g
        for _ in range(max_iter):
            v_new = d * (g + At @ v)
            done = np.abs(v_new - v).max() < tol * max(1.0, np.abs(g).max())
            v = v_new
            if done:
                break
        grad += v[dst] * x[src]
    return states, grad, float(np.mean(iters))


def tfkg_step(net, w, bias, u, target, gradient, anderson, tol=1e-5, max_iter=300):
    w = w.clone().requires_grad_(True)
    x = steady_state(net, w, bias, u, tol, max_iter, anderson, gradient)
    loss = ((x - target) ** 2).mean()
    loss.backward()
    return x.detach(), w.grad


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--samples", type=int, default=64)
    ap.add_argument("--rho", type=float, default=0.9, help="spectral radius of |A| (stiffness of the network)")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--signed", action="store_true", help="random-sign weights (A's own radius far below rho)")
    ap.add_argument("--ref-samples", type=int, default=8, help="samples the reference is timed on (then scaled)")
    ap.add_argument("--repeats", type=int, default=5, help="tfkg steps timed (the best is reported)")
    ap.add_argument("--csv", type=Path, help="also write the table here (for benchmarks/results.py publish)")
    args = ap.parse_args()
    src, dst, w, bias, u, target = synthetic(rho=args.rho, samples=args.samples, signed=args.signed)
    print(
        f"{len(bias):,} nodes, {len(w):,} edges, {args.samples} samples, spectral radius of |A| {args.rho}, "
        f"torch threads {torch.get_num_threads()}, device {args.device}"
    )
    k = min(args.ref_samples, args.samples)
    ref_times = []
    for _ in range(3):  # the same statistic as tfkg's: the best of several timings
        t0 = time.perf_counter()
        ref_x, ref_g, ref_it = reference_step(src, dst, w, bias, u[:, :k], target[:, :k])
        ref_times.append((time.perf_counter() - t0) * args.samples / k)
    t_ref = min(ref_times)
    print(
        f"reference (scipy float64, per sample): {t_ref:.2f} s per step (best of 3, timed on {k} samples, "
        f"{ref_it:.0f} forward iterations per sample)"
    )
    rows = [{"path": "LEMBAS reference (scipy float64, per sample, adjoint backward)", "s per step": t_ref, "speed-up": 1.0}]
    dev = torch.device(args.device)
    net = Network(torch.as_tensor(dst, device=dev), torch.as_tensor(src, device=dev), len(bias))
    tw, tb = torch.as_tensor(w, dtype=torch.float32, device=dev), torch.as_tensor(bias, dtype=torch.float32, device=dev)
    tu, tt = (torch.as_tensor(a, dtype=torch.float32, device=dev) for a in (u, target))
    for name, gradient, anderson in (
        ("implicit, plain fixed point", "implicit", 0),
        ("implicit, Anderson(5)", "implicit", 5),
        ("unrolled autograd, plain", "unrolled", 0),
    ):
        tfkg_step(net, tw, tb, tu[:, :4], tt[:, :4], gradient, anderson)  # warm-up
        times = []
        for _ in range(args.repeats):  # best of: steps are short
            if dev.type == "cuda":
                torch.cuda.synchronize()
            t0 = time.perf_counter()
            tfkg_step(net, tw, tb, tu, tt, gradient, anderson)
            if dev.type == "cuda":
                torch.cuda.synchronize()
            times.append(time.perf_counter() - t0)
            if gradient == "unrolled":
                break
        t = min(times)
        _, iters, _ = solve(net, tw, tb, tu, anderson=anderson)
        # accuracy against the reference on the samples it ran (gradient rescaled: mean over k vs all samples)
        xk, gk = tfkg_step(net, tw, tb, tu[:, :k], tt[:, :k], gradient, anderson)
        ex = float(np.abs(xk.cpu().numpy() - ref_x).max())
        eg = float(np.linalg.norm(gk.cpu().numpy() - ref_g) / np.linalg.norm(ref_g))
        print(
            f"{name:30} {t:7.3f} s per step (best of {len(times)}, {iters} forward iterations)  speed-up {t_ref / t:6.1f}x   "
            f"max |x - x_ref| {ex:.1e}, gradient relative error {eg:.1e}"
        )
        rows.append(
            {
                "path": f"tfkg: {name}",
                "s per step": t,
                "speed-up": t_ref / t,
                "forward iterations": iters,
                "max abs state error": ex,
                "gradient relative error": eg,
            }
        )
    if args.csv:
        write_csv(pd.DataFrame(rows), args.csv)


if __name__ == "__main__":
    main()
