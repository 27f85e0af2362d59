"""Evidence layers as regulon networks (decoupler's ``source, target, weight``), read from the graph.

``collectri``, ``dorothea:ABC`` (``dorothea`` for every level), ``trrust``, ``omnipath``: each curated literature
resource (signed where it says);
``chip``: ENCODE ChIP-seq binding (``CHIP_BOUND``, unsigned); ``coexpression``: ARCHS4 co-expression sets
(``COEXPRESSED``, unsigned); ``run:ID``: a model run's novel predicted targets (signed by its sign head), as in
``tfkg benchmark knockouts``. Benchmark ground truths (HGETGI, BEELINE, DREAM4) are never a layer.
"""

from __future__ import annotations

import hashlib
import json
import os

import pandas as pd

from tfkg.config import cache_dir
from tfkg.errors import InputError, NotFoundError
from tfkg.eval import consensus as C
from tfkg.eval import knockouts as kb

CURATED = ("collectri", "dorothea", "trrust", "omnipath")  # literature resources, by tfkg benchmark knockouts' names
FIXED = (*CURATED, "chip", "coexpression")


def available(graph, species: str = "human") -> list[str]:
    """The layers the graph holds for ``species``, in :data:`FIXED` order (runs are named explicitly)."""
    row = graph.run("activity_layers", sources=[kb.CURATED[n][0] for n in CURATED], species=species)[0]
    # DoRothEA at its confident levels A-C (D/E are mostly inferred edges), as the knockout benchmark scored it
    have = [n if n != "dorothea" else "dorothea:ABC" for n in CURATED if kb.CURATED[n][0] in set(row["sources"])]
    return have + (["chip"] if row["chip"] else []) + (["coexpression"] if row["coexpression"] else [])


def parse(spec: str | None, graph, species: str = "human") -> list[str]:
    """``--layers``: comma-separated names; ``default`` = every layer the graph holds but TRRUST (which CollecTRI
    contains) and OmniPath (the layers the consensus rule was chosen on, ``tfkg.eval.consensus``), ``all`` = every
    one, plus any ``run:ID``."""
    names = [s.strip() for s in (spec or "default").split(",") if s.strip()]
    out: list[str] = []
    for n in names:
        if n == "all":
            out += available(graph, species)
        elif n == "default":
            out += [x for x in available(graph, species) if x not in C.DEFAULT_LEAVES_OUT]
        elif n in FIXED or n.startswith(("run:", "dorothea:")):
            out.append(n)
        else:
            raise InputError(f"unknown layer {n!r}: one of default, all, {', '.join(FIXED)} or run:RUN_ID")
    out = list(dict.fromkeys(out))
    if not out:
        raise NotFoundError(
            f"no evidence layer in the graph for {species}: ingest collectri, dorothea, trrust, encode_chip or archs4"
        )
    return out


# layers read from a source's ingest, cached on disk under a key of its ingest records (``layer_stamp``)
# (OmniPath's rows come in CollecTRI's ingest and carry no record of their own)
SOURCES = {**{n: kb.CURATED[n][0] for n in ("collectri", "dorothea", "trrust")}, "chip": "ENCODE", "coexpression": "ARCHS4"}


def network(graph, name: str, species: str = "human", cache: bool = True) -> pd.DataFrame:
    """One layer's edges (source, target, weight: +1 / -1; unsigned layers +1). A layer of an ingested source is
    kept in ``~/.cache/tfkg/layers`` under a key made of the server, the layer and its source's ingest records
    (key, time, file checksums) and the graph's edge counts, so a re-ingest, a wipe or a restore reads it afresh;
    a source with no ingest record (edges written by hand) and runs are always read from the graph."""
    source = SOURCES.get(name.split(":")[0])
    if not cache or source is None:
        return kb.regulon_set(graph, name, species).edges
    stamp = graph.run("layer_stamp", source=source, species=species)[0]
    if not stamp["datasets"]:
        return kb.regulon_set(graph, name, species).edges
    what = [graph.conn.uri, graph.database, name, species, sorted(map(str, stamp["datasets"]))]
    what += [stamp["regulates"], stamp["chip_bound"], stamp["coexpressed"]]
    key = hashlib.sha256(json.dumps(what).encode()).hexdigest()[:32]
    path = cache_dir() / "layers" / f"{key}.parquet"
    if path.exists():
        return pd.read_parquet(path)
    edges = kb.regulon_set(graph, name, species).edges
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    edges.to_parquet(tmp, index=False)
    os.replace(tmp, path)  # a reader never sees half a file
    return edges
