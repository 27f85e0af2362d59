// Diseases a TF shares with its known targets (DisGeNET), ranked by how many targets share them. params: tf, limit
MATCH (t:TF {symbol: $tf, species: 'human'})-[:REGULATES]->(g:Gene)-[:ASSOCIATED_WITH {source: 'DisGeNET'}]->(d:Disease)
      <-[:ASSOCIATED_WITH {source: 'DisGeNET'}]-(t)
RETURN d.cui AS cui, d.name AS disease, count(DISTINCT g) AS targets_sharing, collect(DISTINCT g.symbol)[..8] AS examples
ORDER BY targets_sharing DESC, disease LIMIT toInteger(coalesce($limit, 10))
