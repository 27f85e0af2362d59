// Merge undirected protein-protein interactions / complex co-membership, stored once (a < b), with the relations seen.
// params: c (columns: a, b, species, relations), source
UNWIND range(0, size($c.a) - 1) AS i
WITH $c AS c, i
MATCH (a:Gene {symbol: c.a[i], species: c.species[i]}) USING INDEX a:Gene(symbol, species)
MATCH (b:Gene {symbol: c.b[i], species: c.species[i]}) USING INDEX b:Gene(symbol, species)
MERGE (a)-[r:INTERACTS_WITH {source: $source}]->(b)
SET r.relations = c.relations[i]
