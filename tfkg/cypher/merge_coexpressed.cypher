// Merge TF->Gene COEXPRESSED edges (a co-expression gene set, e.g. ARCHS4's; not regulation), one per (TF, gene,
// source). params: c (columns: tf, target, species, rank), source
UNWIND range(0, size($c.tf) - 1) AS i
WITH $c AS c, i
MATCH (t:Gene {symbol: c.tf[i], species: c.species[i]}) USING INDEX t:Gene(symbol, species)
MATCH (g:Gene {symbol: c.target[i], species: c.species[i]}) USING INDEX g:Gene(symbol, species)
MERGE (t)-[r:COEXPRESSED {source: $source}]->(g)
SET r.rank = c.rank[i]
