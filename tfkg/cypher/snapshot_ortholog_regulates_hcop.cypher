// As snapshot_ortholog_regulates, with orthologs from HCOP ORTHOLOG edges (min_support resources agree) instead of
// symbol capitalisation: a dataset's human TF -> target pairs whose mouse orthologs are a REGULATES edge of $source.
// Each mouse gene maps to its one best human ortholog (ORTHOLOG.best; none for a paralog family), so one mouse claim
// is one human pair.
// A claim: export_snapshot leaves it out on every evaluated pair. params: dataset, source, tf_role, target_role,
// min_support
MATCH (ds:Dataset {key: $dataset})
MATCH (mt:Gene {species: 'mouse'})-[:REGULATES {source: $source}]->(mg:Gene {species: 'mouse'})
MATCH (t:Gene {species: 'human'})-[o1:ORTHOLOG]->(mt)
WHERE o1.best AND o1.n_support >= $min_support AND (ds)-[:INCLUDES {role: $tf_role}]->(t)
MATCH (g:Gene {species: 'human'})-[o2:ORTHOLOG]->(mg)
WHERE o2.best AND o2.n_support >= $min_support AND t <> g AND (ds)-[:INCLUDES {role: $target_role}]->(g)
WITH DISTINCT t.symbol AS tf, g.symbol AS target
RETURN collect(tf) AS tf, collect(target) AS target
