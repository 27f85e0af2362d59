// The evidence for one TF -> target pair: curated edges, every run's prediction, shared diseases (by name), motif-prior
// hits, TFs that share targets with the TF and regulate this target, and every knockout of the TF with
// the target's recorded change there (effect null: the target did not change significantly).
// tf_found / target_found say whether each gene is in the graph (the lists are then empty).
// Symbols match case-insensitively (the exact spelling wins); target null: the TF's best predicted target.
// params: tf, target (optional), species (optional, default 'human')
WITH coalesce($species, 'human') AS species
OPTIONAL MATCH (z:Gene {species: species}) WHERE toUpper(z.symbol) = toUpper($tf)
WITH species, z ORDER BY z.symbol = $tf DESC LIMIT 1
OPTIONAL MATCH (z)-[best:PREDICTED_REGULATES]->(top:Gene) WHERE $target IS NULL
WITH species, z, top ORDER BY best.tf_rank, best.rank LIMIT 1
OPTIONAL MATCH (g:Gene {species: species}) WHERE toUpper(g.symbol) = toUpper(coalesce($target, top.symbol))
WITH z, g ORDER BY g.symbol = $target DESC LIMIT 1
RETURN coalesce(z.symbol, $tf) AS tf, coalesce(g.symbol, $target) AS target, z IS NOT NULL AS tf_found,
       g IS NOT NULL AS target_found,
  COLLECT { MATCH (z)-[r:REGULATES]->(g) RETURN DISTINCT {source: r.source, mode: r.mode, sign: r.sign, modes: r.modes,
                                                     mode_pmids: r.mode_pmids, n_pmids: size(coalesce(r.pmids, []))} } AS known,
  COLLECT { MATCH (z)-[p:PREDICTED_REGULATES]->(g)
            RETURN {run_id: p.run_id, model: p.model, score: p.score, rank: p.rank, tf_rank: p.tf_rank,
                    percentile: p.percentile, evidence: p.evidence, sign: p.sign} } AS predictions,
  COLLECT { MATCH (z)-[:ASSOCIATED_WITH]->(d:Disease)<-[:ASSOCIATED_WITH]-(g)
            RETURN DISTINCT coalesce(d.name, d.cui) } AS shared_diseases,
  COLLECT { MATCH (z)-[m:MOTIF_PRIOR]->(g) RETURN DISTINCT m.source } AS motif_prior,
  COLLECT { MATCH (z)-[:REGULATES]->(x:Gene)<-[:REGULATES]-(o:Gene)-[:REGULATES]->(g)
            WHERE o <> z
            WITH o, count(DISTINCT x) AS shared ORDER BY shared DESC, o.symbol LIMIT 5
            RETURN {tf: o.symbol, shared_targets: shared} } AS similar_tfs,
  COLLECT { MATCH (k:Knockout)-[:KNOCKS_OUT]->(z) OPTIONAL MATCH (k)-[a:AFFECTS]->(g)
            RETURN {experiment: k.experiment_id, simulated: coalesce(k.simulated, false), context: coalesce(k.description, k.context),
                    effect: coalesce(a.effect, a.log2fc), padj: a.padj} } AS knockouts
