"""Declared, multi-modal training data: snapshots (``tfkg.data.snapshot``) and the dataset registry
(``tfkg.data.datasets``), negatives, folds and degree-preserving shuffles.

Nothing here talks to Neo4j: ``tfkg.graph.export`` fills a :class:`~tfkg.data.snapshot.Snapshot` from the graph.
The package imports none of its modules, so the dataset registry (the CLI's help text) does not load torch."""
