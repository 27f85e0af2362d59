// Protein-protein interactions / complex co-membership between a dataset's target genes, once per pair, as
// columns, for hetnet meta-paths. params: dataset, target_role
MATCH (ds:Dataset {key: $dataset})-[:INCLUDES {role: $target_role}]->(a:Gene)-[:INTERACTS_WITH]->(b:Gene)
WHERE a <> b AND (ds)-[:INCLUDES {role: $target_role}]->(b)
WITH DISTINCT a.symbol AS a, b.symbol AS b
RETURN collect(a) AS a, collect(b) AS b
