// One ModelRun with all its properties. params: run_id
MATCH (r:ModelRun {run_id: $run_id})
RETURN properties(r) AS run
