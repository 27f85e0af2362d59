// Gene->Disease associations of one source between members of a dataset, as two columns.
// params: dataset, source
MATCH (ds:Dataset {key: $dataset})-[:INCLUDES]->(g:Gene)-[:ASSOCIATED_WITH {source: $source}]->(d:Disease)
WHERE (ds)-[:INCLUDES {role: 'disease'}]->(d)
WITH DISTINCT g.symbol AS gene, d.cui AS disease
RETURN collect(gene) AS gene, collect(disease) AS disease
