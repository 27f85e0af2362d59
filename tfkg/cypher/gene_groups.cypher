// HGNC gene groups of the given genes (for enrichment tests); genes without groups are returned with [].
// params: symbols, species
UNWIND $symbols AS s
MATCH (g:Gene {symbol: s, species: $species})
RETURN collect(g.symbol) AS symbol, collect(coalesce(g.gene_groups, [])) AS groups
