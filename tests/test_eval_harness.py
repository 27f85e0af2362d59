"""The harness on a real Neo4j: held-out edges never reach a trainer, reports and ModelRun nodes are written."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from tfkg import models
from tfkg.eval import harness as H
from tfkg.eval import protocols as P
from tfkg.eval.splits import kfold
from tfkg.graph.export import REG, export_snapshot
from tfkg.models.base import LinkPredictor

pytestmark = pytest.mark.neo4j

N_TF, N_TG, N_DIS = 10, 30, 12


def write_hgetgi_like(folder: Path, seed: int = 0) -> None:
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "id_TF.txt").write_text("".join(f"{i}\tzTFX{i}\n" for i in range(N_TF)))
    (folder / "id_Target.txt").write_text("".join(f"{j}\ttGENEX{j}\n" for j in range(N_TG)))
    (folder / "id_Disease.txt").write_text("".join(f"{d}\tC{d:07d}\n" for d in range(N_DIS)) + f"{N_DIS}\tCS\n")
    pairs = {(int(rng.integers(0, N_TF // 2 + 2)), int(rng.integers(0, N_TG))) for _ in range(90)}
    (folder / "TF_Target.txt").write_text("".join(f"{a}\t{b}\n" for a, b in sorted(pairs)))
    td = {(int(rng.integers(0, N_TF)), int(rng.integers(0, N_DIS))) for _ in range(15)}
    gd = {(int(rng.integers(0, N_TG)), int(rng.integers(0, N_DIS))) for _ in range(40)}
    (folder / "TF_Disease.txt").write_text("".join(f"{a}\t{b}\n" for a, b in sorted(td)))
    (folder / "Target_Disease.txt").write_text("".join(f"{a}\t{b}\n" for a, b in sorted(gd)))


@pytest.fixture()
def hgetgi_graph(empty_graph, tmp_path, monkeypatch):
    from tfkg.ingest import hgetgi
    from tfkg.ingest.base import execute

    monkeypatch.setenv("TFKG_CACHE", str(tmp_path / "cache"))
    write_hgetgi_like(tmp_path / "hgetgi")
    execute(empty_graph, hgetgi.plan([tmp_path / "hgetgi"]), False, tmp_path / "q")
    return empty_graph


class Spy(LinkPredictor):
    """Records what training sees and what it is asked to score."""

    name = "spy"
    defaults = {"alpha": 1.0}
    seen: list = []

    def fit(self, snapshot, train_negatives=None, seed=0):
        Spy.seen.append({"train": set(snapshot.pair_keys(snapshot.positives)), "nodes": snapshot.nodes,
                         "neg": None if train_negatives is None else set(snapshot.pair_keys(train_negatives)),
                         "edges": {k: v.copy() for k, v in snapshot.edges.items()}})
        self.deg = np.bincount(snapshot.edges[REG][0], minlength=snapshot.num_nodes("tf")) + self.params["alpha"]
        return self

    def score(self, pairs):
        Spy.seen[-1].setdefault("scored", []).append(np.asarray(pairs).copy())
        return self.deg[pairs[:, 0]].astype(float)


def test_training_snapshots_never_contain_held_out_edges(hgetgi_graph, tmp_path, monkeypatch):
    monkeypatch.setitem(models.MODELS, "spy", f"{__name__}:Spy")
    Spy.seen = []
    res = H.evaluate(hgetgi_graph, "spy", "balanced-random", folds=3, seed=5, model_params={"alpha": 2},
                     baselines=(), out_dir=tmp_path / "run", record=False)
    full = export_snapshot(hgetgi_graph, "hgetgi")
    keys = full.pair_keys(full.positives)
    splits = kfold(full.positives, 3, seed=5)
    assert len(Spy.seen) == 3
    for seen, split in zip(Spy.seen, splits):
        held = set(full.pair_keys(split.test))
        assert held and not seen["train"] & held, "a held-out edge reached the trainer"
        assert seen["train"] == set(keys) - held
        assert not seen["neg"] & seen["train"]
        # the same nodes, and disease edges are untouched
        assert seen["nodes"] == full.nodes
        for et in full.edges:
            if et != REG:
                assert np.array_equal(seen["edges"][et], full.edges[et])
        scored = {tuple(p) for p in np.vstack(seen["scored"]).tolist()}
        assert {tuple(p) for p in split.test.tolist()} <= scored
    assert set(res.per_fold.model) == {"spy"}
    assert res.info["model_params"] == {"alpha": 2}


def test_leak_check_rejects_a_sliced_or_full_snapshot(hgetgi_graph):
    full = export_snapshot(hgetgi_graph, "hgetgi")
    u = H.build_universe(hgetgi_graph, "hgetgi", full, H.snapshot_digest(full))
    fold = P.get("all-unobserved").folds(u, 3, 0)[0]
    with pytest.raises(H.LeakageError, match="held-out"):
        H.check_training_snapshot(full, full, u, fold)
    good = export_snapshot(hgetgi_graph, "hgetgi", exclude=u.keys(fold.split.held_out))
    H.check_training_snapshot(good, full, u, fold)


def test_report_files_modelrun_and_runs_cli(hgetgi_graph, tmp_path):
    from tfkg.cli import main

    res = H.evaluate(hgetgi_graph, "degree", "all-unobserved", folds=3, seed=0, baselines=("random",),
                     out_dir=tmp_path / "run")
    for key in ("report", "metrics", "per_fold", "roc", "pr"):
        assert res.paths[key].exists() and res.paths[key].stat().st_size > 0
    summary = pd.read_csv(res.paths["metrics"])
    assert {"model", "protocol", "metric", "mean", "sd"} <= set(summary.columns)
    assert set(summary.model) == {"degree", "random"}
    assert {"auroc", "auprc", "auprc_trapezoid", "auprc_ratio", "epr", "precision_at_k", "f1"} <= set(summary.metric)
    report = res.paths["report"].read_text()
    assert "all-unobserved" in report and "random" in report and "held-in training pairs" in report
    assert res.paths["roc"].read_bytes()[:4] == b"\x89PNG"
    # ModelRun provenance
    run = hgetgi_graph.run("get_run", run_id=res.run_id)[0]["run"]
    assert run["kind"] == "evaluate" and run["protocol"] == "all-unobserved" and run["train_negatives"] == "random"
    assert any(c.startswith("snapshot:") for c in run["data_checksums"])
    assert any(":excluded:" in c for c in run["data_checksums"])
    assert "degree:auroc" in json.loads(run["metrics_json"]) and run["code_version"]
    # runs list | show | delete
    r = CliRunner().invoke(main, ["runs", "list"])
    assert r.exit_code == 0 and res.run_id[:12] in r.output
    r = CliRunner().invoke(main, ["runs", "show", res.run_id])
    assert r.exit_code == 0 and "all-unobserved" in r.output
    r = CliRunner().invoke(main, ["runs", "delete", res.run_id, "--yes"])
    assert r.exit_code == 0 and not hgetgi_graph.run("get_run", run_id=res.run_id)
    for cmd in (["evaluate", "--help"], ["runs", "--help"], ["runs", "list", "--help"], ["runs", "show", "--help"],
                ["runs", "delete", "--help"]):
        assert CliRunner().invoke(main, cmd).exit_code == 0


def test_enhanced_and_tf_matched_run(hgetgi_graph, tmp_path):
    res = H.evaluate(hgetgi_graph, "degree", "enhanced", folds=3, seed=1, baselines=(), train_negatives="enhanced",
                     out_dir=tmp_path / "enh", record=False)
    assert (Path(str(tmp_path / "cache")) / "cache").glob("reachable-hgetgi-*.npy")
    assert len(list((tmp_path / "cache" / "cache").glob("reachable-hgetgi-*.npy"))) == 1
    assert res.value("auroc")[0] == res.value("auroc")[0]  # not NaN
    res = H.evaluate(hgetgi_graph, "degree", "tf-matched", folds=3, seed=1, baselines=(), val_fraction=0.2,
                     out_dir=tmp_path / "tfm", record=False)
    assert res.info["threshold_on"] == "validation"


def test_beeline_like_file_protocol(empty_graph, tmp_path):
    """A tiny BEELINE-shaped dataset written with named queries: every gene is a 'gene' member, TFs also 'tf'."""
    g = empty_graph
    key, src = "beeline:Specific:tiny:5", "BEELINE:Specific:tiny:5"
    genes = [f"BG{i}" for i in range(12)]
    tf_idx = [0, 1, 2, 3]
    rng = np.random.default_rng(0)
    edges = sorted({(int(rng.choice(tf_idx[:3])), int(rng.integers(0, 12))) for _ in range(30)} - {(i, i) for i in range(12)})
    g.write_rows("merge_datasets", [{"key": key, "source": "BEELINE", "version": "test"}])
    g.write_batches("merge_genes", pd.DataFrame({"symbol": genes, "species": "human", "tf": [i in tf_idx for i in range(12)]}),
                    source="BEELINE")
    members = pd.concat([pd.DataFrame({"symbol": genes, "species": "human", "role": "gene", "index": range(12)}),
                         pd.DataFrame({"symbol": [genes[i] for i in tf_idx], "species": "human", "role": "tf", "index": tf_idx})])
    g.write_batches("merge_includes", members, dataset=key)
    g.write_batches("merge_regulates", pd.DataFrame({"tf": [genes[a] for a, _ in edges], "target": [genes[b] for _, b in edges],
                                                     "species": "human", "mode": "unknown", "modes": None, "pmids": None}),
                    source=src)
    # a GENELink-style split: per TF, positives and non-targets over train/val/test
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
    res = H.evaluate(g, "prior", "file", dataset=key, baselines=("random", "degree"), split_dir=split_dir,
                     train_negatives="file", out_dir=tmp_path / "bl", record=False)
    assert res.info["folds"] == 1 and res.info["threshold_on"] == "validation"
    assert set(res.summary.model) == {"prior", "random", "degree"}
    fi = res.info["fold_info"][0]
    assert fi["test_pos"] == sum(r[2] for r in rows["Test"]) and fi["train_neg"] == sum(1 - r[2] for r in rows["Train"])
    res = H.evaluate(g, "prior", "balanced-random", folds=3, dataset=key, baselines=(), out_dir=tmp_path / "bl2",
                     record=False)
    assert res.info["n_target"] == 12 and res.info["n_tf"] == 4
