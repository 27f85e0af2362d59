// A TF's predicted targets (PREDICTED_REGULATES scores and ranks) beside its known REGULATES targets, with the diseases each target shares with the TF.
// One row per target that is predicted, known, or both, best per-TF rank first. run_id null: predictions of every
// run (best rank kept). tf_rank: the target's rank among the TF's own predictions; percentile: share of the TF's
// candidates scored lower (both set by per-TF predictions); rank: the global rank in the run; mode: activates /
// represses where the predictions' sign head and the curated sources agree on one sign (null: unknown or mixed); example_diseases are
// names (UMLS CUI where a disease has no name); evidence: the model's reasons in words, where it gives them. The symbol matches case-insensitively (the exact spelling wins);
// an unknown TF is an error that says so. Browser: run the guide's :params step first.
// params: tf (symbol), run_id (optional, null for all runs), species (optional, default 'human'), limit (optional, default 100)
WITH coalesce($species, 'human') AS species
OPTIONAL MATCH (z:Gene {species: species}) WHERE toUpper(z.symbol) = toUpper($tf)
WITH species, z ORDER BY z.symbol = $tf DESC LIMIT 1
CALL apoc.util.validate(z IS NULL, 'tfkg: no gene %s (species %s) in the graph', [$tf, species])
CALL (z) {
  MATCH (z)-[p:PREDICTED_REGULATES]->(g:Gene)
  WHERE $run_id IS NULL OR p.run_id = $run_id
  RETURN g, p.score AS score, p.rank AS rank, p.tf_rank AS tf_rank, p.percentile AS percentile, p.run_id AS run_id,
         p.evidence AS evidence, p.sign AS sign
  UNION ALL
  MATCH (z)-[r:REGULATES]->(g:Gene)
  RETURN g, null AS score, null AS rank, null AS tf_rank, null AS percentile, null AS run_id, null AS evidence,
         r.sign AS sign
}
WITH z, g, min(rank) AS rank, min(tf_rank) AS tf_rank, max(percentile) AS percentile, max(score) AS score,
     collect(DISTINCT run_id) AS runs, head(collect(evidence)) AS evidence, collect(DISTINCT sign) AS signs
ORDER BY tf_rank IS NULL, tf_rank, rank IS NULL, rank, g.symbol
LIMIT toInteger(coalesce($limit, 100))
WITH z, g, rank, tf_rank, percentile, score, runs, evidence,
     CASE WHEN size(signs) <> 1 THEN null WHEN signs[0] > 0 THEN 'activates' WHEN signs[0] < 0 THEN 'represses' END AS mode,
     COLLECT { MATCH (z)-[r:REGULATES]->(g) RETURN DISTINCT r.source } AS known_sources,
     COLLECT { MATCH (z)-[:ASSOCIATED_WITH]->(d:Disease)<-[:ASSOCIATED_WITH]-(g) RETURN DISTINCT coalesce(d.name, d.cui) } AS shared
RETURN z.symbol AS tf, g.symbol AS target, mode, tf_rank, round(percentile, 1) AS percentile, round(score, 3) AS score,
       rank, runs, size(known_sources) > 0 AS known, known_sources, size(shared) AS shared_diseases,
       shared[..3] AS example_diseases, evidence
ORDER BY tf_rank IS NULL, tf_rank, rank IS NULL, rank, target
