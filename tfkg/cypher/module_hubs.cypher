// One Louvain module of a run's network analysis as a graph: its strongest edges (the hubs stand out in
// Browser); Module.hubs lists the genes with the highest PageRank. run_id null: the newest analysed run;
// module null: that run's largest module.
// No analysed run gives one row whose `note` says which command makes one.
// params: run_id (optional), module (optional), limit (optional, default 100)
CALL () {
  MATCH (m:Module)
  WHERE ($run_id IS NULL OR m.run_id = $run_id) AND ($module IS NULL OR m.module = toInteger($module))
  OPTIONAL MATCH (m)-[:FROM_RUN]->(run:ModelRun)
  WITH m ORDER BY run.created_at DESC, m.size DESC
  LIMIT 1
  MATCH (m)<-[:IN_MODULE {run_id: m.run_id}]-(g:Gene)
  WITH m, collect(g) AS genes
  UNWIND genes AS a
  MATCH (a)-[p:PREDICTED_REGULATES {run_id: m.run_id}]->(b)
  WHERE b IN genes
  RETURN m, a, p, b
  ORDER BY p.score DESC
  LIMIT toInteger(coalesce($limit, 100))
}
RETURN m, a, p, b, null AS note
UNION ALL
WITH 1 AS one
WHERE NOT EXISTS { MATCH (m:Module) WHERE ($run_id IS NULL OR m.run_id = $run_id)
                                     AND ($module IS NULL OR m.module = toInteger($module)) }
RETURN null AS m, null AS a, null AS p, null AS b,
       'no network analysis' + CASE WHEN $run_id IS NULL THEN '' ELSE ' of run ' + $run_id END
       + ' yet: tfkg analyze network --run RUN_ID (GDS PageRank, Louvain)' AS note
