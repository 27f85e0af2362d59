// ENS's enhanced negatives for one TF, as Browser shows them: the data set's targets split into the TF's known
// targets, unobserved targets the TF reaches along TF->Disease->Disease->Target (two diseases linked when they
// share a gene: the paper's meta-path, as metapath_reachability computes it for training) and the unreachable
// rest, which ENS samples its training negatives from. Case-insensitive symbol; a TF outside the data set says so.
// params: tf, dataset (optional, default 'hgetgi'), source (optional, default 'HGETGI'), limit (optional, default 10)
WITH coalesce($dataset, 'hgetgi') AS key, coalesce($source, 'HGETGI') AS source
OPTIONAL MATCH (ds:Dataset {key: key})-[:INCLUDES {role: 'tf'}]->(z:Gene) WHERE z.symbol_upper = toUpper($tf)
WITH key, source, ds, z ORDER BY z.symbol = $tf DESC LIMIT 1
CALL apoc.util.validate(z IS NULL, 'tfkg: %s is not a TF of data set %s', [$tf, key])
CALL (z, source) {
  MATCH (z)-[:ASSOCIATED_WITH {source: source}]->(d1:Disease)
  WITH DISTINCT d1
  MATCH (d1)<-[:ASSOCIATED_WITH {source: source}]-(x:Gene)
  WITH DISTINCT x
  MATCH (x)-[:ASSOCIATED_WITH {source: source}]->(d2:Disease)
  RETURN collect(DISTINCT d2) AS d2s
}
// the TF's known targets, read once (a per-target check would expand the hub TF's every edge for each target)
WITH z, ds, source, d2s, COLLECT { MATCH (z)-[:REGULATES {source: source}]->(k:Gene) RETURN k } AS known_set
MATCH (ds)-[:INCLUDES {role: 'target'}]->(t:Gene) WHERE t <> z
WITH z, t, t IN known_set AS known,
     EXISTS { MATCH (t)-[:ASSOCIATED_WITH {source: source}]->(d:Disease) WHERE d IN d2s } AS reachable
ORDER BY t.symbol
WITH z, sum(CASE WHEN known THEN 1 ELSE 0 END) AS known_targets,
     sum(CASE WHEN reachable AND NOT known THEN 1 ELSE 0 END) AS reachable_unobserved,
     collect(CASE WHEN NOT reachable AND NOT known THEN t.symbol END) AS negatives
RETURN z.symbol AS tf, known_targets, reachable_unobserved, size(negatives) AS enhanced_negative_candidates,
       negatives[..toInteger(coalesce($limit, 10))] AS examples
