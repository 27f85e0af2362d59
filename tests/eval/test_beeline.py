"""The BEELINE benchmark on one real BEELINE folder (Specific mHSC-L 500) in the test database: the
one-split protocols keep test pairs out of training, holdout-tf's TFs are unseen, and the outputs
(table.csv, rankedEdges.csv, heatmaps, report, write-back) have their formats."""

from __future__ import annotations

import functools
import json

import numpy as np
import pandas as pd
import pytest

from tfkg.eval import harness as H
from tfkg.eval.beeline import ranked_frame, run_benchmark

pytestmark = pytest.mark.neo4j
KEY, FOLDER = "beeline:Specific:mHSC-L:500", "beeline_genelink/Specific Dataset/mHSC-L/TFs+500"


@pytest.fixture()
def bl(graph, data, tmp_path_factory):
    from tfkg.ingest import beeline
    from tfkg.ingest.base import execute

    if not graph.cypher("MATCH (d:Dataset {key: $k}) WHERE d.beeline_tests = true RETURN d", k=KEY):
        graph.wipe()
        tmp = tmp_path_factory.mktemp("bl")
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("TFKG_CACHE", str(tmp / "cache"))
            execute(graph, beeline.plan([data / FOLDER]), False, tmp / "q")
        graph.cypher("MATCH (d:Dataset {key: $k}) SET d.beeline_tests = true", k=KEY)
    return graph


@pytest.mark.parametrize("protocol", ["tf-matched", "heldout-tf", "balanced-random"])
def test_one_split_protocols_hold_out_what_they_say(bl, tmp_path, protocol):
    res = H.evaluate(
        bl,
        "prior",
        dataset=KEY,
        protocol=protocol,
        split="811",
        baselines=("degree",),
        seed=1,
        record=False,
        out_dir=tmp_path / "r",
        keep_scores=True,
    )
    (fold,) = res.info["fold_info"]
    assert res.info["folds"] == 1 and fold["val_pos"] > 0 and fold["test_pos"] > 0
    total = res.info["positives"]
    assert fold["train_pos"] + fold["val_pos"] + fold["test_pos"] == total
    if protocol != "heldout-tf":
        assert fold["test_pos"] == pytest.approx(0.1 * total, abs=1)
    if protocol == "balanced-random":
        assert fold["test_neg"] == fold["test_pos"]
    assert set(res.scores) == {("prior", fold["fold"]), ("degree", fold["fold"])}
    if protocol == "heldout-tf":
        # the harness's leakage check passed; the prior knows nothing of an unseen TF: its test AUROC is chance
        assert res.value("auroc", "prior")[0] == pytest.approx(0.5, abs=0.02)


def test_benchmark_outputs(bl, tmp_path):
    # the same benchmark each time below: three models, three protocols, one seed, one data set
    same = functools.partial(
        run_benchmark,
        bl,
        ["pcc", "prior", "degree"],
        ["hns", "holdout-tf", "balanced"],
        seeds=1,
        out=tmp_path / "b",
        only=[KEY],
        ranked_top=500,
    )
    res = same()
    t = pd.read_csv(res.paths["table"])
    assert list(t.columns) == ["network", "cell", "size", "protocol", "model", "auroc", "auprc", "auprc_ratio", "epr", "seeds"]
    assert len(t) == 9 and set(t.protocol) == {"hns", "holdout-tf", "balanced"} and (t.seeds == 1).all()
    assert t[(t.protocol == "balanced") & (t.model == "prior")].auroc.iloc[0] > 0.9  # the degree-type prior
    for m in ("pcc", "prior", "degree"):
        path = tmp_path / "b" / "ranked" / KEY.replace(":", "_") / m / "rankedEdges.csv"
        lines = path.read_text().splitlines()
        assert lines[0] == "Gene1\tGene2\tEdgeWeight" and len(lines) == 501
        r = pd.read_csv(path, sep="\t")
        assert (r.Gene1 != r.Gene2).all() and r.EdgeWeight.is_monotonic_decreasing
    for p in ("hns", "holdout-tf", "balanced"):
        assert res.paths[f"heatmap_{p}"].read_bytes()[:4] == b"\x89PNG"
    report = res.paths["report"].read_text()
    assert "beats prior" in report and "What a BEELINE number means" in report
    n = bl.cypher(
        "MATCH ()-[r:PREDICTED_REGULATES]->() WHERE r.run_id STARTS WITH $p RETURN count(r) AS n", p=res.per_seed.run_id.iloc[0]
    )[0]["n"]
    assert n == 3 * 500
    with pytest.raises(ValueError, match="unknown protocol"):
        run_benchmark(bl, ["prior"], ["nope"], out=tmp_path / "x")
    # --resume reads the finished runs back instead of re-running them
    again = same(resume=True)
    assert list(again.per_seed.run_id) == list(res.per_seed.run_id)
    pd.testing.assert_frame_equal(again.table, res.table)
    # ... and refuses a folder made by other code (or seed, protocol, models): its numbers would be mixed in
    run_json = next((tmp_path / "b" / "runs").glob("*-hns-0")) / "run.json"
    info = json.loads(run_json.read_text())
    run_json.write_text(json.dumps({**info, "code_version": "0.0.0+other"}))
    with pytest.raises(ValueError, match="code_version: '0.0.0\\+other' there"):
        same(resume=True)


def test_ranked_frame_never_pairs_a_gene_with_itself():
    m = np.array([[9.0, 1.0, 2.0], [3.0, 8.0, 4.0]])
    f = ranked_frame(m, ["A", "B"], ["A", "B", "C"], 10)
    assert list(zip(f.tf, f.target)) == [("B", "C"), ("B", "A"), ("A", "C"), ("A", "B")]
    assert list(f["rank"]) == [1, 2, 3, 4]
