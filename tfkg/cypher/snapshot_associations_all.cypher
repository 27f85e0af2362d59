// Gene->Disease associations of one source for the member genes of a dataset, every associated disease included
// (for datasets whose diseases are not members themselves, e.g. TRRUST with DisGeNET), as two columns.
// params: dataset, source
MATCH (ds:Dataset {key: $dataset})-[:INCLUDES]->(g:Gene)-[:ASSOCIATED_WITH {source: $source}]->(d:Disease)
WITH DISTINCT g.symbol AS gene, d.cui AS disease
ORDER BY disease, gene
RETURN collect(gene) AS gene, collect(disease) AS disease
