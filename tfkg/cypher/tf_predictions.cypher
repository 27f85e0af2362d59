// A TF's predicted targets from ONE run beside its known targets. run_id null: the newest run with predictions for
// this TF (named in every row); an unknown run id is an error naming the runs there are. kind: 'predicted, novel',
// 'predicted, known' or 'known, not predicted' (this run's predictions first, best per-TF rank first; then the known
// targets, most cited first). mode: the predicted sign (sign head) or the curated one ('mixed' where curated sources
// or records say both); knockout_log2fc: the target's log2FC in the TF's measured knockouts (knockout vs control; significant
// changes in n of the TF's m knockouts, 'unchanged' where none), led by whether that direction agrees with the mode
// (a knockout lowers an activated target) or DISAGREES; tf_rank: the target's rank among the TF's predictions in the run;
// percentile: share of the TF's candidates scored lower; rank_in_run: rank over all the run's edges; curated: every
// curated source with its modes and PubMed ids per mode (e.g. 'TRRUST: activation ×8, repression ×3 (20 PMIDs)'),
// and 'TRRUST mouse: …' where the mouse orthologs are an edge (a prediction known only in mouse is 'predicted,
// known'); example_diseases: names, synonyms merged, animal-model terms dropped, the diseases most of the TF's
// targets share first; evidence: the model's reasons in words. Symbols match case-insensitively (the exact spelling
// wins); an unknown TF is an error that says so. Browser: the guide sets the parameters at login.
// params: tf (symbol), run_id (optional: null = the newest run with predictions for the TF), species (optional, default 'human'), limit (optional, default 100)
WITH coalesce($species, 'human') AS species
OPTIONAL MATCH (z:Gene {species: species}) WHERE toUpper(z.symbol) = toUpper($tf)
WITH species, z ORDER BY z.symbol = $tf DESC LIMIT 1
CALL apoc.util.validate(z IS NULL, 'tfkg: no gene %s (species %s) in the graph', [$tf, species])
OPTIONAL MATCH (asked:ModelRun {run_id: $run_id})
CALL apoc.util.validate($run_id IS NOT NULL AND asked IS NULL, 'tfkg: no run %s; runs in the graph (newest first): %s',
  [$run_id, apoc.text.join(COLLECT { MATCH (r:ModelRun) WITH r ORDER BY r.created_at DESC RETURN r.run_id LIMIT 12 }, ', ')])
CALL (z) {
  OPTIONAL MATCH (z)-[p:PREDICTED_REGULATES]->() WHERE $run_id IS NULL OR p.run_id = $run_id
  WITH DISTINCT p.run_id AS rid
  OPTIONAL MATCH (r:ModelRun {run_id: rid})
  WITH rid, r ORDER BY r.created_at DESC
  // by default only a complete run (not one still writing, or failed); a run asked for by id is shown as it is
  WITH collect(CASE WHEN $run_id IS NOT NULL OR r.status IS NULL OR r.status IN ['complete', 'done'] THEN rid END) AS ok
  RETURN head(ok) AS run_id
}
// the mouse orthologs' curated edges, as a map human target -> 'TRRUST mouse: modes (n PMIDs)': orthologs from HCOP
// (>= 3 resources agree) once ingested, MGI capitalisation (Stat3 for STAT3) otherwise
CALL (z) {
  WITH z, EXISTS { (:Gene {species: 'human'})-[:ORTHOLOG]->(:Gene {species: 'mouse'}) } AS hcop
  WHERE z.species = 'human'
  WITH hcop, CASE WHEN hcop THEN COLLECT { MATCH (z)-[o:ORTHOLOG]->(mt:Gene {species: 'mouse'})
                                           WHERE coalesce(o.n_support, 3) >= 3 RETURN mt }
                  ELSE COLLECT { MATCH (mt:Gene {species: 'mouse', symbol: left(z.symbol, 1) + toLower(substring(z.symbol, 1))})
                                 RETURN mt } END AS mts
  UNWIND mts AS mt
  MATCH (mt)-[mr:REGULATES]->(mg:Gene {species: 'mouse'})
  WITH mr, CASE WHEN hcop THEN COLLECT { MATCH (hg:Gene {species: 'human'})-[o:ORTHOLOG]->(mg)
                                         WHERE coalesce(o.n_support, 3) >= 3 RETURN hg.symbol }
                ELSE COLLECT { MATCH (hg:Gene {species: 'human', symbol: toUpper(mg.symbol)}) RETURN hg.symbol } END AS hs
  UNWIND hs AS target
  WITH target, mr.source + ' mouse: ' + CASE WHEN size(coalesce(mr.modes, [])) > 1 THEN apoc.text.join(mr.modes, ', ')
                                             ELSE coalesce(mr.mode, 'unknown') END
       + CASE WHEN size(coalesce(mr.pmids, [])) > 0 THEN ' (PMID ' + apoc.text.join(mr.pmids[..3], ', ')
                                                         + CASE WHEN size(mr.pmids) > 3 THEN ', …' ELSE '' END + ')'
              ELSE '' END AS said
  WITH target, collect(said) AS said
  RETURN apoc.map.fromPairs(collect([target, said])) AS mouse
}
// each disease the TF shares with its known targets, weighted by how many of them share it (ranks the examples)
CALL (z) {
  OPTIONAL MATCH (z)-[:ASSOCIATED_WITH]->(d:Disease)<-[:ASSOCIATED_WITH]-(t:Gene)<-[:REGULATES]-(z)
  WITH coalesce(d.name, d.cui) AS name, count(DISTINCT t) AS n WHERE name IS NOT NULL
  RETURN apoc.map.fromPairs(collect([name, n])) AS weight
}
CALL (z, run_id) {
  MATCH (z)-[p:PREDICTED_REGULATES {run_id: run_id}]->(g:Gene)
  RETURN g, p.score AS score, p.rank AS rank, p.tf_rank AS tf_rank, p.percentile AS percentile, p.evidence AS evidence,
         p.sign AS sign, 0 AS block
  UNION
  MATCH (z)-[:REGULATES]->(g:Gene)
  WHERE run_id IS NULL OR NOT EXISTS { (z)-[:PREDICTED_REGULATES {run_id: run_id}]->(g) }
  RETURN DISTINCT g, null AS score, null AS rank, null AS tf_rank, null AS percentile, null AS evidence, null AS sign,
         1 AS block
}
WITH z, run_id, mouse, weight, g, score, rank, tf_rank, percentile, evidence, sign, block,
     COLLECT { MATCH (z)-[r:REGULATES]->(g) RETURN r } AS rels
WITH z, run_id, mouse, weight, g, score, rank, tf_rank, percentile, evidence, sign, block, rels,
     reduce(n = 0, r IN rels | n + size(coalesce(r.pmids, []))) AS pmids
ORDER BY block, tf_rank, rank, pmids DESC, g.symbol
LIMIT toInteger(coalesce($limit, 100))
WITH z, run_id, weight, g, score, rank, tf_rank, percentile, evidence, block, pmids,
     [r IN rels | r.source + ': ' + CASE WHEN size(coalesce(r.modes, [])) > 1 AND r.mode_pmids IS NOT NULL
                                            THEN apoc.text.join([i IN range(0, size(r.modes) - 1)
                                                                 | r.modes[i] + ' ×' + r.mode_pmids[i]], ', ')
                                          WHEN size(coalesce(r.modes, [])) > 1 THEN apoc.text.join(r.modes, ', ')
                                          ELSE coalesce(r.mode, CASE r.sign WHEN 1 THEN 'activation' WHEN -1 THEN 'repression'
                                                                 ELSE 'unknown' END) END
                  + CASE WHEN size(coalesce(r.pmids, [])) > 0 THEN ' (' + size(r.pmids) + ' PMIDs)' ELSE '' END]
     + coalesce(mouse[g.symbol], []) AS curated,
     coalesce(sign, CASE WHEN size([r IN rels WHERE r.sign = 1]) > 0 AND size([r IN rels WHERE r.sign = -1]) = 0 THEN 1
                         WHEN size([r IN rels WHERE r.sign = -1]) > 0 AND size([r IN rels WHERE r.sign = 1]) = 0 THEN -1
                    END) AS s,
     any(r IN rels WHERE r.sign = 1 OR 'activation' IN coalesce(r.modes, []))
       AND any(r IN rels WHERE r.sign = -1 OR 'repression' IN coalesce(r.modes, [])) AS mixed,
     // the target in the TF's measured knockouts: significant changes (padj <= 0.05, or |change| > 0.1 without p-values)
     COLLECT { MATCH (k:Knockout)-[:KNOCKS_OUT]->(z) WHERE NOT coalesce(k.simulated, false)
               OPTIONAL MATCH (k)-[a:AFFECTS]->(g)
               RETURN {c: CASE WHEN (a.padj IS NOT NULL AND a.padj <= 0.05)
                                    OR (a.padj IS NULL AND abs(coalesce(a.log2fc, a.effect, 0.0)) > 0.1)
                               THEN coalesce(a.log2fc, a.effect) END} } AS kos,
     COLLECT { MATCH (z)-[:ASSOCIATED_WITH]->(d:Disease)<-[:ASSOCIATED_WITH]-(g)
               WITH DISTINCT coalesce(d.name, d.cui) AS name
               WHERE NOT toLower(name) CONTAINS 'experimental' AND NOT toLower(name) CONTAINS 'animal'
               RETURN name ORDER BY coalesce(weight[name], 0) DESC, name } AS shared
WITH z, run_id, g, score, rank, tf_rank, percentile, evidence, block, curated, s, mixed, shared, size(kos) AS n_ko,
     [x IN kos WHERE x.c IS NOT NULL | x.c] AS changes
RETURN z.symbol AS tf, g.symbol AS target,
       CASE WHEN block = 1 THEN 'known, not predicted' WHEN size(curated) > 0 THEN 'predicted, known'
            ELSE 'predicted, novel' END AS kind,
       CASE s WHEN 1 THEN 'activates' WHEN -1 THEN 'represses' ELSE CASE WHEN mixed THEN 'mixed' END END AS mode,
       CASE WHEN n_ko = 0 THEN null
            WHEN size(changes) = 0 THEN 'unchanged (' + n_ko + ' KOs)'
            ELSE CASE WHEN s IS NULL THEN ''
                      WHEN all(c IN changes WHERE (c < 0) = (s > 0)) THEN 'agrees: '
                      WHEN none(c IN changes WHERE (c < 0) = (s > 0)) THEN 'DISAGREES: '
                      ELSE 'mixed: ' END
                 + apoc.text.join([c IN changes[..2] | CASE WHEN c > 0 THEN '+' ELSE '' END + toString(round(c, 2))], ', ')
                 + CASE WHEN size(changes) > 2 THEN ' …' ELSE '' END + ' (' + size(changes) + '/' + n_ko + ' KOs)' END
       AS knockout_log2fc,
       tf_rank, round(percentile, 1) AS percentile,
       round(score, 3) AS score, rank AS rank_in_run, run_id, curated, size(shared) AS shared_diseases,
       shared[..3] AS example_diseases, evidence
UNION ALL
// nothing to show (a gene that is no TF anywhere, or a run that does not cover it): one row that says so
WITH coalesce($species, 'human') AS species
MATCH (z:Gene {species: species}) WHERE toUpper(z.symbol) = toUpper($tf)
WITH z ORDER BY z.symbol = $tf DESC LIMIT 1
WITH z WHERE NOT EXISTS { (z)-[:REGULATES]->() }
         AND NOT EXISTS { MATCH (z)-[p:PREDICTED_REGULATES]->() WHERE $run_id IS NULL OR p.run_id = $run_id }
RETURN z.symbol AS tf, null AS target,
       'nothing to show: ' + z.symbol + ' has no curated target in any source and no prediction'
       + CASE WHEN $run_id IS NULL THEN ' in any run' ELSE ' in run ' + $run_id END
       + ' (is it a TF? tfkg predict MODEL --per-tf K covers every TF of a dataset)' AS kind,
       null AS mode, null AS knockout_log2fc, null AS tf_rank, null AS percentile, null AS score, null AS rank_in_run, null AS run_id,
       [] AS curated, null AS shared_diseases, [] AS example_diseases, null AS evidence
