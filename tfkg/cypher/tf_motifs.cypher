// JASPAR motifs of a TF with their length and number of aligned sites. params: tf, species (default human)
MATCH (t:Gene {symbol: $tf, species: coalesce($species, 'human')})-[:HAS_MOTIF]->(m:Motif)
RETURN m.matrix_id AS matrix_id, m.name AS name, m.length AS length, m.release AS release,
       m.counts_A[0] + m.counts_C[0] + m.counts_G[0] + m.counts_T[0] AS sites
ORDER BY matrix_id
