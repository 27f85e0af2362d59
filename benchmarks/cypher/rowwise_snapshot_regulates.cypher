// TF->target REGULATES edges of one source between members of a dataset, minus held-out pairs.
// params: dataset, source, exclude (list of 'TF|TARGET' strings that must not reach training)
MATCH (ds:Dataset {key: $dataset})-[:INCLUDES {role: 'tf'}]->(t:Gene)-[r:REGULATES {source: $source}]->(g:Gene)
WHERE (ds)-[:INCLUDES]->(g) AND NOT (t.symbol + '|' + g.symbol) IN $exclude
RETURN t.symbol AS tf, g.symbol AS target
