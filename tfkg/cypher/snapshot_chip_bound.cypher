// CHIP_BOUND edges between a dataset's TFs and targets, as columns: each pair with the share of the TF's ChIP-seq
// experiments that found it bound near the target (hetnet evidence, never training edges).
// params: dataset, tf_role, target_role
MATCH (ds:Dataset {key: $dataset})-[:INCLUDES {role: $tf_role}]->(t:Gene)
WHERE EXISTS { (t)-[:CHIP_BOUND]->() }
CALL (t) { MATCH (t)-[b:CHIP_BOUND]->() RETURN count(DISTINCT b.experiment) AS experiments }
MATCH (t)-[r:CHIP_BOUND]->(g:Gene)
WHERE t <> g AND (ds)-[:INCLUDES {role: $target_role}]->(g)
WITH t, experiments, g.symbol AS target, count(DISTINCT r.experiment) AS bound
RETURN collect(t.symbol) AS tf, collect(target) AS target, collect(toFloat(bound) / experiments) AS share
