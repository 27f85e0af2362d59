// Known targets of a TF with mode of regulation, PubMed ids and source. Case-insensitive symbol; an unknown TF says so.
// params: tf (symbol), species (optional, default human)
WITH coalesce($species, 'human') AS species
OPTIONAL MATCH (z:Gene {species: species}) WHERE toUpper(z.symbol) = toUpper($tf)
WITH species, z ORDER BY z.symbol = $tf DESC LIMIT 1
CALL apoc.util.validate(z IS NULL, 'tfkg: no gene %s (species %s) in the graph', [$tf, species])
MATCH (z)-[r:REGULATES]->(g:Gene)
RETURN g.symbol AS target, r.source AS source, r.mode AS mode, size(coalesce(r.pmids, [])) AS n_pmids, r.pmids AS pmids
ORDER BY n_pmids DESC, target
