// Browser: a run's simulated knockout of one TF beside the measured knockout(s) of the same gene, gene by gene.
// Genes without a measured change show null; sorted by the size of the simulated change. run_id / gene null: the
// newest simulated knockout (of that run / gene). The gene matches case-insensitively (simulated knockouts are few
// and their gene symbols carry their network, so no species parameter).
// Nothing to show gives one row whose `note` says why and which command makes it.
// params: run_id (optional), gene (optional), limit (optional, default 50)
CALL () {
  MATCH (sim:Knockout {simulated: true})-[:KNOCKS_OUT]->(tf:Gene)
  WHERE ($run_id IS NULL OR sim.run_id = $run_id) AND ($gene IS NULL OR toUpper(tf.symbol) = toUpper($gene))
  OPTIONAL MATCH (sim)-[:SIMULATED_BY]->(run:ModelRun)
  WITH sim, tf ORDER BY run.created_at DESC, tf.symbol = $gene DESC LIMIT 1
  MATCH (sim)-[s:AFFECTS]->(g:Gene)
  OPTIONAL MATCH (real:Knockout)-[:KNOCKS_OUT]->(tf)
  WHERE NOT coalesce(real.simulated, false) AND real.context = 'knockout'
  OPTIONAL MATCH (real)-[m:AFFECTS]->(g)
  RETURN sim.run_id AS run_id, tf.symbol AS knocked_out, g.symbol AS gene, round(s.effect, 3) AS simulated,
         round(coalesce(m.effect, m.log2fc), 3) AS measured, real.experiment_id AS measured_in
  ORDER BY abs(s.effect) DESC
  LIMIT toInteger(coalesce($limit, 50))
}
RETURN run_id, knocked_out, gene, simulated, measured, measured_in, null AS note
UNION ALL
WITH 1 AS one
WHERE NOT EXISTS { MATCH (sim:Knockout {simulated: true})-[:KNOCKS_OUT]->(tf:Gene)
                  WHERE ($run_id IS NULL OR sim.run_id = $run_id) AND ($gene IS NULL OR toUpper(tf.symbol) = toUpper($gene)) }
RETURN null AS run_id, null AS knocked_out, null AS gene, null AS simulated, null AS measured, null AS measured_in,
       'no simulated knockout' + CASE WHEN $gene IS NULL THEN '' ELSE ' of ' + $gene END
       + CASE WHEN $run_id IS NULL THEN '' ELSE ' in run ' + $run_id END
       + ' yet: tfkg simulate knockout MODEL --run RUN_ID --tf TF' AS note
