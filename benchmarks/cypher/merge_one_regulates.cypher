// Benchmark peer only: the naive way, one statement per row merging both endpoints and the edge.
// params: tf, target, species, source, mode
MERGE (t:Gene {symbol: $tf, species: $species})
MERGE (g:Gene {symbol: $target, species: $species})
MERGE (t)-[r:REGULATES {source: $source}]->(g)
SET r.mode = $mode
