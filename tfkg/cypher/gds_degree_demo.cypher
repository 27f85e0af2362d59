// GDS smoke test: project TF->Gene REGULATES with Cypher aggregation, stream out-degree, drop the projection.
MATCH (t:Gene)-[:REGULATES]->(g:Gene)
WITH gds.graph.project('tfkg_degree_demo', t, g) AS graph
CALL gds.degree.stream(graph.graphName) YIELD nodeId, score
WITH graph.graphName AS name, collect({symbol: gds.util.asNode(nodeId).symbol, score: score}) AS rows
CALL gds.graph.drop(name) YIELD graphName
UNWIND rows AS row
RETURN row.symbol AS symbol, row.score AS score
