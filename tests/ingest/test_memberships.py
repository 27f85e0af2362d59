"""Dataset memberships (INCLUDES roles tf / gene / target / experiment) and the expression Parquet files that
training snapshots need: DREAM4, MorPhiC, TRRUST, the bulk expression sets, BEELINE; deferred file writes."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.ingest._util import counts
from tfkg.errors import InputError
from tfkg.ingest import beeline, dream4, expression, morphic, trrust
from tfkg.ingest.base import IngestError, execute

pytestmark = pytest.mark.neo4j

HEY1 = "morphic_tf_ko_bulk/results/2024_09_JAX_RNAseq5_ExE_CBO/processed/2024_09_JAX_RNAseq5_ExE_CBO_PrS_day_6_HEY1_DEseq2.tsv.gz"
NKX21 = "morphic_tf_ko_bulk/results/2025_06_JAX_RNAseq10/processed/2025_06_JAX_RNAseq10_ENDO_day_5_NKX2-1_DEseq2.tsv.gz"


@pytest.fixture()
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("TFKG_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def ingest(graph, plan, tmp_path):
    return execute(graph, plan, skip_bad=False, quarantine_dir=tmp_path / "q")


def roles(graph, key: str) -> dict[str, int]:
    return {
        r["role"]: r["n"]
        for r in graph.cypher("MATCH (:Dataset {key: $k})-[r:INCLUDES]->() RETURN r.role AS role, count(*) AS n", k=key)
    }


def node(graph, key: str) -> dict:
    return graph.cypher("MATCH (d:Dataset {key: $k}) RETURN d", k=key)[0]["d"]


def parquets(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.parquet*")) if folder.exists() else []


# ------------------------------------------------------------------ DREAM4


def test_dream4_roles_and_expression(empty_graph, data, tmp_path, cache):
    root = data / dream4.DEFAULT_PATHS[0]
    plan = dream4.plan([root], networks="100-1,10-1")
    # expression, samples, profiles per network; nothing written while planning
    assert not plan.problems and len(plan.files) == 6 and parquets(cache) == []
    ingest(empty_graph, plan, tmp_path)
    first = counts(empty_graph)
    gold = pd.read_csv(dream4.network_files(root, 100, 1)["goldstandard"], sep="\t", header=None)
    n_regulators = gold.loc[gold[2] == 1, 0].nunique()
    assert roles(empty_graph, "dream4:100-1") == {"gene": 100, "tf": n_regulators, "experiment": 220}  # + 20 doubles
    idx = {
        r["e"]: r["i"]
        for r in empty_graph.cypher(
            "MATCH (:Dataset {key: 'dream4:100-1'})-[r:INCLUDES {role: 'experiment'}]->(k:Knockout) "
            "RETURN k.experiment_id AS e, r.index AS i"
        )
    }
    assert idx["DREAM4-100-1:knockout:G1"] == 0 and idx["DREAM4-100-1:knockdown:G100"] == 199
    ds = node(empty_graph, "dream4:100-1")
    expr, meta = pd.read_parquet(ds["expression_path"]), pd.read_parquet(ds["samples_path"])
    assert expr.shape == (100, 101) and list(expr.index[:2]) == ["DREAM4-100-1:G1", "DREAM4-100-1:G2"]
    assert list(expr.columns[:2]) == ["wildtype", "multifactorial:1"] and expr.index.name == "gene"
    assert (meta["kind"] == "multifactorial").sum() == 100 and list(meta.index) == list(expr.columns)
    assert ds["wildtype"] == pytest.approx(expr["wildtype"].tolist()) and ds["expression_shape"] == [100, 101]
    # Mapping file: multifactorial "G56" is Size 100 "G1"; first sample row, 56th column of the raw file.
    raw = (root / "DREAM4_InSilico_Size100_Multifactorial/insilico_size100_1_multifactorial.tsv").read_text().splitlines()
    assert raw[0].split("\t")[55] == '"G56"'
    assert expr.loc["DREAM4-100-1:G1", "multifactorial:1"] == float(raw[1].split("\t")[55])
    assert pd.read_parquet(node(empty_graph, "dream4:10-1")["expression_path"]).shape == (10, 11)
    assert len(ds["checksums"]) == 6 and len(ds["expression_checksums"]) == 2
    ingest(empty_graph, dream4.plan([root], networks="100-1,10-1"), tmp_path)
    assert counts(empty_graph) == first
    assert not list(cache.rglob("*.tmp"))


def test_dream4_mapping_must_be_a_permutation(data, tmp_path, cache):
    src = data / dream4.DEFAULT_PATHS[0]
    root = tmp_path / "dream4"
    for f in dream4.network_files(src, 100, 1).values():
        (root / f.relative_to(src)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(f, root / f.relative_to(src))
    mapping = dream4.network_files(root, 100, 1)["mapping"]
    lines = mapping.read_text().splitlines()
    lines[2] = lines[2].split("\t")[0] + "\tG1"  # G1 (Old) twice
    mapping.write_text("\n".join(lines) + "\n")
    plan = dream4.plan([root], networks="100-1")
    assert any(p.file == str(mapping) and p.line == 3 and "listed twice" in p.reason for p in plan.problems)
    assert not plan.files and not plan.steps


# ------------------------------------------------------------------ MorPhiC, TRRUST


def test_morphic_umbrella(empty_graph, data, tmp_path):
    ingest(empty_graph, morphic.plan([data / HEY1, data / NKX21]), tmp_path)
    got = roles(empty_graph, "morphic")
    kos = empty_graph.cypher("MATCH (k:Knockout {source: 'MorPhiC'}) RETURN count(k) AS n")[0]["n"]
    genes = empty_graph.cypher("MATCH (g:Gene) WHERE 'MorPhiC' IN g.sources RETURN count(g) AS n")[0]["n"]
    assert got == {"tf": 2, "gene": genes, "experiment": kos} and kos == 2
    tf = empty_graph.cypher(
        "MATCH (:Dataset {key: 'morphic'})-[r:INCLUDES {role: 'tf'}]->(g) RETURN g.symbol AS s ORDER BY r.index"
    )
    assert [r["s"] for r in tf] == ["HEY1", "NKX2-1"]
    described = empty_graph.cypher("MATCH (k:Knockout) RETURN k.description AS d ORDER BY d")
    assert [r["d"] for r in described] == ["ENDO day 5 (KO: gene deletion)", "PrS day 6 (PTC: premature stop codon)"]
    u = node(empty_graph, "morphic")
    assert u["max_padj"] == 0.05 and "absent AFFECTS = not significant" in u["note"] and len(u["files"]) == 2
    assert empty_graph.cypher("MATCH (d:Dataset) RETURN count(d) AS n")[0]["n"] == 3  # two files + umbrella
    # a re-run over one file leaves no stale members
    ingest(empty_graph, morphic.plan([data / HEY1]), tmp_path)
    assert roles(empty_graph, "morphic")["experiment"] == 1


def test_trrust_roles(empty_graph, data, tmp_path):
    ingest(empty_graph, trrust.plan([data / p for p in trrust.DEFAULT_PATHS]), tmp_path)
    assert roles(empty_graph, "trrust:human") == {"tf": 795, "target": 2862}
    mouse = roles(empty_graph, "trrust:mouse")
    tfs = empty_graph.cypher(
        "MATCH (t:Gene {species: 'mouse'})-[:REGULATES {source: 'TRRUST'}]->() RETURN count(DISTINCT t) AS n"
    )[0]["n"]
    assert mouse["tf"] == tfs and mouse["target"] > tfs


# ------------------------------------------------------------------ bulk expression


def test_bulk_expression_sets(empty_graph, data, tmp_path, cache):
    plan = expression.plan([data / p for p in expression.DEFAULT_PATHS])
    assert not plan.problems and parquets(cache) == []
    ingest(empty_graph, plan, tmp_path)
    flu, geu = node(empty_graph, "bulk:flu"), node(empty_graph, "bulk:geuvadis")
    fx, fs = pd.read_parquet(flu["expression_path"]), pd.read_parquet(flu["samples_path"])
    assert fx.shape[1] == 252 and fx.shape[0] <= 4147 and fs["group"].nunique() == 17 == flu["n_groups"]
    assert list(fs.index) == list(fx.columns) and set(fs.columns) >= {"group", "kind", "hours", "condition"}
    assert roles(empty_graph, "bulk:flu") == {"gene": fx.shape[0], "tf": flu["n_tfs"]} and flu["n_tfs"] == 165
    gx, gs = pd.read_parquet(geu["expression_path"]), pd.read_parquet(geu["samples_path"])
    assert 9_900 <= gx.shape[0] <= 10_101 and gx.shape[1] == 85 and gs["group"].nunique() == 85
    assert gx.index.is_unique and gx.index.name == "gene"
    # log2(CPM + 1) over the raw column sums: DPM1 is ENSG00000000419
    raw = pd.read_csv(data / "bulk_geuvadis_lcl/counts.tsv.gz", sep="\t", index_col=0)
    want = np.log2(raw.loc["ENSG00000000419", "NA20502"] / raw["NA20502"].sum() * 1e6 + 1)
    assert gx.loc["DPM1", "NA20502"] == pytest.approx(want)
    n_tf = empty_graph.cypher("MATCH (:Dataset {key: 'bulk:geuvadis'})-[:INCLUDES {role: 'tf'}]->(g:TF) RETURN count(g) AS n")[0][
        "n"
    ]
    assert n_tf == geu["n_tfs"] > 0
    # curated, signed priors: CollecTRI edges among the members export as priors["collectri"] (motif-rnn
    # -p prior=collectri), signs kept, outside the default (motif) union
    from tfkg.graph.export import export_snapshot
    from tfkg.ingest import collectri

    q = "MATCH (:Dataset {key: 'bulk:flu'})-[:INCLUDES {role: 'tf'}]->(g) RETURN g.symbol AS s ORDER BY s LIMIT 2"
    tfs = [r["s"] for r in empty_graph.cypher(q)]
    genes = [g for g in fx.index if g not in tfs][:2]
    cols = "tf target omnipath_source_id consensus_stimulation consensus_inhibition in_collectri has_trrust_tag "
    cols += "has_dorothea_tag sources"
    lines = [cols.split(), [tfs[0], genes[0], "x", "True", "False", "True", "False", "False", "CollecTRI"]]
    lines.append([tfs[1], genes[1], "x", "False", "True", "True", "False", "False", "CollecTRI"])
    (tmp_path / "collectri.tsv").write_text("".join("\t".join(x) + "\n" for x in lines))
    ingest(empty_graph, collectri.plan([tmp_path / "collectri.tsv"]), tmp_path)
    snap = export_snapshot(empty_graph, "bulk:flu", modalities={"expression", "priors"})
    ei, sign = snap.prior_edges("collectri")
    got = {(snap.nodes["tf"][a], snap.nodes["target"][b], int(v)) for a, b, v in zip(ei[0], ei[1], sign)}
    assert got == {(tfs[0], genes[0], 1), (tfs[1], genes[1], -1)}
    with pytest.raises(InputError, match=r"no motif prior .* or prior=collectri"):
        snap.prior_edges()


def test_bulk_bad_value_writes_nothing(empty_graph, data, tmp_path, cache):
    ingest(empty_graph, trrust.plan([data / trrust.DEFAULT_PATHS[0]]), tmp_path)  # something to keep
    before = counts(empty_graph)
    folder = tmp_path / "flu"
    folder.mkdir()
    shutil.copy(data / "bulk_flu_gse30550/samples.tsv.gz", folder / "samples.tsv.gz")
    lines = gzip.decompress((data / "bulk_flu_gse30550/expression.tsv.gz").read_bytes()).decode().splitlines()
    fields = lines[6].split("\t")
    fields[3] = "4.2x"
    lines[6] = "\t".join(fields)
    bad = folder / "expression.tsv.gz"
    bad.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    with pytest.raises(IngestError) as e:
        ingest(empty_graph, expression.plan([folder]), tmp_path)
    assert f"{bad}:7:" in str(e.value) and "'4.2x' is not a finite number" in str(e.value)
    assert counts(empty_graph) == before and parquets(cache) == []
    with pytest.raises(ValueError, match="not a bulk expression folder"):
        expression.plan([data / "trrust_v2"])


# ------------------------------------------------------------------ BEELINE


def test_beeline_writes_files_only_on_execute(empty_graph, data, tmp_path, cache):
    folder = data / "beeline_genelink/Specific Dataset/mHSC-L/TFs+500"
    plan = beeline.plan([folder])
    assert parquets(cache) == [] and len(plan.files) == 2
    ingest(empty_graph, plan, tmp_path)
    ds = node(empty_graph, "beeline:Specific:mHSC-L:500")
    expr, cells = pd.read_parquet(ds["expression_path"]), pd.read_parquet(ds["samples_path"])
    assert list(cells.index) == list(expr.columns) and (cells["group"] == cells.index).all()
    assert set(cells["kind"]) == {"cell"} and len(parquets(cache)) == 2
