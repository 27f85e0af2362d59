// Merge TF->Gene MOTIF_PRIOR edges (motif-derived promoter priors), one per (TF, gene, source).
// params: c (columns: tf, target, species, score), source
UNWIND range(0, size($c.tf) - 1) AS i
WITH $c AS c, i
MATCH (t:Gene {symbol: c.tf[i], species: c.species[i]}) USING INDEX t:Gene(symbol, species)
MATCH (g:Gene {symbol: c.target[i], species: c.species[i]}) USING INDEX g:Gene(symbol, species)
MERGE (t)-[r:MOTIF_PRIOR {source: $source}]->(g)
SET r.score = c.score[i]
