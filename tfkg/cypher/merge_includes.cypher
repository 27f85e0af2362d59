// Link a Dataset to its member Genes with their role and original index (e.g. HGETGI ids, BEELINE rows).
// params: c (columns: symbol, species, role, index), dataset
MATCH (ds:Dataset {key: $dataset})
UNWIND range(0, size($c.symbol) - 1) AS i
WITH ds, $c AS c, i
MATCH (n:Gene {symbol: c.symbol[i], species: c.species[i]}) USING INDEX n:Gene(symbol, species)
MERGE (ds)-[r:INCLUDES {role: c.role[i]}]->(n)
SET r.index = c.index[i]
