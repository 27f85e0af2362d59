// Merge TF->Gene REGULATES edges, one per (TF, target, source). params: c (columns: tf, target, species, mode, modes, pmids), source
UNWIND range(0, size($c.tf) - 1) AS i
WITH $c AS c, i
MATCH (t:Gene {symbol: c.tf[i], species: c.species[i]}) USING INDEX t:Gene(symbol, species)
MATCH (g:Gene {symbol: c.target[i], species: c.species[i]}) USING INDEX g:Gene(symbol, species)
MERGE (t)-[r:REGULATES {source: $source}]->(g)
SET r.mode = c.mode[i], r.modes = c.modes[i], r.pmids = c.pmids[i]
