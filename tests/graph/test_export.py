"""Snapshots exported by Cypher: exact HGETGI sizes, held-out pairs absent, round trip to disk and PyG."""
from __future__ import annotations

import numpy as np
import pytest

from tfkg.graph.export import REG, Snapshot, export_snapshot
from tfkg.ingest import hgetgi
from tfkg.ingest.base import execute

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def hgetgi_graph(graph, data, tmp_path_factory):
    graph.wipe()
    execute(graph, hgetgi.plan([data / "hgetgi"]), False, tmp_path_factory.mktemp("q"))
    return graph


def test_full_snapshot_sizes(hgetgi_graph):
    s = export_snapshot(hgetgi_graph, "hgetgi")
    assert {k: len(v) for k, v in s.nodes.items()} == {"tf": 696, "target": 2064, "disease": 6121}
    assert {k[2] if k[0] == "target" else k[1] + k[2]: v.shape[1] for k, v in s.edges.items()} == {
        "regulatestarget": 6541, "associated_withdisease": 8199, "disease": 31895}
    assert s.nodes["tf"][1] == "ETV3"  # HGETGI id 1 = zETV3: original ids are preserved


def test_held_out_pairs_never_reach_the_snapshot(hgetgi_graph, tmp_path):
    full = export_snapshot(hgetgi_graph, "hgetgi")
    rng = np.random.default_rng(0)
    held = full.positives[rng.choice(len(full.positives), 1308, replace=False)]
    train = export_snapshot(hgetgi_graph, "hgetgi", exclude=full.pair_keys(held))
    assert train.edges[REG].shape[1] == 6541 - 1308
    train_keys = set(train.pair_keys(train.positives))
    assert not train_keys & set(full.pair_keys(held))
    train.save(tmp_path / "snap")
    again = Snapshot.load(tmp_path / "snap")
    assert again.meta["n_excluded"] == 1308 and np.array_equal(again.edges[REG], train.edges[REG])
    data = again.to_hetero()
    assert data["tf", "regulates", "target"].edge_index.shape[1] == 6541 - 1308
    assert data["target", "rev_regulates", "tf"].edge_index.shape[1] == 6541 - 1308


def test_snapshot_is_reproducible(hgetgi_graph, tmp_path):
    a = export_snapshot(hgetgi_graph, "hgetgi").save(tmp_path / "a")
    b = export_snapshot(hgetgi_graph, "hgetgi").save(tmp_path / "b")
    assert (a / "tensors.pt").read_bytes() == (b / "tensors.pt").read_bytes()
