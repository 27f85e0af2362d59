// Weighted eigenvector centrality (GDS) of a projected network, as columns (MTLGRN ranks TFs by it).
// params: graph
CALL gds.eigenvector.stream($graph, {relationshipWeightProperty: 'weight', maxIterations: 100}) YIELD nodeId, score
RETURN collect(gds.util.asNode(nodeId).symbol) AS symbol, collect(score) AS value
