"""The worked examples of the TF-activity page, as tables for the docs (``benchmarks/results.py publish``):

* **influenza** (GSE30550): symptomatic subjects 60-108 h after inoculation against their own hour 0 (paired
  t-tests over subjects), every default layer: the top TFs by consensus with their rank per layer, STAT1's
  drivers with the evidence behind each edge, and the interferon TFs' consensus ranks with and without
  ``--expressed``;
* **one MorPhiC knockout**, fixed before looking: EPAS1 knocked out (KO strategy) in primitive streak cells under
  hypoxia: the knocked-out TF's rank in each layer and in the consensus.

    .venv/bin/python benchmarks/activity_examples.py [--out runs/activity-examples]

Needs ``tfkg ingest collectri dorothea encode_chip archs4 morphic`` (and the HGNC genes).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pandas as pd

os.environ.setdefault("TFKG_PROFILE", "default")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tfkg import activity as A  # noqa: E402
from tfkg.activity.expression import contrasts_from_expression  # noqa: E402
from tfkg.config import data_root  # noqa: E402
from tfkg.provenance import write_csv  # noqa: E402

FLU_CONTRAST = "Hours:60|69|77|84|93|101|108-0"
KNOCKOUT = "MorPhiC:2023_12_JAX_RNAseq_ExtraEmbryonic_PrS_day_6_hyp_EPAS1:KO"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=Path("runs/activity-examples"))
    args = ap.parse_args()
    from tfkg.graph.db import connect

    flu = data_root() / "bulk_flu_gse30550"
    con = contrasts_from_expression(
        flu / "expression.tsv.gz", flu / "samples.tsv.gz", [FLU_CONTRAST], pair="Subject", where=["Condition=sx"]
    )
    with connect() as g:
        res = A.run(g, contrasts=con, tf="STAT1", out=args.out / "flu")
        ko = A.knockout_contrast(g, KNOCKOUT)
        kres = A.run(g, contrasts=ko, tf="EPAS1", out=args.out / "epas1")
        expressed = A.run(g, contrasts=con, expressed=True)
    top = A.report.layer_ranks(res.activities, FLU_CONTRAST, 15).reset_index()
    write_csv(top, args.out / "flu-top.csv")
    # --expressed: the same contrast with only the 4,147 measured genes as targets and TFs
    ifn = ["STAT1", "STAT2", "IRF9", "IRF1", "IRF7", "NFKB1"]
    both = []
    for label, r in (("every target", res), ("--expressed", expressed)):
        a = r.activities[r.activities["layer"] == "consensus"].set_index("tf")
        both.append({"targets": label, "TFs scored": len(a), **{t: a["rank"].get(t) for t in ifn}})
    write_csv(pd.DataFrame(both), args.out / "flu-expressed.csv")
    drv = res.drivers[FLU_CONTRAST]["STAT1"][["gene", "stat", "sign", "agrees", "layers", "evidence"]]
    write_csv(drv, args.out / "flu-stat1-drivers.csv")
    a = kres.activities
    n = a.groupby("layer")["tf"].count()
    epas1 = a[a["tf"] == "EPAS1"].assign(of=lambda d: d["layer"].map(n))
    rows = [{"layer": r.layer, "rank": r.rank, "of TFs": int(r.of), "n_targets": r.n_targets} for r in epas1.itertuples()]
    missing = [x for x in kres.settings["layers"] if x not in set(epas1["layer"])]
    rows += [{"layer": x, "rank": None, "of TFs": int(n.get(x, 0)), "n_targets": None} for x in missing]
    write_csv(pd.DataFrame(rows), args.out / "epas1-ranks.csv")
    print(top.to_string(index=False))
    print(drv.to_string(index=False))
    print(pd.DataFrame(rows).to_string(index=False))


if __name__ == "__main__":
    main()
