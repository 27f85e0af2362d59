// MOTIF_PRIOR edges between a dataset's candidate regulators and targets, one row per prior source, as columns.
// Motif scans carry no sign: every sign is 0 (unknown) here.
// params: dataset, tf_role, target_role
MATCH (ds:Dataset {key: $dataset})-[:INCLUDES {role: $tf_role}]->(t:Gene)-[p:MOTIF_PRIOR]->(g:Gene)
WHERE (ds)-[:INCLUDES {role: $target_role}]->(g)
WITH p.source AS source, t.symbol AS tf, g.symbol AS target, coalesce(p.score, 1.0) AS weight, 0 AS sign
ORDER BY source, tf, target
RETURN source, collect(tf) AS tf, collect(target) AS target, collect(weight) AS weight, collect(sign) AS sign
