"""The batch CLI and the prediction services it calls, against a real Neo4j."""

from __future__ import annotations

import click
import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from tfkg.cli import main
from tfkg.data.snapshot import Snapshot
from tfkg.graph import runs
from tfkg.predict import browser_snippet, case_study, predict_top_k

FAST_ENS = {"walks_per_node": 4, "walk_length": 12, "dim": 8, "sgns_steps": 10, "finetune_epochs": 5}


def _commands(group: click.Group, prefix=()):
    for name, cmd in group.commands.items():
        yield (*prefix, name)
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, (*prefix, name))


def test_every_command_has_help():
    for path in [(), *_commands(main)]:
        r = CliRunner().invoke(main, [*path, "--help"])
        assert r.exit_code == 0 and "Usage:" in r.output, path


def test_models_lists_the_registry_and_parameters():
    r = CliRunner().invoke(main, ["models"])
    assert r.exit_code == 0 and "ridge" in r.output and "no-change" in r.output
    r = CliRunner().invoke(main, ["models", "ens"])
    assert r.exit_code == 0 and "walks_per_node" in r.output and "demo" in r.output
    assert CliRunner().invoke(main, ["models", "nope"]).exit_code != 0


def _pred_count(graph) -> int:
    return graph.cypher("MATCH ()-[r:PREDICTED_REGULATES]->() RETURN count(r) AS n")[0]["n"]


@pytest.mark.neo4j
def test_evaluate_every_task_from_the_cli(template_graph, tmp_path):
    for model, dataset in (("degree", "hgetgi"), ("ridge", "dream4:10-1"), ("linear", "dream4:10-1")):
        out = tmp_path / model
        r = CliRunner().invoke(main, ["evaluate", model, "--dataset", dataset, "--folds", "3", "--out", str(out), "--no-record"])
        assert r.exit_code == 0, r.output
        df = pd.read_csv(out / "metrics.csv")
        assert list(df.columns) == ["model", "protocol", "metric", "mean", "sd", "folds"]
        assert model in set(df.model) and len(set(df.model)) >= 2  # baselines beside the model
    r = CliRunner().invoke(main, ["evaluate", "degree", "--preset", "demo", "--no-record"])
    assert r.exit_code == 1 and "degree has no presets" in r.output
    r = CliRunner().invoke(main, ["evaluate", "degree", "-p", "smoothing=abc", "--no-record"])
    assert r.exit_code == 1 and "smoothing" in r.output and "float" in r.output
    r = CliRunner().invoke(main, ["evaluate", "ridge", "--dataset", "hgetgi", "--no-record"])
    assert r.exit_code == 1 and "no task on dataset" in r.output


@pytest.mark.neo4j
def test_predict_write_back_is_idempotent_reusable_and_deletable(template_graph, tmp_path):
    graph = template_graph
    for run_id in [r["run_id"] for r in graph.run("list_runs", model=None)]:
        runs.delete_run(graph, run_id)
    a = predict_top_k(graph, "ens", FAST_ENS, top_k=15, run_id="ens-test-run", save_dir=tmp_path / "ens")
    assert a.written == 15 and _pred_count(graph) == 15
    b = predict_top_k(graph, "ens", top_k=15, run_id="ens-test-run", load_dir=tmp_path / "ens")
    assert b.written == 15 and _pred_count(graph) == 15  # same run: replaced, not added
    pd.testing.assert_frame_equal(a.frame, b.frame)  # the saved model scores the same
    assert list(a.frame["rank"]) == list(range(1, 16))
    rows = graph.run("tf_predictions", tf=a.frame["tf"].iloc[0], run_id="ens-test-run", species=None)
    pred = [r for r in rows if r["rank_in_run"] is not None]
    assert pred and all(r["kind"] == "predicted, novel" for r in pred)  # top-K are unobserved pairs only
    assert all(r["kind"] == "known, not predicted" for r in rows[len(pred) :])  # then the known block
    assert np.all(np.diff(a.frame["score"].to_numpy()) <= 0)
    assert graph.run("get_run", run_id="ens-test-run")[0]["run"]["kind"] == "predict"
    assert graph.run("get_run", run_id="ens-test-run")[0]["run"]["status"] == "complete"
    c = predict_top_k(graph, "degree", top_k=5)  # another run beside it
    assert _pred_count(graph) == 20
    # one run at a time: run_id null is the newest run with predictions for the TF, named in every row
    tf = c.frame["tf"].iloc[0]
    assert {r["run_id"] for r in graph.run("tf_predictions", tf=tf, run_id=None, species=None)} == {c.run_id}
    with pytest.raises(Exception, match="no run no-such-run; runs in the graph .*ens-test-run"):
        graph.run("tf_predictions", tf=tf, run_id="no-such-run", species=None)
    assert runs.delete_run(graph, "ens-test-run") == (15, 1)
    runs.delete_run(graph, c.run_id)
    assert _pred_count(graph) == 0
    r = CliRunner().invoke(main, ["predict", "ridge"])
    assert r.exit_code == 1 and "does not predict links" in r.output


@pytest.mark.neo4j
def test_per_tf_predictions_give_every_tf_ranks_and_percentiles(template_graph):
    graph = template_graph
    p = predict_top_k(graph, "degree", top_k=None, per_tf=3, run_id="per-tf-test")
    snap_tfs = graph.cypher("MATCH (:Dataset {key: 'hgetgi'})-[:INCLUDES {role: 'tf'}]->(t) RETURN count(t) AS n")[0]["n"]
    f = p.frame
    assert f["tf"].nunique() == snap_tfs and (f.groupby("tf")["tf_rank"].max() <= 3).all()
    assert (f["tf"] != f["target"]).all() and list(f["rank"]) == list(range(1, len(f) + 1))
    assert ((f["percentile"] >= 0) & (f["percentile"] <= 100)).all()
    best = f[f.tf_rank == 1]
    assert (best["percentile"] >= f.loc[f.tf_rank == 3, "percentile"].min()).all()
    from tfkg.cli.demo import demo_table

    shown = demo_table(graph, f["tf"].iloc[0], "per-tf-test")  # what `tfkg demo` prints
    assert len(shown) and shown["kind"].iloc[0].startswith("predicted") and shown["tf_rank"].iloc[0] == 1
    rows = graph.run("tf_predictions", tf=f["tf"].iloc[0], run_id="per-tf-test", species=None)
    pred = [r for r in rows if r["rank_in_run"] is not None]
    assert [r["tf_rank"] for r in pred] == sorted(r["tf_rank"] for r in pred) and pred[0]["tf_rank"] == 1
    assert all(r["percentile"] is not None for r in pred)
    runs.delete_run(graph, "per-tf-test")


@pytest.mark.neo4j
def test_case_study_holds_out_every_edge_of_the_tf(template_graph):
    graph = template_graph
    full_rows = graph.cypher(
        "MATCH (:Dataset {key: 'hgetgi'})-[:INCLUDES {role: 'tf'}]->(t)-[:REGULATES {source: "
        "'HGETGI'}]->(g) RETURN t.symbol AS tf, g.symbol AS target"
    )
    by_tf = pd.DataFrame(full_rows).groupby("tf")["target"].apply(set)
    tf = by_tf.map(len).idxmax()
    n_targets = graph.cypher("MATCH (:Dataset {key: 'hgetgi'})-[:INCLUDES {role: 'target'}]->(g) RETURN count(g) AS n")[0]["n"]
    p = case_study(graph, "degree", tf, top=n_targets, run_id="case-test")
    assert len(p.frame) == n_targets  # every target is unobserved once held out
    assert set(p.frame.loc[p.frame.held_out, "target"]) == by_tf[tf]
    snippet = browser_snippet(tf, p.run_id, limit=5)
    assert "'case-test'" in snippet and "$" not in snippet and ":param" not in snippet
    rows = graph.cypher(snippet)  # one statement: Browser shows its table when pasted
    assert len(rows) == 5 and rows[0]["tf_rank"] == 1 and rows[0]["run_id"] == "case-test"
    runs.delete_run(graph, "case-test")
    r = CliRunner().invoke(main, ["case-study", "degree", "--tf", "NOT_A_TF", "--no-write"])
    assert r.exit_code == 1 and "not a TF" in r.output


@pytest.mark.neo4j
def test_export_cli_excludes_held_out_experiments_and_samples(template_graph, tmp_path):
    out = tmp_path / "snap"
    r = CliRunner().invoke(
        main,
        [
            "export",
            "-d",
            "dream4:10-1",
            "--out",
            str(out),
            "--exclude-experiment",
            "DREAM4-10-1:knockout:G3",
            "--exclude-sample",
            "multifactorial:2",
        ],
    )
    assert r.exit_code == 0, r.output
    snap = Snapshot.load(out)
    exps = snap.perturbations.experiments
    assert len(exps) == 24 and "DREAM4-10-1:knockout:G3" not in exps  # + 5 doubles
    assert "multifactorial:2" not in snap.expression.sample_ids and snap.expression.values.shape == (10, 10)
    data = snap.to_hetero()
    assert data.perturbation_effect.shape == (24, 10)


@pytest.mark.neo4j
def test_explain_a_predicted_pair_and_a_missing_gene(template_graph):
    from tfkg.explain import explain

    g = template_graph
    p = predict_top_k(g, "degree", top_k=None, per_tf=2, run_id="explain-test")
    row = p.frame.iloc[0]
    lines = explain(g, row["tf"], row["target"])
    text = "\n".join(lines)
    assert lines[0] == f"Evidence for {row['tf']} -> {row['target']} (human):"
    assert "not a known edge in any literature-curated source" in text  # predictions are unobserved pairs
    assert f"- predicted (explain-test (degree)): #{row['tf_rank']} of the TF's predictions" in text
    r = CliRunner().invoke(main, ["explain", row["tf"], "NO-SUCH-GENE"])
    assert r.exit_code == 1 and "no human gene 'NO-SUCH-GENE'" in r.output
    runs.delete_run(g, "explain-test")


@pytest.mark.neo4j
def test_a_write_that_fails_leaves_a_failed_run_that_default_views_skip(template_graph, monkeypatch):
    """The run is 'running' while its edges are written and 'failed' (with the reason) when the write does not
    commit; tf_predictions' default (the newest run) skips it for the newest complete one."""
    graph = template_graph
    ok = predict_top_k(graph, "degree", top_k=None, per_tf=2, run_id="status-ok")
    tf = ok.frame["tf"].iloc[0]

    def boom(work):
        raise RuntimeError("server went away")

    monkeypatch.setattr(graph, "write_transaction", boom)
    with pytest.raises(RuntimeError, match="server went away"):
        runs.write_predictions(graph, "status-bad", "degree", ok.frame)
    monkeypatch.undo()
    run = graph.run("get_run", run_id="status-bad")[0]["run"]
    assert run["status"] == "failed" and "server went away" in run["failure"]
    graph.cypher(
        "MATCH (t:Gene {symbol: $tf}), (g:Gene {symbol: $g}) CREATE (t)-[:PREDICTED_REGULATES "
        "{run_id: 'status-bad', score: 1e9, rank: 1, tf_rank: 1}]->(g)",
        tf=tf,
        g=ok.frame["target"].iloc[0],
    )
    rows = graph.run("tf_predictions", tf=tf, run_id=None, species=None, limit=None)
    assert {r["run_id"] for r in rows} == {"status-ok"}
    assert {r["run_id"] for r in graph.run("tf_predictions", tf=tf, run_id="status-bad", species=None, limit=None)} == {
        "status-bad"
    }
    for r in ("status-ok", "status-bad"):
        runs.delete_run(graph, r)


@pytest.mark.neo4j
def test_a_pinned_default_run_is_what_every_view_shows_and_names(template_graph):
    """Without a pinned run the views show the newest one covering the TF; `tfkg runs default` pins one, which
    tf_predictions, explain and tfkg runs list name; tfkg query prints the run once above a table that fits 80
    columns; the run's edge count is kept on it."""
    g = template_graph
    first = predict_top_k(g, "degree", top_k=None, per_tf=3, run_id="pin-a").frame
    predict_top_k(g, "degree", top_k=None, per_tf=3, run_id="pin-b", rank_by="specificity")
    tf = first["tf"].iloc[0]
    assert g.run("tf_predictions", tf=tf)[0]["run_id"] == "pin-b"  # the newest
    r = CliRunner().invoke(main, ["runs", "default", "pin-a"])
    assert r.exit_code == 0 and "ranked by score" in r.output, r.output
    rows = g.run("tf_predictions", tf=tf)
    assert rows[0]["run_id"] == "pin-a" and rows[0]["run"] == "pin-a (the default run)"
    assert "degree, all features" in rows[0]["run_about"]
    said = g.run("explain_pair_rows", tf=tf, target=None)
    assert said[0]["evidence"] == "run" and said[0]["source"] == "pin-a (the default run)"
    listed = CliRunner().invoke(main, ["runs", "list"], env={"COLUMNS": "100"}).output
    assert "* pin-a" in listed and "specificity" in listed and str(len(first)) in listed
    out = CliRunner().invoke(main, ["query", "tf_predictions", "-p", f"tf={tf}"], env={"COLUMNS": "80"}).output
    assert "run: pin-a (the default run)" in out and max(len(line) for line in out.splitlines()) <= 80, out
    assert CliRunner().invoke(main, ["runs", "default", "no-such-run"]).exit_code == 1
    assert CliRunner().invoke(main, ["runs", "default", "--unset"]).exit_code == 0
    assert g.run("tf_predictions", tf=tf)[0]["run_id"] == "pin-b"
    for run_id in ("pin-a", "pin-b"):
        runs.delete_run(g, run_id)
