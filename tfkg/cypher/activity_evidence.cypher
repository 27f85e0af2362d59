// The evidence behind a TF's targets, in the words tfkg activity prints: curated REGULATES edges of the literature
// resources in $sources (source, mode, DoRothEA confidence, PubMed ids; never a benchmark's ground truth), ENCODE
// ChIP-seq cell lines, the ARCHS4 co-expression rank, and the scores of the named runs' PREDICTED_REGULATES edges.
// One round trip for every pair. params: pairs ([tf, target] lists), species, run_ids, sources
UNWIND $pairs AS p
MATCH (t:Gene {symbol: p[0], species: $species}) USING INDEX t:Gene(symbol, species)
MATCH (g:Gene {symbol: p[1], species: $species}) USING INDEX g:Gene(symbol, species)
RETURN p[0] AS tf, p[1] AS target,
       [(t)-[r:REGULATES]->(g) WHERE r.source IN $sources | {source: r.source, mode: coalesce(r.mode, ''), confidence: r.confidence,
                                   pmids: size(coalesce(r.pmids, []))}] AS curated,
       [c IN collect { MATCH (t)-[b:CHIP_BOUND]->(g) RETURN DISTINCT b.cell_line } WHERE c IS NOT NULL] AS chip,
       [(t)-[c:COEXPRESSED]->(g) | c.rank][0] AS coexpression_rank,
       [(t)-[p:PREDICTED_REGULATES]->(g) WHERE p.run_id IN $run_ids | {run: p.run_id, score: p.score}] AS predicted
