// A run's predicted edges, best first within each TF, as columns (for validation against knockouts).
// params: run_id
MATCH (t:Gene)-[p:PREDICTED_REGULATES {run_id: $run_id}]->(g:Gene)
WITH t.symbol AS tf, g.symbol AS target, p.score AS score
ORDER BY tf, score DESC, target
RETURN collect(tf) AS tf, collect(target) AS target, collect(score) AS score
