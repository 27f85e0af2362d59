"""Evidence sources for the genome-wide dataset, read back from the real Neo4j: GO, Pathway Commons, HCOP and the
``human`` dataset (``tfkg ingest genome``); strict on bad rows, idempotent, and a held-out pair's copies (Pathway
Commons claims, mouse orthologs) kept out of the training snapshot."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest

from tests.ingest._util import counts
from tfkg.data.snapshot import REG
from tfkg.graph.export import export_snapshot
from tfkg.ingest import genome, go, hcop, pathwaycommons, trrust
from tfkg.ingest.base import execute

pytestmark = pytest.mark.neo4j

TERMS = (
    "go_id\tterm\tontology\tdefinition\nGO:0000001\tresponse to cytokine\tBP\tx\n"
    "GO:0000002\tcell proliferation\tBP\ty\nGO:0000003\tDNA binding\tMF\tz\nall\tall\tuniversal\tall\n"
)
PARENTS = "child_go_id\tparent_go_id\trelationship\nGO:0000001\tGO:0000002\tisa\nGO:0000002\tall\tisa\n"
GENE2GO = (
    "entrez_id\tsymbol\tgo_id\tevidence\tontology\n6774\tSTAT3\tGO:0000001\tIDA\tBP\n"
    "6774\tSTAT3\tGO:0000001\tIEA\tBP\n8651\tSOCS3\tGO:0000001\tIEA\tBP\n6774\tSTAT3\tGO:0000003\tIDA\tMF\n"
    "7157\tTP53\tGO:0000002\tIMP\tBP\n4193\tMDM2\tGO:0000002\tIDA\tBP\n"
)
PPI = "gene_a\trelation\tgene_b\nSTAT3\tinteracts-with\tJAK1\nJAK1\tin-complex-with\tSTAT3\nTP53\tinteracts-with\tMDM2\n"
CONTROLS = "tf\ttarget\nSTAT3\tSOCS3\nSTAT3\tJUNB\nTP53\tMDM2\n"
HCOP = (
    "Gene stable ID,Gene name,Mouse gene stable ID,Mouse gene name,supporting_source\n"
    'E1,STAT3,M1,Stat3,"HGNC,Ensembl,OMA"\nE1,STAT3,M2,Stat4,OrthoMCL\nE2,SOCS3,M3,Socs3,"HGNC,OMA,Panther"\n'
    "E3,5S_rRNA,M4,Rn5s,Ensembl\nE4,-,M5,Gm1,Ensembl\n"
)
HGNC = "hgnc_id\tsymbol\tname\tlocus_group\tlocus_type\tstatus\tgene_group\n" + "".join(
    f"HGNC:{i}\t{s}\t{s} gene\t{lg}\tx\tApproved\t\n"
    for i, (s, lg) in enumerate(
        [
            ("STAT3", "protein-coding gene"),
            ("TP53", "protein-coding gene"),
            ("SOCS3", "protein-coding gene"),
            ("JUNB", "protein-coding gene"),
            ("MDM2", "protein-coding gene"),
            ("JAK1", "protein-coding gene"),
            ("BCL3", "protein-coding gene"),
            ("MIR21", "non-coding RNA"),
        ],
        1,
    )
)
LAMBERT = (
    "number,Ensembl ID,HGNC symbol,DBD,Is TF?\n0,E1,STAT3,STAT,Yes\n1,E2,TP53,p53,Yes\n2,E3,JUNB,bZIP,Yes\n"
    "3,E4,OLDNAME,bZIP,Yes\n4,E5,JAK1,None,No\n"
)


def _file(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_bytes(gzip.compress(text.encode()) if name.endswith(".gz") else text.encode())
    return p


def ingest(graph, plan, tmp_path):
    return execute(graph, plan, skip_bad=False, quarantine_dir=tmp_path / "q")


def test_go_terms_parents_and_annotations(empty_graph, tmp_path):
    files = [
        _file(tmp_path, "go_terms.tsv.gz", TERMS),
        _file(tmp_path, "go_bp_parents.tsv.gz", PARENTS),
        _file(tmp_path, "gene2go_direct.tsv.gz", GENE2GO),
    ]
    ingest(empty_graph, go.plan(files), tmp_path)
    first = counts(empty_graph)
    assert first["labels"]["GOTerm"] == 3  # the pseudo-root 'all' is no term
    rows = {
        (r["g"], r["t"]): r["ev"]
        for r in empty_graph.cypher(
            "MATCH (g:Gene)-[a:ANNOTATED_WITH]->(t:GOTerm) RETURN g.symbol AS g, t.go_id AS t, a.evidence AS ev"
        )
    }
    assert rows[("STAT3", "GO:0000001")] == ["IDA", "IEA"] and len(rows) == 5
    assert empty_graph.cypher(
        "MATCH (:GOTerm {go_id: 'GO:0000001'})-[p:GO_PARENT]->(q) RETURN q.go_id AS q, p.relationship AS r"
    ) == [{"q": "GO:0000002", "r": "isa"}]
    ingest(empty_graph, go.plan(files), tmp_path)
    assert counts(empty_graph) == first
    bad = go.plan(
        [
            files[0],
            _file(tmp_path, "bad.tsv", GENE2GO.replace("GO:0000002\tIMP", "GO:9999999\tIMP").replace("IDA\tMF", "weird\tMF")),
        ]
    )
    reasons = sorted((pr.line, pr.reason) for pr in bad.problems)
    assert reasons[0][0] == 5 and "evidence code 'weird'" in reasons[0][1]
    assert reasons[1][0] == 6 and "GO:9999999" in reasons[1][1] and "not in the terms file" in reasons[1][1]
    assert "terms file" in go.plan([files[2]]).problems[0].reason  # annotations alone cannot be checked


def test_pathwaycommons_interactions_and_controls(empty_graph, tmp_path):
    files = [_file(tmp_path, "ppi.tsv.gz", PPI), _file(tmp_path, "controls.tsv.gz", CONTROLS)]
    ingest(empty_graph, pathwaycommons.plan(files), tmp_path)
    first = counts(empty_graph)
    ppi = empty_graph.cypher(
        "MATCH (a)-[r:INTERACTS_WITH]->(b) RETURN a.symbol AS a, b.symbol AS b, r.relations AS rel ORDER BY a"
    )
    assert ppi == [
        {"a": "JAK1", "b": "STAT3", "rel": ["in-complex-with", "interacts-with"]},
        {"a": "MDM2", "b": "TP53", "rel": ["interacts-with"]},
    ]
    assert first["rels"][("CONTROLS_EXPRESSION", "PathwayCommons")] == 3
    assert ("REGULATES", "PathwayCommons") not in first["rels"]  # a claim, never a known target
    ingest(empty_graph, pathwaycommons.plan(files), tmp_path)
    assert counts(empty_graph) == first
    bad = pathwaycommons.plan([_file(tmp_path, "b.tsv", PPI.replace("interacts-with\tMDM2", "binds\tMDM2"))])
    assert [(pr.line, "'binds'" in pr.reason) for pr in bad.problems] == [(4, True)]


def test_hcop_orthologs_with_support(empty_graph, tmp_path):
    f = _file(tmp_path, "hcop_human_to_mouse.csv.gz", HCOP)
    plan = hcop.plan([f])
    assert not plan.problems and plan.datasets[0]["rows_without_symbol"] == 1 and plan.datasets[0]["rows_not_genes"] == 1
    ingest(empty_graph, plan, tmp_path)
    rows = {
        (r["h"], r["m"]): r["n"]
        for r in empty_graph.cypher(
            "MATCH (h:Gene {species: 'human'})-[o:ORTHOLOG]->(m:Gene {species: 'mouse'}) RETURN h.symbol AS h, "
            "m.symbol AS m, o.n_support AS n"
        )
    }
    assert rows == {("STAT3", "Stat3"): 3, ("STAT3", "Stat4"): 1, ("SOCS3", "Socs3"): 3}
    bad = hcop.plan([_file(tmp_path, "x.csv", HCOP.replace("Mouse gene name", "Rat gene name"))])
    assert "not an HCOP" in bad.problems[0].reason


def test_genome_dataset_and_its_evidence_leave_held_out_pairs_out(empty_graph, tmp_path):
    plan = genome.plan([_file(tmp_path, "hgnc.txt", HGNC), _file(tmp_path, "lambert.csv", LAMBERT)])
    ds = next(d for d in plan.datasets if d["key"] == "human")
    assert not plan.problems and ds["n_tfs"] == 3 and ds["tfs_not_in_hgnc"] == 1 and ds["n_targets"] == 7
    ingest(empty_graph, plan, tmp_path)
    for p in (
        trrust.plan(
            [
                _file(
                    tmp_path,
                    "t.human.tsv",
                    "STAT3\tSOCS3\tActivation\t1\nSTAT3\tBCL3\tActivation\t1\nTP53\tMDM2\tRepression\t1\n",
                )
            ]
        ),
        trrust.plan([_file(tmp_path, "t.mouse.tsv", "Stat3\tSocs3\tActivation\t1\n")]),
        pathwaycommons.plan([_file(tmp_path, "ppi.tsv", PPI), _file(tmp_path, "c.tsv", CONTROLS)]),
        hcop.plan([_file(tmp_path, "hcop.csv", HCOP)]),
    ):
        ingest(empty_graph, p, tmp_path)
    full = export_snapshot(empty_graph, "human")
    assert full.nodes["tf"] == ["JUNB", "STAT3", "TP53"] and "MIR21" not in full.nodes["target"]
    assert len(full.nodes["target"]) == 7

    def pairs(snap, name=None):
        ei = snap.edges[REG] if name is None else snap.links[name].edge_index
        return {(snap.nodes["tf"][a], snap.nodes["target"][b]) for a, b in ei.T}

    assert pairs(full) == {("STAT3", "SOCS3"), ("STAT3", "BCL3"), ("TP53", "MDM2")}
    assert pairs(full, "controls:PathwayCommons") == {("STAT3", "SOCS3"), ("STAT3", "JUNB"), ("TP53", "MDM2")}
    assert pairs(full, "ortholog:TRRUST-mouse") == {("STAT3", "SOCS3")}  # through HCOP, not capitalisation
    assert full.links["ppi:PathwayCommons"].edge_index.shape == (2, 2)
    held = export_snapshot(empty_graph, "human", exclude=["STAT3|SOCS3"])
    assert ("STAT3", "SOCS3") not in pairs(held) | pairs(held, "controls:PathwayCommons") | pairs(held, "ortholog:TRRUST-mouse")
    assert pairs(held, "controls:PathwayCommons") == {("STAT3", "JUNB"), ("TP53", "MDM2")}
    assert np.array_equal(held.links["ppi:PathwayCommons"].edge_index, full.links["ppi:PathwayCommons"].edge_index)
