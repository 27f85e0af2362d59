// Hetnet evidence: a dataset's (human) TF -> target pairs whose mouse orthologs are a REGULATES edge of $source
// (TRRUST mouse), as two columns. Orthologs by symbol (MGI capitalisation of the HGNC symbol: Stat3 for STAT3).
// A claim (most often the same literature claim as the human edge): export_snapshot leaves it out on every
// evaluated pair. params: dataset, source, tf_role, target_role
MATCH (mt:Gene {species: 'mouse'})-[:REGULATES {source: $source}]->(mg:Gene {species: 'mouse'})
WITH DISTINCT toUpper(mt.symbol) AS tf, toUpper(mg.symbol) AS target
WHERE tf <> target
MATCH (ds:Dataset {key: $dataset})
MATCH (t:Gene {symbol: tf, species: 'human'}) USING INDEX t:Gene(symbol, species)
MATCH (g:Gene {symbol: target, species: 'human'}) USING INDEX g:Gene(symbol, species)
WHERE (ds)-[:INCLUDES {role: $tf_role}]->(t) AND (ds)-[:INCLUDES {role: $target_role}]->(g)
RETURN collect(tf) AS tf, collect(target) AS target
