// A run's predicted edges, best first within each TF, as columns (for validation against knockouts), with the
// predicted sign where the model has a sign head (0 otherwise) and the signed weight where the model learned one
// (motif-rnn's edge weights; otherwise the score).
// params: run_id
MATCH (t:Gene)-[p:PREDICTED_REGULATES {run_id: $run_id}]->(g:Gene)
WITH t.symbol AS tf, g.symbol AS target, p.score AS score, coalesce(p.sign, 0) AS sign, coalesce(p.weight, p.score) AS weight
ORDER BY tf, score DESC, target
RETURN collect(tf) AS tf, collect(target) AS target, collect(score) AS score, collect(sign) AS sign,
       collect(weight) AS weight
