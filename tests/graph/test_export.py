"""Snapshots exported by Cypher, every modality, from a real Neo4j.

* Sizes and contents per dataset: HGETGI (edges, diseases), TRRUST mouse (edges, node features, motif priors),
  DREAM4 10-1 (edges, expression, knockout/knockdown effects with the wild type as control), MorPhiC (knockout
  effects, features), BEELINE mHSC-L 500 (edges, scRNA expression aligned to ``nodes['target']``, features, priors).
* Held-out data never reaches a snapshot: ``exclude`` pairs are not REG edges, ``exclude_samples`` are not
  expression columns, ``exclude_experiments`` are not perturbation rows.
* Disk (``Snapshot.save``/``load``) and PyG (``to_hetero``) round trips keep every array.
* The fast reachability mask equals the pure-Cypher one (tiny HGETGI-format graph); Cypher walks.
* A query parameter the query does not declare is refused (``Graph.run`` and ``tfkg query``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from click.testing import CliRunner

from tests.graph.fixtures import TF_SYMS, TG_SYMS, tiny_hgetgi  # noqa: F401 - fixture
from tfkg.data.negatives import reachable_mask
from tfkg.data.snapshot import REG, TF_DIS, TG_DIS, Snapshot
from tfkg.graph.db import UnknownParameter
from tfkg.graph.export import export_snapshot, reachable_mask_cypher

pytestmark = pytest.mark.neo4j

DREAM4 = "dream4:10-1"
BEELINE = "beeline:Specific:mHSC-L:500"
BEELINE_DIR = "beeline_genelink/Specific Dataset/mHSC-L/TFs+500"
DREAM4_NET = "dream4_insilico/DREAM4_InSilico_Size10/insilico_size10_1/insilico_size10_1_{}.tsv"
DREAM4_GOLD = "dream4_insilico/DREAM4_Challenge2_GoldStandards/Size 10/DREAM4_GoldStandard_InSilico_Size10_1.tsv"
HEY1 = "morphic_tf_ko_bulk/results/2024_09_JAX_RNAseq5_ExE_CBO/processed/2024_09_JAX_RNAseq5_ExE_CBO_PrS_day_6_HEY1_DEseq2.tsv.gz"
NKX21 = "morphic_tf_ko_bulk/results/2025_06_JAX_RNAseq10/processed/2025_06_JAX_RNAseq10_ENDO_day_5_NKX2-1_DEseq2.tsv.gz"
HEY1_EXP = "MorPhiC:2024_09_JAX_RNAseq5_ExE_CBO_PrS_day_6_HEY1:PTC"
NKX21_EXP = "MorPhiC:2025_06_JAX_RNAseq10_ENDO_day_5_NKX2-1:KO"
KEYS = {"hgetgi", "trrust:mouse", DREAM4, "morphic", BEELINE}

# A CellOracle slice: TFs Gata2, Spi1, Meis1 are TFs of both TRRUST mouse and BEELINE mHSC-L, and Cd34, Bcl2, Flt3
# genes of both; Zfp999 (a TF of no dataset) and Gm42418 (a gene of no dataset) must not reach a snapshot.
CELLORACLE = pd.DataFrame(
    {
        "peak_id": [f"chr1_{i}00_{i}99" for i in range(1, 6)],
        "gene_short_name": ["Cd34", "Cd34", "Bcl2", "Flt3", "Gm42418"],
        "gata2": [1.0, 1.0, 0.0, 1.0, 1.0],
        "spi1": [1.0, 0.0, 1.0, 0.0, 0.0],
        "meis1": [0.0, 0.0, 1.0, 1.0, 0.0],
        "zfp999": [1.0, 0.0, 0.0, 0.0, 0.0],
    }
)
PRIOR = {
    ("Gata2", "Cd34"): 2.0,
    ("Gata2", "Flt3"): 1.0,
    ("Meis1", "Bcl2"): 1.0,
    ("Meis1", "Flt3"): 1.0,
    ("Spi1", "Bcl2"): 1.0,
    ("Spi1", "Cd34"): 1.0,
}


def pair_keys(snap: Snapshot, pairs) -> list[str]:
    tf, tg = snap.nodes["tf"], snap.nodes["target"]
    return [f"{tf[a]}|{tg[b]}" for a, b in np.asarray(pairs).reshape(-1, 2)]


def reg_keys(snap: Snapshot) -> set[str]:
    return set(pair_keys(snap, snap.positives))


def prior_of(snap: Snapshot, source: str = "CellOracle-mm10") -> dict:
    p = snap.priors[source]
    assert p.weight.dtype == np.float32 and p.sign.dtype == np.int8 and p.edge_index.dtype == np.int64
    return {(snap.nodes["tf"][a], snap.nodes["target"][b]): float(w) for (a, b), w in zip(p.edge_index.T, p.weight)}


def dream4_table(data, kind: str) -> np.ndarray:
    return pd.read_csv(data / DREAM4_NET.format(kind), sep="\t").to_numpy(dtype=np.float32)


@pytest.fixture()
def kg(graph, data, tmp_path_factory):
    """The test database with full HGETGI, TRRUST mouse (+ TF families and a CellOracle slice), DREAM4 10-1, two
    MorPhiC files and BEELINE mHSC-L 500 (expression in a temporary cache): ~5 s, again only when missing."""
    from tfkg.ingest import beeline, celloracle, dream4, hgetgi, morphic, tf_families, trrust
    from tfkg.ingest.base import execute

    have = {
        r["key"]
        for r in graph.cypher(
            "MATCH (d:Dataset) WHERE d.key IN $keys AND d.export_tests = true RETURN d.key AS key", keys=sorted(KEYS)
        )
    }
    if have != KEYS:
        graph.wipe()
        tmp = tmp_path_factory.mktemp("export")
        CELLORACLE.to_parquet(tmp / "celloracle.parquet")
        plans = [
            hgetgi.plan([data / "hgetgi"]),
            trrust.plan([data / trrust.DEFAULT_PATHS[1]]),
            tf_families.plan([data / p for p in tf_families.DEFAULT_PATHS]),
            celloracle.plan([tmp / "celloracle.parquet"]),
            dream4.plan([data / "dream4_insilico"], networks="10-1"),
            morphic.plan([data / HEY1, data / NKX21]),
            beeline.plan([data / BEELINE_DIR]),
        ]
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("TFKG_CACHE", str(tmp / "cache"))
            for plan in plans:
                execute(graph, plan, False, tmp / "q")
        graph.cypher("MATCH (d:Dataset) WHERE d.key IN $keys SET d.export_tests = true", keys=sorted(KEYS))
    return graph


# ------------------------------------------------------------------------------------------ HGETGI


def test_full_snapshot_sizes(kg):
    s = export_snapshot(kg, "hgetgi")
    assert {k: len(v) for k, v in s.nodes.items()} == {"tf": 696, "target": 2064, "disease": 6121}
    assert {k[2] if k[0] == "target" else k[1] + k[2]: v.shape[1] for k, v in s.edges.items()} == {
        "regulatestarget": 6541,
        "associated_withdisease": 8199,
        "disease": 31895,
    }
    assert s.nodes["tf"][1] == "ETV3"  # HGETGI id 1 = zETV3: original ids are preserved
    assert "edges" in s.modalities and s.modalities <= {"edges", "features", "priors", "hetnet"}
    assert export_snapshot(kg, "hgetgi", modalities={"edges"}).modalities == {"edges"}


def test_held_out_pairs_never_reach_the_snapshot(kg, tmp_path):
    full = export_snapshot(kg, "hgetgi")
    rng = np.random.default_rng(0)
    held = full.positives[rng.choice(len(full.positives), 1308, replace=False)]
    train = export_snapshot(kg, "hgetgi", exclude=pair_keys(full, held))
    assert train.edges[REG].shape[1] == 6541 - 1308
    assert not reg_keys(train) & set(pair_keys(full, held))
    train.save(tmp_path / "snap")
    again = Snapshot.load(tmp_path / "snap")
    assert again.meta["n_excluded"] == 1308 and np.array_equal(again.edges[REG], train.edges[REG])
    data = again.to_hetero()
    assert data["tf", "regulates", "target"].edge_index.shape[1] == 6541 - 1308
    assert data["target", "rev_regulates", "tf"].edge_index.shape[1] == 6541 - 1308


@pytest.mark.parametrize("dataset", ["hgetgi", "trrust:mouse", DREAM4, "morphic", BEELINE])
def test_snapshot_is_reproducible(kg, tmp_path, dataset):
    a = export_snapshot(kg, dataset).save(tmp_path / "a")
    b = export_snapshot(kg, dataset).save(tmp_path / "b")
    assert (a / "tensors.pt").read_bytes() == (b / "tensors.pt").read_bytes()


# ------------------------------------------------------------------------------------------ DREAM4


def test_dream4_exports_edges_expression_and_knockouts(kg, data):
    s = export_snapshot(kg, DREAM4)
    assert s.modalities == {"edges", "expression", "perturbations"}
    genes = [f"DREAM4-10-1:G{k}" for k in range(1, 11)]
    gold = pd.read_csv(data / DREAM4_GOLD, sep="\t", header=None)
    gold = gold[gold[2] == 1]
    assert s.nodes["target"] == genes
    assert s.nodes["tf"] == [g for g in genes if g.split(":")[-1] in set(gold[0])]
    assert reg_keys(s) == {f"DREAM4-10-1:{a}|DREAM4-10-1:{b}" for a, b in zip(gold[0], gold[1])}
    assert s.edges[REG].shape == (2, 15)
    # expression: genes x (wild type + 10 multifactorial samples), rows aligned with nodes['target']
    wt = dream4_table(data, "wildtype")[0]
    e = s.expression
    assert e.ntype == "target" and e.values.shape == (10, 11) and e.values.dtype == np.float32
    assert e.sample_ids == ["wildtype"] + [f"multifactorial:{i}" for i in range(1, 11)]
    assert np.array_equal(e.values[:, 0], wt)
    assert np.array_equal(e.values[:, 1:], dream4_table(data, "multifactorial").T)
    assert list(e.samples["kind"]) == ["wildtype"] + ["multifactorial"] * 10
    # perturbations: 10 knockouts then 10 knockdowns x 10 genes, then the bonus round's 5 double knockouts;
    # effect = value - wild type; control = wild type
    p = s.perturbations
    assert p.experiments[:20] == [f"DREAM4-10-1:{k}:G{g}" for k in ("knockout", "knockdown") for g in range(1, 11)]
    assert p.kind == ["knockout"] * 10 + ["knockdown"] * 10 + ["double-knockout"] * 5
    assert p.effect.shape == (25, 10) and p.effect.dtype == np.float32
    assert np.array_equal(p.perturbed[:20], np.tile(np.arange(10), 2)) and (p.perturbed2[:20] == -1).all()
    assert list(p.single) == [True] * 20 + [False] * 5 and p.genes.shape == (25, 2)
    for name, (a, b) in zip(p.experiments[20:], p.genes[20:]):  # both genes of a double, by index
        pair = name.split(":")[-1].split("+")
        assert sorted(pair) == sorted([f"G{a + 1}", f"G{b + 1}"])
    assert np.allclose(p.effect[:10], dream4_table(data, "knockouts") - wt, atol=1e-6)
    assert np.allclose(p.effect[10:20], dream4_table(data, "knockdowns") - wt, atol=1e-6)
    assert p.effect[0, 1] == pytest.approx(0.3726836 - 0.1231706)  # knockout of G1, effect on G2
    assert p.control is not None and np.array_equal(p.control, wt) and np.array_equal(p.control, e.values[:, 0])
    assert p.changed_threshold == 0.1 and p.ntype == "target"


def test_dream4_held_out_parts_reach_no_modality(kg):
    full = export_snapshot(kg, DREAM4)
    held_pairs = pair_keys(full, full.positives[[0, 5, 9]])
    held_samples = ["multifactorial:2", "multifactorial:7"]
    held_exps = ["DREAM4-10-1:knockout:G5", "DREAM4-10-1:knockdown:G3"]
    s = export_snapshot(kg, DREAM4, exclude=held_pairs, exclude_samples=held_samples, exclude_experiments=held_exps)
    assert s.edges[REG].shape[1] == 12 and not reg_keys(s) & set(held_pairs)
    assert reg_keys(s) | set(held_pairs) == reg_keys(full)
    assert s.expression.values.shape == (10, 9) and not set(s.expression.sample_ids) & set(held_samples)
    keep_s = ~np.isin(full.expression.sample_ids, held_samples)
    assert np.array_equal(s.expression.values, full.expression.values[:, keep_s])
    assert list(s.expression.samples.index) == list(full.expression.samples.index[keep_s])
    p, keep_e = s.perturbations, ~np.isin(full.perturbations.experiments, held_exps)
    assert p.effect.shape == (23, 10) and not set(p.experiments) & set(held_exps)
    assert p.experiments == [x for x, k in zip(full.perturbations.experiments, keep_e) if k]
    assert np.array_equal(p.effect, full.perturbations.effect[keep_e])
    assert np.array_equal(p.perturbed, full.perturbations.perturbed[keep_e])
    # the full profiles ride along for exactly the kept experiments (DREAM4's statistic: value - wild type)
    assert p.stat.shape == (23, 10) and np.array_equal(p.stat, full.perturbations.stat[keep_e])
    assert (s.meta["n_excluded"], s.meta["excluded_samples"], s.meta["excluded_experiments"]) == (3, 2, 2)


def test_modalities_can_be_chosen(kg):
    only_edges = export_snapshot(kg, DREAM4, modalities={"edges"})
    assert only_edges.modalities == {"edges"} and only_edges.expression is None and only_edges.perturbations is None
    no_edges = export_snapshot(kg, DREAM4, modalities={"expression", "priors"})  # DREAM4 declares no priors
    assert no_edges.modalities == {"expression"} and not no_edges.edges
    assert no_edges.nodes["target"] == only_edges.nodes["target"]


# ------------------------------------------------------------------------------------------ MorPhiC


def test_morphic_exports_knockout_effects_and_features(kg):
    s = export_snapshot(kg, "morphic")
    assert s.modalities == {"perturbations", "features"} and not s.edges and s.expression is None
    genes = sorted(r["s"] for r in kg.cypher("MATCH (g:Gene) WHERE 'MorPhiC' IN g.sources RETURN g.symbol AS s"))
    assert s.nodes["tf"] == ["HEY1", "NKX2-1"] and s.nodes["target"] == genes
    p = s.perturbations
    assert p.experiments == [HEY1_EXP, NKX21_EXP] and p.effect.shape == (2, len(genes))
    assert [s.nodes["target"][i] for i in p.perturbed] == ["HEY1", "NKX2-1"]
    assert p.control is None and p.changed_threshold == 0.0
    # the effect is AFFECTS.log2fc (significant genes only; 0 = not significant); NKX2-1: one DE gene lacks a symbol
    assert (p.effect != 0).sum(axis=1).tolist() == [33, 14]
    for row, exp in enumerate(p.experiments):
        got = {s.nodes["target"][j]: p.effect[row, j] for j in np.flatnonzero(p.effect[row])}
        want = {
            r["g"]: r["l"]
            for r in kg.cypher(
                "MATCH (:Knockout {experiment_id: $e})-[a:AFFECTS]->(g:Gene) "
                "WHERE a.log2fc IS NOT NULL RETURN g.symbol AS g, a.log2fc AS l",
                e=exp,
            )
        }
        assert got.keys() == want.keys() and all(got[k] == pytest.approx(want[k], rel=1e-6) for k in got)
    # features: one row per node of each type, the same columns, is_tf = the gene's TF label in the graph
    tfs = {r["s"] for r in kg.cypher("MATCH (g:Gene:TF {species: 'human'}) WHERE g.symbol IN $s RETURN g.symbol AS s", s=genes)}
    f = s.features
    assert f["tf"].values.shape[0] == 2 and f["target"].values.shape[0] == len(genes)
    assert f["tf"].columns == f["target"].columns and f["target"].columns[0] == "is_tf"
    assert f["target"].values[:, 0].tolist() == [float(g in tfs) for g in genes]
    held = export_snapshot(kg, "morphic", exclude_experiments=[HEY1_EXP])
    assert held.perturbations.experiments == [NKX21_EXP] and held.perturbations.effect.shape == (1, len(genes))
    assert np.array_equal(held.perturbations.effect[0], p.effect[1])
    # full profiles: every measured gene's signed statistic (not only the significant ones), the held-out one gone
    measured = np.isfinite(p.stat)
    assert p.stat.shape == p.effect.shape and (measured.sum(axis=1) > (p.effect != 0).sum(axis=1)).all()
    assert np.array_equal(held.perturbations.stat[0], p.stat[1], equal_nan=True)


def test_morphic_perturbation_kind_is_knockout(kg):
    assert export_snapshot(kg, "morphic").perturbations.kind == ["knockout", "knockout"]


# ------------------------------------------------------------------------------------------ TRRUST mouse


def test_trrust_mouse_exports_features_and_priors(kg):
    s = export_snapshot(kg, "trrust:mouse")
    assert s.modalities == {"edges", "features", "priors"}
    # MANIFEST: 6,490 edges, of which 28 are self-regulation (left out: a gene is never its own candidate)
    assert (len(s.nodes["tf"]), len(s.nodes["target"]), s.edges[REG].shape[1]) == (827, 2456, 6462)
    f = s.features
    assert f["tf"].values.shape == (827, len(f["tf"].columns)) and f["target"].values.shape[0] == 2456
    assert f["tf"].values.dtype == np.float32 and (f["tf"].values[:, 0] == 1).all()
    fam = [i for i, c in enumerate(f["tf"].columns) if c.startswith("family=")]
    assert f["tf"].values[:, fam].sum(axis=1).max() == 1 and f["tf"].values[:, fam].sum() > 500  # AnimalTFDB
    gata2 = f["tf"].values[s.nodes["tf"].index("Gata2")]
    assert gata2[f["tf"].columns.index("family=zf-GATA")] == 1
    assert prior_of(s) == PRIOR and (s.priors["CellOracle-mm10"].sign == 0).all()
    rng = np.random.default_rng(1)
    held = pair_keys(s, s.positives[rng.choice(6462, 200, replace=False)])
    train = export_snapshot(kg, "trrust:mouse", exclude=held)
    assert train.edges[REG].shape[1] == 6262 and not reg_keys(train) & set(held)
    assert train.nodes == s.nodes and prior_of(train) == PRIOR
    assert all(np.array_equal(train.features[nt].values, s.features[nt].values) for nt in ("tf", "target"))


def test_trrust_signs_ride_with_the_edges(kg, data, tmp_path):
    """Each exported edge carries TRRUST's mode as a sign: +1 / -1 where its rows name one mode, else 0."""
    raw = pd.read_csv(data / "trrust_v2" / "trrust_rawdata.mouse.tsv", sep="\t", names=["tf", "target", "mode", "pmids"])
    raw = raw[(raw["tf"] != raw["target"]) & (raw["mode"] != "Unknown")]
    modes = raw.groupby(["tf", "target"])["mode"].agg(lambda m: set(m))
    want = {k: (1 if m == {"Activation"} else -1) for k, m in modes.items() if len(m) == 1}
    s = export_snapshot(kg, "trrust:mouse", modalities={"edges"})
    got = {(s.nodes["tf"][a], s.nodes["target"][b]): int(v) for (a, b), v in zip(s.edges[REG].T, s.edge_signs[REG]) if v}
    assert got == want and len(want) > 2000
    again = Snapshot.load(s.save(tmp_path / "snap"))
    assert np.array_equal(again.edge_signs[REG], s.edge_signs[REG])


def test_genes_without_a_family_have_no_family_feature(kg):
    s = export_snapshot(kg, "trrust:mouse", modalities={"features"})
    f = s.features["target"]
    fam = [i for i, c in enumerate(f.columns) if c.startswith("family=")]
    no_family = {
        r["s"]
        for r in kg.cypher(
            "MATCH (:Dataset {key: 'trrust:mouse'})-[:INCLUDES {role: 'target'}]->(g:Gene) "
            "WHERE coalesce(g.tf_family_lambert, g.tf_family_animaltfdb) IS NULL RETURN g.symbol AS s"
        )
    }
    rows = [i for i, g in enumerate(s.nodes["target"]) if g in no_family]
    assert len(rows) > 1000 and f.values[np.ix_(rows, fam)].sum() == 0


# ------------------------------------------------------------------------------------------ BEELINE


def test_beeline_exports_expression_aligned_to_targets(kg, data):
    s = export_snapshot(kg, BEELINE)
    assert s.modalities == {"edges", "expression", "features", "priors"}
    assert (len(s.nodes["tf"]), len(s.nodes["target"]), s.edges[REG].shape[1]) == (61, 560, 4398)  # MANIFEST
    e = s.expression
    assert e.values.shape == (560, 847) and e.values.dtype == np.float32 and e.ntype == "target"
    raw = pd.read_csv(data / BEELINE_DIR / "BL--ExpressionData.csv.gz", index_col=0)  # upper-case symbols
    assert e.sample_ids == list(raw.columns)
    assert np.array_equal(e.values, raw.loc[[g.upper() for g in s.nodes["target"]]].to_numpy(dtype=np.float32))
    assert (e.samples["group"] == e.samples.index).all() and set(e.samples["kind"]) == {"cell"}
    assert {nt: f.values.shape[0] for nt, f in s.features.items()} == {"tf": 61, "target": 560}
    assert prior_of(s) == PRIOR


def test_beeline_held_out_pairs_and_cells_reach_no_modality(kg):
    full = export_snapshot(kg, BEELINE)
    rng = np.random.default_rng(2)
    held_pairs = pair_keys(full, full.positives[rng.choice(4398, 400, replace=False)])
    held_cells = full.expression.sample_ids[::30]
    s = export_snapshot(kg, BEELINE, exclude=held_pairs, exclude_samples=held_cells)
    assert s.edges[REG].shape[1] == 4398 - 400 and not reg_keys(s) & set(held_pairs)
    assert s.expression.values.shape == (560, 847 - len(held_cells)) == (560, 847 - 29)
    assert not set(s.expression.sample_ids) & set(held_cells) and not set(s.expression.samples.index) & set(held_cells)
    keep = ~np.isin(full.expression.sample_ids, held_cells)
    assert np.array_equal(s.expression.values, full.expression.values[:, keep])
    assert s.meta["excluded_samples"] == 29 and s.meta["n_excluded"] == 400


# ------------------------------------------------------------------------------------------ round trips


def assert_same(a: Snapshot, b: Snapshot) -> None:
    assert (a.dataset, a.nodes, a.modalities) == (b.dataset, b.nodes, b.modalities)
    assert a.edges.keys() == b.edges.keys()
    for k in a.edges:
        assert b.edges[k].dtype == np.int64 and np.array_equal(a.edges[k], b.edges[k]), k
    assert a.features.keys() == b.features.keys()
    for nt, f in a.features.items():
        assert f.columns == b.features[nt].columns and np.array_equal(f.values, b.features[nt].values)
        assert b.features[nt].values.dtype == np.float32
    assert a.priors.keys() == b.priors.keys()
    for src, p in a.priors.items():
        q = b.priors[src]
        for x, y in ((p.edge_index, q.edge_index), (p.weight, q.weight), (p.sign, q.sign)):
            assert x.dtype == y.dtype and np.array_equal(x, y), src
    assert (a.expression is None) == (b.expression is None)
    if a.expression is not None:
        assert a.expression.ntype == b.expression.ntype and np.array_equal(a.expression.values, b.expression.values)
        assert b.expression.values.dtype == np.float32
        pd.testing.assert_frame_equal(a.expression.samples, b.expression.samples)
    assert (a.perturbations is None) == (b.perturbations is None)
    if a.perturbations is not None:
        p, q = a.perturbations, b.perturbations
        assert (p.experiments, p.kind, p.simulated, p.changed_threshold, p.ntype) == (
            q.experiments,
            q.kind,
            q.simulated,
            q.changed_threshold,
            q.ntype,
        )
        assert np.array_equal(p.effect, q.effect) and np.array_equal(p.perturbed, q.perturbed)
        assert q.effect.dtype == np.float32 and q.perturbed.dtype == np.int64
        assert (p.control is None and q.control is None) or np.array_equal(p.control, q.control)
    assert {k: b.meta[k] for k in a.meta} == a.meta
    assert a.digest() == b.digest()


@pytest.mark.parametrize(
    "dataset,held",
    [
        (DREAM4, dict(exclude_samples=["multifactorial:4"], exclude_experiments=["DREAM4-10-1:knockout:G2"])),
        (BEELINE, dict(exclude_samples=["HSPC_025", "HSPC_031"])),
        ("morphic", dict(exclude_experiments=[NKX21_EXP])),
        ("trrust:mouse", dict(exclude=["Gata2|Cd34"])),
    ],
)
def test_multimodal_snapshot_survives_save_and_load(kg, tmp_path, dataset, held):
    s = export_snapshot(kg, dataset, **held)
    again = Snapshot.load(s.save(tmp_path / "snap"))
    assert_same(s, again)
    assert again.meta["sha256"] and again.meta["dataset"] == dataset


def test_to_hetero_carries_features_priors_expression_and_perturbations(kg):
    b = export_snapshot(kg, BEELINE)
    data = b.to_hetero()
    assert tuple(data["tf"].x.shape) == b.features["tf"].values.shape
    assert tuple(data["target"].x.shape) == (560, len(b.features["target"].columns))
    prior = data["tf", "prior_CellOracle-mm10", "target"]
    assert prior.edge_index.shape == (2, 6) and prior.edge_weight.tolist() == b.priors["CellOracle-mm10"].weight.tolist()
    assert prior.edge_sign.tolist() == [0] * 6
    assert tuple(data["target"].expression.shape) == (560, 847)
    assert data["tf", "regulates", "target"].edge_index.shape[1] == 4398
    d = export_snapshot(kg, DREAM4).to_hetero()
    assert tuple(d.perturbation_effect.shape) == (25, 10) and d.perturbed.tolist()[:20] == list(range(10)) * 2
    assert tuple(d["target"].expression.shape) == (10, 11)


# ------------------------------------------------------------------------------------------ tiny HGETGI graph
# (these wipe the database: the ``kg`` fixture ingests again if a test after them needs it)


def test_cypher_enhanced_negatives_match_the_sparse_product(tiny_hgetgi):  # noqa: F811
    """reachable(z, t) <=> (A_zd · A_dd · A_td^T)[z, t] > 0, with A_dd[d, d'] = 1 iff diseases d and d'
    share at least one gene of the dataset (TF or target), i.e. A_dd = (A_gd^T A_gd > 0), diagonal
    included (so a disease linked to both z and t counts). The CS pseudo-disease is not in the graph."""
    graph, (reg, zd, td, n_dis) = tiny_hgetgi
    n_tf, n_tg = len(TF_SYMS), len(TG_SYMS)
    A_zd = sp.csr_matrix((np.ones(len(zd)), tuple(np.array(zd).T)), shape=(n_tf, n_dis))
    A_td = sp.csr_matrix((np.ones(len(td)), tuple(np.array(td).T)), shape=(n_tg, n_dis))
    A_gd = sp.vstack([A_zd, A_td]).tocsr()
    A_dd = ((A_gd.T @ A_gd) > 0).astype(float)
    expected = (A_zd @ A_dd @ A_td.T).toarray() > 0
    got = reachable_mask_cypher(graph, "hgetgi")
    assert got.shape == expected.shape
    assert np.array_equal(got, expected)
    assert (~got).any() and got.any()  # the tiny graph has both kinds
    assert not got[7].any()  # TF 7 has no disease: every target is an enhanced negative
    assert not got[:, 3].any() and not got[:, 4].any()


def test_fast_reachable_mask_equals_the_cypher_one(tiny_hgetgi):  # noqa: F811
    graph, (reg, *_rest) = tiny_hgetgi
    snap = export_snapshot(graph, "hgetgi")
    assert snap.nodes["tf"] == TF_SYMS and snap.nodes["target"] == TG_SYMS
    fast, slow = reachable_mask(snap), reachable_mask_cypher(graph, "hgetgi")
    assert fast.shape == slow.shape == (len(TF_SYMS), len(TG_SYMS)) and fast.dtype == bool
    assert np.array_equal(fast, slow) and fast.any() and (~fast).any()
    # held-out REGULATES pairs do not change reachability: it is made of gene-disease links only
    held = export_snapshot(graph, "hgetgi", exclude=pair_keys(snap, snap.positives[::3]))
    assert np.array_equal(reachable_mask(held), slow)


def test_cypher_sample_walks_follow_the_metapath(tiny_hgetgi):  # noqa: F811
    graph, (reg, zd, td, n_dis) = tiny_hgetgi
    z = next(a for a, _ in reg)
    rows = graph.run("sample_walks", tf=TF_SYMS[z], walks=5, length=9, dataset=None, source=None)
    assert len(rows) == 5
    # Browser sends numbers as floats (`:params {walks: 5}` is 5.0): the query takes them
    assert len(graph.run("sample_walks", tf=TF_SYMS[z], walks=5.0, length=9.0, dataset=None, source=None)) == 5
    edges = {(TF_SYMS[a], TG_SYMS[b]) for a, b in reg}
    assoc = {(TG_SYMS[a], f"C{1000000 + d:07d}") for a, d in td}
    for r in rows:
        names = r["names"]
        assert names[0] == TF_SYMS[z] and 1 <= len(names) <= 9
        for i in range(1, len(names)):
            a, b = names[i - 1], names[i]
            step = (i - 1) % 4
            ok = {0: (a, b) in edges, 1: (a, b) in assoc, 2: (b, a) in assoc, 3: (b, a) in edges}[step]
            assert ok, (i, a, b)


# ------------------------------------------------------------------------------------------ query parameters


def test_unknown_query_parameter_is_refused(graph):
    with pytest.raises(UnknownParameter, match=r"'tf_targets' has no parameter\(s\) TF; it takes: species, tf"):
        graph.run("tf_targets", TF="STAT3")
    assert isinstance(graph.run("tf_targets", tf="STAT3"), list)  # the declared spelling runs


def test_cli_query_names_the_unknown_parameter(graph):
    from tfkg.cli import main

    res = CliRunner().invoke(main, ["query", "tf_targets", "-p", "TF=STAT3"])
    assert res.exit_code != 0
    assert "no parameter(s) TF" in res.output and "species, tf" in res.output, res.output
    assert not isinstance(res.exception, UnknownParameter)  # a CLI error message, not a traceback


def test_cli_query_runs_read_queries_only(graph):
    """Write queries (merge_*, delete_*, wipe) are not runnable, nor listed, from `tfkg query`; the graph is unchanged."""
    from tfkg import cypher
    from tfkg.cli import main

    assert cypher.writes("delete_run") and cypher.writes("merge_regulates") and cypher.writes("wipe")
    assert not cypher.writes("tf_predictions") and not cypher.writes("explain_pair_rows")
    before = graph.cypher("MATCH (n) RETURN count(n) AS n")[0]["n"]
    res = CliRunner().invoke(main, ["query", "wipe"])
    assert res.exit_code != 0 and "changes the graph" in res.output
    assert graph.cypher("MATCH (n) RETURN count(n) AS n")[0]["n"] == before
    listed = CliRunner().invoke(main, ["query", "--list"], env={"COLUMNS": "200"}).output
    assert "tf_predictions" in listed and "delete_run " not in listed and "merge_regulates" not in listed


def test_holding_out_the_control_sample_drops_the_perturbations(kg):
    """Effects are changes from the wild type: with the wild type held out they would leak it."""
    s = export_snapshot(kg, "dream4:10-1", exclude_samples=["wildtype"])
    assert "wildtype" not in s.expression.sample_ids and s.perturbations is None
    assert any("control sample is held out" in q for q in s.meta["queries"])
    s = export_snapshot(kg, "dream4:10-1", exclude_samples=["multifactorial:1"])
    assert s.perturbations is not None and s.perturbations.simulated is False
    assert set(s.perturbations.kind) == {"knockout", "knockdown", "double-knockout"}


def test_trrust_human_takes_every_disgenet_disease_of_its_genes(empty_graph, data, tmp_path):
    """trrust:human has no disease members: its disease nodes are the DisGeNET diseases of its genes, so the
    TF -> target -> disease meta-paths of ENS (and every link model) exist on it."""
    from tfkg.ingest import disgenet, trrust
    from tfkg.ingest.base import execute

    execute(empty_graph, trrust.plan([data / trrust.DEFAULT_PATHS[0]]), False, tmp_path / "q")
    execute(empty_graph, disgenet.plan([data / disgenet.DEFAULT_PATHS[0]]), False, tmp_path / "q")
    s = export_snapshot(empty_graph, "trrust:human")
    assert len(s.nodes["disease"]) > 1000 and s.edges[TF_DIS].shape[1] > 0 and s.edges[TG_DIS].shape[1] > 0
    assoc = empty_graph.cypher(
        "MATCH (:Dataset {key: 'trrust:human'})-[:INCLUDES]->(g:Gene)"
        "-[:ASSOCIATED_WITH {source: 'DisGeNET'}]->(d) RETURN count(DISTINCT d) AS n"
    )[0]["n"]
    assert len(s.nodes["disease"]) == assoc
    reach = reachable_mask(s)
    assert reach.shape == (len(s.nodes["tf"]), len(s.nodes["target"])) and reach.any() and not reach.all()
