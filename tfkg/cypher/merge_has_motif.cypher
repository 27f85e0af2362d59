// Merge TF->Motif HAS_MOTIF edges. params: c (columns: symbol, species, matrix_id), source
UNWIND range(0, size($c.symbol) - 1) AS i
WITH $c AS c, i
MATCH (t:Gene {symbol: c.symbol[i], species: c.species[i]}) USING INDEX t:Gene(symbol, species)
MATCH (m:Motif {matrix_id: c.matrix_id[i]}) USING INDEX m:Motif(matrix_id)
MERGE (t)-[r:HAS_MOTIF]->(m)
SET r.source = $source
