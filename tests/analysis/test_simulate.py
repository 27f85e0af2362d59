"""Learned edges to the graph, and in-silico knockouts written back as simulated Knockouts."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from tfkg import models
from tfkg.analysis.simulate import simulate_knockout
from tfkg.cli import main
from tfkg.errors import InputError
from tfkg.eval import knockouts as kb
from tfkg.graph import runs
from tfkg.graph.export import export_snapshot
from tfkg.predict import predict_learned_edges, predict_top_k

pytestmark = pytest.mark.neo4j

FAST = {"steps": 30, "max_iter": 80, "tol": 1e-4, "batch_size": 8, "lr": 0.01, "prior": "all"}


def test_learned_edges_and_simulated_knockout(template_graph, tmp_path):
    g = template_graph
    p = predict_learned_edges(g, "motif-rnn", FAST, dataset="dream4:10-1", run_id="mrnn-test", out_dir=tmp_path)
    n_tf = g.cypher("MATCH (:Dataset {key: 'dream4:10-1'})-[:INCLUDES {role: 'tf'}]->(t) RETURN count(t) AS n")[0]["n"]
    assert p.written == n_tf * 10 - n_tf  # every prior edge ('all': every TF -> other gene)
    rows = g.cypher(
        "MATCH ()-[r:PREDICTED_REGULATES {run_id: 'mrnn-test'}]->() RETURN r.score AS s, r.weight AS w, "
        "r.sign AS sign, r.rank AS rank ORDER BY rank"
    )
    assert all(abs(r["w"]) == pytest.approx(r["s"]) and r["sign"] == np.sign(r["w"]) for r in rows)
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    assert np.all(np.diff([r["s"] for r in rows]) <= 0)
    run = g.run("get_run", run_id="mrnn-test")[0]["run"]
    assert run["model_path"] and run["species"] == "insilico"
    # the fit diagnostics ride on the run, with the training curves beside it
    diag = json.loads(run["metrics_json"])
    assert diag == pytest.approx(p.model.diagnostics)
    # moved_share against its definition: the same fit at lr 0 keeps the initial weights
    snap = export_snapshot(g, "dream4:10-1", modalities={"expression", "priors", "edges"})
    start = models.create("motif-rnn", **{**FAST, "lr": 0.0}).fit(snap, None, seed=0)
    assert diag["moved_share"] == pytest.approx(float((np.abs(p.model.w - start.w) > 0.05).mean()))
    assert (tmp_path / "training.png").read_bytes()[:4] == b"\x89PNG"
    # the learned network as a regulon set of the knockout benchmark: every edge with its learned weight
    net = kb.regulon_set(g, "run:mrnn-test+all", species="insilico").edges
    want = p.frame[p.frame["weight"] != 0].rename(columns={"tf": "source"})
    got = net.merge(want, on=["source", "target"], suffixes=("", "_run"))
    assert len(got) == len(net) == len(want) and np.allclose(got["weight"], got["weight_run"])
    with pytest.raises(InputError, match="not trained on a curated prior"):  # prior 'all'
        kb.regulon_set(g, "run:mrnn-test+prior", species="insilico")
    tf = p.frame["tf"].iloc[0]
    res = simulate_knockout(g, "mrnn-test", tf, model="motif-rnn")
    assert res.written == len(res.effects) > 0
    ko = g.cypher(
        "MATCH (k:Knockout {experiment_id: $e})-[:SIMULATED_BY]->(r:ModelRun) MATCH (k)-[:KNOCKS_OUT]->(t) "
        "MATCH (k)-[a:AFFECTS]->(x) RETURN k.simulated AS sim, r.run_id AS run, t.symbol AS tf, "
        "count(a) AS n",
        e=res.experiment_id,
    )[0]
    assert ko == {"sim": True, "run": "mrnn-test", "tf": tf, "n": res.written}
    simulate_knockout(g, "mrnn-test", tf)  # again: replaced, not duplicated
    assert (
        g.cypher("MATCH (k:Knockout {experiment_id: $e})-[a:AFFECTS]->() RETURN count(a) AS n", e=res.experiment_id)[0]["n"]
        == res.written
    )
    r = CliRunner().invoke(main, ["simulate", "knockout", "motif-rnn", "--run", "mrnn-test", "--tf", "NOPE"])
    assert r.exit_code == 1 and "not a TF" in r.output
    r = CliRunner().invoke(main, ["simulate", "knockout", "motif-rnn", "--run", "no-such-run", "--tf", tf])
    assert r.exit_code == 1 and "no run" in r.output
    g.cypher("MATCH (k:Knockout {experiment_id: $e}) DETACH DELETE k", e=res.experiment_id)
    runs.delete_run(g, "mrnn-test")


def test_a_learned_network_beside_its_prior_signs(template_graph):
    """run:ID+prior: the run's edges with the signs of the curated prior it trained on (here DREAM4's gold standard,
    unsigned, so +1), only where the prior has the edge; the learned weights stay with run:ID+all."""
    g = template_graph
    gold = pd.DataFrame(g.columns("regulon_edges", source="DREAM4", species="insilico", confidences=None, tfs=None)[0])
    assert len(gold) > 3
    pairs = set(zip(gold.tf, gold.target))
    off = next((t, x) for t in gold.tf for x in gold.target if t != x and (t, x) not in pairs)  # not in the prior
    frame = pd.DataFrame({"tf": [*gold.tf[:3], off[0]], "target": [*gold.target[:3], off[1]], "weight": [-0.5] * 3 + [0.7]})
    frame = frame.assign(score=frame.weight.abs(), rank=np.arange(1, 5), sign=np.sign(frame.weight).astype(int))
    runs.save_run(g, "learned-prior-test", "motif-rnn", "predict", {"prior": "dream4"}, species="insilico")
    runs.write_predictions(g, "learned-prior-test", "motif-rnn", frame, species="insilico")
    try:
        prior = kb.regulon_set(g, "run:learned-prior-test+prior", species="insilico").edges
        learned = kb.regulon_set(g, "run:learned-prior-test+all", species="insilico").edges
        assert sorted(zip(prior.source, prior.target, prior.weight)) == sorted(zip(gold.tf[:3], gold.target[:3], [1.0, 1.0, 1.0]))
        assert sorted(learned.weight) == [-0.5, -0.5, -0.5, 0.7]
        with pytest.raises(InputError, match="run:RUN_ID\\+curated\\|all\\|prior"):
            kb.regulon_set(g, "run:learned-prior-test+nope", species="insilico")
    finally:
        runs.delete_run(g, "learned-prior-test")


def test_mtlgrn_simulated_knockout_beside_the_measured_one(template_graph, tmp_path, monkeypatch):
    """One write-back path for every perturbation model: mtlgrn's predicted knockout, written and compared."""
    monkeypatch.chdir(tmp_path)
    g = template_graph
    p = predict_top_k(
        g,
        "mtlgrn",
        {"epochs": 20, "heads": 2, "hidden": 8, "out_dim": 8, "pca_dim": 4},
        top_k=10,
        dataset="dream4:10-1",
        run_id="mtlgrn-test",
    )
    run = g.run("get_run", run_id="mtlgrn-test")[0]["run"]
    assert run["model_path"].endswith("mtlgrn-test/model") and run["species"] == "insilico"
    tf = "DREAM4-10-1:" + sorted(p.frame["tf"].str.split(":").str[1])[0]
    res = simulate_knockout(g, "mtlgrn-test", tf, model="mtlgrn")
    assert res.measured_in == f"DREAM4-10-1:knockout:{tf.split(':')[1]}" and res.measured_seen
    # agreement against an independent read of the measured knockout: Pearson r over every gene but the TF
    measured = g.cypher(
        "MATCH (k:Knockout {experiment_id: $e})-[a:AFFECTS]->(x) RETURN x.symbol AS gene, a.effect AS effect",
        e=res.measured_in,
    )
    m = pd.Series({r["gene"]: r["effect"] for r in measured})
    model = models.load(run["model_path"])
    genes = export_snapshot(g, "dream4:10-1", modalities={"edges"}).nodes["target"]
    sim = pd.Series(model.predict_effects(np.array([genes.index(tf)]))[0], index=genes).drop(tf)
    assert res.agreement == pytest.approx(np.corrcoef(sim[m.index.drop(tf, errors="ignore")], m.drop(tf, errors="ignore"))[0, 1])
    assert "measured" in res.effects and res.effects["measured"].notna().all()
    rows = g.run("simulated_vs_measured", run_id="mtlgrn-test", gene=tf.lower())
    assert len(rows) == res.written and all(r["measured"] is not None for r in rows)
    r = CliRunner().invoke(main, ["simulate", "knockout", "mtlgrn", "--run", "mtlgrn-test", "--tf", tf, "--no-write"])
    assert r.exit_code == 0 and "in the run's training data" in r.output
    r = CliRunner().invoke(main, ["simulate", "knockout", "motif-rnn", "--run", "mtlgrn-test", "--tf", tf])
    assert r.exit_code == 1 and "trained 'mtlgrn'" in r.output
    g.cypher("MATCH (k:Knockout {experiment_id: $e}) DETACH DELETE k", e=res.experiment_id)
    runs.delete_run(g, "mtlgrn-test")


def test_validate_knockouts_on_dream4(template_graph, tmp_path):
    import json

    from tfkg.analysis.validate import validate_knockouts

    g = template_graph
    predict_top_k(g, "degree", top_k=None, per_tf=4, dataset="dream4:10-1", run_id="validate-test")
    res = validate_knockouts(g, "validate-test", k=3, out_dir=tmp_path / "v")
    n_tf = g.cypher("MATCH (:Dataset {key: 'dream4:10-1'})-[:INCLUDES {role: 'tf'}]->(t) RETURN count(t) AS n")[0]["n"]
    t = res.table
    assert len(t) == n_tf and (t["k"] <= 3).all() and (t["hits"] <= t["k"]).all()
    for c in ("model_rate", "degree_rate", "background_rate"):
        assert t[c].between(0, 1).all()
    # a knockout's responders: |change| > 0.1 (DREAM4's threshold) among the other nine genes
    assert (t["background_rate"] == t["responders"] / 9).all()
    assert res.paths["plot"].read_bytes()[:4] == b"\x89PNG"
    # DREAM4 keeps full profiles: every knockout is compared with the network's other knockouts
    assert res.summary["specificity_experiments"] == n_tf and (t["degree_specificity"] > 0).all()
    # the run trained on dream4:10-1, whose knockouts these are: every row is flagged as seen in training
    assert t["seen_in_training"].all() and res.summary["seen_in_training"] == n_tf
    run = g.run("get_run", run_id="validate-test")[0]["run"]
    assert json.loads(run["validation_json"])["experiments"] == n_tf
    r = CliRunner().invoke(main, ["validate", "knockouts", "--run", "no-such-run"])
    assert r.exit_code == 1 and "no run" in r.output
    runs.delete_run(g, "validate-test")


def test_specificity_planted():
    """A TF-specific gene set scores above 1; hubs that respond in every knockout score 1."""
    import numpy as np
    import pandas as pd

    from tfkg.analysis.validate import _specificity

    rng = np.random.default_rng(0)
    absstat = pd.DataFrame(rng.uniform(0.5, 1.5, (4, 50)), index=list("abcd"), columns=[f"g{i}" for i in range(50)])
    absstat[["g0", "g1", "g2"]] *= 10  # hubs: strong in every experiment
    absstat.loc["a", ["g10", "g11"]] *= 10  # a's own targets
    others = {"a": ["b", "c", "d"]}
    assert _specificity(absstat, "a", others, ["g10", "g11"]) > 5
    assert abs(_specificity(absstat, "a", others, ["g0", "g1", "g2"]) - 1) < 0.3
    assert np.isnan(_specificity(absstat, "a", others, ["not-measured"]))
    assert np.isnan(_specificity(absstat, "b", others, ["g10"]))
