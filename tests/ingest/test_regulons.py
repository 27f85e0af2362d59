"""Regulon sources (CollecTRI/OmniPath, DoRothEA), the de-table source and the knockout benchmark read back from
the real Neo4j: signs, confidences, profiles, bad input, and a planted knockout whose TF must rank first."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest._util import counts
from tfkg.eval import knockouts as kb
from tfkg.ingest import archs4, collectri, de_table, dorothea, trrust
from tfkg.ingest.base import IngestError, execute

pytestmark = pytest.mark.neo4j
EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "de_table_example.tsv"
COLLECTRI = (
    "tf\ttarget\tomnipath_source_id\tconsensus_stimulation\tconsensus_inhibition\tin_collectri\t"
    "has_trrust_tag\thas_dorothea_tag\tsources\n"
    "STAT3\tSOCS3\tSTAT3\tTrue\tFalse\tTrue\tTrue\tFalse\tCollecTRI;TRRUST_CollecTRI\n"
    "STAT3\tSOCS3\tSTAT3\tTrue\tFalse\tTrue\tFalse\tTrue\tDoRothEA\n"
    "TP53\tCCND1\tTP53\tFalse\tTrue\tTrue\tFalse\tFalse\tCollecTRI;ExTRI_CollecTRI\n"
    "TP53\tMDM2\tTP53\tTrue\tTrue\tFalse\tFalse\tFalse\tSIGNOR\n"
)


def ingest(graph, plan, tmp_path):
    return execute(graph, plan, skip_bad=False, quarantine_dir=tmp_path / "q")


def write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_collectri_signs_resources_and_omnipath_rows(empty_graph, tmp_path):
    f = write(tmp_path / "omnipath_transcriptional_symbols.tsv", COLLECTRI)
    ingest(empty_graph, collectri.plan([f]), tmp_path)
    rows = {
        (r["tf"], r["target"], r["source"]): r
        for r in empty_graph.cypher(
            "MATCH (t)-[r:REGULATES]->(g) RETURN t.symbol AS tf, g.symbol AS target, r.source AS source, r.sign AS sign, "
            "r.resources AS resources, r.n_rows AS n_rows"
        )
    }
    assert rows[("STAT3", "SOCS3", "CollecTRI")]["sign"] == 1 and rows[("STAT3", "SOCS3", "CollecTRI")]["n_rows"] == 2
    assert rows[("STAT3", "SOCS3", "CollecTRI")]["resources"] == ["CollecTRI", "DoRothEA", "TRRUST_CollecTRI"]
    assert rows[("TP53", "CCND1", "CollecTRI")]["sign"] == -1  # inhibition without stimulation
    assert rows[("TP53", "MDM2", "OmniPath")]["sign"] == 1  # both: CollecTRI's rule says activation
    assert len(rows) == 3
    first = counts(empty_graph)
    ingest(empty_graph, collectri.plan([f]), tmp_path)
    assert counts(empty_graph) == first
    bad = write(tmp_path / "bad.tsv", COLLECTRI.replace("\tTrue\tTrue\tFalse\tFalse\tFalse", "\tTrue\tyes\tFalse\tFalse\tFalse"))
    with pytest.raises(IngestError, match=r"bad.tsv:5: consensus_inhibition must be True or False"):
        ingest(empty_graph, collectri.plan([bad]), tmp_path)


def test_dorothea_confidence_levels_and_signs(empty_graph, tmp_path):
    f = write(
        tmp_path / "dorothea_hs.tsv",
        "tf\tconfidence\ttarget\tmor\nSTAT3\tA\tSOCS3\t1\nSTAT3\tD\tBCL3\t1\nTP53\tB\tCCND1\t-1\nTP53\tE\tMDM2\t1\n",
    )
    ingest(empty_graph, dorothea.plan([f]), tmp_path)
    ab = kb.regulon_set(empty_graph, "dorothea:AB")
    assert sorted(zip(ab.edges.source, ab.edges.target, ab.edges.weight)) == [("STAT3", "SOCS3", 1.0), ("TP53", "CCND1", -1.0)]
    assert len(kb.regulon_set(empty_graph, "dorothea").edges) == 4
    with pytest.raises(ValueError, match="only dorothea takes confidence"):
        kb.regulon_set(empty_graph, "trrust:AB")
    bad = write(tmp_path / "dorothea_hs2.tsv", "tf\tconfidence\ttarget\tmor\nSTAT3\tF\tSOCS3\t1\n")
    assert "confidence 'F' is not one of A-E" in dorothea.plan([bad]).problems[0].reason


def test_archs4_coexpression_is_a_regulon_set_not_regulation(empty_graph, tmp_path):
    f = write(
        tmp_path / "archs4.tsv",
        "set_name\tgene\n"
        + "".join(
            f"{tf} human tf ARCHS4 coexpression\t{g}\n"
            for tf, genes in (("STAT3", "SOCS3 JUNB BCL3"), ("TP53", "MDM2 BAX"))
            for g in genes.split()
        ),
    )
    ingest(empty_graph, archs4.plan([f]), tmp_path)
    rs = kb.regulon_set(empty_graph, "archs4")
    assert sorted(zip(rs.edges.source, rs.edges.target)) == [
        ("STAT3", "BCL3"),
        ("STAT3", "JUNB"),
        ("STAT3", "SOCS3"),
        ("TP53", "BAX"),
        ("TP53", "MDM2"),
    ]
    assert (rs.edges.weight == 1).all() and "non-commercial" in rs.note
    ranks = empty_graph.cypher("MATCH (:Gene {symbol: 'STAT3'})-[r:COEXPRESSED]->(g) RETURN g.symbol AS g, r.rank AS r")
    assert {r["g"]: r["r"] for r in ranks} == {"SOCS3": 1, "JUNB": 2, "BCL3": 3}
    assert empty_graph.cypher("MATCH ()-[r:REGULATES]->() RETURN count(r) AS n")[0]["n"] == 0
    bad = write(tmp_path / "bad.tsv", "set_name\tgene\nSTAT3 coexpression\tSOCS3\n")
    assert "bad.tsv" in (pr := archs4.plan([bad]).problems[0]).file and pr.line == 2 and "is not '<TF>" in pr.reason


def test_de_table_example_profiles_and_benchmark(empty_graph, tmp_path):
    ingest(empty_graph, de_table.plan([EXAMPLE]), tmp_path)
    first = counts(empty_graph)
    assert first["labels"]["Knockout"] == 3
    ko = {
        r["id"]: r
        for r in empty_graph.cypher("MATCH (k:Knockout) RETURN k.experiment_id AS id, k.perturbation AS p, k.context AS c")
    }
    assert ko["de_table_example:MYC_KD"]["p"] == "knockdown" and ko["de_table_example:TP53_KO"]["c"] == "HCT116"
    prof = kb.load_profiles(empty_graph, "human")
    assert prof.stat.shape == (3, 16) and prof.design.loc["de_table_example:STAT3_KO", "perturbed"] == ["STAT3"]
    ingest(empty_graph, de_table.plan([EXAMPLE]), tmp_path)
    assert counts(empty_graph) == first
    # A small curated set: STAT3 and TP53 must come out first in their own knockouts.
    reg = (
        "STAT3\tSOCS3\tActivation\t1\nSTAT3\tJUNB\tActivation\t1\nSTAT3\tBCL3\tActivation\t1\n"
        "TP53\tCDKN1A\tActivation\t1\nTP53\tMDM2\tActivation\t1\nTP53\tBAX\tActivation\t1\n"
        "MYC\tCCND1\tActivation\t1\nMYC\tEGR1\tRepression\t1\nMYC\tFOS\tActivation\t1\n"
    )
    ingest(empty_graph, trrust.plan([write(tmp_path / "mini.human.tsv", reg)]), tmp_path)
    res = kb.benchmark(kb.load_profiles(empty_graph, "human"), [kb.regulon_set(empty_graph, "trrust")], tmin=3, shuffles=0)
    ranks = res.ranks[res.ranks["subset"] == "all"].set_index("tf")["rank"]
    assert ranks["STAT3"] == 1 and ranks["TP53"] == 1
    # The Browser reads the same activities back: the knockout's own TF first, and the TF across knockouts.
    for _ in range(2):  # written twice: replaced, not doubled
        n = kb.write_activities(empty_graph, res)
    assert (
        n == res.activities["trrust"].notna().sum().sum()
        and empty_graph.cypher("MATCH ()-[a:TF_ACTIVITY]->() RETURN count(a) AS n")[0]["n"] == n
    )
    top = empty_graph.run("knockout_tf_activities", experiment=None, tf="tp53", species="human", limit=1)
    assert [(r["experiment"], r["tf"], r["rank"], r["perturbed"]) for r in top] == [("de_table_example:TP53_KO", "TP53", 1, True)]
    across = empty_graph.run("tf_knockout_activity", tf="STAT3", species="human", regulons="trrust", limit=None)
    assert across[0]["perturbed"] and across[0]["rank"] == 1 and len(across) == 3
    # tfkg explain: the knockout's direction beside the curated mode; a knockout without change; no knockout at all
    from tfkg.explain import explain

    said = "\n".join(explain(empty_graph, "STAT3", "SOCS3"))
    assert "log2FC knockout vs control -2.1" in said and "agrees with the curated sign" in said
    assert "- curated (TRRUST): activation, 1 PubMed ids" in said, said
    assert "knocked out, no significant change in the target" in "\n".join(explain(empty_graph, "STAT3", "CCND1"))
    assert "no knockout of the TF in the graph" in "\n".join(explain(empty_graph, "FOS", "EGR1"))
    ko = empty_graph.run("tf_knockouts", tf="stat3", species="human", run_id=None, limit=3)
    assert [r["experiment"] for r in ko] == ["de_table_example:STAT3_KO"]
    assert ko[0]["known targets that changed"][0].startswith("SOCS3 -2.1")
    none = empty_graph.run("tf_knockouts", tf="FOS", species="human", run_id=None, limit=3)
    assert len(none) == 1 and none[0]["flags"].startswith("no measured knockout of FOS")
    with pytest.raises(LookupError, match="no dataset with full knockout profiles"):
        kb.load_profiles(empty_graph, "mouse")


@pytest.mark.parametrize(
    "edit, line, words",
    [
        (lambda t: t.replace("\tpadj\t", "\tpadjusted\t"), 1, "missing column(s) padj"),
        (lambda t: t.replace("knockdown", "knock-down", 1), None, "perturbation 'knock-down' is not one of"),
        (lambda t: t.replace("\t0.0001\t0.0004\t", "\t1.5\t0.0004\t", 1), 2, "pvalue '1.5' is not a number in [0, 1]"),
        (lambda t: t.replace("HepG2", "HeLa", 1), 2, "differ between its rows"),
        (lambda t: t.replace("\thuman\t", "\tyeast\t", 1), 2, "unknown species 'yeast'"),
        (lambda t: t.splitlines()[0] + "\n", 1, "no data rows"),
    ],
)
def test_de_table_bad_input_is_refused(empty_graph, tmp_path, edit, line, words):
    f = write(tmp_path / "bad.tsv", edit(EXAMPLE.read_text()))
    plan = de_table.plan([f])
    hit = [p for p in plan.problems if words in p.reason]
    assert hit, plan.problems
    if line:
        assert hit[0].line == line
    before = counts(empty_graph)
    with pytest.raises(IngestError):
        ingest(empty_graph, plan, tmp_path)
    assert counts(empty_graph) == before
    assert not (tmp_path / "q").exists() or any((tmp_path / "q").iterdir())
