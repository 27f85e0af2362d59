"""The harness end to end against a real Neo4j: folds, leakage checks, reports, ModelRun, every task."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from tfkg.cli import main
from tfkg.data.negatives import reachable_mask
from tfkg.data.snapshot import Prior
from tfkg.eval import harness as H
from tfkg.eval import protocols as P
from tfkg.eval.link import LinkTask
from tfkg.graph.export import export_snapshot

pytestmark = pytest.mark.neo4j


def test_leak_check_rejects_a_full_snapshot(template_graph):
    full = export_snapshot(template_graph, "hgetgi")
    task = LinkTask(template_graph, full, H.EvalConfig(model="degree", folds=3))
    fold = task.folds()[0]
    with pytest.raises(H.LeakageError, match="held-out"):
        task.check(full, fold, 0)
    good = export_snapshot(template_graph, "hgetgi", **task.export_kwargs(fold))
    task.check(good, fold, 0)
    # another source's claim on an evaluated pair (the mouse ortholog edge of the same claim, a pathway database's
    # copy) is a leak, on a held-out positive and on a test negative alike
    held = fold.fold.split.held_out[:2].T.astype(np.int64)
    negative = fold.fold.test.negatives[:2].T.astype(np.int64)
    for name in ("ortholog:TRRUST-mouse", "controls:PathwayCommons"):
        for pairs in (held, negative):
            planted = dict(good.links)
            planted[name] = Prior(pairs, np.ones(2, np.float32), np.zeros(2, np.int8))
            with pytest.raises(H.LeakageError, match=f"{name} claims on 2 evaluated pair"):
                task.check(replace(good, links=planted), fold, 0)


def test_claims_are_dropped_by_pair_not_by_label(template_graph):
    """A claim link on a test *negative* is left out of the training snapshot just as one on a held-out positive,
    so a test pair's claim feature cannot tell its label; a claim on a training pair stays."""
    full = export_snapshot(template_graph, "hgetgi")
    task = LinkTask(template_graph, full, H.EvalConfig(model="degree", folds=3))
    fold = task.folds()[0]
    tfs, tgs = full.nodes["tf"], full.nodes["target"]
    neg = fold.fold.test.negatives[0]
    pos = fold.fold.test.positives[0]
    train = fold.fold.split.train[0]
    planted = [[tfs[a], tgs[b]] for a, b in (neg, pos, train)]
    template_graph.cypher(
        "UNWIND $pairs AS p MATCH (t:Gene {symbol: p[0]}), (g:Gene {symbol: p[1]}) "
        "MERGE (t)-[:CONTROLS_EXPRESSION {source: 'planted'}]->(g)",
        pairs=planted,
    )
    try:
        claims = export_snapshot(template_graph, "hgetgi").links["controls:PathwayCommons"].edge_index.T.tolist()
        assert all(list(p) in claims for p in (neg, pos, train))  # all three are in the graph's claims
        snap = export_snapshot(template_graph, "hgetgi", **task.export_kwargs(fold))
        kept = snap.links["controls:PathwayCommons"].edge_index.T.tolist()
        assert list(neg) not in kept and list(pos) not in kept and list(train) in kept
        assert snap.meta["excluded_claim_pairs"] == len(fold.fold.eval_pairs())
        task.check(snap, fold, 0)
    finally:
        template_graph.cypher("MATCH ()-[r:CONTROLS_EXPRESSION {source: 'planted'}]->() DELETE r")


def test_report_files_modelrun_and_runs_cli(template_graph, tmp_path):
    res = H.evaluate(
        template_graph, "degree", protocol="all-unobserved", folds=3, seed=0, baselines=("random",), out_dir=tmp_path / "run"
    )
    for key in ("report", "metrics", "per_fold", "roc", "pr"):
        assert res.paths[key].exists() and res.paths[key].stat().st_size > 0
    summary = pd.read_csv(res.paths["metrics"])
    assert list(summary.columns) == ["model", "protocol", "metric", "mean", "sd", "folds"]
    assert set(summary.model) == {"degree", "random"}
    assert {"auroc", "auprc", "auprc_trapezoid", "auprc_ratio", "epr", "precision_at_k", "f1"} <= set(summary.metric)
    report = res.paths["report"].read_text()
    assert "all-unobserved" in report and "random" in report and "held-in training pairs" in report
    assert res.paths["roc"].read_bytes()[:4] == b"\x89PNG"
    run = template_graph.run("get_run", run_id=res.run_id)[0]["run"]
    assert run["kind"] == "evaluate" and run["protocol"] == "all-unobserved" and run["train_negatives"] == "random"
    assert run["task"] == "link"
    assert any(c.startswith("snapshot:") for c in run["data_checksums"])
    assert any(":train_snapshot:" in c for c in run["data_checksums"])
    # the summary is the per-fold values' mean and sample sd, and the run in the graph carries the same numbers
    per_fold = pd.read_csv(res.paths["per_fold"])
    folds = per_fold[(per_fold.model == "degree") & (per_fold.metric == "auroc")]["value"]
    row = summary[(summary.model == "degree") & (summary.metric == "auroc")].iloc[0]
    assert len(folds) == 3 and row["mean"] == pytest.approx(folds.mean()) and row["sd"] == pytest.approx(folds.std(ddof=1))
    assert json.loads(run["metrics_json"])["degree:auroc"] == pytest.approx(row["mean"]) and run["code_version"]
    r = CliRunner().invoke(main, ["runs", "list", "--all"])  # evaluation runs write no edges: listed with --all
    assert r.exit_code == 0 and res.run_id[:12] in r.output
    r = CliRunner().invoke(main, ["runs", "show", res.run_id])
    assert r.exit_code == 0 and "all-unobserved" in r.output
    r = CliRunner().invoke(main, ["runs", "delete", res.run_id, "--yes"])
    assert r.exit_code == 0 and not template_graph.run("get_run", run_id=res.run_id)


def test_enhanced_and_tf_matched_run(template_graph, tmp_path):
    res = H.evaluate(
        template_graph,
        "degree",
        protocol="enhanced",
        folds=3,
        seed=1,
        baselines=(),
        train_negatives="enhanced",
        out_dir=tmp_path / "enh",
        record=False,
    )
    assert np.isfinite(res.value("auroc")[0])
    full = export_snapshot(template_graph, "hgetgi")
    unreachable = int((~reachable_mask(full)).sum())
    fi = res.info["fold_info"]
    # enhanced evaluation negatives are the unreachable pairs that are not positives, the same in every fold
    assert all(f["test_neg"] == fi[0]["test_neg"] for f in fi) and 0 < fi[0]["test_neg"] <= unreachable
    res = H.evaluate(
        template_graph,
        "degree",
        protocol="tf-matched",
        folds=3,
        seed=1,
        baselines=(),
        val_fraction=0.2,
        out_dir=tmp_path / "tfm",
        record=False,
    )
    assert res.info["fold_info"][0]["threshold_on"] == "validation"


def test_expression_task_on_dream4(template_graph, tmp_path):
    res = H.evaluate(template_graph, "ridge", dataset="dream4:10-1", folds=3, seed=0, out_dir=tmp_path / "expr")
    summary = pd.read_csv(res.paths["metrics"])
    assert res.task == "expression" and set(summary.model) == {"ridge", "mean"}
    for m in ("r2_gene_median", "pcc_gene_median", "beats_mean_share", "pcc_flat", "r2_flat", "mse"):
        assert m in set(summary.metric)
    # the gene mean beats itself nowhere; its per-gene R² is about zero or below
    assert res.value("beats_mean_share", "mean")[0] == 0
    assert res.value("r2_gene_median", "mean")[0] <= 0.05
    assert res.paths["r2_per_gene"].read_bytes()[:4] == b"\x89PNG"
    info = res.info["fold_info"]
    assert sum(f["test_samples"] for f in info) == res.info["n_samples"] == 11  # wild type + 10 multifactorial


def test_settings_chosen_on_inner_folds_are_written_beside_the_report(template_graph, tmp_path):
    """motif-rnn --preset search: every (setting, inner fold) of every outer fold in inner_search.csv, the inner
    folds split that outer fold's training samples only, the chosen setting in the report, a training PNG per fold."""
    from tfkg.models.motif_rnn import MotifRNN

    params = {"prior": "all", "steps": 30, "eval_every": 10, "max_iter": 60, "tol": 1e-4, "batch_size": 4}
    res = H.evaluate(
        template_graph,
        "motif-rnn",
        params=params,
        preset="search",
        dataset="dream4:10-1",
        folds=3,
        baselines=(),
        record=False,
        out_dir=tmp_path / "s",
    )
    table = pd.read_csv(res.paths["inner_search"])
    assert len(table) == 3 * len(MotifRNN.SEARCH_GRID) * 2
    train = {f["fold"]: f["train_samples"] for f in res.info["fold_info"]}
    assert (table["train_samples"] + table["val_samples"] == table["fold"].map(train)).all()
    assert (table.groupby("fold")["chosen"].sum() == 2).all()  # one setting per fold, over its 2 inner folds
    assert "Settings chosen on inner folds" in res.paths["report"].read_text()
    for f in train:
        assert (tmp_path / "s" / f"training-motif-rnn-{f}.png").read_bytes()[:4] == b"\x89PNG"
    steps = res.per_fold[res.per_fold.metric == "fit_search_steps"]["value"]
    assert len(steps) == 3 and (steps >= 1).all() and (steps <= 30).all()


def test_perturbation_task_on_dream4(template_graph, tmp_path):
    res = H.evaluate(template_graph, "linear", dataset="dream4:10-1", folds=5, seed=0, out_dir=tmp_path / "pt")
    assert res.task == "perturbation"
    assert set(res.summary.model) == {"linear", "no-change", "mean-ko"}
    assert res.value("delta_pcc", "no-change")[0] == 0  # a constant prediction has no correlation
    assert res.value("changed_auroc", "no-change")[0] == pytest.approx(0.5)
    assert res.value("top20_sign_acc", "no-change")[0] == 0
    assert sum(f["test_experiments"] for f in res.info["fold_info"]) == 20
    run = template_graph.run("get_run", run_id=res.run_id)[0]["run"]
    assert run["task"] == "perturbation" and "linear:delta_pcc" in json.loads(run["metrics_json"])
    # the double knockouts (the bonus round's 5) never reach a singles fold, neither as test nor as training
    exported = H.export_snapshot(template_graph, "dream4:10-1", modalities={"perturbations"})
    assert (~exported.perturbations.single).sum() == 5


def test_double_knockout_task_trains_on_singles_and_tests_doubles(template_graph, tmp_path):
    res = H.evaluate(
        template_graph, "linear", dataset="dream4:10-1", task="double-knockout", record=False, out_dir=tmp_path / "dk"
    )
    assert res.task == "double-knockout" and res.info["folds"] == 1
    assert set(res.summary.model) == {"linear", "no-change", "mean-ko", "additive"}
    (fold,) = res.info["fold_info"]
    assert fold["train_experiments"] == 20 and fold["test_experiments"] == 5
    # the measured singles, added: far better than no change on the noise-free doubles
    assert res.value("delta_pcc", "additive")[0] > 0.5 > res.value("delta_pcc", "no-change")[0]
    assert "full_pcc" in set(res.summary.metric)
    same = H.evaluate(
        template_graph, "linear", dataset="dream4:10-1", task="knockout", record=False, out_dir=tmp_path / "k", baselines=()
    )
    assert same.task == "perturbation"
    from tests.models.cases import planted_snapshot
    from tfkg.eval.perturbation import DoubleKnockoutTask

    with pytest.raises(ValueError, match="no double knockouts"):
        DoubleKnockoutTask(None, planted_snapshot(), H.EvalConfig(model="linear", dataset="planted"))


def test_task_mismatch_is_a_clear_error(template_graph, tmp_path):
    with pytest.raises(ValueError, match="has no task on dataset"):
        H.evaluate(template_graph, "ridge", dataset="hgetgi", out_dir=tmp_path / "x", record=False)
    with pytest.raises(ValueError, match="does not do the link task"):
        H.evaluate(template_graph, "degree", baselines=("ridge",), out_dir=tmp_path / "x", record=False)
    with pytest.raises(KeyError, match="unknown model"):
        H.evaluate(template_graph, "nope", out_dir=tmp_path / "x", record=False)


def test_beeline_like_file_protocol(empty_graph, tmp_path):
    """A tiny BEELINE-shaped dataset written with named queries: every gene is a 'gene' member, TFs also 'tf'."""
    g = empty_graph
    key, src = "beeline:Specific:tiny:5", "BEELINE:Specific:tiny:5"
    genes = [f"BG{i}" for i in range(12)]
    tf_idx = [0, 1, 2, 3]
    rng = np.random.default_rng(0)
    edges = sorted({(int(rng.choice(tf_idx[:3])), int(rng.integers(0, 12))) for _ in range(30)} - {(i, i) for i in range(12)})
    g.write_rows("merge_datasets", [{"key": key, "source": "BEELINE", "version": "test"}])
    g.write_batches(
        "merge_genes",
        pd.DataFrame({"symbol": genes, "species": "human", "tf": [i in tf_idx for i in range(12)]}),
        source="BEELINE",
    )
    members = pd.concat(
        [
            pd.DataFrame({"symbol": genes, "species": "human", "role": "gene", "index": range(12)}),
            pd.DataFrame({"symbol": [genes[i] for i in tf_idx], "species": "human", "role": "tf", "index": tf_idx}),
        ]
    )
    g.write_batches("merge_includes", members, dataset=key)
    g.write_batches(
        "merge_regulates",
        pd.DataFrame(
            {
                "tf": [genes[a] for a, _ in edges],
                "target": [genes[b] for _, b in edges],
                "species": "human",
                "mode": "unknown",
                "modes": None,
                "pmids": None,
            }
        ),
        source=src,
    )
    rows = {"Train": [], "Validation": [], "Test": []}
    pos = set(edges)
    for t in tf_idx:
        cands = [(t, j) for j in range(12) if j != t]
        for n, (a, b) in enumerate(cands):
            part = ("Train", "Train", "Validation", "Test")[n % 4]
            rows[part].append((a, b, int((a, b) in pos)))
    split_dir = tmp_path / "split"
    split_dir.mkdir()
    for name, r in rows.items():
        pd.DataFrame(r, columns=["TF", "Target", "Label"]).to_csv(split_dir / f"{name}_set.csv")
    res = H.evaluate(
        g,
        "prior",
        protocol="file",
        dataset=key,
        baselines=("random", "degree"),
        split_dir=split_dir,
        train_negatives="file",
        out_dir=tmp_path / "bl",
        record=False,
    )
    assert res.info["folds"] == 1 and res.info["fold_info"][0]["threshold_on"] == "validation"
    assert set(res.summary.model) == {"prior", "random", "degree"}
    fi = res.info["fold_info"][0]
    assert fi["test_pos"] == sum(r[2] for r in rows["Test"]) and fi["train_neg"] == sum(1 - r[2] for r in rows["Train"])
    res = H.evaluate(
        g, "prior", protocol="balanced-random", folds=3, dataset=key, baselines=(), out_dir=tmp_path / "bl2", record=False
    )
    assert res.info["n_target"] == 12 and res.info["n_tf"] == 4


def test_protocol_registry_is_the_one_registry():
    assert P.PROTOCOLS.names() == [
        "all-unobserved",
        "balanced-random",
        "tf-matched",
        "heldout-tf",
        "enhanced",
        "degree-matched",
        "file",
    ]
    with pytest.raises(KeyError, match="unknown protocol"):
        P.get("nope")


def test_a_metric_the_task_did_not_compute_is_nan(tmp_path):
    """MorPhiC has no control profile, so no full_pcc: tables print n/a instead of failing."""
    summary = pd.DataFrame({"model": ["m"], "protocol": ["p"], "metric": ["delta_pcc"], "mean": [0.5], "sd": [0.1], "folds": [5]})
    res = H.EvalResult("r", "m", "p", "morphic", "perturbation", summary, summary, tmp_path)
    assert res.value("delta_pcc") == (0.5, 0.1)
    assert all(np.isnan(v) for v in res.value("full_pcc"))
    assert H.fmt(*res.value("full_pcc")) == "n/a"
