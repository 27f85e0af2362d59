// One Louvain module of a run's network analysis as a graph: its strongest edges (the hubs stand out in
// Browser); Module.hubs lists the genes with the highest PageRank.
// Browser: :param run_id => '...'; :param module => 0; :param limit => 100; then run this query.
// params: run_id, module, limit
MATCH (m:Module {run_id: $run_id, module: $module})<-[:IN_MODULE {run_id: $run_id}]-(g:Gene)
WITH m, collect(g) AS genes
UNWIND genes AS a
MATCH (a)-[p:PREDICTED_REGULATES {run_id: $run_id}]->(b)
WHERE b IN genes
RETURN m, a, p, b
ORDER BY p.score DESC
LIMIT toInteger(coalesce($limit, 100))
