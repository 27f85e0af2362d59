"""tfkg activity against the real test database: layers from the graph, files, drivers with evidence, the graph
write (Contrast, TF_ACTIVITY) replacing itself, and bad inputs that write nothing."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from click.testing import CliRunner

from tests.activity.test_core import planted
from tfkg.cli import main

pytestmark = pytest.mark.neo4j


@pytest.fixture()
def layered(empty_graph, tmp_path):
    """The planted regulons as CollecTRI (signed) and ENCODE ChIP (unsigned) edges; the contrasts as a DE table."""
    con, nets = planted()
    g = empty_graph
    genes = sorted(set(nets["signed"]["source"]) | set(con.stat.columns))
    g.cypher("UNWIND $genes AS s MERGE (:Gene {symbol: s, species: 'human'})", genes=genes)
    g.cypher(
        "UNWIND $rows AS r MATCH (t:Gene {symbol: r[0], species: 'human'}), (x:Gene {symbol: r[1], species: 'human'}) "
        "CREATE (t)-[:REGULATES {source: 'CollecTRI', sign: toInteger(r[2]), mode: CASE WHEN r[2] > 0 THEN "
        "'activation' ELSE 'repression' END, pmids: ['1', '2']}]->(x)",
        rows=nets["signed"].values.tolist(),
    )
    g.cypher(
        "UNWIND $rows AS r MATCH (t:Gene {symbol: r[0], species: 'human'}), (x:Gene {symbol: r[1], species: 'human'}) "
        "CREATE (t)-[:CHIP_BOUND {source: 'ENCODE', experiment: 'e1', cell_line: 'K562'}]->(x)",
        rows=nets["bound"][["source", "target"]].values.tolist(),
    )
    long = con.stat.stack().rename("stat").rename_axis(["contrast", "gene"]).reset_index()
    path = tmp_path / "planted.tsv"
    long.to_csv(path, sep="\t", index=False)
    return g, path


def test_activity_end_to_end_with_drivers_and_a_graph_write_that_replaces_itself(layered, tmp_path):
    g, path = layered
    out = tmp_path / "act"
    args = ["activity", str(path), "--out", str(out), "--tf", "TF3", "--write", "--name", "exp"]
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 0, r.output
    assert "TF3" in r.output and "why TF3 in c0" in r.output
    acts = pd.read_csv(out / "activities.csv")
    assert list(acts.columns) == ["contrast", "tf", "layer", "score", "rank", "pvalue", "padj", "n_targets"]
    assert set(acts["layer"]) == {"consensus", "collectri", "chip"}
    cons = acts[(acts["contrast"] == "c0") & (acts["layer"] == "consensus")].set_index("tf")
    assert cons["rank"].idxmin() == "TF3"
    for f in ("report.md", "drivers.csv"):
        assert (out / f).stat().st_size > 0
    for f in ("heatmap.png", "drivers.png"):
        assert (out / f).read_bytes()[:4] == b"\x89PNG"
    drv = pd.read_csv(out / "drivers.csv")
    tf3 = drv[(drv["contrast"] == "c0") & (drv["tf"] == "TF3")]
    assert tf3["agrees"].all() and tf3["evidence"].str.contains("CollecTRI activation \\(2 PMIDs\\)|CollecTRI repression").all()
    assert tf3["evidence"].str.contains("ChIP K562").any()
    assert "### Why TF3" in (out / "report.md").read_text()
    n = g.cypher("MATCH (:Contrast)-[a:TF_ACTIVITY]->(:Gene) RETURN count(a) AS n")[0]["n"]
    assert n == len(acts)
    top = g.run("contrast_activities", contrast_id="exp:c0", limit=3)
    assert top[0]["tf"] == "TF3" and any(lay.startswith("collectri #") for lay in top[0]["layers"])
    why = g.run("contrast_drivers", contrast_id="exp:c0", tf="tf3")
    assert why and {r["tf"] for r in why} == {"TF3"} and all(r["moved"] == "moved as the edge says" for r in why)
    assert [r["target"] for r in why] == tf3["gene"].tolist()
    # a TF without drivers there: the contrast's top TF instead; no contrast named: the newest
    assert {r["tf"] for r in g.run("contrast_drivers", contrast_id="exp:c0", tf="NOPE")} == {"TF3"}
    assert g.run("contrast_activities", contrast_id=None, limit=1)[0]["contrast"].startswith("exp:")
    # the same contrasts again: replaced, not added
    assert CliRunner().invoke(main, args).exit_code == 0
    assert g.cypher("MATCH (:Contrast)-[a:TF_ACTIVITY]->() RETURN count(a) AS n")[0]["n"] == n
    assert g.cypher("MATCH (:Contrast)-[d:DRIVER]->() RETURN count(d) AS n")[0]["n"] == len(drv)
    assert g.cypher("MATCH (c:Contrast) RETURN count(c) AS n")[0]["n"] == 2


def test_bad_inputs_are_one_line_and_write_nothing(layered, tmp_path):
    g, _ = layered
    cases = {
        "mouse.tsv": ("gene\tstat\nStat1\t1\n", "mouse.tsv:2: gene symbol 'Stat1' is in mouse \\(MGI\\) case"),
        "nogene.tsv": ("gene\tstat\nNOTAGENE1\t1\nNOTAGENE2\t2\n", "none of its 2 genes .* is a human gene in the graph"),
        "dup.tsv": ("gene\tstat\nTF3\t1\nTF3\t2\n", "dup.tsv:3: gene TF3 appears twice"),
        "nan.tsv": ("gene\tstat\nTF3\tnan\n", "nan.tsv:2: no statistic"),
        "text.tsv": ("gene\tstat\nTF3\tup\n", "text.tsv:2: stat 'up' is not a number"),
    }
    for name, (text, said) in cases.items():
        p = tmp_path / name
        p.write_text(text)
        r = CliRunner().invoke(main, ["activity", str(p), "--out", str(tmp_path / "o"), "--write"])
        assert r.exit_code == 1 and "Traceback" not in r.output, r.output
        assert len(r.output.strip().splitlines()) <= 2 and re.search(said, r.output.replace("\n", " "))
    assert g.cypher("MATCH (c:Contrast) RETURN count(c) AS n")[0]["n"] == 0
    r = CliRunner().invoke(main, ["activity", "--out", str(tmp_path / "o")])
    assert r.exit_code == 2 and "give one input" in r.output


def test_an_ingested_layer_is_cached_until_its_source_is_ingested_again(layered, tmp_path, monkeypatch):
    from tfkg.activity import layers as L

    g, _ = layered
    monkeypatch.setenv("TFKG_CACHE", str(tmp_path / "cache"))
    # edges written by hand (no ingest record): always read from the graph, never cached
    first = L.network(g, "collectri")
    assert not (tmp_path / "cache" / "layers").exists()
    g.cypher("CREATE (:Dataset {key: 'collectri:human', source: 'CollecTRI', species: 'human', ingested_at: 't1'})")
    assert L.network(g, "collectri").equals(first)
    cached = list((tmp_path / "cache" / "layers").glob("*.parquet"))
    assert len(cached) == 1
    assert L.network(g, "collectri").equals(first) and len(list(cached[0].parent.glob("*.parquet"))) == 1
    # a new ingest (new record, other edges): read afresh
    g.cypher("MATCH ()-[r:REGULATES {source: 'CollecTRI'}]->(x:Gene {symbol: 'G0'}) DELETE r")
    g.cypher("MATCH (d:Dataset {key: 'collectri:human'}) SET d.ingested_at = 't2'")
    again = L.network(g, "collectri")
    assert len(again) < len(first) and "G0" not in set(again["target"])
    assert len(list(cached[0].parent.glob("*.parquet"))) == 2
