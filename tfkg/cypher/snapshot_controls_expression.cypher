// Pathway databases' CONTROLS_EXPRESSION claims between a dataset's TFs and targets, as columns: hetnet evidence.
// The databases copy curated edges (TRRUST among them), so a claim on an evaluated pair would be its label:
// export_snapshot leaves it out on every evaluated pair. params: dataset, tf_role, target_role
MATCH (ds:Dataset {key: $dataset})-[:INCLUDES {role: $tf_role}]->(t:Gene)-[:CONTROLS_EXPRESSION]->(g:Gene)
WHERE t <> g AND (ds)-[:INCLUDES {role: $target_role}]->(g)
WITH DISTINCT t.symbol AS tf, g.symbol AS target
RETURN collect(tf) AS tf, collect(target) AS target
