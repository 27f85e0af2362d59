// A TF's predicted targets from ONE run beside its known targets. run_id null: the newest run with predictions for
// this TF (named in every row); an unknown run id is an error naming the runs there are. kind: 'predicted, novel',
// 'predicted, known' or 'known, not predicted' (this run's predictions first, best per-TF rank first; then the known
// targets, most cited first). tf_rank: the target's rank among the TF's predictions in the run; percentile: share of
// the TF's candidates scored lower; rank_in_run: rank over all the run's edges; mode: the predicted sign (sign head)
// or the curated one; curated: every curated source with its modes and PubMed count (e.g. 'TRRUST: activation x3,
// repression x1 (5 PMIDs)'), and 'TRRUST mouse: …' where the mouse orthologs are an edge; example_diseases: names,
// synonyms merged, animal-model terms dropped, the diseases most of the TF's targets share first; evidence: the
// model's reasons in words. Symbols match case-insensitively (the exact spelling wins); an unknown TF is an error
// that says so. Browser: run the guide's :params step first.
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
// the mouse orthologs' curated edges (MGI capitalisation: Stat3 for STAT3), as a map target -> modes
CALL (z) {
  OPTIONAL MATCH (mt:Gene {species: 'mouse'})-[mr:REGULATES]->(mg:Gene {species: 'mouse'})
  WHERE z.species = 'human' AND mt.symbol = left(z.symbol, 1) + toLower(substring(z.symbol, 1))
  WITH toUpper(mg.symbol) AS target, mr.source + ' mouse: ' + coalesce(mr.mode, 'unknown') AS said
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
     [r IN rels | r.source + ': ' + CASE WHEN size(coalesce(r.modes, [])) > 1 THEN apoc.text.join(r.modes, ', ')
                                          ELSE coalesce(r.mode, CASE r.sign WHEN 1 THEN 'activation' WHEN -1 THEN 'repression'
                                                                 ELSE 'unknown' END) END
                  + CASE WHEN size(coalesce(r.pmids, [])) > 0 THEN ' (' + size(r.pmids) + ' PMIDs)' ELSE '' END]
     + CASE WHEN mouse[g.symbol] IS NULL THEN [] ELSE [mouse[g.symbol]] END AS curated,
     coalesce(sign, CASE WHEN size([r IN rels WHERE r.sign = 1]) > 0 AND size([r IN rels WHERE r.sign = -1]) = 0 THEN 1
                         WHEN size([r IN rels WHERE r.sign = -1]) > 0 AND size([r IN rels WHERE r.sign = 1]) = 0 THEN -1
                    END) AS s,
     COLLECT { MATCH (z)-[:ASSOCIATED_WITH]->(d:Disease)<-[:ASSOCIATED_WITH]-(g)
               WITH DISTINCT coalesce(d.name, d.cui) AS name
               WHERE NOT toLower(name) CONTAINS 'experimental' AND NOT toLower(name) CONTAINS 'animal'
               RETURN name ORDER BY coalesce(weight[name], 0) DESC, name } AS shared
RETURN z.symbol AS tf, g.symbol AS target,
       CASE WHEN block = 1 THEN 'known, not predicted' WHEN size(curated) > 0 THEN 'predicted, known'
            ELSE 'predicted, novel' END AS kind,
       CASE s WHEN 1 THEN 'activates' WHEN -1 THEN 'represses' END AS mode, tf_rank, round(percentile, 1) AS percentile,
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
       null AS mode, null AS tf_rank, null AS percentile, null AS score, null AS rank_in_run, null AS run_id,
       [] AS curated, null AS shared_diseases, [] AS example_diseases, null AS evidence
