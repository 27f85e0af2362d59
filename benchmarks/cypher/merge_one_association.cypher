// Benchmark peer only: the naive way, one statement per row merging both endpoints and the edge.
// params: symbol, species, cui, source, score
MERGE (g:Gene {symbol: $symbol, species: $species})
MERGE (d:Disease {cui: $cui})
MERGE (g)-[r:ASSOCIATED_WITH {source: $source}]->(d)
SET r.score = $score
