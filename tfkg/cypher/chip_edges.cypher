// TF->gene pairs with an ENCODE ChIP-seq peak (CHIP_BOUND, any experiment) as columns: an unsigned regulon layer
// (binding, not regulation) for tfkg activity. params: species
MATCH (t:Gene {species: $species})-[:CHIP_BOUND]->(g:Gene)
WHERE t <> g
WITH DISTINCT t.symbol AS tf, g.symbol AS target
RETURN collect(tf) AS tf, collect(target) AS target
