// Betweenness centrality (GDS, unweighted shortest paths) of a projected network, as columns.
// params: graph
CALL gds.betweenness.stream($graph) YIELD nodeId, score
RETURN collect(gds.util.asNode(nodeId).symbol) AS symbol, collect(score) AS value
