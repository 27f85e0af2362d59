// One Louvain module of a network analysis with its hubs: genes by PageRank and the run's edges among them.
// Browser: :param run_id => '...'; :param module => 3; then run this to see the module as a graph.
// params: run_id, module, limit
MATCH (m:Module {run_id: $run_id, module: $module})<-[r:IN_MODULE {run_id: $run_id}]-(g:Gene)
WITH m, g, r ORDER BY r.pagerank DESC LIMIT coalesce($limit, 25)
WITH m, collect(g) AS genes
UNWIND genes AS a
MATCH (a)-[p:PREDICTED_REGULATES {run_id: $run_id}]->(b)
WHERE b IN genes
RETURN m, a, p, b
