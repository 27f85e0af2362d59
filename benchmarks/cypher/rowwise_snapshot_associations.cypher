// Gene->Disease associations of one source between members of a dataset (TF-disease and target-disease).
// params: dataset, source
MATCH (ds:Dataset {key: $dataset})-[:INCLUDES]->(g:Gene)-[:ASSOCIATED_WITH {source: $source}]->(d:Disease)
WHERE (ds)-[:INCLUDES]->(d)
RETURN g.symbol AS gene, d.cui AS disease
