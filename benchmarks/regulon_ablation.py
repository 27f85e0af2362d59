"""What each evidence source adds to the degree-free hetnet-gbm's novel regulons, judged by TF identification from
MorPhiC's knockouts (`tfkg benchmark knockouts`): the model trained with every source, then without one at a time;
each variant's novel top-100 per TF scored beside its own degree-preserving shuffle. Writes
``runs/regulon-ablation/ablation.csv`` and prints the table.

    TFKG_PROFILE=default .venv/bin/python benchmarks/regulon_ablation.py [--dataset collectri:human] [--shuffles 3]
    .venv/bin/python benchmarks/regulon_ablation.py --dataset human --rank-by specificity   # genome-wide, round 2

Needs the ingests of docs/tf-specific-regulons.md (collectri, archs4, encode_chip, morphic, disgenet, trrust;
for ``human`` also genome, go, pathwaycommons, hcop). Writes PREDICTED_REGULATES runs named ``ablation-<variant>``
(replaced on a re-run). About 3 min per variant (``human``: the ``genome`` preset).
"""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

import pandas as pd

from tfkg.provenance import write_csv

os.environ.setdefault("TFKG_PROFILE", "default")

# the degree-free source set of docs/tf-specific-regulons.md
SOURCES = ("disease", "family", "motif", "ortholog", "coexpression", "archs4", "chip")
# ... and the genome-wide dataset's new evidence (docs/reports/2026-12-06-tf-specific-signed-regulons-rounds-1-2.md, round 2)
GENOME_SOURCES = SOURCES + ("go", "ppi", "controls")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dataset", default="collectri:human")
    ap.add_argument("--shuffles", type=int, default=3)
    ap.add_argument("--rank-by", default="score", choices=("score", "specificity"))
    ap.add_argument(
        "--sources",
        help="comma-separated sources to ablate (default: every one of the dataset; leave "
        "out those not ingested, which change nothing)",
    )
    ap.add_argument("--out", type=Path, default=Path("runs/regulon-ablation"))
    args = ap.parse_args()

    from tfkg.eval import knockouts as kb
    from tfkg.graph.db import connect
    from tfkg.predict import predict_top_k

    sources = tuple(args.sources.split(",")) if args.sources else GENOME_SOURCES if args.dataset == "human" else SOURCES
    preset = "genome" if args.dataset == "human" else None
    variants = {"all": sources, **{f"no-{s}": tuple(x for x in sources if x != s) for s in sources}}
    with connect() as g:
        prof = kb.load_profiles(g, "human")
        sets = []
        for name, srcs in variants.items():
            run_id = f"ablation-{name}"
            predict_top_k(
                g,
                "hetnet-gbm",
                {"sources": list(srcs)},
                top_k=None,
                per_tf=100,
                dataset=args.dataset,
                run_id=run_id,
                save_dir=args.out / name,
                preset=preset,
                rank_by=args.rank_by,
            )
            sets.append(kb.regulon_set(g, f"run:{run_id}"))
            shutil.rmtree(args.out / name, ignore_errors=True)  # the saved model (2 GB genome-wide)
            print(f"{name}: trained and written", flush=True)
    res = kb.benchmark(prof, sets, shuffles=args.shuffles)
    t = res.table[res.table["subset"] == "all"]
    real = t[t["shuffle_of"].isna()].set_index("set")
    null = t[t["shuffle_of"].notna()].set_index("shuffle_of")
    out = pd.DataFrame(
        {
            "experiments": real["experiments"],
            "auroc": real["auroc"],
            "shuffled": null["auroc"],
            "one_minus_qrank": real["one_minus_qrank"],
        }
    )
    out["gain_over_shuffle"] = out["auroc"] - out["shuffled"]
    out.index = [s.removeprefix("run:ablation-") for s in out.index]
    args.out.mkdir(parents=True, exist_ok=True)
    write_csv(out, args.out / "ablation.csv", index=True)
    print(out.round(3).to_string())


if __name__ == "__main__":
    main()
