// How many predicted edges a run wrote.
// params: run_id
MATCH ()-[r:PREDICTED_REGULATES {run_id: $run_id}]->()
RETURN count(r) AS n
