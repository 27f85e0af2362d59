// Merge Gene nodes by (symbol, species); c.tf[i] adds the TF label; $source is appended to g.sources;
// symbol_upper (indexed with species) lets every query find a symbol in any case by an index seek.
// params: c (columns: symbol, species, tf, name?, entrez?), source
UNWIND range(0, size($c.symbol) - 1) AS i
WITH $c AS c, i
MERGE (g:Gene {symbol: c.symbol[i], species: c.species[i]})
SET g.sources = CASE WHEN $source IN coalesce(g.sources, []) THEN g.sources ELSE coalesce(g.sources, []) + $source END,
    g.entrez = coalesce(c.entrez[i], g.entrez), g.symbol_upper = toUpper(c.symbol[i])
FOREACH (_ IN CASE WHEN c.tf[i] THEN [1] ELSE [] END | SET g:TF)
