// Browser: which TFs changed in this knockout? One measured knockout (experiment, else a knockout of tf, else the
// first by id): the TFs (a TF family from Lambert 2018 or AnimalTFDB once tf_families is ingested; else genes with
// literature-curated targets) whose own expression changed most (log2FC knockout vs
// control; padj <= 0.05, or |change| > 0.1 without p-values), each with its count of curated targets and its inferred
// activity rank where `tfkg benchmark knockouts` wrote one. The knocked-out gene is named, never listed as a change.
// params: experiment (optional), tf (optional), species (optional, default 'human'), limit (optional, default 10)
// header: experiment, knocked_out
// columns: tf, log2fc, curated_targets, activity_rank
OPTIONAL MATCH (k:Knockout) WHERE NOT coalesce(k.simulated, false) AND ($experiment IS NULL OR k.experiment_id = $experiment)
WITH k ORDER BY EXISTS { (k)-[:KNOCKS_OUT]->(:Gene {symbol_upper: toUpper($tf), species: coalesce($species, 'human')}) } DESC,
                k.experiment_id
LIMIT 1
CALL apoc.util.validate($experiment IS NOT NULL AND k IS NULL, 'tfkg: no measured knockout %s in the graph', [$experiment])
WITH k, EXISTS { MATCH (d:Dataset) WHERE d.source IN ['Lambert2018', 'AnimalTFDB'] } AS families
CALL (k, families) {
  MATCH (k)-[a:AFFECTS]->(t:Gene)
  WHERE ((a.padj IS NOT NULL AND a.padj <= 0.05) OR (a.padj IS NULL AND abs(coalesce(a.log2fc, a.effect, 0.0)) > 0.1))
    AND NOT EXISTS { (k)-[:KNOCKS_OUT]->(t) }
    AND CASE WHEN families THEN t.tf_family_lambert IS NOT NULL OR t.tf_family_animaltfdb IS NOT NULL
             ELSE EXISTS { (t)-[:REGULATES {curated: true}]->() } END
  WITH t, coalesce(a.log2fc, a.effect) AS change, a.padj AS padj
  ORDER BY abs(change) DESC, t.symbol LIMIT toInteger(coalesce($limit, 10))
  RETURN t, change, padj
  UNION ALL
  // a knockout without a changed TF still answers
  WITH k WHERE NOT EXISTS { MATCH (k)-[a:AFFECTS]->(t:Gene) WHERE EXISTS { (t)-[:REGULATES {curated: true}]->() } }
  RETURN null AS t, null AS change, null AS padj
}
RETURN coalesce(k.experiment_id, 'no measured knockout in the graph (tfkg ingest morphic, or a de-table)') AS experiment,
       COLLECT { MATCH (k)-[:KNOCKS_OUT]->(p:Gene) RETURN p.symbol } AS knocked_out,
       coalesce(t.symbol, CASE WHEN k IS NOT NULL THEN 'no TF with curated targets changed' END) AS tf,
       round(change, 2) AS log2fc, padj,
       CASE WHEN t IS NOT NULL THEN COUNT { (t)-[:REGULATES {curated: true}]->() } END AS curated_targets,
       COLLECT { MATCH (k)-[x:TF_ACTIVITY]->(t) RETURN x.regulons + ' #' + x.rank + ' of ' + x.n_tfs } AS activity_rank
