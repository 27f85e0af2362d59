// Browser: why one TF -> target pair — one readable row per piece of evidence, as `tfkg explain` prints it: curated
// sources (mode, PubMed count), each run's prediction (per-TF rank, percentile, sign, the model's reasons), shared
// diseases, motif-prior hits, TFs that share targets with the TF and regulate the target, and every measured
// knockout of the TF (log2FC knockout vs control; "no significant change" when the target did not move; whether
// it agrees with the curated sign). target null: the TF's best predicted target. Symbols match in any case.
// params: tf, target (optional), species (optional, default 'human')
WITH coalesce($species, 'human') AS species
OPTIONAL MATCH (z:Gene {species: species}) WHERE toUpper(z.symbol) = toUpper($tf)
WITH species, z ORDER BY z.symbol = $tf DESC LIMIT 1
CALL apoc.util.validate(z IS NULL, 'tfkg: no gene %s (species %s) in the graph', [$tf, species])
OPTIONAL MATCH (z)-[best:PREDICTED_REGULATES]->(top:Gene) WHERE $target IS NULL
WITH species, z, top ORDER BY best.tf_rank, best.rank LIMIT 1
OPTIONAL MATCH (g:Gene {species: species}) WHERE toUpper(g.symbol) = toUpper(coalesce($target, top.symbol))
WITH z, g ORDER BY g.symbol = $target DESC LIMIT 1
WITH z, g, [s IN COLLECT { MATCH (z)-[r:REGULATES]->(g) RETURN DISTINCT r.sign } WHERE s IN [1, -1]] AS signs
WITH z, g, CASE WHEN size(signs) = 1 THEN signs[0] END AS curated_sign
CALL (z, g, curated_sign) {
  WITH g WHERE g IS NULL
  RETURN 0 AS o, 'nothing to explain' AS evidence, null AS source,
         CASE WHEN $target IS NULL THEN 'no target given and the TF has no prediction to pick: set target (:param target => "GENE")'
              ELSE 'no gene ' + $target + ' in the graph' END AS detail
  UNION ALL
  MATCH (z)-[r:REGULATES]->(g)
  RETURN 1 AS o, 'curated' AS evidence, r.source AS source,
         CASE WHEN size(coalesce(r.modes, [])) > 1 AND r.mode_pmids IS NOT NULL
              THEN apoc.text.join([i IN range(0, size(r.modes) - 1) | r.modes[i] + ' ×' + r.mode_pmids[i]], ', ')
            WHEN size(coalesce(r.modes, [])) > 1 THEN apoc.text.join(r.modes, ', ')
            ELSE coalesce(r.mode, CASE r.sign WHEN 1 THEN 'activation' WHEN -1 THEN 'repression' ELSE 'mode unknown' END) END
         + CASE WHEN size(coalesce(r.pmids, [])) > 0 THEN ', ' + size(r.pmids) + ' PubMed ids' ELSE '' END AS detail
  UNION ALL
  MATCH (z)-[p:PREDICTED_REGULATES]->(g)
  RETURN 2 AS o, 'predicted' AS evidence, p.run_id + ' (' + p.model + ')' AS source,
         CASE WHEN p.tf_rank IS NULL THEN 'rank ' + p.rank + ' in the run'
              ELSE '#' + p.tf_rank + " of the TF's predictions, above " + p.percentile + '% of its candidates' END
         + ', score ' + toString(round(p.score, 3))
         + CASE p.sign WHEN 1 THEN ', predicted to activate' WHEN -1 THEN ', predicted to repress' ELSE '' END
         + CASE WHEN size(coalesce(p.evidence, [])) > 0 THEN '; reasons: ' + apoc.text.join(p.evidence, '; ') ELSE '' END
         AS detail
  UNION ALL
  WITH z, g, COLLECT { MATCH (z)-[:ASSOCIATED_WITH]->(d:Disease)<-[:ASSOCIATED_WITH]-(g)
                       RETURN DISTINCT coalesce(d.name, d.cui) } AS shared
  WHERE size(shared) > 0
  RETURN 3 AS o, 'shared diseases' AS evidence, size(shared) + ' diseases' AS source,
         apoc.text.join(shared[..8], ', ') + CASE WHEN size(shared) > 8 THEN ', …' ELSE '' END AS detail
  UNION ALL
  MATCH (z)-[m:MOTIF_PRIOR]->(g)
  RETURN DISTINCT 4 AS o, 'motif prior' AS evidence, m.source AS source, 'motif-scan hit of the TF near the target' AS detail
  UNION ALL
  MATCH (z)-[:REGULATES]->(x:Gene)<-[:REGULATES]-(t2:Gene)-[:REGULATES]->(g)
  WHERE t2 <> z
  WITH t2, count(DISTINCT x) AS shared ORDER BY shared DESC, t2.symbol LIMIT 5
  RETURN 5 AS o, 'similar TF' AS evidence, t2.symbol AS source,
         'shares ' + shared + ' targets with the TF and regulates the target' AS detail
  UNION ALL
  MATCH (k:Knockout)-[:KNOCKS_OUT]->(z) WHERE g IS NOT NULL
  OPTIONAL MATCH (k)-[a:AFFECTS]->(g)
  WITH k, coalesce(a.effect, a.log2fc) AS change, a.padj AS padj, curated_sign
  RETURN 6 AS o, CASE WHEN coalesce(k.simulated, false) THEN 'simulated knockout' ELSE 'measured knockout' END AS evidence,
         k.experiment_id + coalesce(' (' + coalesce(k.description, k.context) + ')', '') AS source,
         CASE WHEN change IS NULL THEN 'knocked out, no significant change in the target'
              ELSE 'log2FC knockout vs control ' + toString(round(change, 3)) + coalesce(', padj ' + toString(padj), '')
                   + CASE WHEN coalesce(k.simulated, false) OR curated_sign IS NULL THEN ''
                          WHEN (change < 0) = (curated_sign > 0) THEN '; agrees with the curated sign'
                          ELSE '; DISAGREES with the curated sign' END END AS detail
  UNION ALL
  WITH z WHERE g IS NOT NULL AND NOT EXISTS { (:Knockout)-[:KNOCKS_OUT]->(z) }
  RETURN 6 AS o, 'measured knockout' AS evidence, null AS source, 'no knockout of the TF in the graph' AS detail
}
RETURN z.symbol AS tf, coalesce(g.symbol, $target) AS target, evidence, source, detail
ORDER BY o, source
