// Project a run's top predicted edges (rank <= $top_n) into the GDS catalog as $graph, weighted by |w| (score).
// orientation: 'NATURAL' (TF -> gene, for PageRank and betweenness) or 'UNDIRECTED' (degree, Louvain).
// params: run_id, top_n, graph, orientation
MATCH (t:Gene)-[r:PREDICTED_REGULATES {run_id: $run_id}]->(g:Gene)
WHERE r.rank <= $top_n
WITH gds.graph.project($graph, t, g, {relationshipProperties: {weight: r.score}},
                       {undirectedRelationshipTypes: CASE $orientation WHEN 'UNDIRECTED' THEN ['*'] ELSE [] END}) AS p
RETURN p.graphName AS graph, p.nodeCount AS nodes, p.relationshipCount AS relationships
