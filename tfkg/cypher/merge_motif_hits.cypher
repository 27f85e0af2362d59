// Merge Motif->Gene MOTIF_HIT edges (motif scan hits), one per (motif, gene, region, source).
// params: c (columns: matrix_id, symbol, species, region, sequence_name, p_value, q_value?, score, matched_sequence?), source
UNWIND range(0, size($c.matrix_id) - 1) AS i
WITH $c AS c, i
MATCH (m:Motif {matrix_id: c.matrix_id[i]}) USING INDEX m:Motif(matrix_id)
MATCH (g:Gene {symbol: c.symbol[i], species: c.species[i]}) USING INDEX g:Gene(symbol, species)
MERGE (m)-[r:MOTIF_HIT {source: $source, region: c.region[i]}]->(g)
SET r.sequence_name = c.sequence_name[i], r.p_value = c.p_value[i], r.q_value = c.q_value[i], r.score = c.score[i],
    r.matched_sequence = c.matched_sequence[i]
