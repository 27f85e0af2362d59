// Diseases a TF shares with its known (literature-curated) targets (DisGeNET), ranked by how many targets share them.
// The TF's diseases are read once; each target's diseases are checked against them (no hub expansion per target).
// Case-insensitive symbol (human); an unknown TF says so. params: tf, limit (optional, default 10)
OPTIONAL MATCH (z:Gene {symbol_upper: toUpper($tf), species: 'human'})
WITH z ORDER BY z.symbol = $tf DESC LIMIT 1
CALL apoc.util.validate(z IS NULL, 'tfkg: no gene %s (species human) in the graph', [$tf])
WITH z, COLLECT { MATCH (z)-[:ASSOCIATED_WITH {source: 'DisGeNET'}]->(d:Disease) RETURN d } AS mine
MATCH (z)-[:REGULATES {curated: true}]->(g:Gene)-[:ASSOCIATED_WITH {source: 'DisGeNET'}]->(d:Disease)
WHERE d IN mine
RETURN d.cui AS cui, d.name AS disease, count(DISTINCT g) AS targets_sharing, collect(DISTINCT g.symbol)[..8] AS examples
ORDER BY targets_sharing DESC, disease LIMIT toInteger(coalesce($limit, 10))
