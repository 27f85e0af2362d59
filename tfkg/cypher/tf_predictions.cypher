// A TF's predicted targets from ONE run beside its known targets. The run: run_id if given (an unknown id is an error
// naming the runs there are), else the pinned default run (`tfkg runs default RUN`) when it covers the TF, else the
// newest complete run that does; `run` names it and says which rule chose it, `run_about` says what it is.
// kind: 'predicted, novel', 'predicted, known' (a literature-curated edge: TRRUST, CollecTRI, OmniPath, DoRothEA A-C),
// 'predicted, known in mouse' (TRRUST mouse, through each mouse gene's one best human ortholog: a paralog family is
// never fanned out) or 'known, not predicted'. predicted_mode: the model's sign where its sign head is confident
// (the run's description states how often it was right out of fold), flagged where it CONFLICTS with the curated
// mode; curated_mode: activation / repression / mixed from the curated sources. knockout: the target in the TF's
// measured knockouts (knockout vs control), flags first: 'n agree, n disagree, n unchanged' against the curated mode
// (the predicted one where none is curated), then the changes. curated: each literature source with its modes,
// DoRothEA level and PubMed count; other_sources: edges that are not literature (benchmark ground truths,
// data-derived DoRothEA D/E), named as such. example_diseases: the diseases the listed targets most often share
// with the TF. Symbols match case-insensitively (the exact spelling wins); an unknown TF is an error that says so.
// params: tf (symbol), run_id (optional), species (optional, default 'human'), limit (optional, default 100)
// header: tf, run, run_about
// columns: target, kind, predicted_mode, curated_mode, knockout, tf_rank, score
WITH coalesce($species, 'human') AS species, toInteger(coalesce($limit, 100)) AS k
OPTIONAL MATCH (z:Gene {symbol_upper: toUpper($tf), species: species})
WITH species, k, z ORDER BY z.symbol = $tf DESC LIMIT 1
CALL apoc.util.validate(z IS NULL, 'tfkg: no gene %s (species %s) in the graph', [$tf, species])
OPTIONAL MATCH (asked:ModelRun {run_id: $run_id})
CALL apoc.util.validate($run_id IS NOT NULL AND asked IS NULL, 'tfkg: no run %s; runs in the graph (newest first): %s',
  [$run_id, apoc.text.join(COLLECT { MATCH (r:ModelRun) WITH r ORDER BY r.created_at DESC RETURN r.run_id LIMIT 12 }, ', ')])
CALL (z, asked) {
  OPTIONAL MATCH (r:ModelRun) WHERE asked IS NULL AND r.status IN ['complete', 'done']
  WITH r ORDER BY coalesce(r.default, false) DESC, r.created_at DESC
  WHERE asked IS NOT NULL OR EXISTS { (z)-[:PREDICTED_REGULATES {run_id: r.run_id}]->() }
  WITH collect(r) AS ok
  WITH coalesce(asked, ok[0]) AS run
  RETURN run, run.run_id AS run_id,
         run.run_id + CASE WHEN asked IS NOT NULL THEN '' WHEN run.default THEN ' (the default run)'
                           ELSE ' (newest covering the TF; pin one: tfkg runs default RUN)' END AS run_label
}
// the TF's mouse claims (TRRUST mouse), each mouse gene mapped to its one best human ortholog (HCOP: ORTHOLOG.best;
// without HCOP, MGI capitalisation: Stat3 for STAT3)
CALL (z) {
  WITH z, EXISTS { ()-[:ORTHOLOG]->() } AS hcop
  UNWIND CASE WHEN hcop THEN COLLECT { MATCH (z)-[:ORTHOLOG {best: true}]->(mt:Gene {species: 'mouse'}) RETURN mt }
              ELSE COLLECT { MATCH (mt:Gene {species: 'mouse', symbol: left(z.symbol, 1) + toLower(substring(z.symbol, 1))})
                             RETURN mt } END AS mt
  MATCH (mt)-[mr:REGULATES]->(mg:Gene {species: 'mouse'})
  UNWIND CASE WHEN hcop THEN COLLECT { MATCH (mg)<-[:ORTHOLOG {best: true}]-(hg:Gene {species: 'human'}) RETURN hg.symbol }
              ELSE COLLECT { MATCH (hg:Gene {species: 'human', symbol: toUpper(mg.symbol)}) RETURN hg.symbol } END AS target
  WITH target, mr.source + ' mouse (' + mt.symbol + ' -> ' + mg.symbol + '): ' + coalesce(mr.mode, 'unknown')
       + CASE WHEN size(coalesce(mr.pmids, [])) > 0 THEN ' (' + size(mr.pmids) + ' PMIDs)' ELSE '' END AS said,
       mr.sign AS sign
  RETURN apoc.map.fromPairs(collect([target, {said: said, sign: sign}])) AS mouse
}
// the TF's diseases, read once (each row's target checks its own diseases against them)
WITH z, run, run_id, run_label, mouse, k, COLLECT { MATCH (z)-[:ASSOCIATED_WITH]->(d:Disease) RETURN d } AS zd
CALL (z, run_id, k, mouse) {
  MATCH (z)-[p:PREDICTED_REGULATES {run_id: run_id}]->(g:Gene)
  WITH p, g ORDER BY p.tf_rank, p.rank LIMIT toInteger(coalesce($limit, 100))
  RETURN g, p.score AS score, p.rank AS rank, p.tf_rank AS tf_rank, p.percentile AS percentile, p.evidence AS evidence,
         p.sign AS sign, 0 AS block, 0 AS cites
  UNION
  WITH z, COLLECT { MATCH (z)-[p:PREDICTED_REGULATES {run_id: run_id}]->(x) RETURN x } AS predicted
  MATCH (z)-[r:REGULATES {curated: true}]->(g:Gene)
  WHERE NOT g IN predicted
  WITH g, sum(size(coalesce(r.pmids, []))) AS cites ORDER BY cites DESC, g.symbol LIMIT toInteger(coalesce($limit, 100))
  RETURN g, null AS score, null AS rank, null AS tf_rank, null AS percentile, null AS evidence, null AS sign,
         1 AS block, cites
}
WITH z, zd, run_id, run_label, run, mouse, g, score, rank, tf_rank, percentile, evidence, sign, block, cites
ORDER BY block, tf_rank, rank, cites DESC, g.symbol
LIMIT toInteger(coalesce($limit, 100))
WITH z, run_id, run_label, run, mouse, zd, g, score, rank, tf_rank, percentile, evidence, sign, block,
     COLLECT { MATCH (z)-[r:REGULATES]->(g) RETURN r } AS rels, mouse[g.symbol] AS mo
WITH z, zd, run_id, run_label, run, g, score, rank, tf_rank, percentile, evidence, sign, block, mo,
     [r IN rels WHERE r.curated] AS cur, [r IN rels WHERE NOT coalesce(r.curated, false)] AS other
WITH z, zd, run_id, run_label, run, g, score, rank, tf_rank, percentile, evidence, sign, block, mo, cur, other,
     [r IN cur WHERE r.sign = 1 OR 'activation' IN coalesce(r.modes, [])] + [x IN [mo] WHERE x.sign = 1] AS up,
     [r IN cur WHERE r.sign = -1 OR 'repression' IN coalesce(r.modes, [])] + [x IN [mo] WHERE x.sign = -1] AS down
WITH z, zd, run_id, run_label, run, g, score, rank, tf_rank, percentile, evidence, sign, block, mo, cur, other,
     CASE WHEN size(up) > 0 AND size(down) > 0 THEN 'mixed' WHEN size(up) > 0 THEN 'activation'
          WHEN size(down) > 0 THEN 'repression' END AS curated_mode
// the target in the TF's measured knockouts (never the knocked-out gene itself): significant changes
// (padj <= 0.05, or |change| > 0.1 without p-values); agreement is judged against the curated mode, else the predicted
WITH z, zd, run_id, run_label, run, g, score, rank, tf_rank, percentile, evidence, sign, block, mo, cur, other,
     curated_mode, CASE curated_mode WHEN 'activation' THEN 1 WHEN 'repression' THEN -1 WHEN 'mixed' THEN null
                                     ELSE sign END AS s,
     COLLECT { MATCH (ko:Knockout)-[:KNOCKS_OUT]->(z) WHERE NOT coalesce(ko.simulated, false) AND g <> z
               OPTIONAL MATCH (ko)-[a:AFFECTS]->(g)
               RETURN CASE WHEN (a.padj IS NOT NULL AND a.padj <= 0.05)
                                OR (a.padj IS NULL AND abs(coalesce(a.log2fc, a.effect, 0.0)) > 0.1)
                           THEN coalesce(a.log2fc, a.effect) ELSE 'unchanged' END AS c } AS kos,
     COLLECT { MATCH (g)-[:ASSOCIATED_WITH]->(d:Disease) WHERE d IN zd
               WITH DISTINCT coalesce(d.name, d.cui) AS name
               WHERE NOT toLower(name) CONTAINS 'experimental' AND NOT toLower(name) CONTAINS 'animal'
               RETURN name } AS shared
WITH collect({z: z, run_id: run_id, run_label: run_label, run: run, g: g, score: score, tf_rank: tf_rank, rank: rank,
              percentile: percentile, evidence: evidence, sign: sign, block: block, mo: mo, cur: cur, other: other,
              curated_mode: curated_mode, s: s, kos: kos, shared: shared}) AS rows
// rank each row's diseases by how many of the listed targets share them
WITH rows, apoc.coll.frequenciesAsMap(apoc.coll.flatten([x IN rows | x.shared])) AS freq
UNWIND rows AS x
WITH x, freq, [c IN x.kos WHERE c <> 'unchanged'] AS changes
RETURN x.z.symbol AS tf, x.g.symbol AS target,
       CASE WHEN x.block = 1 THEN 'known, not predicted' WHEN size(x.cur) > 0 THEN 'predicted, known'
            WHEN x.mo IS NOT NULL THEN 'predicted, known in mouse' ELSE 'predicted, novel' END AS kind,
       CASE x.sign WHEN 1 THEN 'activates' WHEN -1 THEN 'represses' END
       + CASE WHEN x.sign IS NOT NULL AND x.curated_mode IN ['activation', 'repression']
                   AND (x.sign = 1) <> (x.curated_mode = 'activation')
              THEN ' (CONFLICTS with curated ' + x.curated_mode + ')' ELSE '' END AS predicted_mode,
       x.curated_mode AS curated_mode,
       CASE WHEN size(x.kos) = 0 THEN null
            ELSE CASE WHEN x.s IS NULL THEN size(changes) + ' changed, '
                      ELSE size([c IN changes WHERE (c < 0) = (x.s > 0)]) + ' agree, '
                           + size([c IN changes WHERE (c < 0) <> (x.s > 0)]) + ' disagree, ' END
                 + (size(x.kos) - size(changes)) + ' unchanged'
                 + CASE WHEN size(changes) > 0
                        THEN ': ' + apoc.text.join([c IN changes[..3] | CASE WHEN c > 0 THEN '+' ELSE '' END
                                                                         + toString(round(c, 2))], ', ')
                             + CASE WHEN size(changes) > 3 THEN ' …' ELSE '' END
                        ELSE '' END END AS knockout,
       x.tf_rank AS tf_rank, round(x.percentile, 1) AS percentile, round(x.score, 3) AS score, x.run_label AS run,
       x.rank AS rank_in_run, x.run_id AS run_id,
       [r IN x.cur | r.source + coalesce(' ' + r.confidence, '') + ': '
                     + CASE WHEN size(coalesce(r.modes, [])) > 1 AND r.mode_pmids IS NOT NULL
                            THEN apoc.text.join([i IN range(0, size(r.modes) - 1) | r.modes[i] + ' ×' + r.mode_pmids[i]], ', ')
                            ELSE coalesce(r.mode, CASE r.sign WHEN 1 THEN 'activation' WHEN -1 THEN 'repression'
                                                              ELSE 'mode unknown' END) END
                     + CASE WHEN size(coalesce(r.pmids, [])) > 0 THEN ' (' + size(r.pmids) + ' PMIDs)' ELSE '' END]
       + [m IN [x.mo] WHERE m IS NOT NULL | m.said] AS curated,
       [r IN x.other | r.source + coalesce(' ' + r.confidence, '')
                       + CASE WHEN r.source = 'DoRothEA' THEN ' (data-derived)' ELSE ' (benchmark set)' END] AS other_sources,
       size(x.shared) AS shared_diseases,
       [e IN apoc.coll.sortMulti([n IN x.shared | {n: n, f: freq[n]}], ["f", "^n"])[..3] | e.n] AS example_diseases,
       x.evidence AS evidence, x.run.description AS run_about
UNION ALL
// nothing to show (a gene that is no TF anywhere, or a run that does not cover it): one row that says so
WITH coalesce($species, 'human') AS species
MATCH (z:Gene {symbol_upper: toUpper($tf), species: species})
WITH z ORDER BY z.symbol = $tf DESC LIMIT 1
WITH z WHERE NOT EXISTS { (z)-[:REGULATES {curated: true}]->() }
         AND NOT EXISTS { MATCH (z)-[p:PREDICTED_REGULATES]->() WHERE $run_id IS NULL OR p.run_id = $run_id }
RETURN z.symbol AS tf, null AS target,
       'nothing to show: ' + z.symbol + ' has no literature-curated target and no prediction'
       + CASE WHEN $run_id IS NULL THEN ' in any run' ELSE ' in run ' + $run_id END
       + ' (is it a TF? tfkg predict MODEL --per-tf K covers every TF of a dataset)' AS kind,
       null AS predicted_mode, null AS curated_mode, null AS knockout, null AS tf_rank, null AS percentile, null AS score,
       null AS run, null AS rank_in_run, null AS run_id, [] AS curated, [] AS other_sources, null AS shared_diseases, [] AS example_diseases, null AS evidence,
       null AS run_about
