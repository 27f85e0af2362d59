"""Integrating TF activities across evidence layers: one function for ``tfkg activity`` and for the knockout
benchmark's ``consensus`` sets, so what is published is what users get.

Each layer's activities (rows: experiments or contrasts; columns: TFs; NaN where the layer cannot score the TF) become
percentiles within the row, ``(rank − 0.5) / n`` from the lowest, so 1 is the most active TF of the layer. A rule
combines them:

``mean-rank``     the mean over the layers that score the TF (ChEA3's integration; Keenan et al., NAR 2019): the
                  plain baseline. A TF one small layer puts first is first.
``imputed-rank``  the mean over *every* layer, a layer that cannot score the TF counting as its median (0.5): a TF
                  must stand out in several layers to lead.

The default, ``imputed-rank`` over CollecTRI, DoRothEA A-C, ENCODE ChIP and ARCHS4 co-expression (every layer the
selection saw but TRRUST, which CollecTRI contains; OmniPath's other rows were not among them), is what
``benchmarks/consensus_rule.py`` picks on the MorPhiC knockouts among candidates fixed before looking (each rule over
all layers and all but one; folds by TF): picked in 4 of 5 folds and on all experiments. MorPhiC does not resolve it
from CollecTRI alone or from ``mean-rank`` (see the activity page for the intervals).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tfkg.errors import InputError

RULES = ("mean-rank", "imputed-rank")
DEFAULT = "imputed-rank"
# layers `tfkg activity --layers default` leaves out: TRRUST (CollecTRI contains it; the selection dropped it) and
# OmniPath's other rows (not among the layers the rule was chosen on)
DEFAULT_LEAVES_OUT = ("trrust", "omnipath")


def percentiles(es: pd.DataFrame) -> pd.DataFrame:
    """Each row's scores as percentiles among the TFs it scores: (rank − 0.5) / n, 1 = highest; NaN stays NaN."""
    n = es.notna().sum(axis=1)
    return es.rank(axis=1, method="average").sub(0.5).div(n.where(n > 0), axis=0)


def combine(layers: list[pd.DataFrame], rule: str = DEFAULT) -> pd.DataFrame:
    """The consensus of several layers' activities (same rows; columns: the union of their TFs)."""
    if rule not in RULES:
        raise InputError(f"unknown consensus rule {rule!r}: one of {', '.join(RULES)}")
    if not layers:
        raise InputError("a consensus needs at least one layer")
    rows = layers[0].index
    tfs = pd.Index(sorted(set().union(*(es.columns for es in layers))))
    stack = np.stack([percentiles(es.reindex(index=rows)).reindex(columns=tfs).to_numpy(dtype=float) for es in layers])
    have = np.isfinite(stack)
    n = have.sum(axis=0)
    total = np.where(have, stack, 0.0).sum(axis=0)
    if rule == "imputed-rank":  # a layer that cannot score the TF counts as its median
        out = (total + 0.5 * (len(layers) - n)) / len(layers)
    else:
        out = total / np.maximum(n, 1)
    return pd.DataFrame(np.where(n > 0, out, np.nan), index=rows, columns=tfs)
