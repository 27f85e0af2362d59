// TF->target REGULATES edges of one or more sources between members of a dataset, minus held-out pairs, as columns, with the
// pair's sign (+1 activation, -1 repression; 0 when no row has a sign or when rows disagree: TRRUST lists both modes,
// or two sources disagree; a row without sign does not overrule one with). Self-regulation (TRRUST lists a few autoregulating TFs) is left out: a gene paired with itself is
// never a candidate.
// params: dataset, sources (REGULATES.source values), tf_role, target_role, exclude (list of 'TF|TARGET' strings that must not reach training)
MATCH (ds:Dataset {key: $dataset})-[:INCLUDES {role: $tf_role}]->(t:Gene)-[r:REGULATES]->(g:Gene)
WHERE r.source IN $sources AND t <> g AND (ds)-[:INCLUDES {role: $target_role}]->(g)
WITH t.symbol AS tf, g.symbol AS target, collect(DISTINCT r.sign) AS signs
WHERE NOT tf + '|' + target IN $exclude
RETURN collect(tf) AS tf, collect(target) AS target,
       collect(CASE WHEN size(signs) = 1 THEN signs[0] ELSE 0 END) AS sign  // null signs are not collected
