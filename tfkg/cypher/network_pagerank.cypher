// Weighted PageRank (GDS) of a projected network, as columns.
// params: graph
CALL gds.pageRank.stream($graph, {relationshipWeightProperty: 'weight'}) YIELD nodeId, score
RETURN collect(gds.util.asNode(nodeId).symbol) AS symbol, collect(score) AS value
