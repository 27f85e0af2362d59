// Merge TF->Gene CHIP_BOUND edges (a ChIP-seq experiment found the TF bound near the gene; evidence, not regulation),
// one per (TF, gene, source, experiment). params: c (columns: tf, target, species, experiment, cell_line), source
UNWIND range(0, size($c.tf) - 1) AS i
WITH $c AS c, i
MATCH (t:Gene {symbol: c.tf[i], species: c.species[i]}) USING INDEX t:Gene(symbol, species)
MATCH (g:Gene {symbol: c.target[i], species: c.species[i]}) USING INDEX g:Gene(symbol, species)
MERGE (t)-[r:CHIP_BOUND {source: $source, experiment: c.experiment[i]}]->(g)
SET r.cell_line = c.cell_line[i]
