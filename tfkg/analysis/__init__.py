"""Analyses of learned networks that run inside Neo4j (GDS) and write their results back to the graph."""
