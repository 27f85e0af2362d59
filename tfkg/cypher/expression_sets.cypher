// Bulk expression sets of a species (Dataset nodes with an expression matrix, key 'bulk:…'): key and matrix path.
// params: species
MATCH (d:Dataset)
WHERE d.key STARTS WITH 'bulk:' AND d.expression_path IS NOT NULL AND coalesce(d.species, $species) = $species
RETURN d.key AS key, d.expression_path AS path
ORDER BY key
