"""Evidence layers as regulon networks (decoupler's ``source, target, weight``), read from the graph.

``collectri``, ``dorothea:ABC`` (``dorothea`` for every level), ``trrust``, ``omnipath``: each curated literature
resource (signed where it says);
``chip``: ENCODE ChIP-seq binding (``CHIP_BOUND``, unsigned); ``coexpression``: ARCHS4 co-expression sets
(``COEXPRESSED``, unsigned); ``run:ID``: a model run's novel predicted targets (signed by its sign head), as in
``tfkg benchmark knockouts``. Benchmark ground truths (HGETGI, BEELINE, DREAM4) are never a layer.
"""

from __future__ import annotations

import pandas as pd

from tfkg.errors import InputError, NotFoundError
from tfkg.eval import consensus as C
from tfkg.eval import knockouts as kb

CURATED = ("collectri", "dorothea", "trrust", "omnipath")  # literature resources, by tfkg benchmark knockouts' names
FIXED = (*CURATED, "chip", "coexpression")


def available(graph, species: str = "human") -> list[str]:
    """The layers the graph holds for ``species``, in :data:`FIXED` order (runs are named explicitly)."""
    row = graph.run("activity_layers", species=species)[0]
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


def network(graph, name: str, species: str = "human") -> pd.DataFrame:
    """One layer's edges (source, target, weight: +1 / -1; unsigned layers +1)."""
    return kb.regulon_set(graph, name, species).edges
