// Known targets of a TF with mode of regulation, PubMed ids and source. params: tf (symbol), species (default human)
MATCH (t:TF {symbol: $tf, species: coalesce($species, 'human')})-[r:REGULATES]->(g:Gene)
RETURN g.symbol AS target, r.source AS source, r.mode AS mode, size(coalesce(r.pmids, [])) AS n_pmids, r.pmids AS pmids
ORDER BY n_pmids DESC, target
