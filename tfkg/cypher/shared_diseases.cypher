// Diseases a TF shares with its known targets (DisGeNET), ranked by how many targets share them.
// Case-insensitive symbol (human); an unknown TF says so. params: tf, limit (optional, default 10)
OPTIONAL MATCH (z:Gene {symbol_upper: toUpper($tf), species: 'human'})
WITH z ORDER BY z.symbol = $tf DESC LIMIT 1
CALL apoc.util.validate(z IS NULL, 'tfkg: no gene %s (species human) in the graph', [$tf])
MATCH (z)-[:REGULATES]->(g:Gene)-[:ASSOCIATED_WITH {source: 'DisGeNET'}]->(d:Disease)
      <-[:ASSOCIATED_WITH {source: 'DisGeNET'}]-(z)
RETURN d.cui AS cui, d.name AS disease, count(DISTINCT g) AS targets_sharing, collect(DISTINCT g.symbol)[..8] AS examples
ORDER BY targets_sharing DESC, disease LIMIT toInteger(coalesce($limit, 10))
