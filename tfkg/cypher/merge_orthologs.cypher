// Merge human -> mouse ORTHOLOG edges with the resources that support them.
// best: the one human ortholog the mouse gene's claims map to (hcop.best_orthologs).
// params: c (columns: human, mouse, support, n_support, best), source
UNWIND range(0, size($c.human) - 1) AS i
WITH $c AS c, i
MATCH (h:Gene {symbol: c.human[i], species: 'human'}) USING INDEX h:Gene(symbol, species)
MATCH (m:Gene {symbol: c.mouse[i], species: 'mouse'}) USING INDEX m:Gene(symbol, species)
MERGE (h)-[r:ORTHOLOG {source: $source}]->(m)
SET r.support = c.support[i], r.n_support = c.n_support[i], r.best = c.best[i]
