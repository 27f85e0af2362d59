// Curated targets (REGULATES from any source) of the given TFs, as columns.
// params: tfs, species
MATCH (t:Gene {species: $species})-[:REGULATES]->(g:Gene)
WHERE t.symbol IN $tfs
WITH DISTINCT t.symbol AS tf, g.symbol AS target
RETURN collect(tf) AS tf, collect(target) AS target
