"""ENCODE ChIP-seq target sets (``tfkg ingest encode_chip``): the plan, without a database — binding edges
(CHIP_BOUND) with HGNC symbols for ENCODE's labels, one per (TF, gene, experiment), no gene bound by itself."""

from __future__ import annotations

import gzip

from tfkg.ingest import encode_chip

ROWS = (
    "experiment\ttf_label\tcell_line\ttarget\n"
    "e1\tCJUN\tK562\tSOCS3\n"
    "e1\tCJUN\tK562\tSOCS3\n"  # the same edge twice
    "e1\tCJUN\tK562\tJUN\n"  # JUN bound near its own promoter: not an edge
    "e2\tSTAT3\tHepG2\tSOCS3\n"
    "e3\tNRSF\tGM12878\tBDNF\n"
)


def test_encode_labels_become_symbols_and_edges_are_binding_evidence(tmp_path):
    f = tmp_path / "encode_tf_chip_targets.tsv.gz"
    with gzip.open(f, "wt") as fh:
        fh.write(ROWS)
    p = encode_chip.plan([f])
    assert p.rows_read == 5 and not p.problems
    (bound,) = [s for s in p.steps if s.query == "merge_chip_bound"]
    assert bound.label == "CHIP_BOUND" and bound.params == {"source": "ENCODE"}
    edges = sorted(map(tuple, bound.rows[["tf", "target", "experiment", "cell_line"]].to_numpy().tolist()))
    assert edges == [("JUN", "SOCS3", "e1", "K562"), ("REST", "BDNF", "e3", "GM12878"), ("STAT3", "SOCS3", "e2", "HepG2")]
    assert p.datasets[0]["key"] == "encode_chip:human"
    assert "merge_regulates" not in {s.query for s in p.steps}  # binding is evidence, never a known target
