"""TF identification from knockout profiles (tfkg.eval.knockouts) and XSwap, on planted data: no database."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from tfkg.data.xswap import edge_prior, permute_edges
from tfkg.eval import knockouts as kb


def planted(n_tfs=30, n_targets=12, n_genes=600, seed=0, effect=3.0):
    """Regulons of n_tfs TFs; experiment k knocks out TF k: its activated targets drop, its repressed ones rise."""
    rng = np.random.default_rng(seed)
    genes = np.array([f"G{i}" for i in range(n_genes)], dtype=object)
    tfs = [f"TF{i}" for i in range(n_tfs)]
    rows = []
    for tf in tfs:
        for g in rng.choice(genes, n_targets, replace=False):
            rows.append((tf, g, rng.choice([1.0, -1.0], p=[0.7, 0.3])))
    net = pd.DataFrame(rows, columns=["source", "target", "weight"])
    stat = pd.DataFrame(rng.normal(0, 1, (n_tfs, n_genes)), index=[f"KO-{t}" for t in tfs], columns=genes)
    for tf in tfs:
        part = net[net["source"] == tf]
        stat.loc[f"KO-{tf}", part["target"].to_numpy()] -= effect * part["weight"].to_numpy()
    stat.iloc[0, :50] = np.nan  # unmeasured genes
    design = pd.DataFrame(
        {"perturbed": [[t] for t in tfs], "perturbation": "knockout", "context": "x", "dataset": "planted"}, index=stat.index
    )
    prof = kb.Profiles(stat, stat.copy(), design)
    return prof, kb.RegulonSet("planted", net)


def ulm_by_hand(prof, net, tmin=5):
    """The ULM t-value, one least-squares fit per (experiment, TF): the definition, not decoupler's code."""
    data = -prof.stat.fillna(0.0)
    out = pd.DataFrame(index=data.index)
    for tf, part in net.groupby("source"):
        x = pd.Series(0.0, index=data.columns)
        x[part["target"].to_numpy()] = part["weight"].to_numpy()
        if (x != 0).sum() < tmin:
            continue
        out[tf] = [
            stats.linregress(x.to_numpy(), data.loc[e].to_numpy()).slope
            / stats.linregress(x.to_numpy(), data.loc[e].to_numpy()).stderr
            for e in data.index
        ]
    return out


def test_ulm_values_equal_the_definition_and_the_knocked_out_tf_ranks_first():
    prof, rs = planted()
    es = kb.activities(prof, rs.edges, "ulm", tmin=5)
    ref = ulm_by_hand(prof, rs.edges)
    np.testing.assert_allclose(es.loc[ref.index, ref.columns].to_numpy(), ref.to_numpy(), rtol=1e-6, atol=1e-9)
    metrics, ranks = kb.score(es, prof.design)
    assert metrics["experiments"] == 30
    assert (ranks["rank"] == 1).all() and metrics["top1"] == 1.0
    assert metrics["auroc"] > 0.99 and metrics["one_minus_qrank"] == 1.0


def test_a_shuffled_regulon_does_not_identify_the_tf():
    prof, rs = planted(seed=1)
    sh = kb.shuffled(rs, seed=0)
    out_deg = lambda e: e.groupby("source").size().sort_index()  # noqa: E731
    pd.testing.assert_series_equal(out_deg(sh.edges), out_deg(rs.edges))
    assert len(set(zip(sh.edges.source, sh.edges.target)) & set(zip(rs.edges.source, rs.edges.target))) < 0.2 * len(rs.edges)
    m, _ = kb.score(kb.activities(prof, sh.edges), prof.design)
    assert m["auroc"] < 0.75 and m["top1"] < 0.3


def test_hub_regulons_score_chance():
    """Every TF with the same hub targets: the activities tie, so the perturbed TF is found at chance (0.5).

    The activities of identical regulons are equal only up to rounding (BLAS kernels may sum each column in a
    different order), and score() ranks exact values, so the two halves are checked apart: the activities agree
    within a tolerance, and score() on exact ties (one experiment's value copied to every TF) gives chance."""
    prof, rs = planted(seed=2)
    hubs = [f"G{i}" for i in range(100, 140)]
    net = pd.DataFrame([(tf, g, 1.0) for tf in rs.edges["source"].unique() for g in hubs], columns=["source", "target", "weight"])
    es = kb.activities(prof, net)
    assert es.shape == (30, 30) and np.isfinite(es.to_numpy()).all()
    v = es.to_numpy()
    assert np.abs(v).max(axis=1).min() > 0.05  # not all ~0: a tie of zeros would prove nothing
    # identical regulons, identical activities (up to rounding): no TF stands out in any experiment
    np.testing.assert_allclose(v, np.repeat(v[:, :1], v.shape[1], axis=1), rtol=1e-9, atol=1e-12)
    tied = pd.DataFrame(np.repeat(v[:, :1], v.shape[1], axis=1), index=es.index, columns=es.columns)
    m, ranks = kb.score(tied, prof.design)
    assert (ranks["rank"] == (30 + 1) / 2).all()  # ties share their average rank
    assert m["auroc"] == pytest.approx(0.5) and m["one_minus_qrank"] == pytest.approx(0.5 + 0.5 / 30)
    # and end to end: score() takes activities equal to 9 decimals for a tie, so the computed ones tie on any CPU
    m2, _ = kb.score(es, prof.design)
    assert m2["auroc"] == pytest.approx(0.5) and m2["one_minus_qrank"] == pytest.approx(0.5 + 0.5 / 30)


def test_benchmark_common_subset_signs_and_filters(tmp_path):
    prof, rs = planted(seed=3)
    small = kb.RegulonSet("half", rs.edges[rs.edges["source"].isin([f"TF{i}" for i in range(15)])])
    unsigned = kb.RegulonSet("unsigned", rs.edges.assign(weight=1.0))
    res = kb.benchmark(prof, [rs, small, unsigned], shuffles=2, seed=0)
    assert (res.table.loc[res.table["shuffle_of"].notna(), "permutations"] == 2).all()
    t = res.table.set_index(["set", "subset"])
    assert t.loc[("planted", "all"), "experiments"] == 30 and t.loc[("half", "all"), "experiments"] == 15
    assert res.settings["common_subset"] == 15 and (t.xs("common", level="subset")["experiments"] == 15).all()
    # signs carry information: the repressed targets rise in the knockout
    assert t.loc[("planted", "all"), "auroc"] > t.loc[("unsigned", "all"), "auroc"]
    assert t.loc[("planted (shuffled)", "all"), "auroc"] < t.loc[("planted", "all"), "auroc"] - 0.2
    paths = kb.write(res, tmp_path)
    assert paths["plot"].stat().st_size > 5000 and "Common subset" in paths["report"].read_text()
    assert set(pd.read_csv(paths["ranks"])["subset"]) == {"all", "common"}
    # --own-lfc: keep experiments whose perturbed gene dropped
    prof.log2fc.loc["KO-TF3", "TF3"] = -2.0
    kept = kb.own_lfc_filter(prof, -1.0)
    assert list(kept.design.index) == ["KO-TF3"]


def test_xswap_keeps_degrees_and_makes_a_simple_graph():
    rng = np.random.default_rng(0)
    src = rng.integers(0, 40, 3000)
    dst = rng.integers(40, 400, 3000)
    e = pd.DataFrame({"s": src, "d": dst}).drop_duplicates()
    s2, d2, st = permute_edges(e["s"].to_numpy(), e["d"].to_numpy(), 10, seed=1)
    assert st["swapped"] > 0.5 * len(e)
    np.testing.assert_array_equal(np.bincount(s2, minlength=400), np.bincount(e["s"], minlength=400))
    np.testing.assert_array_equal(np.bincount(d2, minlength=400), np.bincount(e["d"], minlength=400))
    assert len(set(zip(s2, d2))) == len(e)
    with pytest.raises(ValueError, match="duplicate"):
        permute_edges(np.array([1, 1]), np.array([2, 2]))


def test_edge_prior_expects_the_edge_count():
    rng = np.random.default_rng(1)
    e = pd.DataFrame({"s": rng.integers(0, 30, 800), "d": rng.integers(0, 200, 800)}).drop_duplicates()
    s, d = e["s"].to_numpy(), e["d"].to_numpy()
    table = edge_prior(s, d, 30, 200, permutations=5)
    out_deg, in_deg = np.bincount(s, minlength=30), np.bincount(d, minlength=200)
    prior = table[out_deg[:, None], in_deg[None, :]]
    assert prior.sum() == pytest.approx(len(e))  # the prior's expected edges are the edges permuted
    assert prior[out_deg.argmax(), in_deg.argmax()] > prior[out_deg.argmin(), in_deg.argmin()]


def test_a_shuffle_is_scored_on_its_real_sets_experiments():
    """TF29's real regulon has only unmeasured targets (below tmin: its knockout cannot be scored); XSwap hands it
    measured ones, so its shuffles could score KO-TF29. They must not: a shuffle is the real set's null, on the real
    set's experiments."""
    prof, rs = planted(seed=4)
    gone = [f"X{i}" for i in range(12)]  # genes not in the profiles
    edges = pd.concat([rs.edges[rs.edges["source"] != "TF29"], pd.DataFrame({"source": "TF29", "target": gone, "weight": 1.0})])
    res = kb.benchmark(prof, [kb.RegulonSet("s", edges)], shuffles=3, seed=0)
    r = res.ranks[res.ranks["subset"] == "all"]
    assert "KO-TF29" not in set(r.loc[r["set"] == "s", "experiment"])
    assert set(r.loc[r["set"] == "s (shuffled)", "experiment"]) <= set(r.loc[r["set"] == "s", "experiment"])
    t = res.table.set_index(["set", "subset"])
    assert t.loc[("s (shuffled)", "all"), "experiments"] <= t.loc[("s", "all"), "experiments"] == 29


def test_bootstrap_auroc_is_the_benchmarks_auroc_and_intervals_cover_it():
    """With every experiment once, the pair-count AUROC the bootstrap resamples is score()'s (decoupler's) AUROC;
    each real set's 95% interval holds its point; the paired difference of a set to itself is exactly 0, and a
    set with the signal against one without has an interval that excludes 0."""
    prof, rs = planted(seed=5, effect=0.8)  # a weak effect: AUROC well inside (0.5, 1)
    noise = kb.shuffled(rs, seed=9)
    noise = kb.RegulonSet("noise", noise.edges)
    ref = kb.RegulonSet("collectri", rs.edges)
    res = kb.benchmark(prof, [ref, noise], shuffles=1, seed=0, bootstrap=400)
    es = res.activities["collectri"]
    vals, pos = kb._flat(es, prof.design, list(es.index))
    c, p, n = kb._pair_counts(vals, pos)
    t = res.table.set_index(["set", "subset"])
    assert c.sum() / (p.sum() * n.sum()) == pytest.approx(t.loc[("collectri", "all"), "auroc"], abs=1e-9)
    assert 0.55 < t.loc[("collectri", "all"), "auroc"] < 0.99
    for name in ("collectri", "noise"):
        for subset in ("all", "common"):
            r = t.loc[(name, subset)]
            assert r["auroc_lo"] <= r["auroc"] <= r["auroc_hi"] and r["auroc_hi"] - r["auroc_lo"] > 0.005
            assert r["one_minus_qrank_lo"] <= r["one_minus_qrank"] <= r["one_minus_qrank_hi"]
    assert t.loc[("collectri", "all"), ["auroc_diff", "auroc_diff_lo", "auroc_diff_hi"]].abs().max() < 1e-12
    d = t.loc[("noise", "all")]
    assert d["diff_experiments"] == 30
    assert d["auroc_diff_hi"] < 0 and d["auroc_diff_lo"] <= d["auroc_diff"] <= d["auroc_diff_hi"]
    assert np.isnan(t.loc[("noise (shuffled)", "common"), "auroc_lo"])  # shuffles get no interval
    assert res.settings["reference"] == "collectri" and res.settings["bootstrap"] == 400


def test_a_consensus_set_combines_its_layers_and_its_shuffle_shuffles_every_layer():
    from tfkg.eval.consensus import combine

    prof, rs = planted(seed=6, effect=1.0)
    half_a = kb.RegulonSet("a", rs.edges.groupby("source").head(6).reset_index(drop=True))
    half_b = kb.RegulonSet("b", rs.edges.groupby("source").tail(6).reset_index(drop=True))
    both = kb.RegulonSet("consensus:a+b", pd.concat([half_a.edges, half_b.edges]), layers=[half_a, half_b], rule="mean-rank")
    got = kb.set_activities(prof, both)
    want = combine([kb.activities(prof, half_a.edges), kb.activities(prof, half_b.edges)], "mean-rank")
    pd.testing.assert_frame_equal(got, want)
    sh = kb.shuffled(both, seed=1)
    assert [len(lay.edges) for lay in sh.layers] == [len(half_a.edges), len(half_b.edges)] and sh.rule == "mean-rank"
    assert sh.shuffle_of == "consensus:a+b"
    res = kb.benchmark(prof, [half_a, both], shuffles=2, seed=0, bootstrap=0)
    t = res.table.set_index(["set", "subset"])
    assert t.loc[("consensus:a+b", "all"), "auroc"] > t.loc[("consensus:a+b (shuffled)", "all"), "auroc"] + 0.1


def test_run_benchmark_is_the_whole_command_and_records_on_run_sets(tmp_path, monkeypatch):
    """``tfkg benchmark knockouts``'s service: profiles and sets from the graph, the benchmark, the files, the
    activities and, for a ``run:`` set, its rows on the run's ModelRun (the command's one merge_model_run)."""
    prof, rs = planted(seed=3)
    sets = {"planted": rs, "run:r1+curated": kb.RegulonSet("run:r1+curated", rs.edges.head(200))}

    class FakeGraph:
        def __init__(self):
            self.calls = []

        def run(self, name, **params):
            self.calls.append((name, params))
            return []

    monkeypatch.setattr(kb, "load_profiles", lambda graph, species, datasets: prof)
    monkeypatch.setattr(kb, "regulon_set", lambda graph, spec, species: sets[spec])
    monkeypatch.setattr(kb, "write_activities", lambda graph, res, species: 7)
    seen = []
    g = FakeGraph()
    res = kb.run_benchmark(
        g,
        regulons=["planted", "run:r1+curated"],
        shuffles=1,
        bootstrap=0,
        out=tmp_path,
        progress=lambda name, done, total: seen.append((done, total)),
    )
    assert seen[-1] == (4, 4) and res.written == 7 and res.paths["report"].exists()
    ((name, params),) = g.calls
    assert name == "merge_model_run" and params["run"]["run_id"] == "r1"
    rows = pd.read_json(io.StringIO(params["run"]["knockout_benchmark_curated_json"]))
    assert set(rows["set"]) == {"run:r1+curated", "run:r1+curated (shuffled)"}
    assert kb.run_benchmark(g, regulons=["planted"], shuffles=0, bootstrap=0, out=tmp_path, write_graph=False).written == 0
    with pytest.raises(kb.InputError):
        kb.run_benchmark(g, regulons=[], out=tmp_path)
