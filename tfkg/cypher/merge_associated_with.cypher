// Merge Gene->Disease ASSOCIATED_WITH edges, one per (gene, disease, source).
// params: c (columns: symbol, species, cui, score?, ei?, n_pmids?, evidence? (";"-separated source databases)), source
UNWIND range(0, size($c.symbol) - 1) AS i
WITH $c AS c, i
MATCH (g:Gene {symbol: c.symbol[i], species: c.species[i]}) USING INDEX g:Gene(symbol, species)
MATCH (d:Disease {cui: c.cui[i]}) USING INDEX d:Disease(cui)
MERGE (g)-[r:ASSOCIATED_WITH {source: $source}]->(d)
SET r.score = c.score[i], r.ei = c.ei[i], r.n_pmids = c.n_pmids[i], r.evidence = c.evidence[i]
