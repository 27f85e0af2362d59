// Browser and `tfkg explain`: why one TF -> target pair, one readable row per piece of evidence. It follows ONE run
// (run_id, else the pinned default run covering the TF, else the newest complete one: the run step 1 shows), and its
// default target is that run's best prediction for the TF. Rows: the run; literature-curated sources (mode, DoRothEA
// level, PubMed count) and, apart, edges that are not literature (benchmark ground truths, data-derived DoRothEA D/E);
// the mouse claim through each mouse gene's one best human ortholog; the run's prediction (per-TF rank, percentile,
// stated sign, the model's reasons) and how many other runs predict the pair; ENCODE ChIP (cell lines); ARCHS4
// co-expression (rank); Pathway Commons "controls expression"; shared diseases; motif-prior hits; every measured knockout of the TF (log2FC knockout vs
// control, agreeing or DISAGREEING with the curated sign; the knocked-out gene is never its own target).
// Symbols match in any case. params: tf, target (optional), run_id (optional), species (optional, default 'human')
// header: tf, target
// columns: evidence, source, detail
WITH coalesce($species, 'human') AS species
OPTIONAL MATCH (z:Gene {symbol_upper: toUpper($tf), species: species})
WITH species, z ORDER BY z.symbol = $tf DESC LIMIT 1
CALL apoc.util.validate(z IS NULL, 'tfkg: no gene %s (species %s) in the graph', [$tf, species])
OPTIONAL MATCH (asked:ModelRun {run_id: $run_id})
CALL apoc.util.validate($run_id IS NOT NULL AND asked IS NULL, 'tfkg: no run %s (tfkg runs list)', [$run_id])
CALL (z, asked) {
  OPTIONAL MATCH (r:ModelRun) WHERE asked IS NULL AND r.status IN ['complete', 'done']
  WITH r ORDER BY coalesce(r.default, false) DESC, r.created_at DESC
  WHERE asked IS NOT NULL OR EXISTS { (z)-[:PREDICTED_REGULATES {run_id: r.run_id}]->() }
  WITH collect(r) AS ok
  RETURN coalesce(asked, ok[0]) AS run
}
OPTIONAL MATCH (z)-[best:PREDICTED_REGULATES {run_id: run.run_id}]->(top:Gene) WHERE $target IS NULL
WITH species, z, run, top ORDER BY best.tf_rank, best.rank LIMIT 1
OPTIONAL MATCH (g:Gene {symbol_upper: toUpper(coalesce($target, top.symbol)), species: species})
WITH z, run, g ORDER BY g.symbol = $target DESC LIMIT 1
WITH z, run, g, [s IN COLLECT { MATCH (z)-[r:REGULATES {curated: true}]->(g) RETURN DISTINCT r.sign } WHERE s IN [1, -1]] AS signs
WITH z, run, g, CASE WHEN size(signs) = 1 THEN signs[0] END AS curated_sign
CALL (z, run, g, curated_sign) {
  WITH g WHERE g IS NULL
  RETURN 0 AS o, 'nothing to explain' AS evidence, null AS source,
         CASE WHEN $target IS NULL THEN 'no target given and the run has no prediction for the TF: set target (:param target => "GENE")'
              ELSE 'no gene ' + $target + ' in the graph' END AS detail
  UNION ALL
  WITH run WHERE run IS NOT NULL
  RETURN 0 AS o, 'run' AS evidence, run.run_id + CASE WHEN run.default THEN ' (the default run)' ELSE '' END AS source,
         coalesce(run.description, run.model + ' ' + run.kind) AS detail
  UNION ALL
  MATCH (z)-[r:REGULATES]->(g)
  RETURN 1 AS o, CASE WHEN r.curated THEN 'curated' ELSE 'not literature' END AS evidence,
         r.source + coalesce(' ' + r.confidence, '') AS source,
         CASE WHEN size(coalesce(r.modes, [])) > 1 AND r.mode_pmids IS NOT NULL
              THEN apoc.text.join([i IN range(0, size(r.modes) - 1) | r.modes[i] + ' ×' + r.mode_pmids[i]], ', ')
            ELSE coalesce(r.mode, CASE r.sign WHEN 1 THEN 'activation' WHEN -1 THEN 'repression' ELSE 'mode unknown' END) END
         + CASE WHEN size(coalesce(r.pmids, [])) > 0 THEN ', ' + size(r.pmids) + ' PubMed ids' ELSE '' END
         + CASE WHEN r.curated THEN '' WHEN r.source = 'DoRothEA' THEN ' (data-derived, not literature)'
                ELSE ' (a benchmark ground truth, not literature)' END AS detail
  UNION ALL
  WITH z, g WHERE g IS NOT NULL AND NOT EXISTS { (z)-[:REGULATES {curated: true}]->(g) }
  RETURN 1 AS o, 'curated' AS evidence, null AS source,
         'not a known edge in any literature-curated source (a novel pair)' AS detail
  UNION ALL
  // mouse: the mouse genes whose best human orthologs are the TF and the target (HCOP; else MGI capitalisation)
  WITH z, g, EXISTS { ()-[:ORTHOLOG]->() } AS hcop
  UNWIND CASE WHEN hcop THEN COLLECT { MATCH (z)-[:ORTHOLOG {best: true}]->(m:Gene {species: 'mouse'}) RETURN m }
              ELSE COLLECT { MATCH (m:Gene {species: 'mouse', symbol: left(z.symbol, 1) + toLower(substring(z.symbol, 1))})
                             RETURN m } END AS mt
  UNWIND CASE WHEN hcop THEN COLLECT { MATCH (g)-[:ORTHOLOG {best: true}]->(m:Gene {species: 'mouse'}) RETURN m }
              ELSE COLLECT { MATCH (m:Gene {species: 'mouse', symbol: left(g.symbol, 1) + toLower(substring(g.symbol, 1))})
                             RETURN m } END AS mg
  MATCH (mt)-[mr:REGULATES]->(mg)
  RETURN 2 AS o, 'mouse' AS evidence, mr.source + ' mouse: ' + mt.symbol + ' -> ' + mg.symbol AS source,
         coalesce(mr.mode, 'mode unknown') + CASE WHEN size(coalesce(mr.pmids, [])) > 0
                                                  THEN ', ' + size(mr.pmids) + ' PubMed ids' ELSE '' END AS detail
  UNION ALL
  MATCH (z)-[p:PREDICTED_REGULATES {run_id: run.run_id}]->(g)
  RETURN 3 AS o, 'predicted' AS evidence, p.run_id + ' (' + p.model + ')' AS source,
         CASE WHEN p.tf_rank IS NULL THEN 'rank ' + p.rank + ' in the run'
              ELSE '#' + p.tf_rank + " of the TF's predictions, above " + p.percentile + '% of its candidates' END
         + ', score ' + toString(round(p.score, 3))
         + CASE p.sign WHEN 1 THEN ', predicted to activate' WHEN -1 THEN ', predicted to repress'
                ELSE ', no sign stated' END
         + CASE WHEN p.sign IS NOT NULL AND curated_sign IS NOT NULL AND p.sign <> curated_sign
                THEN ' (CONFLICTS with the curated sign)' ELSE '' END
         + CASE WHEN size(coalesce(p.evidence, [])) > 0 THEN '; reasons: ' + apoc.text.join(p.evidence, '; ') ELSE '' END
         AS detail
  UNION ALL
  WITH z, g, run WHERE g IS NOT NULL
  WITH run, COLLECT { MATCH (z)-[p:PREDICTED_REGULATES]->(g) WHERE p.run_id <> coalesce(run.run_id, '') RETURN p.run_id } AS others
  WHERE size(others) > 0
  RETURN 3 AS o, 'other runs' AS evidence, size(others) + ' runs' AS source,
         'also predicted by ' + apoc.text.join(others[..5], ', ') + CASE WHEN size(others) > 5 THEN ', …' ELSE '' END AS detail
  UNION ALL
  WITH z, g, COLLECT { MATCH (z)-[c:CHIP_BOUND]->(g) RETURN c } AS peaks
  WHERE size(peaks) > 0
  RETURN 4 AS o, 'ChIP-seq' AS evidence, peaks[0].source + ': ' + size(peaks) + ' experiments' AS source,
         'bound near the target in ' + apoc.text.join(apoc.coll.toSet([c IN peaks | c.cell_line])[..6], ', ')
         + ' (binding, not regulation)' AS detail
  UNION ALL
  MATCH (z)-[c:COEXPRESSED]->(g)
  RETURN 5 AS o, 'co-expression' AS evidence, c.source AS source,
         'the target is #' + c.rank + " of the TF's co-expressed genes" AS detail
  UNION ALL
  MATCH (z)-[c:CONTROLS_EXPRESSION]->(g)
  RETURN DISTINCT 5 AS o, 'controls expression' AS evidence, c.source AS source,
         'a pathway database records that the TF controls the expression of the target' AS detail
  UNION ALL
  WITH z, g, COLLECT { MATCH (z)-[:ASSOCIATED_WITH]->(d:Disease)<-[:ASSOCIATED_WITH]-(g)
                       RETURN DISTINCT coalesce(d.name, d.cui) } AS shared
  WHERE size(shared) > 0
  RETURN 6 AS o, 'shared diseases' AS evidence, size(shared) + ' diseases' AS source,
         apoc.text.join(shared[..8], ', ') + CASE WHEN size(shared) > 8 THEN ', …' ELSE '' END AS detail
  UNION ALL
  MATCH (z)-[m:MOTIF_PRIOR]->(g)
  RETURN DISTINCT 7 AS o, 'motif prior' AS evidence, m.source AS source, 'motif-scan hit of the TF near the target' AS detail
  UNION ALL
  MATCH (k:Knockout)-[:KNOCKS_OUT]->(z) WHERE g IS NOT NULL AND g <> z
  OPTIONAL MATCH (k)-[a:AFFECTS]->(g)
  WITH k, coalesce(a.effect, a.log2fc) AS change, a.padj AS padj, curated_sign
  RETURN 9 AS o, CASE WHEN coalesce(k.simulated, false) THEN 'simulated knockout' ELSE 'measured knockout' END AS evidence,
         k.experiment_id + coalesce(' (' + coalesce(k.description, k.context) + ')', '') AS source,
         CASE WHEN change IS NULL THEN 'knocked out, no significant change in the target'
              ELSE 'log2FC knockout vs control ' + toString(round(change, 3)) + coalesce(', padj ' + toString(padj), '')
                   + CASE WHEN coalesce(k.simulated, false) OR curated_sign IS NULL THEN ''
                          WHEN (change < 0) = (curated_sign > 0) THEN '; agrees with the curated sign'
                          ELSE '; DISAGREES with the curated sign' END END AS detail
  UNION ALL
  WITH z, g WHERE g IS NOT NULL AND g = z
  RETURN 9 AS o, 'knockout' AS evidence, null AS source,
         'the target is the TF itself: its knockouts change it by construction, not as a target' AS detail
  UNION ALL
  WITH z WHERE g IS NOT NULL AND NOT EXISTS { (:Knockout)-[:KNOCKS_OUT]->(z) }
  RETURN 9 AS o, 'measured knockout' AS evidence, null AS source,
         'no knockout of the TF in the graph (' + COUNT { (:Knockout)-[:KNOCKS_OUT]->() } + ' knockouts of other genes)' AS detail
}
RETURN z.symbol AS tf, coalesce(g.symbol, $target) AS target, evidence, source, detail
ORDER BY o, source
