// Louvain modules (GDS, weighted, single-threaded so modules are reproducible) of an undirected projected network, as columns.
// params: graph
CALL gds.louvain.stream($graph, {relationshipWeightProperty: 'weight', concurrency: 1}) YIELD nodeId, communityId
RETURN collect(gds.util.asNode(nodeId).symbol) AS symbol, collect(communityId) AS value
