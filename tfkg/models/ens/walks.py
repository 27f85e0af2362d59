"""Vectorized meta-path random walks over CSR tensors (CPU or CUDA).

All walkers advance one step at a time *together*: for the current nodes ``cur`` of one node type the
next node is ``col[rowptr[cur] + floor(u * deg(cur))]`` with one uniform ``u`` per walker, a handful of
tensor ops per step whatever the number of walkers. There is no Python loop over walkers or tokens,
only over the ``walk_length`` steps.

Node ids in a walk are *global*: the node types are laid out one after the other (``offsets``), then
an optional cold-start node, then ``pad`` — an id that is never a node.

Dead ends are explicit. A walker whose node has no neighbour of the next meta-path type either

* stops: this and every later position hold ``pad`` (masked out of skip-gram pairs, never a node
  name), or
* with ``cold_start=True``, steps to the cold-start node ``cold``; from ``cold`` it steps to a
  uniformly random node of the following type (the cold-start node is linked to every node, like the
  ``CS`` pseudo-disease of HGETGI, so the walk keeps its meta-path types at every position).

The adjacency is the training snapshot that Cypher exported (held-out TF->target pairs are already absent
from it, so no walk can ever cross one). Against PyG's ``MetaPath2Vec`` sampler the semantics differ on
purpose: PyG's dummy node *absorbs* a walk at a dead end; here the cold-start node *continues* it to a
uniform node of the next type, and a stopped walk is padded with ``pad`` explicitly. Speed is not the
reason (walks take under 1 s of a fit): the semantics are.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from tfkg.data.snapshot import Snapshot
from tfkg.errors import UnknownNameError

# TF - Target - Disease - Target - TF: the node types of one period of the cycle.
ZTDTZ = ("tf", "target", "disease", "target")


@dataclass
class CSR:
    """Neighbours of the ``src`` type in the ``dst`` type: ``col[rowptr[i]:rowptr[i+1]]`` (global ids)."""

    src: str
    dst: str
    rowptr: torch.Tensor  # (n_src + 1,) int64
    col: torch.Tensor  # (nnz,) int64, global ids of dst nodes

    @property
    def deg(self) -> torch.Tensor:
        return self.rowptr[1:] - self.rowptr[:-1]


def _csr(rows: np.ndarray, cols: np.ndarray, n_src: int, dst_offset: int) -> tuple[torch.Tensor, torch.Tensor]:
    pairs = np.unique(np.stack([rows, cols], 1), axis=0) if len(rows) else np.zeros((0, 2), np.int64)
    rowptr = np.zeros(n_src + 1, dtype=np.int64)
    np.cumsum(np.bincount(pairs[:, 0], minlength=n_src), out=rowptr[1:])
    return torch.from_numpy(rowptr), torch.from_numpy(pairs[:, 1].astype(np.int64) + dst_offset)


class MetaPathWalker:
    """Meta-path walks on a typed graph.

    ``adjacency`` maps ``(src_type, dst_type)`` to an ``(E, 2)`` array of local (src, dst) indices, one
    entry per step of the cycle ``metapath`` (node types; the walk cycles through them)."""

    def __init__(
        self,
        num_nodes: dict[str, int],
        adjacency: dict[tuple[str, str], np.ndarray],
        metapath: tuple[str, ...] = ZTDTZ,
        cold_start: bool = False,
        device: str | torch.device = "cpu",
    ):
        self.metapath = tuple(metapath)
        self.types = list(num_nodes)
        self.num_nodes_by_type = dict(num_nodes)
        self.offsets: dict[str, int] = {}
        n = 0
        for t in self.types:
            self.offsets[t] = n
            n += num_nodes[t]
        self.num_real = n
        self.cold_start = cold_start
        self.cold = n if cold_start else -1
        self.num_nodes = n + (1 if cold_start else 0)  # rows of an embedding table
        self.pad = self.num_nodes  # never a node
        self.device = torch.device(device)
        k = len(self.metapath)
        self.steps: list[CSR] = []
        for i in range(k):
            s, d = self.metapath[i], self.metapath[(i + 1) % k]
            e = np.asarray(adjacency[(s, d)], dtype=np.int64).reshape(-1, 2)
            rowptr, col = _csr(e[:, 0], e[:, 1], num_nodes[s], self.offsets[d])
            self.steps.append(CSR(s, d, rowptr.to(self.device), col.to(self.device)))
        self._walk_csr = [self._extend(st) for st in self.steps]
        # node type id of every global id (pad and cold get -1) — used for typed negatives
        tid = torch.full((self.num_nodes + 1,), -1, dtype=torch.long)
        for j, t in enumerate(self.types):
            tid[self.offsets[t] : self.offsets[t] + num_nodes[t]] = j
        self.type_id = tid.to(self.device)

    def _extend(self, st: CSR) -> tuple[torch.Tensor, torch.Tensor]:
        """The step's CSR over *all* global ids (pad and cold-start included), dead ends made explicit:

        * a node of the source type without a neighbour of the destination type gets one entry, ``pad``
          (the walk stops) or ``cold`` (cold-start option);
        * the cold-start node's row lists every node of the destination type;
        * ``pad`` (and any id that is not of the source type) gets one entry, ``pad``.

        A step is then ``col[rowptr[cur] + floor(u * deg[cur])]`` for every walker, no branches.
        Returns (table, col): ``table[g] = (rowptr[g], deg[g] - margin)`` as float64, so that one gather
        and one fused multiply-add give ``rowptr + floor(u * deg)`` with ``floor`` strictly below deg."""
        n_all = self.num_nodes + 1  # global ids 0..pad
        dead = self.cold if self.cold_start else self.pad
        deg = torch.ones(n_all, dtype=torch.long)
        off, n_s = self.offsets[st.src], self.num_nodes_by_type[st.src]
        real_deg = st.deg.cpu()
        deg[off : off + n_s] = real_deg.clamp(min=1)
        # the one entry of single-entry rows: pad, or ``dead`` for source nodes without a neighbour
        lists = torch.full((n_all,), self.pad, dtype=torch.long)
        lists[off : off + n_s] = torch.where(real_deg > 0, -1, dead)
        n_d, off_d = self.num_nodes_by_type[st.dst], self.offsets[st.dst]
        if self.cold_start:
            deg[self.cold] = n_d
        rowptr = torch.zeros(n_all + 1, dtype=torch.long)
        torch.cumsum(deg, 0, out=rowptr[1:])
        col = torch.empty(int(rowptr[-1]), dtype=torch.long)
        single = deg == 1
        single[off : off + n_s] &= real_deg == 0
        col[rowptr[:-1][single]] = lists[single]
        real_rows = torch.arange(off, off + n_s)[real_deg > 0]
        if real_rows.numel():
            starts = torch.repeat_interleave(rowptr[real_rows], real_deg[real_deg > 0])
            within = torch.arange(st.col.numel()) - torch.repeat_interleave(
                st.rowptr[:-1].cpu()[real_deg > 0], real_deg[real_deg > 0]
            )
            col[starts + within] = st.col.cpu()
        if self.cold_start:
            col[rowptr[self.cold] : rowptr[self.cold] + n_d] = torch.arange(off_d, off_d + n_d)
        # one gather per step fetches both: (row start, deg shrunk by a margin so floor(u * it) < deg)
        lo, d = rowptr[:-1].to(torch.float64), deg.to(torch.float64)
        d = d - torch.maximum(d * 1e-9, (lo + d) * 2.0**-50)
        return torch.stack([lo, d], 1).contiguous().to(self.device), col.to(self.device)

    # ------------------------------------------------------------------ construction
    @staticmethod
    def adjacency_from_snapshot(snapshot: Snapshot, metapath: tuple[str, ...] = ZTDTZ) -> dict:
        """Typed adjacency of every step of ``metapath`` from the snapshot's edge arrays (either direction)."""
        out = {}
        k = len(metapath)
        for i in range(k):
            s, d = metapath[i], metapath[(i + 1) % k]
            for (a, _, b), ei in snapshot.edges.items():
                if (a, b) == (s, d):
                    out[(s, d)] = ei.T
                    break
                if (a, b) == (d, s):
                    out[(s, d)] = ei[::-1].T
                    break
            else:
                raise UnknownNameError(f"snapshot has no {s}-{d} edges for meta-path {metapath}")
        return out

    @classmethod
    def from_snapshot(
        cls, snapshot: Snapshot, metapath: tuple[str, ...] = ZTDTZ, cold_start: bool = False, device: str | torch.device = "cpu"
    ) -> "MetaPathWalker":
        nn = {t: snapshot.num_nodes(t) for t in snapshot.nodes}
        return cls(nn, cls.adjacency_from_snapshot(snapshot, metapath), metapath, cold_start, device)

    # ------------------------------------------------------------------ walking
    def to_global(self, ntype: str, local: torch.Tensor | np.ndarray) -> torch.Tensor:
        return torch.as_tensor(local, dtype=torch.long, device=self.device) + self.offsets[ntype]

    def start_nodes(self, types: tuple[str, ...] = ("tf",)) -> list[tuple[torch.Tensor, int]]:
        """(global start ids, phase) groups: every node of ``types``; phase = its first position in the cycle."""
        out = []
        for t in types:
            phase = self.metapath.index(t)
            out.append((torch.arange(self.num_nodes_by_type[t], device=self.device) + self.offsets[t], phase))
        return out

    def walk(
        self,
        start: torch.Tensor,
        walk_length: int,
        phase: int = 0,
        walks_per_node: int = 1,
        generator: torch.Generator | None = None,
        seed: int | None = None,
        time_major: bool = False,
    ) -> torch.Tensor:
        """Walks of ``walk_length`` tokens (the start node included) from every node in ``start``
        (global ids of the type at ``phase``), ``walks_per_node`` times each.

        Returns (W, L) int64 — or (L, W) with ``time_major`` (the layout it is built in) — where
        W = len(start) * walks_per_node, walker w starting at ``start[w % len(start)]``."""
        if generator is None:
            generator = torch.Generator(device=self.device)
            generator.manual_seed(0 if seed is None else seed)
        cur = start.to(self.device).repeat(walks_per_node)
        W, L, k = cur.numel(), walk_length, len(self.metapath)
        out = torch.empty((L, W), dtype=torch.long, device=self.device)
        out[0] = cur
        if L == 1 or W == 0:
            return out if time_major else out.t().contiguous()
        cpu = self.device.type == "cpu"
        if cpu:  # numpy's PCG64 draws uniforms ~2x faster than torch's CPU generator
            rng = np.random.default_rng(int(torch.randint(0, 2**62, (1,), generator=generator)))
            u_np = np.empty(W, dtype=np.float64)
            u = torch.from_numpy(u_np)
        else:
            u = torch.empty(W, dtype=torch.float64, device=self.device)
        row = torch.empty((W, 2), dtype=torch.float64, device=self.device)
        pos = torch.empty(W, dtype=torch.float64, device=self.device)
        idx = torch.empty(W, dtype=torch.long, device=self.device)
        for i in range(1, L):
            table, col = self._walk_csr[(phase + i - 1) % k]
            if cpu:
                rng.random(W, out=u_np)
            else:
                torch.rand(W, generator=generator, device=self.device, dtype=torch.float64, out=u)
            # next = col[rowptr[cur] + floor(u * deg[cur])]; index_select is several times faster than []
            torch.index_select(table, 0, cur, out=row)
            torch.addcmul(row[:, 0], u, row[:, 1], out=pos)
            idx.copy_(pos)  # float -> int64 truncation = floor (pos >= 0)
            torch.index_select(col, 0, idx, out=out[i])
            cur = out[i]
        return out if time_major else out.t().contiguous()

    def generate(
        self,
        walks_per_node: int,
        walk_length: int,
        seed: int = 0,
        start_types: tuple[str, ...] = ("tf",),
        time_major: bool = False,
    ) -> torch.Tensor:
        """Walks from every node of ``start_types`` (each starting at its first position in the meta-path)."""
        g = torch.Generator(device=self.device)
        g.manual_seed(seed)
        parts = [
            self.walk(s, walk_length, phase, walks_per_node, generator=g, time_major=True)
            for s, phase in self.start_nodes(start_types)
        ]
        out = parts[0] if len(parts) == 1 else torch.cat(parts, dim=1)
        return out if time_major else out.t().contiguous()

    # ------------------------------------------------------------------ checks
    def edge_set(self) -> set[tuple[int, int]]:
        """All (global src, global dst) pairs a walker may traverse (both meta-path directions)."""
        out: set[tuple[int, int]] = set()
        for st in self.steps:
            src = torch.repeat_interleave(torch.arange(st.rowptr.numel() - 1, device=st.col.device), st.deg)
            src = src + self.offsets[st.src]
            out.update(zip(src.tolist(), st.col.tolist()))
        return out
