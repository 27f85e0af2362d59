"""Ingestion of the core sources into the real Neo4j: counts, idempotence, bad input, harmless variation."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.ingest._util import counts
from tfkg.cli import main
from tfkg.ingest import de_table, disgenet, hgetgi, trrust
from tfkg.ingest.base import IngestError, execute

pytestmark = pytest.mark.neo4j

CLEAN = "STAT3\tVEGFA\tActivation\t11960372;12824281\nSTAT3\tBCL2\tUnknown\t15184887\nTP53\tBAX\tActivation\t1\n"


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(text if isinstance(text, bytes) else text.encode())
    return p


def ingest(graph, plan, tmp_path, skip_bad=False):
    return execute(graph, plan, skip_bad=skip_bad, quarantine_dir=tmp_path / "q")


def test_trrust_real_counts_and_idempotence(empty_graph, data, tmp_path):
    paths = [data / p for p in trrust.DEFAULT_PATHS]
    ingest(empty_graph, trrust.plan(paths), tmp_path)
    first = counts(empty_graph)
    # MANIFEST: 8,427 unique human pairs and 6,490 mouse pairs.
    assert first["rels"][("REGULATES", "TRRUST")] == 8427 + 6490
    tfs = empty_graph.cypher("MATCH (t:TF {species: 'human'})-[:REGULATES {source: 'TRRUST'}]->() RETURN count(DISTINCT t) AS n")
    assert tfs[0]["n"] == 795
    ingest(empty_graph, trrust.plan(paths), tmp_path)
    assert counts(empty_graph) == first


def test_trrust_keeps_modes_and_pmids(empty_graph, tmp_path):
    f = write(tmp_path, "x.human.tsv", "STAT3\tVEGFA\tActivation\t2\nSTAT3\tVEGFA\tRepression\t1;3\n")
    ingest(empty_graph, trrust.plan([f]), tmp_path)
    r = empty_graph.run("tf_targets", tf="STAT3")[0]
    # conflicting modes are not guessed: both are shown with their PubMed counts, `mode` is the most cited one and
    # the edge has no sign (training never takes a side the papers did not)
    assert r["mode"] == "activation ×1, repression ×2" and r["pmids"] == ["1", "2", "3"]
    edge = empty_graph.cypher("MATCH ()-[r:REGULATES]->() RETURN r.mode AS mode, r.sign AS sign, r.curated AS c")[0]
    assert edge == {"mode": "repression", "sign": None, "c": True}
    rows = empty_graph.run("tf_predictions", tf="STAT3", run_id=None, species=None, limit=None)
    assert rows[0]["curated_mode"] == "mixed" and rows[0]["predicted_mode"] is None
    assert rows[0]["curated"] == ["TRRUST: activation ×1, repression ×2 (3 PMIDs)"]


def test_knockout_direction_beside_the_curated_mode(empty_graph, tmp_path):
    """A knockout lowers an activated target: a rise is flagged, a fall agrees, a target the knockout left alone is
    'unchanged' (not significant), and the knockout step names the disagreement."""
    f = write(tmp_path, "x.human.tsv", "STAT3\tJUNB\tActivation\t1\nSTAT3\tSOCS3\tActivation\t2\nSTAT3\tMYC\tActivation\t3\n")
    ingest(empty_graph, trrust.plan([f]), tmp_path)
    head = "experiment\tperturbed\tperturbation\tspecies\tcontext\tgene\tlog2fc\tpvalue\tpadj\tstat\n"
    ko = write(
        tmp_path,
        "ko.tsv",
        head + "KO1\tSTAT3\tknockout\thuman\tHepG2\tJUNB\t0.9\t0.001\t0.01\t\n"
        "KO1\tSTAT3\tknockout\thuman\tHepG2\tSOCS3\t-1.5\t0.001\t0.01\t\n"
        "KO1\tSTAT3\tknockout\thuman\tHepG2\tMYC\t-0.2\t0.5\t0.9\t\n",
    )
    ingest(empty_graph, de_table.plan([ko]), tmp_path)
    rows = {r["target"]: r for r in empty_graph.run("tf_predictions", tf="STAT3", run_id=None, species=None, limit=None)}
    # flags first: agreeing, disagreeing and unchanged knockouts counted, then the changes
    assert rows["JUNB"]["knockout"] == "0 agree, 1 disagree, 0 unchanged: +0.9"
    assert rows["SOCS3"]["knockout"] == "1 agree, 0 disagree, 0 unchanged: -1.5"
    assert rows["MYC"]["knockout"] == "0 agree, 0 disagree, 1 unchanged"
    step = empty_graph.run("tf_knockouts", tf="STAT3", species=None, run_id=None, limit=None)[0]
    assert step["known targets that changed"] == ["SOCS3 -1.5 (agrees)", "JUNB 0.9 (DISAGREES)"]
    assert step["flags"] == "1 agree, 1 disagree, 1 unchanged of 3 known targets"
    assert step["genes changed"] == 2 and step["experiment"].endswith("KO1")


def test_hgetgi_counts_match_paper(empty_graph, data, tmp_path):
    ingest(empty_graph, hgetgi.plan([data / "hgetgi"]), tmp_path)
    c = counts(empty_graph)
    assert c["rels"][("REGULATES", "HGETGI")] == 6541
    assert c["rels"][("ASSOCIATED_WITH", "HGETGI")] == 8199 + 31895
    assert c["labels"]["Disease"] == 6121  # the CS pseudo-disease is dropped


def test_disgenet_counts(empty_graph, data, tmp_path):
    ingest(empty_graph, disgenet.plan([data / disgenet.DEFAULT_PATHS[0]]), tmp_path)
    c = counts(empty_graph)
    assert c["rels"][("ASSOCIATED_WITH", "DisGeNET")] == 84038
    assert c["labels"]["Disease"] == 11181


def test_harmless_variation_is_absorbed(empty_graph, tmp_path):
    messy = "TF\tTarget\tMode\tPMIDs\r\n" + "".join(
        f"  {row.replace(chr(9), ' ' + chr(9) + ' ')}  \r\n" for row in CLEAN.splitlines()
    )
    messy += CLEAN.splitlines()[0] + "\r\n\r\n"  # a duplicate row and a blank line
    ingest(empty_graph, trrust.plan([write(tmp_path, "clean.human.tsv", CLEAN)]), tmp_path)
    clean = counts(empty_graph)
    empty_graph.wipe()
    ingest(empty_graph, trrust.plan([write(tmp_path, "messy.human.tsv", messy)]), tmp_path)
    assert counts(empty_graph) == clean


BAD = {
    "wrong column count": (b"STAT3\tVEGFA\tActivation\n", "expected 4 columns, found 3"),
    "invalid encoding": (b"STAT3\tVEG\xffFA\tActivation\t1\n", "invalid UTF-8"),
    "binary junk": (b"STAT3\tVEGFA\x00\x01\tActivation\t1\n", "binary/control characters"),
    "absurdly long field": (b"STAT3\tVEGFA\tActivation\t" + b"1;" * 5000 + b"\n", "characters long"),
    "excel-mangled symbol": (b"STAT3\t7-Sep\tActivation\t1\n", "Excel-mangled"),
    "unknown mode": (b"STAT3\tVEGFA\tActivates-ish\t1\n", "unknown mode"),
    "mouse symbol as human": (b"Stat3\tVegfa\tActivation\t1\n", "mouse (MGI) case"),
    "cypher-looking symbol": (b"STAT3\tX'}) DETACH DELETE n //\tActivation\t1\n", "characters no gene symbol has"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_names_file_line_reason_and_leaves_graph(empty_graph, tmp_path, case):
    bad_line, reason = BAD[case]
    ingest(empty_graph, trrust.plan([write(tmp_path, "base.human.tsv", CLEAN)]), tmp_path)
    before = counts(empty_graph)
    f = write(tmp_path, "bad.human.tsv", CLEAN.encode() + bad_line)
    with pytest.raises(IngestError) as exc:
        ingest(empty_graph, trrust.plan([f]), tmp_path)
    msg = str(exc.value)
    assert f"{f}:4:" in msg and reason in msg and "nothing was written" in msg
    assert exc.value.quarantine is not None and exc.value.quarantine.read_text().count("\n") == 2
    assert counts(empty_graph) == before


def test_skip_bad_writes_the_good_rows(empty_graph, tmp_path):
    f = write(tmp_path, "bad.human.tsv", CLEAN + "STAT3\t1-Dec\tActivation\t1\n")
    ingest(empty_graph, trrust.plan([f]), tmp_path, skip_bad=True)
    assert counts(empty_graph)["rels"][("REGULATES", "TRRUST")] == 3


def test_unknown_species_is_an_error(tmp_path):
    f = write(tmp_path, "x.tsv", CLEAN)
    with pytest.raises(ValueError, match="unknown species 'zebrafish'"):
        trrust.plan([f], species="zebrafish")


def test_hgetgi_dangling_id(empty_graph, tmp_path):
    d = tmp_path / "hg"
    d.mkdir()
    files = {
        "id_TF.txt": "0\tzSTAT3\n",
        "id_Target.txt": "0\ttVEGFA\n",
        "id_Disease.txt": "0\tC0006142\n1\tCS\n",
        "TF_Target.txt": "0\t0\n0\t7\n",
        "TF_Disease.txt": "0\t0\n",
        "Target_Disease.txt": "0\t1\n",
    }
    for n, t in files.items():
        write(d, n, t)
    with pytest.raises(IngestError, match=r"TF_Target.txt:2: dangling id 7"):
        ingest(empty_graph, hgetgi.plan([d]), tmp_path)
    assert counts(empty_graph)["labels"] == {}


def test_cli_exit_code_and_message(empty_graph, tmp_path):
    f = write(tmp_path, "bad.human.tsv", CLEAN + "STAT3\tVEGFA\n")
    res = CliRunner().invoke(main, ["ingest", "trrust", str(f), "--quarantine-dir", str(tmp_path / "q")])
    assert res.exit_code == 2
    assert counts(empty_graph)["rels"] == {}
    ok = CliRunner().invoke(main, ["ingest", "trrust", str(f), "--skip-bad", "--quarantine-dir", str(tmp_path / "q")])
    assert ok.exit_code == 0, ok.output
    assert "ingestion summary" in ok.output


@pytest.mark.parametrize("text", ["", "\n\n  \n"])
def test_empty_input_is_an_error(empty_graph, tmp_path, text):
    f = write(tmp_path, "empty.human.tsv", text)
    for extra in ([], ["--skip-bad"]):
        res = CliRunner().invoke(main, ["ingest", "trrust", str(f), *extra, "--quarantine-dir", str(tmp_path / "q")])
        assert res.exit_code == 2 and f"{f}:0: empty input: no data rows" in res.output.replace("\n", " ")
    assert counts(empty_graph)["labels"] == {}


def test_a_run_killed_half_way_completes_on_rerun(empty_graph, data, tmp_path):
    """Only some batches commit (as if the process died); the re-run converges to the clean result."""
    import copy

    full = hgetgi.plan([data / "hgetgi"])
    ingest(empty_graph, full, tmp_path)
    clean = counts(empty_graph)
    empty_graph.wipe()
    partial = copy.deepcopy(full)
    partial.steps = [s for s in partial.steps if s.kind == "node"] + [
        type(s)(s.query, s.rows.iloc[: len(s.rows) // 2], s.kind, s.label, s.params) for s in partial.steps if s.kind == "rel"
    ][:2]
    ingest(empty_graph, partial, tmp_path)
    assert counts(empty_graph) != clean
    ingest(empty_graph, hgetgi.plan([data / "hgetgi"]), tmp_path)
    assert counts(empty_graph) == clean


def test_known_means_literature_and_one_mouse_gene_maps_to_one_human_gene(empty_graph, tmp_path):
    """A benchmark ground truth (BEELINE) or a data-derived DoRothEA D edge never reads as known; a mouse claim on a
    paralog family (Mt1 -> MT1A, MT1B: HCOP ties) is mapped to no human gene instead of to all of them, and a
    one-to-one ortholog (Socs3 -> SOCS3) carries its claim."""
    import pandas as pd

    from tfkg.ingest import hcop

    human = write(tmp_path, "x.human.tsv", "STAT3\tVEGFA\tActivation\t1\n")
    mouse = write(tmp_path, "y.mouse.tsv", "Stat3\tMt1\tActivation\t2\nStat3\tSocs3\tActivation\t3\n")
    ingest(empty_graph, trrust.plan([human, mouse]), tmp_path)
    support = ["Ensembl", "HGNC", "OMA", "Panther"]
    pairs = [("STAT3", "Stat3", 4), ("MT1A", "Mt1", 3), ("MT1B", "Mt1", 3), ("SOCS3", "Socs3", 4)]
    rows = "Gene stable ID,Gene name,Mouse gene stable ID,Mouse gene name,supporting_source\n" + "".join(
        f'E{i},{h},M{i},{m},"{",".join(support[:n])}"\n' for i, (h, m, n) in enumerate(pairs)
    )
    ingest(empty_graph, hcop.plan([write(tmp_path, "hcop_human_to_mouse.csv", rows)]), tmp_path)
    best = empty_graph.cypher("MATCH (h)-[o:ORTHOLOG]->(m) RETURN h.symbol AS h, o.best AS best ORDER BY h")
    assert {r["h"]: r["best"] for r in best} == {"MT1A": False, "MT1B": False, "SOCS3": True, "STAT3": True}
    reg = {
        "tf": ["STAT3", "STAT3"],
        "target": ["MT1A", "BCL3"],
        "species": ["human"] * 2,
        "mode": ["activation"] * 2,
        "confidence": [None, "D"],
    }
    empty_graph.run(
        "merge_regulates",
        c={**reg, "tf": reg["tf"][:1], "target": ["MT1A"], "species": ["human"], "mode": ["activation"], "confidence": [None]},
        source="BEELINE",
    )
    empty_graph.run("merge_regulates", c={k: v[1:] for k, v in reg.items()}, source="DoRothEA")
    out = {r["target"]: r for r in empty_graph.run("tf_predictions", tf="STAT3")}
    assert set(out) == {"VEGFA"}, out  # only the literature edge is a known target
    said = "\n".join(r["detail"] for r in empty_graph.run("explain_pair_rows", tf="STAT3", target="MT1A"))
    assert "a benchmark ground truth, not literature" in said and "TRRUST mouse" not in said
    said = [r for r in empty_graph.run("explain_pair_rows", tf="STAT3", target="SOCS3") if r["evidence"] == "mouse"]
    assert said and said[0]["source"] == "TRRUST mouse: Stat3 -> Socs3"
    assert hcop.best_orthologs(pd.DataFrame({"human": ["A", "B"], "mouse": ["a", "a"], "n_support": [3, 2]})).tolist() == [
        True,
        False,
    ]
