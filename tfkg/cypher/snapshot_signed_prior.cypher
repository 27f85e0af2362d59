// Curated, signed REGULATES edges (CollecTRI's consensus signs, DoRothEA's mor) between a dataset's candidate
// regulators and targets, one row per source: the signed priors of expression models (motif-rnn -p prior=collectri).
// A pair's sign is 0 when its rows disagree or none has one; self pairs are left out.
// params: dataset, sources, tf_role, target_role
MATCH (ds:Dataset {key: $dataset})-[:INCLUDES {role: $tf_role}]->(t:Gene)-[r:REGULATES]->(g:Gene)
WHERE r.source IN $sources AND t <> g AND (ds)-[:INCLUDES {role: $target_role}]->(g)
WITH r.source AS source, t.symbol AS tf, g.symbol AS target, collect(DISTINCT r.sign) AS signs
ORDER BY source, tf, target
RETURN source, collect(tf) AS tf, collect(target) AS target, collect(1.0) AS weight,
       collect(CASE WHEN size(signs) = 1 THEN signs[0] ELSE 0 END) AS sign
