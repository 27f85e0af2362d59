// The TF-disease-target DWPC of given pairs counted by a Cypher path query, Hetionet's original way (the hetnet
// benchmark checks tfkg's matrix products against it). Degrees per metaedge, within the dataset's members:
// DWPC = sum over diseases d of (deg(TF) deg_TF(d) deg_target(d) deg(target))^-damping.
// params: dataset, source, damping, tfs, targets (parallel lists of symbols)
MATCH (ds:Dataset {key: $dataset})
UNWIND range(0, size($tfs) - 1) AS i
MATCH (ds)-[:INCLUDES {role: 'tf'}]->(t:Gene {symbol: $tfs[i]})
MATCH (ds)-[:INCLUDES {role: 'target'}]->(g:Gene {symbol: $targets[i]})
OPTIONAL MATCH (t)-[:ASSOCIATED_WITH {source: $source}]->(d:Disease)<-[:ASSOCIATED_WITH {source: $source}]-(g)
WHERE (ds)-[:INCLUDES {role: 'disease'}]->(d)
WITH ds, i, t, g, d
WITH i, d,
     COUNT { (t)-[:ASSOCIATED_WITH {source: $source}]->(x:Disease) WHERE (ds)-[:INCLUDES {role: 'disease'}]->(x) } AS d_t,
     COUNT { (d)<-[:ASSOCIATED_WITH {source: $source}]-(y:Gene) WHERE (ds)-[:INCLUDES {role: 'tf'}]->(y) } AS d_dt,
     COUNT { (d)<-[:ASSOCIATED_WITH {source: $source}]-(y:Gene) WHERE (ds)-[:INCLUDES {role: 'target'}]->(y) } AS d_dg,
     COUNT { (g)-[:ASSOCIATED_WITH {source: $source}]->(x:Disease) WHERE (ds)-[:INCLUDES {role: 'disease'}]->(x) } AS d_g
RETURN i, sum(CASE WHEN d IS NULL THEN 0.0 ELSE (1.0 * d_t * d_dt * d_dg * d_g) ^ (-$damping) END) AS dwpc
ORDER BY i
