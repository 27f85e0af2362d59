// Merge TF->Gene REGULATES edges, one per (TF, target, source); sign = +1 activation / -1 repression / null unknown
// (given, else from mode; a given 0: records disagree, no sign); mode_pmids: PubMed ids per mode, aligned with modes.
// curated: a literature-curated edge — what the Browser and the CLI call "known" (TRRUST, CollecTRI, OmniPath, and
// DoRothEA's confidence levels A-C); benchmark ground truths (HGETGI, BEELINE, DREAM4) and data-derived DoRothEA D/E
// edges are shown as what they are, never as known. params: c (columns: tf, target,
// species, mode, modes, mode_pmids?, pmids, sign?, confidence?, resources?,
// n_rows?, trrust_tag?, dorothea_tag?), source
UNWIND range(0, size($c.tf) - 1) AS i
WITH $c AS c, i
MATCH (t:Gene {symbol: c.tf[i], species: c.species[i]}) USING INDEX t:Gene(symbol, species)
MATCH (g:Gene {symbol: c.target[i], species: c.species[i]}) USING INDEX g:Gene(symbol, species)
MERGE (t)-[r:REGULATES {source: $source}]->(g)
SET r.mode = c.mode[i], r.modes = c.modes[i], r.mode_pmids = c.mode_pmids[i], r.pmids = c.pmids[i],
    r.sign = CASE WHEN c.sign[i] = 0 THEN null
                  ELSE coalesce(c.sign[i], CASE c.mode[i] WHEN 'activation' THEN 1 WHEN 'repression' THEN -1 END) END,
    r.curated = CASE WHEN $source IN ['TRRUST', 'CollecTRI', 'OmniPath'] THEN true
                     WHEN $source = 'DoRothEA' THEN c.confidence[i] IN ['A', 'B', 'C'] ELSE false END,
    r.confidence = c.confidence[i], r.resources = c.resources[i], r.n_rows = c.n_rows[i],
    r.trrust_tag = c.trrust_tag[i], r.dorothea_tag = c.dorothea_tag[i]
