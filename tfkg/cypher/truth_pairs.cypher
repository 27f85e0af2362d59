// Reference TF->target pairs of one REGULATES source and species, as two columns (for judging learned edges).
// params: source, species
MATCH (t:Gene {species: $species})-[:REGULATES {source: $source}]->(g:Gene)
RETURN collect(DISTINCT t.symbol + '|' + g.symbol) AS pairs
