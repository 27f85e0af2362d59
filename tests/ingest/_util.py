"""Small helpers shared by the database tests."""

from __future__ import annotations


def counts(graph) -> dict:
    """Nodes per label and relationships per (type, source): the fingerprint idempotence tests compare."""
    labels = {r["label"]: r["count"] for r in graph.run("stats_labels")}
    rels = {(r["type"], r["source"]): r["count"] for r in graph.run("stats_relationships")}
    return {"labels": labels, "rels": rels}
