// TF->gene COEXPRESSED edges of one source as columns (unsigned regulons for the knockout benchmark).
// params: source, species
MATCH (t:Gene {species: $species})-[r:COEXPRESSED {source: $source}]->(g:Gene)
WHERE t <> g
RETURN collect(t.symbol) AS tf, collect(g.symbol) AS target
