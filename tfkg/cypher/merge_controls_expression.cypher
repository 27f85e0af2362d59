// Merge regulator -> gene CONTROLS_EXPRESSION edges (a pathway database's claim, largely motif-based: evidence, not a
// known target). params: c (columns: tf, target, species), source
UNWIND range(0, size($c.tf) - 1) AS i
WITH $c AS c, i
MATCH (t:Gene {symbol: c.tf[i], species: c.species[i]}) USING INDEX t:Gene(symbol, species)
MATCH (g:Gene {symbol: c.target[i], species: c.species[i]}) USING INDEX g:Gene(symbol, species)
MERGE (t)-[r:CONTROLS_EXPRESSION {source: $source}]->(g)
