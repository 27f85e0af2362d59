// TF->target REGULATES edges of one source between members of a dataset, minus held-out pairs, as two columns.
// Self-regulation (TRRUST lists a few autoregulating TFs) is left out: a gene paired with itself is never a candidate.
// params: dataset, source, tf_role, target_role, exclude (list of 'TF|TARGET' strings that must not reach training)
MATCH (ds:Dataset {key: $dataset})-[:INCLUDES {role: $tf_role}]->(t:Gene)-[:REGULATES {source: $source}]->(g:Gene)
WHERE t <> g AND (ds)-[:INCLUDES {role: $target_role}]->(g)
WITH DISTINCT t.symbol AS tf, g.symbol AS target
WHERE NOT tf + '|' + target IN $exclude
RETURN collect(tf) AS tf, collect(target) AS target
