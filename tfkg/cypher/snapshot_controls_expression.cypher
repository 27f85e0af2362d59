// Pathway databases' CONTROLS_EXPRESSION claims between a dataset's TFs and targets, as columns: hetnet evidence.
// A claim on a held-out pair is left out ($exclude, the 'TF|TARGET' list of snapshot_regulates): the databases
// copy curated edges (TRRUST among them), so it would be the held-out edge itself.
// params: dataset, tf_role, target_role, exclude
MATCH (ds:Dataset {key: $dataset})-[:INCLUDES {role: $tf_role}]->(t:Gene)-[:CONTROLS_EXPRESSION]->(g:Gene)
WHERE t <> g AND (ds)-[:INCLUDES {role: $target_role}]->(g)
WITH DISTINCT t.symbol AS tf, g.symbol AS target
WHERE NOT tf + '|' + target IN $exclude
RETURN collect(tf) AS tf, collect(target) AS target
