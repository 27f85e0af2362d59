// COEXPRESSED edges (co-expression gene sets, e.g. ARCHS4) between a dataset's TFs and targets, with their rank in
// the TF's set (1 = most co-expressed), as columns: hetnet evidence, never training edges.
// params: dataset, tf_role, target_role
MATCH (ds:Dataset {key: $dataset})-[:INCLUDES {role: $tf_role}]->(t:Gene)-[r:COEXPRESSED]->(g:Gene)
WHERE t <> g AND (ds)-[:INCLUDES {role: $target_role}]->(g)
WITH t.symbol AS tf, g.symbol AS target, min(r.rank) AS rank
RETURN collect(tf) AS tf, collect(target) AS target, collect(rank) AS rank
