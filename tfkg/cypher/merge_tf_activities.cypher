// TF activities inferred from knockout profiles by `tfkg benchmark knockouts` (after delete_tf_activities removed
// the set's old ones): one TF_ACTIVITY edge per (experiment, TF, regulon set, method). score: decoupler's activity,
// signed so that a loss of the TF's activity is positive (the knocked-out TF should score highest); rank: 1 = highest
// among the n_tfs TFs scored in that experiment.
// params: c (columns experiment, tf, regulons, method, score, rank, n_tfs), species
UNWIND range(0, size($c.experiment) - 1) AS i
WITH $c AS c, i
MATCH (k:Knockout {experiment_id: c.experiment[i]})
MATCH (t:Gene {symbol: c.tf[i], species: $species}) USING INDEX t:Gene(symbol, species)
CREATE (k)-[:TF_ACTIVITY {regulons: c.regulons[i], method: c.method[i], score: c.score[i], rank: c.rank[i],
                          n_tfs: c.n_tfs[i]}]->(t)
