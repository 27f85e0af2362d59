// The learned weights (or scores) of a run's predicted edges, as one column.
// params: run_id
MATCH ()-[r:PREDICTED_REGULATES {run_id: $run_id}]->()
RETURN collect(coalesce(r.weight, r.score)) AS weight
