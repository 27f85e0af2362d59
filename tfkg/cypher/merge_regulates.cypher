// Merge TF->Gene REGULATES edges, one per (TF, target, source); sign = +1 activation / -1 repression / null unknown
// (given, else from mode); mode_pmids: PubMed ids per mode, aligned with modes. params: c (columns: tf, target,
// species, mode, modes, mode_pmids?, pmids, sign?, confidence?, resources?,
// n_rows?, trrust_tag?, dorothea_tag?), source
UNWIND range(0, size($c.tf) - 1) AS i
WITH $c AS c, i
MATCH (t:Gene {symbol: c.tf[i], species: c.species[i]}) USING INDEX t:Gene(symbol, species)
MATCH (g:Gene {symbol: c.target[i], species: c.species[i]}) USING INDEX g:Gene(symbol, species)
MERGE (t)-[r:REGULATES {source: $source}]->(g)
SET r.mode = c.mode[i], r.modes = c.modes[i], r.mode_pmids = c.mode_pmids[i], r.pmids = c.pmids[i],
    r.sign = coalesce(c.sign[i], CASE c.mode[i] WHEN 'activation' THEN 1 WHEN 'repression' THEN -1 END),
    r.confidence = c.confidence[i], r.resources = c.resources[i], r.n_rows = c.n_rows[i],
    r.trrust_tag = c.trrust_tag[i], r.dorothea_tag = c.dorothea_tag[i]
