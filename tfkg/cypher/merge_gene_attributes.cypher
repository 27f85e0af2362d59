// Set attributes on EXISTING Gene nodes only (never creates one); c.tf[i] adds the TF label; $source is appended to g.sources.
// params: c (columns: symbol, species, props (a map of attributes per gene), tf?), source
UNWIND range(0, size($c.symbol) - 1) AS i
WITH $c AS c, i
MATCH (g:Gene {symbol: c.symbol[i], species: c.species[i]}) USING INDEX g:Gene(symbol, species)
SET g += c.props[i],
    g.sources = CASE WHEN $source IN coalesce(g.sources, []) THEN g.sources ELSE coalesce(g.sources, []) + $source END
FOREACH (_ IN CASE WHEN c.tf[i] THEN [1] ELSE [] END | SET g:TF)
