// Merge Gene -> GOTerm annotations, one per (gene, term, source), with the sorted GO evidence codes.
// params: c (columns: symbol, species, go_id, evidence), source
UNWIND range(0, size($c.symbol) - 1) AS i
WITH $c AS c, i
MATCH (g:Gene {symbol: c.symbol[i], species: c.species[i]}) USING INDEX g:Gene(symbol, species)
MATCH (t:GOTerm {go_id: c.go_id[i]})
MERGE (g)-[r:ANNOTATED_WITH {source: $source}]->(t)
SET r.evidence = c.evidence[i]
