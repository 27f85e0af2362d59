"""JASPAR motifs through the offline ``pyjaspar`` package (Rauluseviciute et al., NAR 2024).

Each profile becomes a ``Motif`` with its count matrix; each TF named by the profile (dimers such as
``FOS::JUN`` name two) gets ``HAS_MOTIF`` for each supported species the profile was derived in.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tfkg.ingest.base import Plan, Problem, check_symbol, dataset_row

SOURCE = "JASPAR"
DEFAULT_PATHS: list[str] = []
TAXA = {"9606": "human", "10090": "mouse"}


def _symbol(name: str, species: str) -> str:
    if species == "human":
        return name.upper()
    # Mouse profiles are mostly in MGI case already; some are upper-cased.
    return name[0].upper() + name[1:].lower() if name.isupper() else name


def plan(paths: list[Path], release: str = "JASPAR2024", collection: str = "CORE", tax_group: str = "vertebrates") -> Plan:
    from pyjaspar import jaspardb

    p = Plan(SOURCE)
    motifs = jaspardb(release=release).fetch_motifs(collection=collection, tax_group=[tax_group])
    mrows, links = [], []
    for m in motifs:
        p.rows_read += 1
        counts = {b: [float(x) for x in m.counts[b]] for b in "ACGT"}
        mrows.append(
            {
                "matrix_id": m.matrix_id,
                "name": m.name,
                "version": int(m.version),
                "base_id": m.base_id,
                "collection": m.collection,
                "tax_group": m.tax_group,
                "release": release,
                **counts,
            }
        )
        for taxon in m.species or []:
            species = TAXA.get(str(taxon))
            if species is None:
                continue
            for part in m.name.split("::"):
                sym = _symbol(part.strip(), species)
                bad = check_symbol(sym, species)
                if bad:
                    p.problems.append(Problem(f"pyjaspar:{release}", 0, f"{m.matrix_id}: {bad}"))
                    continue
                links.append((sym, species, m.matrix_id))
    p.datasets.append(dataset_row(f"jaspar:{release}:{collection}:{tax_group}", SOURCE, release, [], None, n_profiles=len(mrows)))
    lk = pd.DataFrame(links, columns=["symbol", "species", "matrix_id"]).drop_duplicates()
    p.add("merge_genes", lk[["symbol", "species"]].drop_duplicates().assign(tf=True), "node", "Gene (TF)", source=SOURCE)
    p.add("merge_motifs", pd.DataFrame(mrows), "node", "Motif", source=f"{SOURCE} {release}")
    p.add("merge_has_motif", lk, "rel", "HAS_MOTIF", source=f"{SOURCE} {release}")
    return p
