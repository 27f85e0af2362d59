// Gene->Disease associations of one source for the member genes of a dataset, as two columns: to member diseases
// only, or (all_diseases: true, for datasets whose diseases are not members, e.g. TRRUST with DisGeNET) to every one.
// params: dataset, source, all_diseases
MATCH (ds:Dataset {key: $dataset})-[:INCLUDES]->(g:Gene)-[:ASSOCIATED_WITH {source: $source}]->(d:Disease)
WHERE $all_diseases OR (ds)-[:INCLUDES {role: 'disease'}]->(d)
WITH DISTINCT g.symbol AS gene, d.cui AS disease
RETURN collect(gene) AS gene, collect(disease) AS disease
