"""Degree-preserving randomisation of a directed bipartite edge list (XSwap; Hanhijärvi et al., SDM 2009, as used by
Himmelstein et al., eLife 2017 and Zietz et al., GigaScience 2024), and the XSwap edge prior derived from it.

A swap takes two edges ``(a, b), (c, d)`` and rewires them to ``(a, d), (c, b)`` when neither new edge exists, so
every source's out-degree and every target's in-degree stay the same. Swaps are done in vectorised rounds: each
round pairs up all edges at random and applies every valid swap at once (valid: the two new edges are new to the
graph and to each other, ``a != c``, ``b != d``, and no self-pair where ``forbid_self``); each round is a set of
independent XSwap moves, so degrees are exact. Rounds continue until ``multiplier`` swaps per edge were *attempted*
(the XSwap papers' stopping rule) — no Python loop over edges. The published implementation (PyPI ``xswap``, a C++
extension) has no wheel for this Python; this one is tested for exact degrees and no duplicate edges.
"""

from __future__ import annotations

import numpy as np

from tfkg.errors import InputError


def permute_edges(
    src: np.ndarray, dst: np.ndarray, multiplier: float = 10.0, seed: int = 0, forbid_self: bool = True
) -> tuple[np.ndarray, np.ndarray, dict]:
    """Rewired copies of ``src``/``dst`` (integer codes) with the same out- and in-degrees; ``stats`` says how many
    swaps were attempted and applied. Edge attributes that ride on the source side (e.g. a sign) stay aligned with
    the returned arrays' positions."""
    rng = np.random.default_rng(seed)
    src, dst = np.asarray(src, dtype=np.int64).copy(), np.asarray(dst, dtype=np.int64).copy()
    m = len(src)
    if m < 2:
        return src, dst, {"attempted": 0, "swapped": 0}
    width = int(max(dst.max(), src.max())) + 1
    code = src * width + dst
    if len(np.unique(code)) != m:
        raise InputError("the edge list has duplicate edges: XSwap needs a simple graph")
    attempted = swapped = 0
    target = multiplier * m
    while attempted < target:
        order = rng.permutation(m)
        half = m // 2
        i, j = order[:half], order[half : 2 * half]
        a, b, c, d = src[i], dst[i], src[j], dst[j]
        new1, new2 = a * width + d, c * width + b
        existing = np.sort(code)
        ok = (a != c) & (b != d)
        ok &= ~_isin_sorted(new1, existing) & ~_isin_sorted(new2, existing)
        if forbid_self:
            ok &= (a != d) & (c != b)
        # Two accepted swaps in one round must not create the same new edge.
        both = np.concatenate([new1[ok], new2[ok]])
        _, first, counts = np.unique(both, return_index=True, return_counts=True)
        dup = np.zeros(len(both), dtype=bool)
        dup[first[counts > 1]] = True
        dup |= np.isin(both, both[first[counts > 1]])
        k = int(ok.sum())
        keep = ok.copy()
        keep[np.flatnonzero(ok)] = ~(dup[:k] | dup[k:])
        ii, jj = i[keep], j[keep]
        dst[ii], dst[jj] = d[keep], b[keep]
        code[ii], code[jj] = new1[keep], new2[keep]
        attempted += half
        swapped += int(keep.sum())
    return src, dst, {"attempted": attempted, "swapped": swapped}


def _isin_sorted(values: np.ndarray, sorted_codes: np.ndarray) -> np.ndarray:
    pos = np.searchsorted(sorted_codes, values)
    pos[pos == len(sorted_codes)] = 0
    return sorted_codes[pos] == values


def edge_prior(
    src: np.ndarray, dst: np.ndarray, n_src: int, n_dst: int, permutations: int = 20, multiplier: float = 10.0, seed: int = 0
) -> np.ndarray:
    """The XSwap edge prior (Zietz et al. 2024): for every (source out-degree, target in-degree) pair, the share
    of (source, target) pairs with those degrees that are edges in degree-preserving permutations of the network.
    Returns a function of the degrees as a dense ``(max out-degree + 1, max in-degree + 1)`` table; look a pair up
    with ``table[out_deg[s], in_deg[t]]``."""
    src, dst = np.asarray(src, dtype=np.int64), np.asarray(dst, dtype=np.int64)
    out_deg = np.bincount(src, minlength=n_src)
    in_deg = np.bincount(dst, minlength=n_dst)
    hits = np.zeros((out_deg.max() + 1, in_deg.max() + 1))
    for p in range(permutations):
        s, d, _ = permute_edges(src, dst, multiplier, seed + p, forbid_self=False)
        np.add.at(hits, (out_deg[s], in_deg[d]), 1.0)
    # How many (source, target) pairs have each degree pair: outer product of the degree histograms.
    pairs = np.outer(np.bincount(out_deg, minlength=hits.shape[0]), np.bincount(in_deg, minlength=hits.shape[1]))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(pairs > 0, hits / (permutations * np.maximum(pairs, 1)), 0.0)
