// Drop a projected graph from the GDS catalog (no error when it is absent).
// params: graph
CALL gds.graph.drop($graph, false) YIELD graphName
RETURN graphName
