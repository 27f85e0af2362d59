// Browser: which TFs regulate this gene? The literature-curated regulators (source, mode, DoRothEA level, PubMed
// count; most cited first) and the TFs ONE run predicts for it (run_id, else the pinned default run, else the newest
// complete run), each with the gene's rank among that TF's predictions, whether the
// edge is also curated, and the stated sign. A hub target that nearly every TF is predicted to regulate says how many
// of the run's TFs predict it. gene null: the most cited curated target of tf (the guide's TF), else VEGFA.
// Symbols match in any case.
// params: gene (optional), tf (optional), run_id (optional), species (optional, default 'human'), limit (optional, default 10)
// header: gene
// columns: regulator, kind, evidence
WITH coalesce($species, 'human') AS species, toInteger(coalesce($limit, 10)) AS k
OPTIONAL MATCH (:Gene {symbol_upper: toUpper($tf), species: species})-[r:REGULATES {curated: true}]->(t:Gene)
WHERE $gene IS NULL
WITH species, k, t ORDER BY size(coalesce(r.pmids, [])) DESC, t.symbol LIMIT 1
WITH species, k, coalesce($gene, t.symbol, 'VEGFA') AS asked
OPTIONAL MATCH (g:Gene {symbol_upper: toUpper(asked), species: species})
WITH species, asked, k, g ORDER BY g.symbol = asked DESC LIMIT 1
CALL apoc.util.validate($gene IS NOT NULL AND g IS NULL, 'tfkg: no gene %s (species %s) in the graph', [asked, species])
// the run: run_id, else the pinned default run, else the newest complete run with edges (one run, whether or not it
// predicts a regulator for this gene: a specificity-ranked run rightly predicts few for a hub target)
CALL () {
  OPTIONAL MATCH (r:ModelRun) WHERE r.run_id = $run_id OR ($run_id IS NULL AND r.status IN ['complete', 'done']
                                                           AND coalesce(r.edges, 0) > 0)
  WITH r ORDER BY coalesce(r.default, false) DESC, r.created_at DESC
  RETURN collect(r.run_id)[0] AS run_id
}
// the run's edges into the gene, read once (a hub target has thousands over all runs)
WITH g, k, run_id, COLLECT { MATCH (t:Gene)-[p:PREDICTED_REGULATES {run_id: run_id}]->(g) RETURN [t, p] } AS preds
CALL (g, k, run_id, preds) {
  MATCH (t:Gene)-[r:REGULATES {curated: true}]->(g) WHERE t <> g
  WITH t, collect(r) AS rels, sum(size(coalesce(r.pmids, []))) AS cites
  ORDER BY cites DESC, size(rels) DESC, t.symbol LIMIT toInteger(coalesce($limit, 10))
  RETURN 0 AS block, t.symbol AS regulator, 'curated' AS kind,
         apoc.text.join([r IN rels | r.source + coalesce(' ' + r.confidence, '') + ': ' + coalesce(r.mode, 'mode unknown')
                                     + CASE WHEN size(coalesce(r.pmids, [])) > 0 THEN ' (' + size(r.pmids) + ' PMIDs)'
                                            ELSE '' END], '; ') AS evidence,
         null AS tf_rank, cites
  UNION ALL
  UNWIND preds AS tp
  WITH g, run_id, size(preds) AS n_predicting, tp[0] AS t, tp[1] AS p
  ORDER BY p.tf_rank, p.rank LIMIT toInteger(coalesce($limit, 10))
  RETURN 1 AS block, t.symbol AS regulator,
         CASE WHEN EXISTS { (t)-[:REGULATES {curated: true}]->(g) } THEN 'predicted, known' ELSE 'predicted, novel' END AS kind,
         '#' + p.tf_rank + ' of ' + t.symbol + "'s predictions in " + run_id
         + CASE p.sign WHEN 1 THEN ', predicted to activate' WHEN -1 THEN ', predicted to repress' ELSE '' END
         + ' (' + n_predicting + ' TFs of the run predict ' + g.symbol + ')' AS evidence,
         p.tf_rank AS tf_rank, null AS cites
}
RETURN g.symbol AS gene, regulator, kind, evidence, tf_rank
ORDER BY block, tf_rank, cites DESC, regulator
UNION ALL
// no gene asked and none to default to (the TF has no curated target, and no VEGFA): one row that says so
WITH coalesce($species, 'human') AS species
WITH species WHERE $gene IS NULL AND NOT EXISTS { (:Gene {symbol_upper: 'VEGFA', species: species}) }
  AND NOT EXISTS { (:Gene {symbol_upper: toUpper($tf), species: species})-[:REGULATES {curated: true}]->() }
RETURN null AS gene, null AS regulator, 'nothing to show: set gene (:param gene => "VEGFA")' AS kind, null AS evidence,
       null AS tf_rank
