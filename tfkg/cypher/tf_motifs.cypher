// JASPAR motifs of a TF with their length and number of aligned sites. Case-insensitive symbol; an unknown TF says so.
// params: tf, species (optional, default human)
WITH coalesce($species, 'human') AS species
OPTIONAL MATCH (z:Gene {symbol_upper: toUpper($tf), species: species})
WITH species, z ORDER BY z.symbol = $tf DESC LIMIT 1
CALL apoc.util.validate(z IS NULL, 'tfkg: no gene %s (species %s) in the graph', [$tf, species])
MATCH (z)-[:HAS_MOTIF]->(m:Motif)
RETURN m.matrix_id AS matrix_id, m.name AS name, m.length AS length, m.release AS release,
       m.counts_A[0] + m.counts_C[0] + m.counts_G[0] + m.counts_T[0] AS sites
ORDER BY matrix_id
