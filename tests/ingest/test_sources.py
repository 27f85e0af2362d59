"""Ingestion of the extra sources into the real Neo4j: MANIFEST counts, idempotence, bad input.

Big sources are checked in two halves: the plan over the full shared file (no database) gives the MANIFEST
counts, and a small slice written to tmp_path goes through the database.
"""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.ingest._util import counts
from tfkg.ingest import beeline, celloracle, dorothea_tfbs, dream4, hgnc, jaspar, mgi, morphic, motif_hits, tf_families, trrust
from tfkg.ingest.base import IngestError, execute

pytestmark = pytest.mark.neo4j

TINY_TRRUST = "STAT3\tVEGFA\tActivation\t1\nTP53\tBAX\tActivation\t2\n"


def one(graph, text: str, **params):
    return graph.cypher(text, **params)[0]["n"]


def ingest(graph, plan, tmp_path):
    return execute(graph, plan, skip_bad=False, quarantine_dir=tmp_path / "q")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text)
    return path


def refused(graph, plan, tmp_path, file: Path, line: int, words: str) -> None:
    """``plan`` must be refused with a problem at file:line mentioning ``words``, leaving the graph as it was."""
    before = counts(graph)
    with pytest.raises(IngestError) as e:
        ingest(graph, plan, tmp_path)
    assert any(p.file == str(file) and p.line == line and words in p.reason for p in e.value.problems), e.value.problems
    assert f"{file}:{line}:" in str(e.value)
    assert counts(graph) == before


def seed(graph, tmp_path) -> None:
    """A little content, so that 'graph unchanged' means something."""
    ingest(graph, trrust.plan([write(tmp_path / "seed.human.tsv", TINY_TRRUST)]), tmp_path)


# ------------------------------------------------------------------ DoRothEA TFBS


def test_dorothea_tfbs_manifest_counts(data):
    plan = dorothea_tfbs.plan([data / p for p in dorothea_tfbs.DEFAULT_PATHS])
    assert not plan.problems
    rels = {s.params["source"]: s.rows for s in plan.steps if s.query == "merge_motif_prior"}
    # MANIFEST: jaspar 187,506 rows, 502 TFs, 18,451 targets; hocomoco 155,458 rows, 396 TFs, 18,591 targets.
    assert len(rels["DoRothEA-TFBS-JASPAR"]) == 187_506 and rels["DoRothEA-TFBS-JASPAR"].tf.nunique() == 502
    assert rels["DoRothEA-TFBS-JASPAR"].target.nunique() == 18_451
    assert len(rels["DoRothEA-TFBS-HOCOMOCO"]) == 155_458 and rels["DoRothEA-TFBS-HOCOMOCO"].tf.nunique() == 396


def test_dorothea_tfbs_slice_writes_idempotently(empty_graph, data, tmp_path):
    paths = []
    for rel in dorothea_tfbs.DEFAULT_PATHS:
        lines = gzip.decompress((data / rel).read_bytes()).decode().splitlines()[:1001]
        # harmless variation: CRLF, a repeated row and spaces around fields
        text = "\r\n".join(lines + [lines[5], " " + lines[6].replace("\t", " \t ")]) + "\r\n"
        paths.append(write(tmp_path / Path(rel).name, text))
    plan = dorothea_tfbs.plan(paths)
    ingest(empty_graph, plan, tmp_path)
    first = counts(empty_graph)
    assert first["rels"][("MOTIF_PRIOR", "DoRothEA-TFBS-JASPAR")] == 1000
    assert first["rels"][("MOTIF_PRIOR", "DoRothEA-TFBS-HOCOMOCO")] == 1000
    assert one(empty_graph, "MATCH (:TF)-[r:MOTIF_PRIOR]->(:Gene) WHERE r.score = 1.0 RETURN count(r) AS n") == 2000
    ingest(empty_graph, dorothea_tfbs.plan(paths), tmp_path)
    assert counts(empty_graph) == first


def test_dorothea_tfbs_bad_rows(empty_graph, tmp_path):
    seed(empty_graph, tmp_path)
    f = write(tmp_path / "tfbs_jaspar_network.tsv", "tf\ttarget\nALX1\tABCA13\nALX1\tABCC4\tx\nSox2\tNANOG\n")
    plan = dorothea_tfbs.plan([f])
    assert [(p.line, p.reason.split(",")[0]) for p in plan.problems][:1] == [(3, "expected 2 columns")]
    assert any(p.line == 4 and "mouse (MGI) case" in p.reason for p in plan.problems)
    refused(empty_graph, plan, tmp_path, f, 3, "expected 2 columns")


# ------------------------------------------------------------------ CellOracle


def test_celloracle_manifest_counts(data):
    plan = celloracle.plan([data / p for p in celloracle.DEFAULT_PATHS])
    assert not plan.problems
    (edges,) = [s.rows for s in plan.steps if s.query == "merge_motif_prior"]
    ds = plan.datasets[0]
    # MANIFEST: 29,308 windows, 1,079 TFs, 24,599 genes, 2,678,188 TF->gene edges (max over windows). The one
    # gene-trap locus Gt(ROSA)26Sor cannot be a graph gene: its windows are skipped and listed.
    assert (ds["n_windows"], ds["n_tfs"], ds["n_genes"] + 1) == (29_308, 1_079, 24_599)
    assert ds["skipped_markers"] == ["Gt(ROSA)26Sor"]
    assert len(edges) == 2_678_040 == ds["n_edges"]
    tfs = set(edges.tf)
    assert {"9430076C15Rik", "Ac002126.6", "Sox2", "Pou5f1"} <= tfs and "9430076c15rik" not in tfs
    assert edges.score.min() == 1 and edges.score.max() <= 12


def _celloracle_slice(path: Path, gene_value=1.0) -> Path:
    df = pd.DataFrame(
        {
            "peak_id": ["chr1_100_1200", "chr1_2000_3100", "chr2_500_1600", "chr3_10_1110", "chr3_5000_6100"],
            "gene_short_name": ["Sox2", "Sox2", "Nanog", "Gata1", "Gata1"],
            "sox2": [1.0, 1.0, 0.0, 1.0, 0.0],  # -> Sox2 (the file's own gene column)
            "9430076c15rik": [0.0, 1.0, 1.0, 0.0, 0.0],  # -> 9430076C15Rik (RIKEN spelling)
            "GATA1": [0.0, 0.0, 1.0, 1.0, 1.0],  # -> Gata1
            "Ap2alpha": [0.0, 0.0, 0.0, 0.0, gene_value],  # no gene: first-upper-rest-lower
        }
    )
    df.to_parquet(path)
    return path


def test_celloracle_slice_windows_and_case(empty_graph, tmp_path):
    f = _celloracle_slice(tmp_path / "mm10_slice.parquet")
    ingest(empty_graph, celloracle.plan([f]), tmp_path)
    first = counts(empty_graph)
    got = {
        (r["tf"], r["g"]): r["score"]
        for r in empty_graph.cypher(
            "MATCH (t:TF)-[r:MOTIF_PRIOR {source: 'CellOracle-mm10'}]->(g) RETURN t.symbol AS tf, g.symbol AS g, r.score AS score"
        )
    }
    assert got == {
        ("Sox2", "Sox2"): 2,
        ("Sox2", "Gata1"): 1,
        ("9430076C15Rik", "Sox2"): 1,
        ("9430076C15Rik", "Nanog"): 1,
        ("Gata1", "Nanog"): 1,
        ("Gata1", "Gata1"): 2,
        ("Ap2alpha", "Gata1"): 1,
    }
    assert first["labels"]["TF"] == 4 and first["labels"]["Gene"] == 5
    ingest(empty_graph, celloracle.plan([f]), tmp_path)
    assert counts(empty_graph) == first
    # min_windows=2 keeps the pairs hit in two windows only
    assert len(celloracle.plan([f], min_windows=2).steps[-1].rows) == 2


def test_celloracle_bad_value(empty_graph, tmp_path):
    seed(empty_graph, tmp_path)
    f = _celloracle_slice(tmp_path / "bad.parquet", gene_value=2.0)
    refused(empty_graph, celloracle.plan([f]), tmp_path, f, 5, "0 or 1")


# ------------------------------------------------------------------ FIMO motif hits

FIMO = """motif_id\tmotif_alt_id\tsequence_name\tstart\tstop\tstrand\tscore\tp-value\tq-value\tmatched_sequence
MA0047.4\tFOXA2\tALB_1\t10\t21\t+\t15.2\t2.1e-06\t0.01\tTGTTTACTTAGC
MA0047.4\tFOXA2\tALB_1\t30\t41\t-\t12.0\t5e-05\t\tTGTTTGCTTAGC
MA0047.4\tFOXA2\tAPOA1_2\t5\t16\t+\t9.1\t0.0003\t0.2\tTGTTTACAAAGC
MA0139.2\tCTCF\tAPOA1_2\t3\t21\t+\t20.5\t1e-08\t0.001\tCCGCGNGGNGGCAG

# FIMO (Find Individual Motif Occurrences): Version 5.5.5
# The format of this file is described at https://meme-suite.org/meme/doc/fimo-output-format.html.
"""


def test_motif_hits_small_file(empty_graph, tmp_path):
    ingest(empty_graph, jaspar.plan([]), tmp_path)  # the Motif nodes the hits point at
    f = write(tmp_path / "fimo.tsv", FIMO)
    plan = motif_hits.plan([f], species="human")
    ingest(empty_graph, plan, tmp_path)
    first = counts(empty_graph)
    assert first["rels"][("MOTIF_HIT", "FIMO")] == 3  # the p = 3e-4 hit is above max_p = 1e-4
    hit = empty_graph.cypher(
        "MATCH (m:Motif {matrix_id: 'MA0047.4'})-[r:MOTIF_HIT]->(g:Gene {symbol: 'ALB'}) "
        "RETURN properties(r) AS r ORDER BY r.p_value"
    )
    assert [h["r"]["region"] for h in hit] == ["ALB_1:10-21(+)", "ALB_1:30-41(-)"]
    assert hit[0]["r"]["p_value"] == 2.1e-06 and hit[1]["r"].get("q_value") is None
    ingest(empty_graph, motif_hits.plan([f], species="human"), tmp_path)
    assert counts(empty_graph) == first
    assert len(motif_hits.plan([f], species="human", max_p=1e-3).steps[-1].rows) == 4
    with pytest.raises(ValueError, match="species"):
        motif_hits.plan([f])


def test_motif_hits_dangling_motif(empty_graph, tmp_path):
    seed(empty_graph, tmp_path)
    f = write(tmp_path / "fimo.tsv", FIMO.replace("MA0139.2", "MA9999.1"))
    refused(empty_graph, motif_hits.plan([f], species="human"), tmp_path, f, 5, "dangling motif id 'MA9999.1'")


# ------------------------------------------------------------------ HGNC, MGI, TF families


def test_annotations_on_trrust_genes(empty_graph, data, tmp_path):
    ingest(empty_graph, trrust.plan([data / p for p in trrust.DEFAULT_PATHS]), tmp_path)
    genes_before = counts(empty_graph)["labels"]["Gene"]
    jobs = [
        hgnc.plan([data / p for p in hgnc.DEFAULT_PATHS]),
        mgi.plan([data / p for p in mgi.DEFAULT_PATHS]),
        tf_families.plan([data / p for p in tf_families.DEFAULT_PATHS]),
    ]
    assert all(not p.problems for p in jobs)
    for plan in jobs:
        ingest(empty_graph, plan, tmp_path)
    first = counts(empty_graph)
    assert first["labels"]["Gene"] == genes_before  # attributes only: no gene is created
    # MANIFEST: HGNC matches 2,823 of 2,862 TRRUST human symbols; MGI 2,409 of 2,456 mouse symbols.
    assert one(empty_graph, "MATCH (g:Gene {species: 'human'}) WHERE g.hgnc_id IS NOT NULL RETURN count(g) AS n") == 2823
    assert one(empty_graph, "MATCH (g:Gene {species: 'mouse'}) WHERE g.mgi_id IS NOT NULL RETURN count(g) AS n") == 2409
    stat3 = empty_graph.cypher("MATCH (g:Gene {symbol: 'STAT3', species: 'human'}) RETURN g")[0]["g"]
    assert stat3["hgnc_id"] == "HGNC:11364" and stat3["locus_group"] == "protein-coding gene"
    assert isinstance(stat3["gene_groups"], list) and "HGNC" in stat3["sources"]
    assert (
        empty_graph.cypher("MATCH (g:Gene {symbol: 'Stat3', species: 'mouse'}) RETURN g.feature_type AS f")[0]["f"]
        == "protein coding gene"
    )
    # MANIFEST: AnimalTFDB covers 541 human and 576 mouse TRRUST TFs; Lambert 'Is TF? = Yes' 523 human ones.
    trrust_tfs = "MATCH (t:Gene {species: $sp})-[:REGULATES {source: 'TRRUST'}]->() WITH DISTINCT t "
    assert one(empty_graph, trrust_tfs + "WHERE t.tf_family_animaltfdb IS NOT NULL RETURN count(t) AS n", sp="human") == 541
    assert one(empty_graph, trrust_tfs + "WHERE t.tf_family_animaltfdb IS NOT NULL RETURN count(t) AS n", sp="mouse") == 576
    assert one(empty_graph, trrust_tfs + "WHERE t.tf_family_lambert IS NOT NULL RETURN count(t) AS n", sp="human") == 523
    assert one(empty_graph, "MATCH (g:Gene) WHERE g.tf_family_lambert IS NOT NULL AND NOT g:TF RETURN count(g) AS n") == 0
    for plan in jobs:
        ingest(empty_graph, plan, tmp_path)
    assert counts(empty_graph) == first


def test_hgnc_wrong_column_count(empty_graph, data, tmp_path):
    seed(empty_graph, tmp_path)
    lines = gzip.decompress((data / hgnc.DEFAULT_PATHS[0]).read_bytes()).decode().splitlines()[:50]
    lines[9] = "\t".join(lines[9].split("\t")[:20])
    f = write(tmp_path / "hgnc.txt.gz", "\n".join(lines) + "\n")
    refused(empty_graph, hgnc.plan([f]), tmp_path, f, 10, "expected 54 columns, found 20")


def test_mgi_bad_accession(empty_graph, data, tmp_path):
    seed(empty_graph, tmp_path)
    lines = gzip.decompress((data / mgi.DEFAULT_PATHS[0]).read_bytes()).decode().splitlines()[:20]
    lines[4] = "87857" + lines[4][lines[4].index("\t") :]
    f = write(tmp_path / "mgi.rpt", "\n".join(lines) + "\n")
    refused(empty_graph, mgi.plan([f]), tmp_path, f, 5, "not MGI:<number>")


def test_tf_families_unknown_file(empty_graph, tmp_path):
    seed(empty_graph, tmp_path)
    f = write(tmp_path / "tfs.txt", "Gene\tFamily\nSTAT3\tSTAT\n")
    refused(empty_graph, tf_families.plan([f]), tmp_path, f, 1, "neither an AnimalTFDB")


# ------------------------------------------------------------------ DREAM4


def test_dream4_size10_network(empty_graph, data, tmp_path):
    root = data / dream4.DEFAULT_PATHS[0]
    ingest(empty_graph, dream4.plan([root], networks="10-1"), tmp_path)
    first = counts(empty_graph)
    # MANIFEST: Size10 network 1 has 15 gold-standard edges; 10 knockouts + 10 knockdowns of 10 genes.
    assert first["rels"][("REGULATES", "DREAM4")] == 15
    # + the bonus round's 5 double knockouts (two KNOCKS_OUT each)
    assert first["labels"]["Knockout"] == 25 and first["labels"]["Gene"] == 10
    assert first["rels"][("KNOCKS_OUT", "DREAM4")] == 30 and first["rels"][("AFFECTS", "DREAM4")] == 250
    files = dream4.network_files(root, 10, 1)
    i, j = (int(x) for x in files["dual_indexes"].read_text().splitlines()[1].split("\t"))
    first_double = float(files["dual"].read_text().splitlines()[0].split("\t")[0])  # its effect on G1
    wt_g1 = float(files["wildtype"].read_text().splitlines()[1].split("\t")[0])
    d = empty_graph.cypher(
        "MATCH (k:Knockout {context: 'double-knockout'})-[:KNOCKS_OUT]->(g) WITH k, collect(g.symbol) "
        "AS genes ORDER BY k.experiment_id MATCH (k)-[r:AFFECTS]->(:Gene {symbol: 'DREAM4-10-1:G1'}) "
        "RETURN k.experiment_id AS e, genes, r.effect AS effect"
    )
    mine = next(r for r in d if r["e"] == f"DREAM4-10-1:double-knockout:G{i}+G{j}")
    assert sorted(mine["genes"]) == sorted([f"DREAM4-10-1:G{i}", f"DREAM4-10-1:G{j}"]) and len(d) == 5
    assert mine["effect"] == pytest.approx(first_double - wt_g1)
    r = empty_graph.cypher(
        "MATCH (k:Knockout {experiment_id: 'DREAM4-10-1:knockout:G1'})-[r:AFFECTS]->"
        "(g:Gene {symbol: 'DREAM4-10-1:G2', species: 'insilico'}) RETURN k, properties(r) AS r"
    )[0]
    wt, ko = 0.1231706, 0.3726836  # G2 in the wildtype file and in the knockout-of-G1 row
    assert r["k"]["context"] == "knockout" and r["k"]["gene"] == "DREAM4-10-1:G1"
    assert r["r"]["effect"] == pytest.approx(ko - wt) and r["r"]["log2fc"] == pytest.approx(np.log2(ko / wt))
    own = empty_graph.cypher(
        "MATCH (k:Knockout {experiment_id: 'DREAM4-10-1:knockout:G1'})-[r:AFFECTS]->"
        "(:Gene {symbol: 'DREAM4-10-1:G1'}) RETURN r.log2fc AS l, r.value AS v"
    )[0]
    assert own == {"l": None, "v": 0.0}  # a zero level has no log fold change
    ds = empty_graph.cypher("MATCH (d:Dataset {key: 'dream4:10-1'}) RETURN d")[0]["d"]
    assert len(ds["checksums"]) == 6 and ds["n_gold_edges"] == 15 and ds["n_double_knockouts"] == 5
    ingest(empty_graph, dream4.plan([root], networks=["10-1"]), tmp_path)
    assert counts(empty_graph) == first


def test_dream4_bad_knockouts(empty_graph, data, tmp_path):
    seed(empty_graph, tmp_path)
    src = data / dream4.DEFAULT_PATHS[0]
    root = tmp_path / "dream4"
    files = dream4.network_files(src, 10, 1)
    for f in files.values():
        dest = root / f.relative_to(src)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(f, dest)
    ko = dream4.network_files(root, 10, 1)["knockouts"]
    lines = ko.read_text().splitlines()
    lines[3] = "\t".join(lines[3].split("\t")[:9])
    ko.write_text("\n".join(lines) + "\n")
    refused(empty_graph, dream4.plan([root], networks="10-1"), tmp_path, ko, 4, "expected 10 columns, found 9")
    shutil.copy(files["knockouts"], ko)  # repaired
    dual = dream4.network_files(root, 10, 1)["dual_indexes"]
    dual.write_text(dual.read_text().replace("\n7\t10", "\n7\t7", 1))
    refused(empty_graph, dream4.plan([root], networks="10-1"), tmp_path, dual, 2, "two different numbers")


# ------------------------------------------------------------------ MorPhiC

MORPHIC = "morphic_tf_ko_bulk/results/{}/processed/{}_DEseq2.tsv.gz"
HEY1 = MORPHIC.format("2024_09_JAX_RNAseq5_ExE_CBO", "2024_09_JAX_RNAseq5_ExE_CBO_PrS_day_6_HEY1")
NKX21 = MORPHIC.format("2025_06_JAX_RNAseq10", "2025_06_JAX_RNAseq10_ENDO_day_5_NKX2-1")


def test_morphic_small_files(empty_graph, data, tmp_path):
    paths = [data / HEY1, data / NKX21]
    ingest(empty_graph, morphic.plan(paths), tmp_path)
    first = counts(empty_graph)
    # summary_DE_results.tsv: HEY1 has 33 DE genes at padj < 0.05 (of 23,092); NKX2-1 (columns 'NKX2.1_KO_*')
    # has 15, one without an HGNC symbol.
    hey1 = "MorPhiC:2024_09_JAX_RNAseq5_ExE_CBO_PrS_day_6_HEY1:PTC"
    assert one(empty_graph, "MATCH (:Knockout {experiment_id: $e})-[r:AFFECTS]->() RETURN count(r) AS n", e=hey1) == 33
    k = empty_graph.cypher("MATCH (k:Knockout)-[:KNOCKS_OUT]->(g:Gene {symbol: 'NKX2-1', species: 'human'}) RETURN k")
    assert len(k) == 1 and k[0]["k"]["context"] == "ENDO_day_5" and k[0]["k"]["strategy"] == "KO"
    assert (
        one(
            empty_graph,
            "MATCH (k:Knockout {gene: 'NKX2-1'})-[r:AFFECTS {source: 'MorPhiC'}]->() "
            "WHERE r.padj <= 0.05 AND r.log2fc IS NOT NULL RETURN count(r) AS n",
        )
        == 14
    )
    assert first["labels"]["Knockout"] == 2 and first["labels"]["Dataset"] == 3  # two files + the umbrella "morphic"
    ingest(empty_graph, morphic.plan(paths), tmp_path)
    assert counts(empty_graph) == first


def test_morphic_bad_number(empty_graph, data, tmp_path):
    seed(empty_graph, tmp_path)
    lines = gzip.decompress((data / HEY1).read_bytes()).decode().splitlines()[:40]
    fields = lines[11].split("\t")
    fields[-1] = "0.o1"
    lines[11] = "\t".join(fields)
    f = write(tmp_path / "2024_09_JAX_RNAseq5_ExE_CBO_PrS_day_6_HEY1_DEseq2.tsv.gz", "\n".join(lines) + "\n")
    refused(empty_graph, morphic.plan([f]), tmp_path, f, 12, "HEY1_PTC_padj: '0.o1' is not a number")


# ------------------------------------------------------------------ BEELINE


def test_beeline_folders(empty_graph, data, tmp_path, monkeypatch):
    monkeypatch.setenv("TFKG_CACHE", str(tmp_path / "cache"))
    root = data / "beeline_genelink/Specific Dataset"
    folders = [root / "hESC/TFs+500", root / "mHSC-L/TFs+500"]
    ingest(empty_graph, beeline.plan(folders), tmp_path)
    first = counts(empty_graph)
    # MANIFEST: hESC 500: 910 genes, 410 TFs, 4,545 positives, no expression; mHSC-L 500: 560, 61, 4,398, 560 x 847.
    assert first["rels"][("REGULATES", "BEELINE:Specific:hESC:500")] == 4545
    assert first["rels"][("REGULATES", "BEELINE:Specific:mHSC-L:500")] == 4398
    roles = {
        (r["k"], r["role"]): r["n"]
        for r in empty_graph.cypher("MATCH (d:Dataset)-[r:INCLUDES]->() RETURN d.key AS k, r.role AS role, count(*) AS n")
    }
    assert roles == {
        ("beeline:Specific:hESC:500", "tf"): 410,
        ("beeline:Specific:hESC:500", "gene"): 910,
        ("beeline:Specific:mHSC-L:500", "tf"): 61,
        ("beeline:Specific:mHSC-L:500", "gene"): 560,
    }
    h, m = (
        empty_graph.cypher("MATCH (d:Dataset {key: $k}) RETURN d", k=k)[0]["d"]
        for k in ("beeline:Specific:hESC:500", "beeline:Specific:mHSC-L:500")
    )
    assert h["expression_available"] is False and "expression_path" not in h
    assert m["expression_available"] is True and m["expression_shape"] == [560, 847]
    expr = pd.read_parquet(m["expression_path"])
    assert expr.shape == (560, 847) and Path(m["expression_path"]).is_relative_to(tmp_path / "cache")
    # mouse symbols are back in MGI case, in the graph and in the matrix
    assert {"Hoxa9", "Cd63-ps", "2610307P16Rik"} <= set(expr.index)
    assert (
        one(empty_graph, "MATCH (g:Gene {symbol: 'Hoxa9', species: 'mouse'})<-[:INCLUDES]-() RETURN count(DISTINCT g) AS n") == 1
    )
    ingest(empty_graph, beeline.plan(folders), tmp_path)
    assert counts(empty_graph) == first


def test_beeline_dangling_label(empty_graph, data, tmp_path):
    seed(empty_graph, tmp_path)
    src = data / "beeline_genelink/Specific Dataset/hESC/TFs+500"
    folder = tmp_path / "Specific Dataset/hESC/TFs+500"
    folder.mkdir(parents=True)
    for name in beeline.FILES:
        shutil.copy(src / name, folder / name)
    lines = gzip.decompress((src / "Label.csv.gz").read_bytes()).decode().splitlines()
    lines[7] = "6,0,9999"
    label = write(folder / "Label.csv.gz", "\n".join(lines) + "\n")
    refused(empty_graph, beeline.plan([folder]), tmp_path, label, 8, "dangling gene index")
