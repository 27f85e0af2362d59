// Weighted degree (GDS) of a projected network, as columns (in + out on an undirected projection).
// params: graph
CALL gds.degree.stream($graph, {relationshipWeightProperty: 'weight'}) YIELD nodeId, score
RETURN collect(gds.util.asNode(nodeId).symbol) AS symbol, collect(score) AS value
